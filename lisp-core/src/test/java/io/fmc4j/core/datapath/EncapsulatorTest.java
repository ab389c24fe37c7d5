/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.Arrays;
import java.util.List;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.core.codec.LispDataHeaderDecoder;
import io.fmc4j.core.codec.ip.InternetChecksum;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncapsulatorTest extends DataPathTestSupport
{
    private final DataPathEventRing events = new DataPathEventRing(1 << 16);
    private final PendingRequests pending = new PendingRequests(1024, 1000, 1000);
    private final LispDataHeaderDecoder lisp = new LispDataHeaderDecoder();
    private MemoryXtr xtr;

    @BeforeEach
    void setUp() throws Exception
    {
        openCache();
        putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 100));
    }

    @AfterEach
    void tearDown()
    {
        if (xtr != null)
        {
            xtr.close();
        }
        closeCache();
    }

    @Test
    void shouldEncapsulateIpv4InIpv4WithOuterHeadersLispHeaderAndTheInnerPacketUntouched()
    {
        xtr = new MemoryXtr("a", context(RlocMode.IP).locatorStatusBits(0x03), pending, events, IID);
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 5000, 80, 100, true);
        final byte[] inner = bytes(packet, 0, length);
        xtr.send(0, packet, length);
        xtr.pump();

        final List<byte[]> out = drain(xtr.network);
        assertEquals(1, out.size());
        final UnsafeBuffer wire = new UnsafeBuffer(out.get(0));
        assertEquals(length + 36, wire.capacity());
        final int lispOffset = IpUdp.parseIpUdp(wire, 0, wire.capacity(), IpUdp.CHECKSUM_VERIFY);
        assertEquals(28, lispOffset);
        assertEquals(LOCAL_RLOC, Ipv4Header.sourceAddress(wire, 0));
        assertEquals(RLOC_1, Ipv4Header.destinationAddress(wire, 0));
        assertEquals(33, wire.getByte(Ipv4Header.TTL_OFFSET) & 0xFF, "outer TTL copied from the inner one");
        assertEquals(0x28, wire.getByte(Ipv4Header.TOS_OFFSET) & 0xFF, "outer TOS copied from the inner one");
        assertEquals(LispPorts.DATA, UdpHeader.destinationPort(wire, 20));
        assertTrue(UdpHeader.sourcePort(wire, 20) >= 0xC000, "source port in the ephemeral range");
        assertEquals(0, UdpHeader.checksum(wire, 20), "zero UDP checksum over IPv4");
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[28]);
        IpUdp.writeIpv4Udp(expected, 0, LOCAL_RLOC, RLOC_1, UdpHeader.sourcePort(wire, 20), LispPorts.DATA,
            length + 8, 33, 0x28, 0, true, false);
        assertArrayEquals(expected.byteArray(), Arrays.copyOf(out.get(0), 28), "same bytes as IpUdp.writeIpv4Udp");

        lisp.wrap(wire, lispOffset);
        assertTrue(lisp.noncePresent());
        assertFalse(lisp.mapVersionPresent());
        assertTrue(lisp.instanceIdPresent());
        assertTrue(lisp.locatorStatusBitsEnabled());
        assertEquals(IID, lisp.instanceId());
        assertEquals(0x03, lisp.locatorStatusBits());
        assertArrayEquals(inner, Arrays.copyOfRange(out.get(0), 36, out.get(0).length));
        assertEquals(1, xtr.count(DataPathCounters.ITR_ENCAPSULATED));
        assertEquals(length + 36, xtr.count(DataPathCounters.ITR_TX_BYTES));
    }

    @Test
    void shouldEncapsulateIpv6InIpv6WithTheLocalIpv6Rloc()
    {
        final long eidHi = 0x2001_0db8_0002_0000L;
        final UnsafeBuffer rloc = new UnsafeBuffer(new byte[16]);
        rloc.putLong(0, 0x2001_0db8_ffff_0000L, BIG_ENDIAN);
        rloc.putLong(8, 7L, BIG_ENDIAN);
        assertEquals(MapCacheStatus.OK, cache.put(IID, Afi.IPV6, 48, eidHi, 0L, new MappingBuilder()
            .addLocator(Afi.IPV6, rloc, 0, REACHABLE, 1, 1, 255, 0)));
        xtr = new MemoryXtr("a", context(RlocMode.IP).localRloc(address("2001:db8:1::1")).nonce(false), pending,
            events, IID);

        final int length = Packets.ipv6Udp(packet, 0, 0x2001_0db8_0001_0000L, 5, eidHi, 9, 4000, 300);
        xtr.send(0, packet, length);
        xtr.pump();

        final List<byte[]> out = drain(xtr.network);
        assertEquals(1, out.size());
        final UnsafeBuffer wire = new UnsafeBuffer(out.get(0));
        final int lispOffset = IpUdp.parseIpUdp(wire, 0, wire.capacity(), IpUdp.CHECKSUM_VERIFY_ZERO_ALLOWED);
        assertEquals(48, lispOffset);
        assertEquals(0x2001_0db8_0001_0000L, wire.getLong(Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN));
        assertEquals(1L, wire.getLong(Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN));
        assertEquals(0x2001_0db8_ffff_0000L, wire.getLong(Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN));
        assertEquals(7L, wire.getLong(Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN));
        assertEquals(44, wire.getByte(Ipv6Header.HOP_LIMIT_OFFSET) & 0xFF);
        lisp.wrap(wire, lispOffset);
        assertFalse(lisp.noncePresent());
        assertEquals(IID, lisp.instanceId());
        assertFalse(lisp.locatorStatusBitsEnabled());
        assertEquals(length + 56, wire.capacity());
    }

    @Test
    void shouldSendMapVersionsInsteadOfANonceWhenVersioning()
    {
        putIpv4(IID, Packets.ipv4(10, 3, 0, 0), 16, ipv4Locators(RLOC_1, 1, 1).mapVersion(0x0AB));
        xtr = new MemoryXtr("a", context(RlocMode.IP).mapVersioning(true).sourceMapVersion(0x123), pending, events,
            IID);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 3, 0, 1), 1, 2, 60, false));
        xtr.pump();
        final UnsafeBuffer wire = new UnsafeBuffer(drain(xtr.network).get(0));
        lisp.wrap(wire, 28);
        assertTrue(lisp.mapVersionPresent());
        assertFalse(lisp.noncePresent());
        assertEquals(0x123, lisp.sourceMapVersion());
        assertEquals(0x0AB, lisp.destinationMapVersion());
        assertEquals(DecodeStatus.OK, io.fmc4j.core.codec.LispDataHeader.validate(wire, 28, 8));
    }

    @Test
    void shouldWriteOnlyTheLispHeaderForAUdpSocketRlocDeviceAndLeaveTheIBitClearForInstanceZero()
    {
        putIpv4(0, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_2, 1, 1));
        xtr = new MemoryXtr("a", context(RlocMode.UDP_SOCKET).locatorStatusBits(0x1), pending, events, 0);
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 5000, 80, 64, true);
        final byte[] inner = bytes(packet, 0, length);
        xtr.send(0, packet, length);
        xtr.pump();
        final List<byte[]> out = drain(xtr.network);
        assertEquals(1, out.size());
        assertEquals(length + 8, out.get(0).length);
        lisp.wrap(new UnsafeBuffer(out.get(0)), 0);
        assertFalse(lisp.instanceIdPresent());
        assertTrue(lisp.noncePresent());
        assertEquals(1, lisp.locatorStatusBits());
        assertArrayEquals(inner, Arrays.copyOfRange(out.get(0), 8, out.get(0).length));
        assertEquals(1, xtr.count(DataPathCounters.ITR_NEXT_HOPS_REGISTERED));
    }

    @Test
    void shouldKeepAFlowOnOneRlocAndSourcePortAndSpreadFlowsByWeight()
    {
        putIpv4(IID, Packets.ipv4(10, 4, 0, 0), 16, ipv4Locators(RLOC_1, 1, 25, RLOC_2, 1, 75));
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);
        final int flows = 4000;
        int toSecond = 0;
        for (int f = 0; f < flows; f++)
        {
            final int flow = f;
            int rloc = 0;
            int port = -1;
            for (int repeat = 0; repeat < 3; repeat++)
            {
                xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 4, 0, 1), 1024 + flow, 80,
                    60 + repeat, true));
                xtr.pump();
                final List<byte[]> out = drain(xtr.network);
                assertEquals(1, out.size(), () -> "flow " + flow + ": " + xtr.counters);
                final UnsafeBuffer wire = new UnsafeBuffer(out.get(0));
                final int destination = Ipv4Header.destinationAddress(wire, 0);
                final int sourcePort = UdpHeader.sourcePort(wire, 20);
                if (repeat > 0)
                {
                    assertEquals(rloc, destination, "a flow stays on its RLOC");
                    assertEquals(port, sourcePort, "a flow keeps its outer source port");
                }
                rloc = destination;
                port = sourcePort;
            }
            if (rloc == RLOC_2)
            {
                toSecond++;
            }
        }
        final double share = toSecond / (double)flows;
        assertTrue(share > 0.70 && share < 0.80, "weight 75 of 100 got " + share);
    }

    @Test
    void shouldCountPacketsWhoseMappingHasNoUsableLocator()
    {
        final MappingBuilder mapping = new MappingBuilder()
            .addIpv4Locator(RLOC_1, 0, 1, 100, 255, 0)
            .addIpv4Locator(RLOC_2, REACHABLE, 255, 100, 255, 0);
        putIpv4(IID, Packets.ipv4(10, 5, 0, 0), 16, mapping);
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 5, 0, 1), 1, 2, 60, true));
        xtr.pump();
        assertEquals(0, drain(xtr.network).size());
        assertEquals(1, xtr.count(DataPathCounters.ITR_DROP_NO_LOCATOR));
    }

    @Test
    void shouldDropAndCountMalformedInnerPackets()
    {
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 2, 60, true);
        packet.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, (short)200, BIG_ENDIAN);
        xtr.send(0, packet, length);
        packet.putByte(0, (byte)0x55);
        xtr.send(0, packet, length);
        xtr.send(0, packet, 3);
        xtr.pump();
        assertEquals(3, xtr.count(DataPathCounters.ITR_DROP_MALFORMED));
        assertEquals(0, drain(xtr.network).size());
    }

    @Test
    void shouldAskForAMappingOncePerEidUntilTheRetryIntervalPasses()
    {
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);
        final int unknown = Packets.ipv4(10, 9, 9, 9);
        for (int i = 0; i < 5; i++)
        {
            xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, unknown, 1000 + i, 80, 60, true));
        }
        xtr.pump();
        assertEquals(5, xtr.count(DataPathCounters.ITR_MISS));
        assertEquals(1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED));
        assertEquals(4, xtr.count(DataPathCounters.ITR_MAP_REQUEST_PENDING));
        final RecordingEvents recorded = new RecordingEvents();
        assertEquals(1, events.drain(recorded, 10));
        final long[] request = recorded.mapRequests.get(0);
        assertEquals(IID, request[0]);
        assertEquals(Afi.IPV4, request[1]);
        assertEquals(32, request[2]);
        assertEquals((long)unknown << 32, request[3]);
        assertEquals((long)HOST_A << 32, request[5]);

        clock.advance(999);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, unknown, 1, 80, 60, true));
        xtr.pump();
        assertEquals(1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED));
        clock.advance(20);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, unknown, 1, 80, 60, true));
        xtr.pump();
        assertEquals(2, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED), "asked again after the retry interval");

        putIpv4(IID, Packets.ipv4(10, 9, 0, 0), 16, ipv4Locators(RLOC_1, 1, 1));
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, unknown, 1, 80, 60, true));
        xtr.pump();
        assertEquals(1, drain(xtr.network).size(), "encapsulated once the control plane installed the mapping");
    }

    @Test
    void shouldTreatAnExpiredMappingAsAMiss()
    {
        putIpv4(IID, Packets.ipv4(10, 6, 0, 0), 16, ipv4Locators(RLOC_1, 1, 1).ttlMinutes(1));
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);
        clock.advance(61_000);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 6, 0, 1), 1, 80, 60, true));
        xtr.pump();
        assertEquals(1, xtr.count(DataPathCounters.ITR_MISS));
        assertEquals(1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED));
    }

    @Test
    void shouldRateLimitMapRequestsOverAllEids()
    {
        final PendingRequests limited = new PendingRequests(1024, 1000, 3);
        xtr = new MemoryXtr("a", context(RlocMode.IP), limited, events, IID);
        for (int i = 0; i < 10; i++)
        {
            xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 9, 1, i), 1, 80, 60, true));
        }
        xtr.pump();
        assertEquals(3, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED));
        assertEquals(7, xtr.count(DataPathCounters.ITR_MAP_REQUEST_RATE_LIMITED));
        clock.advance(1000);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 9, 1, 9), 1, 80, 60, true));
        xtr.pump();
        assertEquals(4, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED), "a rate-limited EID is not held back");
    }

    @Test
    void shouldCountAFullEventQueueAndAskAgainOnceItDrains()
    {
        final DataPathEventRing small = new DataPathEventRing(1024);
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, small, IID);
        for (int i = 0; i < 30; i++)
        {
            xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 9, 2, i), 1, 80, 60, true));
        }
        xtr.pump();
        final long queued = xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED);
        assertTrue(queued > 0 && queued < 30, "queued " + queued);
        assertEquals(30 - queued, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUE_FULL));
        assertEquals(30 - queued, small.dropped());
        assertEquals(queued, small.drain(new RecordingEvents(), 100));
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 9, 2, 29), 1, 80, 60, true));
        xtr.pump();
        assertEquals(queued + 1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED));
    }

    @Test
    void shouldActOnNegativeMappings()
    {
        putIpv4(IID, Packets.ipv4(10, 7, 0, 0), 16, new MappingBuilder().action(MapAction.DROP_POLICY_DENIED));
        putIpv4(IID, Packets.ipv4(10, 8, 0, 0), 16, new MappingBuilder().action(MapAction.NATIVELY_FORWARD));
        putIpv4(IID, Packets.ipv4(10, 10, 0, 0), 16, new MappingBuilder().action(MapAction.SEND_MAP_REQUEST));
        xtr = new MemoryXtr("a", context(RlocMode.IP), pending, events, IID);

        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 7, 0, 1), 1, 80, 60, true));
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 8, 0, 1), 1, 80, 70, true);
        final byte[] nativePacket = bytes(packet, 0, length);
        xtr.send(0, packet, length);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 10, 7, 1), 1, 80, 60, true));
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 10, 8, 1), 1, 80, 60, true));
        xtr.pump();

        assertEquals(1, xtr.count(DataPathCounters.ITR_DROP_NEGATIVE));
        assertEquals(1, xtr.count(DataPathCounters.ITR_NATIVELY_FORWARDED));
        final List<byte[]> out = drain(xtr.network);
        assertEquals(1, out.size());
        assertArrayEquals(nativePacket, out.get(0), "natively forwarded without encapsulation");
        assertEquals(1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_QUEUED), "one request for the whole prefix");
        assertEquals(1, xtr.count(DataPathCounters.ITR_MAP_REQUEST_PENDING));
        final RecordingEvents recorded = new RecordingEvents();
        events.drain(recorded, 10);
        assertEquals(16, recorded.mapRequests.get(0)[2]);
        assertEquals((long)Packets.ipv4(10, 10, 0, 0) << 32, recorded.mapRequests.get(0)[3]);
    }

    @Test
    void shouldNotForwardNativelyThroughAUdpSocket()
    {
        putIpv4(IID, Packets.ipv4(10, 8, 0, 0), 16, new MappingBuilder().action(MapAction.NATIVELY_FORWARD));
        xtr = new MemoryXtr("a", context(RlocMode.UDP_SOCKET), pending, events, IID);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 8, 0, 1), 1, 80, 60, true));
        xtr.pump();
        assertEquals(1, xtr.count(DataPathCounters.ITR_DROP_NATIVE_UNSUPPORTED));
    }

    @Test
    void shouldSendIcmpFragmentationNeededForATooBigIpv4PacketWithDf()
    {
        xtr = new MemoryXtr("a", context(RlocMode.IP).rlocMtu(1000), pending, events, IID);
        xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 80, 964, true));
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 80, 965, true);
        final byte[] original = bytes(packet, 0, length);
        xtr.send(0, packet, length);
        xtr.pump();

        final List<byte[]> wire = drain(xtr.network);
        assertEquals(1, wire.size(), "964 bytes + 36 fit 1000");
        assertEquals(1000, wire.get(0).length);
        assertEquals(1, xtr.count(DataPathCounters.ITR_DROP_TOO_BIG));
        assertEquals(1, xtr.count(DataPathCounters.ITR_ICMP_TOO_BIG_SENT));
        final List<byte[]> back = drain(xtr.hosts[0]);
        assertEquals(1, back.size());
        final UnsafeBuffer icmp = new UnsafeBuffer(back.get(0));
        assertEquals(DecodeStatus.OK, Ipv4Header.validate(icmp, 0, icmp.capacity()));
        assertTrue(Ipv4Header.isChecksumValid(icmp, 0));
        assertEquals(1, Ipv4Header.protocol(icmp, 0));
        assertEquals(HOST_B, Ipv4Header.sourceAddress(icmp, 0));
        assertEquals(HOST_A, Ipv4Header.destinationAddress(icmp, 0));
        assertEquals(3, icmp.getByte(20));
        assertEquals(4, icmp.getByte(21));
        assertEquals(964, icmp.getShort(26, BIG_ENDIAN) & 0xFFFF, "next-hop MTU = RLOC MTU - 36");
        assertEquals(0, InternetChecksum.fold(InternetChecksum.sum(icmp, 20, icmp.capacity() - 20)) ^ 0xFFFF);
        assertArrayEquals(Arrays.copyOf(original, icmp.capacity() - 28),
            Arrays.copyOfRange(back.get(0), 28, back.get(0).length), "quotes the start of the invoking packet");
        assertEquals(576, icmp.capacity());
    }

    @Test
    void shouldSendIcmpv6PacketTooBigForATooBigIpv6Packet()
    {
        final long eidHi = 0x2001_0db8_0002_0000L;
        assertEquals(MapCacheStatus.OK, cache.put(IID, Afi.IPV6, 48, eidHi, 0L, ipv4Locators(RLOC_1, 1, 1)));
        xtr = new MemoryXtr("a", context(RlocMode.IP).rlocMtu(1400), pending, events, IID);
        xtr.send(0, packet, Packets.ipv6Udp(packet, 0, 0x2001_0db8_0001_0000L, 5, eidHi, 9, 4000, 1365));
        xtr.pump();
        assertEquals(0, drain(xtr.network).size());
        final List<byte[]> back = drain(xtr.hosts[0]);
        assertEquals(1, back.size());
        final UnsafeBuffer icmp = new UnsafeBuffer(back.get(0));
        assertEquals(DecodeStatus.OK, Ipv6Header.validate(icmp, 0, icmp.capacity()));
        assertEquals(58, Ipv6Header.nextHeader(icmp, 0));
        assertEquals(2, icmp.getByte(40));
        assertEquals(1364, icmp.getInt(44, BIG_ENDIAN), "MTU = RLOC MTU - 36 over an IPv4 RLOC");
        assertEquals(eidHi, icmp.getLong(Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN));
        assertEquals(0x2001_0db8_0001_0000L, icmp.getLong(Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN));
        final long sum = Ipv6Header.addressSum(icmp, 0) + InternetChecksum.sum(icmp.capacity() - 40) + 58 +
            InternetChecksum.sum(icmp, 40, icmp.capacity() - 40);
        assertEquals(0xFFFF, InternetChecksum.fold(sum), "ICMPv6 checksum verifies");
        assertEquals(1280, icmp.capacity());
    }

    @Test
    void shouldFragmentATooBigIpv4PacketWithoutDfIntoEncapsulatedInnerFragments()
    {
        xtr = new MemoryXtr("a", context(RlocMode.IP).rlocMtu(1000), pending, events, IID);
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 80, 2500, false);
        final byte[] original = bytes(packet, 0, length);
        xtr.send(0, packet, length);
        xtr.pump();

        final List<byte[]> wire = drain(xtr.network);
        assertEquals(1, xtr.count(DataPathCounters.ITR_FRAGMENTED));
        assertEquals(3, wire.size());
        final byte[] reassembled = new byte[length - 20];
        int covered = 0;
        for (int i = 0; i < wire.size(); i++)
        {
            final byte[] outer = wire.get(i);
            assertTrue(outer.length <= 1000, "outer packet fits the RLOC MTU: " + outer.length);
            final UnsafeBuffer inner = new UnsafeBuffer(outer, 36, outer.length - 36);
            assertEquals(DecodeStatus.OK, Ipv4Header.validate(inner, 0, inner.capacity()));
            assertTrue(Ipv4Header.isChecksumValid(inner, 0));
            final int flags = Ipv4Header.flagsAndFragmentOffset(inner, 0);
            assertEquals(i < 2, (flags & Ipv4Header.FLAG_MF) != 0);
            final int fragmentOffset = (flags & Ipv4Header.FRAGMENT_OFFSET_MASK) * 8;
            final int data = Ipv4Header.totalLength(inner, 0) - 20;
            inner.getBytes(20, reassembled, fragmentOffset, data);
            covered += data;
        }
        assertEquals(length - 20, covered);
        assertArrayEquals(Arrays.copyOfRange(original, 20, length), reassembled);
    }

    @Test
    void shouldReportADeviceFailingMidRunOnceAndKeepServingTheOthers()
    {
        putIpv4(7, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 1));
        xtr = new MemoryXtr("a", context(RlocMode.IP).errorHandler(ex ->
        {
        }), pending, events, IID, 7);
        xtr.hosts[0].close();
        xtr.send(1, packet, Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 80, 60, true));
        xtr.pump();
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1, 80, 60, true);
        // An ICMP error offered back to the closed host link fails that device.
        xtr.eids[0].offer(packet, 0, length, 0);
        for (int i = 0; i < 3; i++)
        {
            xtr.send(1, packet, length);
            xtr.pump();
        }
        assertEquals(1, xtr.count(DataPathCounters.AGENT_DEVICE_FAILURES));
        assertEquals(4, xtr.count(DataPathCounters.ITR_ENCAPSULATED), "the other EID device kept working");
        assertEquals(4, drain(xtr.network).size());
    }
}
