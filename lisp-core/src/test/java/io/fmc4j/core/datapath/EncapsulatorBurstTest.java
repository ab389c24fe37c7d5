/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fmc4j.api.Afi;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ITR's in-place path ({@link Encapsulator#onPacket} over the map-cache's own reader) and its burst path
 * ({@link Encapsulator#onBurst}) against its general path (every mapping looked up and copied, one packet at a
 * time): the same packets, in the same order, must leave the same bytes on the RLOC side, the same ICMP errors on
 * the EID side, the same Map-Request events and the same counters, with and without the DIR-24-8 table, across
 * bursts longer than the internal lookup burst, for a mix of hits (nested prefixes, longer than /24 too), misses,
 * negative mappings, malformed, IPv6 and too-big packets.
 */
class EncapsulatorBurstTest extends DataPathTestSupport
{
    private static final int SLOT = 2048;
    private static final int HEADROOM = 128;
    private static final int PACKETS = 300;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldGiveTheSameOutcomeAsOnePacketAtATime(final boolean directTable) throws Exception
    {
        clock.update(1_000_000_000L);
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(4096).clock(clock)
            .ipv4DirectInstanceIds(directTable ? new int[] {IID} : new int[0]));
        try
        {
            fill();
            final List<byte[]> packets = packets();
            final Run general = new Run(true);
            final Run one = new Run(false);
            final Run burst = new Run(false);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PACKETS * SLOT]);
            load(buffer, packets);
            for (int i = 0; i < packets.size(); i++)
            {
                general.encapsulator.onPacket(buffer, i * SLOT + HEADROOM, packets.get(i).length, null);
            }
            load(buffer, packets);
            for (int i = 0; i < packets.size(); i++)
            {
                one.encapsulator.onPacket(buffer, i * SLOT + HEADROOM, packets.get(i).length, null);
            }
            load(buffer, packets);
            final MutableDirectBuffer[] buffers = new MutableDirectBuffer[packets.size()];
            final int[] offsets = new int[packets.size()];
            final int[] lengths = new int[packets.size()];
            for (int i = 0; i < packets.size(); i++)
            {
                buffers[i] = buffer;
                offsets[i] = i * SLOT + HEADROOM;
                lengths[i] = packets.get(i).length;
            }
            // Bursts of varying sizes, some longer than Encapsulator.BURST.
            int done = 0;
            final int[] sizes = {1, 32, 33, 7, 64, 100};
            for (int k = 0; done < packets.size(); k++)
            {
                final int n = Math.min(sizes[k % sizes.length], packets.size() - done);
                final MutableDirectBuffer[] b = new MutableDirectBuffer[n];
                final int[] o = new int[n];
                final int[] l = new int[n];
                System.arraycopy(buffers, done, b, 0, n);
                System.arraycopy(offsets, done, o, 0, n);
                System.arraycopy(lengths, done, l, 0, n);
                burst.encapsulator.onBurst(b, o, l, n);
                done += n;
            }

            assertSame(general, one);
            assertSame(general, burst);
        }
        finally
        {
            closeCache();
        }
    }

    private static void assertSame(final Run expected, final Run actual)
    {
        final Run one = expected;
        final Run burst = actual;
        {
            assertTrue(one.rloc.packets.size() > PACKETS / 3, "most packets encapsulated: " + one.rloc.packets.size());
            assertTrue(one.eid.packets.size() > 0, "some ICMP errors");
            assertTrue(one.counters.get(DataPathCounters.ITR_MISS) > 0, "some misses");
            assertTrue(one.counters.get(DataPathCounters.ITR_DROP_NEGATIVE) > 0, "some negative drops");
            assertTrue(one.counters.get(DataPathCounters.ITR_DROP_MALFORMED) > 0, "some malformed");
            assertSamePackets(one.rloc.packets, burst.rloc.packets, "RLOC side");
            assertSamePackets(one.eid.packets, burst.eid.packets, "EID side");
            for (int id = 0; id < DataPathCounters.SLOTS; id++)
            {
                if (DataPathCounters.isCounter(id))
                {
                    assertEquals(one.counters.get(id), burst.counters.get(id), DataPathCounters.name(id));
                }
            }
            final RecordingEvents oneEvents = one.recorded();
            final RecordingEvents burstEvents = burst.recorded();
            assertEquals(oneEvents.mapRequests.size(), burstEvents.mapRequests.size());
            assertTrue(oneEvents.mapRequests.size() > 0);
            for (int i = 0; i < oneEvents.mapRequests.size(); i++)
            {
                assertArrayEquals(oneEvents.mapRequests.get(i), burstEvents.mapRequests.get(i));
            }
        }
    }

    private void fill()
    {
        for (int i = 0; i < 64; i++)
        {
            putIpv4(IID, Packets.ipv4(10, 2, i, 0), 24,
                ipv4Locators(Packets.ipv4(198, 51, 100, i), 1, 30, Packets.ipv4(203, 0, 113, i), 1, 70));
        }
        putIpv4(IID, Packets.ipv4(10, 3, 0, 0), 16, ipv4Locators(RLOC_1, 1, 100));
        putIpv4(IID, Packets.ipv4(10, 3, 7, 16), 28, ipv4Locators(RLOC_2, 1, 100, RLOC_1, 2, 100));
        assertEquals(MapCacheStatus.OK, cache.put(IID, Afi.IPV4, 24, (long)Packets.ipv4(10, 4, 0, 0) << 32, 0L,
            new MappingBuilder().action(MapAction.DROP_NO_REASON).ttlMinutes(5)));
        assertEquals(MapCacheStatus.OK, cache.put(IID, Afi.IPV6, 48, 0x2001_0db8_0002_0000L, 0L,
            ipv4Locators(RLOC_1, 1, 100)));
    }

    private static List<byte[]> packets()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final UnsafeBuffer p = new UnsafeBuffer(new byte[SLOT]);
        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++)
        {
            final int kind = random.nextInt(20);
            final int source = HOST_A + random.nextInt(50);
            final int port = 1024 + random.nextInt(60000);
            final int length;
            if (kind < 10)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 2, random.nextInt(64), 1 + random.nextInt(250)),
                    port, 80, 64 + random.nextInt(200), true);
            }
            else if (kind < 12)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 3, 7, random.nextInt(64)), port, 80, 100,
                    true);
            }
            else if (kind < 13)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 9, random.nextInt(4), 1), port, 80, 80, true);
            }
            else if (kind < 14)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 4, 0, 9), port, 80, 80, true);
            }
            else if (kind < 15)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 2, 1, 1), port, 80, 100, true);
                p.putByte(10, (byte)(p.getByte(10) ^ 0x5A));
            }
            else if (kind < 16)
            {
                length = 12;
                p.putByte(0, (byte)0x45);
            }
            else if (kind < 18)
            {
                length = Packets.ipv6Udp(p, 0, 0x2001_0db8_0001_0000L, 5, 0x2001_0db8_0002_0000L,
                    random.nextInt(9), port, 120);
            }
            else if (kind < 19)
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 2, 5, 5), port, 80, 1200, true);
            }
            else
            {
                length = Packets.ipv4Udp(p, 0, source, Packets.ipv4(10, 2, 6, 6), port, 80, 1200, false);
            }
            packets.add(bytes(p, 0, length));
        }
        return packets;
    }

    private static void load(final UnsafeBuffer buffer, final List<byte[]> packets)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        for (int i = 0; i < packets.size(); i++)
        {
            buffer.putBytes(i * SLOT + HEADROOM, packets.get(i));
        }
    }

    private static void assertSamePackets(final List<byte[]> expected, final List<byte[]> actual, final String side)
    {
        assertEquals(expected.size(), actual.size(), side);
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), side + " packet " + i);
        }
    }

    private final class Run
    {
        final RecordingPacketIo rloc = new RecordingPacketIo();
        final RecordingPacketIo eid = new RecordingPacketIo();
        final DataPathCounters counters = new DataPathCounters();
        final DataPathEventRing events = new DataPathEventRing(1 << 16);
        final Encapsulator encapsulator;
        private final RecordingEvents recorded = new RecordingEvents();

        RecordingEvents recorded()
        {
            events.drain(recorded, 1 << 16);
            return recorded;
        }

        Run(final boolean general)
        {
            final XtrDataPlane.Context ctx = context(RlocMode.IP).nonce(false).locatorStatusBits(1).rlocMtu(1000)
                .conclude();
            final MapCacheReader reader = cache.newReader(clock);
            encapsulator = new Encapsulator(ctx, general ? new CopyingReader(reader) : reader, rloc, counters,
                new PendingRequests(1024, 1000, 1000), events, clock);
            encapsulator.port(eid, IID);
        }
    }

    /**
     * Hides the map-cache's own reader type, so that the ITR takes its general path (lookup and copy) for every
     * packet: the reference for the in-place and burst paths.
     */
    static final class CopyingReader implements MapCacheReader
    {
        private final MapCacheReader reader;

        CopyingReader(final MapCacheReader reader)
        {
            this.reader = reader;
        }

        @Override
        public int lookup(
            final int instanceId, final int afi, final DirectBuffer buffer, final int offset, final MappingView out)
        {
            return reader.lookup(instanceId, afi, buffer, offset, out);
        }

        @Override
        public int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
        {
            return reader.lookup(instanceId, afi, hi, lo, out);
        }

        @Override
        public int lookupIpv4(final int instanceId, final int address, final MappingView out)
        {
            return reader.lookupIpv4(instanceId, address, out);
        }
    }

    /**
     * Keeps a copy of every packet offered.
     */
    static class RecordingPacketIo implements PacketIo
    {
        final List<byte[]> packets = new ArrayList<>();
        private final PacketIoCounters counters = new PacketIoCounters();

        @Override
        public String providerName()
        {
            return "recording";
        }

        @Override
        public String description()
        {
            return "recording";
        }

        @Override
        public int headroom()
        {
            return HEADROOM;
        }

        @Override
        public int mtu()
        {
            return 9000;
        }

        @Override
        public int poll(final PacketHandler handler, final int limit)
        {
            return 0;
        }

        @Override
        public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            packets.add(bytes);
            return length;
        }

        @Override
        public int flush()
        {
            return 0;
        }

        @Override
        public int registerNextHop(final InetSocketAddress destination)
        {
            return NO_NEXT_HOP;
        }

        @Override
        public PacketIoCounters counters()
        {
            return counters;
        }

        @Override
        public int state()
        {
            return STATE_ACTIVE;
        }

        @Override
        public Throwable failureCause()
        {
            return null;
        }

        @Override
        public void close()
        {
        }
    }
}
