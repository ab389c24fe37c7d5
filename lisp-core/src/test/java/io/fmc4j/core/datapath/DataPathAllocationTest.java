/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.lang.management.ManagementFactory;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encapsulation, decapsulation and the miss path allocate nothing per packet: 10^6 packets (in bursts) go from
 * a host through xTR a (ITR) over an in-memory wire to xTR b (ETR) and its host, with one packet in 16 missing the
 * map-cache (a pending request, counted), while the thread's allocated bytes are watched.
 */
@Tag("alloc")
class DataPathAllocationTest extends DataPathTestSupport
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int PACKETS = 1_000_000;
    private static final int BURST = 16;
    private static final int ROUNDS = 2;

    private final DataPathEventRing events = new DataPathEventRing(1 << 16);
    private final PendingRequests pending = new PendingRequests(1024, 3_600_000, 1000);
    private MemoryXtr a;
    private MemoryXtr b;
    private long delivered;
    private final PacketHandler sink = (buffer, offset, length, source) -> delivered++;

    @BeforeEach
    void setUp() throws Exception
    {
        openCache();
        putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 50, RLOC_2, 1, 50));
    }

    @AfterEach
    void tearDown()
    {
        if (a != null)
        {
            a.close();
            b.close();
        }
        closeCache();
    }

    @ParameterizedTest
    @ValueSource(ints = {RlocMode.IP, RlocMode.UDP_SOCKET})
    void shouldNotAllocateWhileEncapsulatingAndDecapsulating(final int mode)
    {
        final MemoryLink link = MemoryLink.create("wire", new PacketIoConfig().mtu(9000));
        a = new MemoryXtr("a", context(mode).locatorStatusBits(1), pending, events, link.endpointA(), IID);
        b = new MemoryXtr("b", context(mode), pending, events, link.endpointB(), IID);
        final int hit = Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 1000, 80, 100, true);
        final byte[] miss = new byte[100];
        Packets.ipv4Udp(packet, 0, HOST_A, Packets.ipv4(10, 99, 0, 1), 1000, 80, 100, true);
        packet.getBytes(0, miss);

        run(PACKETS / 4, hit, miss);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            run(PACKETS, hit, miss);
            least = Math.min(least, THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        }
        assertEquals(0, least, "bytes allocated over " + PACKETS + " packets");
        final long encapsulated = a.count(DataPathCounters.ITR_ENCAPSULATED);
        assertEquals((PACKETS / 4 + ROUNDS * PACKETS) / BURST * (BURST - 1), encapsulated, "every hit encapsulated");
        assertEquals(encapsulated, b.count(DataPathCounters.ETR_DECAPSULATED));
        assertEquals(delivered, encapsulated);
        assertTrue(a.count(DataPathCounters.ITR_MAP_REQUEST_PENDING) > PACKETS / 16);
    }

    @Test
    void shouldNotAllocateOnTheInPlaceAndBurstPaths() throws Exception
    {
        closeCache();
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(4096).clock(clock)
            .ipv4DirectInstanceIds(IID));
        putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 50, RLOC_2, 1, 50));
        final MemoryLink link = MemoryLink.create("wire-direct", new PacketIoConfig().mtu(9000));
        final DataPathCounters counters = new DataPathCounters();
        final Encapsulator itr = new Encapsulator(context(RlocMode.IP).locatorStatusBits(1).conclude(),
            cache.newReader(clock), link.endpointA(), counters, pending, events, clock);
        itr.port(link.endpointA(), IID);
        final int slot = 256;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BURST * slot]);
        final MutableDirectBuffer[] buffers = new MutableDirectBuffer[BURST];
        final int[] offsets = new int[BURST];
        final int[] lengths = new int[BURST];
        for (int i = 0; i < BURST; i++)
        {
            buffers[i] = buffer;
            offsets[i] = i * slot + 64;
            final int destination = i == 0 ? Packets.ipv4(10, 99, 0, 1) : Packets.ipv4(10, 2, i, 7);
            lengths[i] = Packets.ipv4Udp(buffer, offsets[i], HOST_A, destination, 1000 + i, 80, 100, true);
        }
        final PacketIo wire = link.endpointB();

        long rounds = burstsAndSingles(itr, buffers, offsets, lengths, wire, PACKETS / 4);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            rounds += burstsAndSingles(itr, buffers, offsets, lengths, wire, PACKETS);
            least = Math.min(least, THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        }
        assertEquals(0, least, "bytes allocated over " + PACKETS + " packets");
        assertEquals(rounds * 2 * (BURST - 1), counters.get(DataPathCounters.ITR_ENCAPSULATED), "every hit");
        assertEquals(rounds * 2 * (BURST - 1), delivered, "every hit on the wire");
        link.endpointA().close();
        link.endpointB().close();
    }

    /**
     * Alternately one burst through {@link Encapsulator#onBurst} and the same packets one by one through
     * {@link Encapsulator#onPacket}, draining the wire after each.
     *
     * @return the rounds of two bursts made.
     */
    private int burstsAndSingles(
        final Encapsulator itr,
        final MutableDirectBuffer[] buffers,
        final int[] offsets,
        final int[] lengths,
        final PacketIo wire,
        final int packets)
    {
        int rounds = 0;
        for (int sent = 0; sent < packets; sent += 2 * BURST)
        {
            rounds++;
            itr.onBurst(buffers, offsets, lengths, BURST);
            wire.poll(sink, 64);
            wire.poll(sink, 64);
            for (int i = 0; i < BURST; i++)
            {
                itr.onPacket(buffers[i], offsets[i], lengths[i], null);
            }
            wire.poll(sink, 64);
            wire.poll(sink, 64);
        }
        return rounds;
    }

    private void run(final int packets, final int length, final byte[] miss)
    {
        final PacketIo host = a.hosts[0];
        for (int sent = 0; sent < packets; sent += BURST)
        {
            for (int i = 0; i < BURST; i++)
            {
                if (i == 0)
                {
                    packet.putBytes(0, miss);
                    host.offer(packet, 0, length, PacketIo.NO_NEXT_HOP);
                    packet.putShort(20, (short)(1000 + sent));
                    packet.putInt(16, HOST_B, java.nio.ByteOrder.BIG_ENDIAN);
                    io.fmc4j.core.codec.ip.Ipv4Header.updateChecksum(packet, 0);
                }
                else
                {
                    host.offer(packet, 0, length, PacketIo.NO_NEXT_HOP);
                }
            }
            a.pump();
            b.pump();
            b.hosts[0].poll(sink, 64);
            b.hosts[0].poll(sink, 64);
        }
    }
}
