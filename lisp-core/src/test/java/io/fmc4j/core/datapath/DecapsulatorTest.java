/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.List;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.codec.LispDataHeader;
import io.fmc4j.core.codec.LispDataHeaderEncoder;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DecapsulatorTest extends DataPathTestSupport
{
    private static final int WIRE = 128;

    private final DataPathEventRing events = new DataPathEventRing(1 << 16);
    private final PendingRequests pending = new PendingRequests(1024, 1000, 1000);
    private final UnsafeBuffer wire = new UnsafeBuffer(new byte[4096]);
    private MemoryXtr a;
    private MemoryXtr b;

    @BeforeEach
    void setUp() throws Exception
    {
        openCache();
        putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_2, 1, 1));
        putIpv4(IID, Packets.ipv4(10, 1, 0, 0), 16, ipv4Locators(RLOC_1, 1, 1));
    }

    @AfterEach
    void tearDown()
    {
        if (a != null)
        {
            a.close();
        }
        if (b != null)
        {
            b.close();
        }
        closeCache();
    }

    @ParameterizedTest
    @ValueSource(ints = {RlocMode.IP, RlocMode.UDP_SOCKET})
    void shouldCarryPacketsBothWaysFromItrToEtrUnchanged(final int mode)
    {
        final MemoryLink link = MemoryLink.create("wire", new PacketIoConfig().mtu(9000));
        a = new MemoryXtr("a", context(mode), pending, events, link.endpointA(), IID);
        b = new MemoryXtr("b", context(mode), pending, events, link.endpointB(), IID);
        for (int size = 28; size <= 1464; size += 61)
        {
            final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, size, 80, size, true);
            final byte[] sent = bytes(packet, 0, length);
            a.send(0, packet, length);
            a.pump();
            b.pump();
            final List<byte[]> received = drain(b.hosts[0]);
            assertEquals(1, received.size(), () -> "a: " + a.counters + " b: " + b.counters);
            assertArrayEquals(sent, received.get(0));

            final int back = Packets.ipv4Udp(packet, 0, HOST_B, HOST_A, 80, size, size, true);
            final byte[] reply = bytes(packet, 0, back);
            b.send(0, packet, back);
            b.pump();
            a.pump();
            assertArrayEquals(reply, drain(a.hosts[0]).get(0));
        }
        assertEquals(b.count(DataPathCounters.ETR_DECAPSULATED), a.count(DataPathCounters.ITR_ENCAPSULATED));
    }

    @ParameterizedTest
    @ValueSource(ints = {RlocMode.IP, RlocMode.UDP_SOCKET})
    void shouldForwardTrafficForADepartedEidToItsNewRlocWithTheTtlDecremented(final int mode)
    {
        // b (RLOC 192.0.2.1) forwards departed EIDs; its map-cache says 10.2.0.0/16 lives at RLOC_2 only, so a
        // packet that a sent it for 10.2.3.4 goes back out, re-encapsulated, and a (the peer on the link) delivers.
        final MemoryLink link = MemoryLink.create("wire", new PacketIoConfig().mtu(9000));
        a = new MemoryXtr("a", context(mode), pending, events, link.endpointA(), IID);
        b = new MemoryXtr("b", context(mode).forwardDeparted(true), pending, events, link.endpointB(), IID);

        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1000, 80, 100, true);
        final byte[] sent = bytes(packet, 0, length);
        a.send(0, packet, length);
        a.pump();
        b.pump();
        a.pump();
        assertEquals(1, b.count(DataPathCounters.ETR_REDIRECTED), () -> "b: " + b.counters);
        assertEquals(0, drain(b.hosts[0]).size(), "not delivered where the EID left");
        final byte[] forwarded = drain(a.hosts[0]).get(0);
        assertEquals((sent[8] & 0xFF) - 1, forwarded[8] & 0xFF, "inner TTL decremented");
        final UnsafeBuffer header = new UnsafeBuffer(forwarded);
        assertEquals(0, io.fmc4j.core.codec.ip.InternetChecksum.checksum(header, 0, 20), "inner checksum still valid");
        sent[8] = forwarded[8];
        sent[10] = forwarded[10];
        sent[11] = forwarded[11];
        assertArrayEquals(sent, forwarded, "otherwise unchanged");

    }

    @Test
    void shouldDeliverAsUsualWhatTheMapCacheServesHereOrDoesNotKnow()
    {
        // The mapping of 10.3.0.0/16 lists this xTR's RLOC (192.0.2.1); 10.9.9.9 is not in the cache.
        putIpv4(IID, Packets.ipv4(10, 3, 0, 0), 16, ipv4Locators(Packets.ipv4(192, 0, 2, 1), 1, 1, RLOC_2, 2, 1));
        b = new MemoryXtr("b", context(RlocMode.IP).forwardDeparted(true), pending, events, IID);
        for (final int destination : new int[] {Packets.ipv4(10, 3, 0, 9), Packets.ipv4(10, 9, 9, 9)})
        {
            final int length = build(LispPorts.DATA, LispDataHeader.FLAG_I, IID, 0x45);
            final int inner = WIRE + 36;
            wire.putInt(inner + 16, destination, java.nio.ByteOrder.BIG_ENDIAN);
            wire.putShort(inner + 10, (short)0);
            wire.putShort(inner + 10, (short)io.fmc4j.core.codec.ip.InternetChecksum.checksum(wire, inner, 20),
                java.nio.ByteOrder.BIG_ENDIAN);
            b.network.offer(wire, WIRE, length, 0);
        }
        b.pump();
        assertEquals(2, b.count(DataPathCounters.ETR_DECAPSULATED), () -> "b: " + b.counters);
        assertEquals(0, b.count(DataPathCounters.ETR_REDIRECTED));
        assertEquals(2, drain(b.hosts[0]).size());
    }

    @Test
    void shouldDropADepartedEidsPacketWhoseTtlRunsOut()
    {
        final MemoryLink link = MemoryLink.create("wire", new PacketIoConfig().mtu(9000));
        a = new MemoryXtr("a", context(RlocMode.UDP_SOCKET), pending, events, link.endpointA(), IID);
        b = new MemoryXtr("b", context(RlocMode.UDP_SOCKET).forwardDeparted(true), pending, events,
            link.endpointB(), IID);
        final int length = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1000, 80, 100, true);
        packet.putByte(8, (byte)1);
        packet.putShort(10, (short)0);
        packet.putShort(10, (short)io.fmc4j.core.codec.ip.InternetChecksum.checksum(packet, 0, 20),
            java.nio.ByteOrder.BIG_ENDIAN);
        a.send(0, packet, length);
        a.pump();
        b.pump();
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_REDIRECT));
        assertEquals(0, b.count(DataPathCounters.ETR_REDIRECTED));
        assertEquals(0, drain(b.hosts[0]).size());
    }

    @Test
    void shouldDropEachKindOfBadPacketUnderItsOwnCounter()
    {
        b = new MemoryXtr("b", context(RlocMode.IP).etrChecksumPolicy(IpUdp.CHECKSUM_VERIFY), pending, events, IID);
        final PacketIo network = b.network;

        build(LispPorts.DATA, LispDataHeader.FLAG_I, IID, 0x45);
        network.offer(wire, WIRE, 10, 0);
        offer(network, LispPorts.CONTROL, LispDataHeader.FLAG_N | LispDataHeader.FLAG_I, IID, 0x45);
        offer(network, LispPorts.DATA, LispDataHeader.FLAG_N | LispDataHeader.FLAG_V, IID, 0x45);
        offer(network, LispPorts.DATA, LispDataHeader.FLAG_I, 0x999, 0x45);
        offer(network, LispPorts.DATA, LispDataHeader.FLAG_I, IID, 0x55);
        final int length = build(LispPorts.DATA, LispDataHeader.FLAG_I, IID, 0x45);
        wire.putByte(WIRE + Ipv4Header.CHECKSUM_OFFSET, (byte)~wire.getByte(WIRE + Ipv4Header.CHECKSUM_OFFSET));
        network.offer(wire, WIRE, length, 0);
        offer(network, LispPorts.DATA, LispDataHeader.FLAG_I, IID, 0x45);
        b.pump();

        assertEquals(7, b.count(DataPathCounters.ETR_RX_PACKETS));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_TRUNCATED));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_BAD_PORT));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_NONCE_AND_VERSION));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_UNKNOWN_INSTANCE_ID));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_BAD_INNER));
        assertEquals(1, b.count(DataPathCounters.ETR_DROP_BAD_OUTER));
        assertEquals(1, b.count(DataPathCounters.ETR_DECAPSULATED));
        assertEquals(1, drain(b.hosts[0]).size());
    }

    @Test
    void shouldHandEchoNonceRequestsAndLsbChangesToTheControlAgentOnce()
    {
        b = new MemoryXtr("b", context(RlocMode.IP), pending, events, IID);
        final int echo = LispDataHeader.FLAG_N | LispDataHeader.FLAG_E | LispDataHeader.FLAG_I | LispDataHeader.FLAG_L;
        offer(b.network, LispPorts.DATA, echo, IID, 0x45, 0xABCDE, 0x01);
        offer(b.network, LispPorts.DATA, echo, IID, 0x45, 0xABCDE, 0x01);
        offer(b.network, LispPorts.DATA, echo, IID, 0x45, 0x12345, 0x03);
        offer(b.network, LispPorts.DATA, LispDataHeader.FLAG_I | LispDataHeader.FLAG_L, IID, 0x45, 0, 0x03);
        b.pump();
        assertEquals(4, b.count(DataPathCounters.ETR_DECAPSULATED));

        final RecordingEvents recorded = new RecordingEvents();
        assertEquals(4, events.drain(recorded, 100));
        assertEquals(2, recorded.echoNonces.size());
        assertEquals(0xABCDE, recorded.echoNonces.get(0)[4]);
        assertEquals(0x12345, recorded.echoNonces.get(1)[4]);
        assertEquals((long)RLOC_1 << 32, recorded.echoNonces.get(0)[2], "the remote RLOC is the outer source");
        assertEquals(2, recorded.lsbs.size());
        assertEquals(-1, recorded.lsbs.get(0)[4]);
        assertEquals(1, recorded.lsbs.get(0)[5]);
        assertEquals(1, recorded.lsbs.get(1)[4]);
        assertEquals(3, recorded.lsbs.get(1)[5]);
    }

    private void offer(final PacketIo network, final int port, final int flags, final int iid, final int innerFirst)
    {
        offer(network, port, flags, iid, innerFirst, 0x11111, 0);
    }

    private void offer(final PacketIo network, final int port, final int flags, final int iid, final int innerFirst,
        final int nonce, final int lsb)
    {
        network.offer(wire, WIRE, build(port, flags, iid, innerFirst, nonce, lsb), 0);
    }

    private int build(final int port, final int flags, final int iid, final int innerFirst)
    {
        return build(port, flags, iid, innerFirst, 0x11111, 0);
    }

    private int build(final int port, final int flags, final int iid, final int innerFirst, final int nonce,
        final int lsb)
    {
        final int inner = WIRE + 36;
        final int innerLength = Packets.ipv4Udp(wire, inner, HOST_A, HOST_B, 1, 2, 100, true);
        wire.putByte(inner, (byte)innerFirst);
        final LispDataHeaderEncoder encoder = new LispDataHeaderEncoder().wrap(wire, WIRE + 28);
        wire.putInt(WIRE + 28, (flags << 24) | nonce, java.nio.ByteOrder.BIG_ENDIAN);
        wire.putInt(WIRE + 32, (iid << 8) | lsb, java.nio.ByteOrder.BIG_ENDIAN);
        IpUdp.writeIpv4Udp(wire, WIRE, RLOC_1, LOCAL_RLOC, 0xC001, port, innerLength + 8, 64, false);
        return encoder.encodedLength() + 28 + innerLength;
    }
}
