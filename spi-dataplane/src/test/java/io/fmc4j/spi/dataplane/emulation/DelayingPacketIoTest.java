/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import io.fmc4j.spi.dataplane.memory.MemoryPacketIo;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayingPacketIoTest
{
    private long now = 1_000_000_000L;
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final List<Integer> received = new ArrayList<>();

    private int receive(final MemoryPacketIo end)
    {
        return end.poll((buffer, offset, length, source) -> received.add(buffer.getInt(offset)), 1024);
    }

    private int send(final PacketIo io, final int sequence)
    {
        packet.putInt(0, sequence);
        return io.offer(packet, 0, 64, PacketIo.NO_NEXT_HOP);
    }

    @Test
    void shouldHoldPacketsForTheDelayThenDeliverInOrder()
    {
        final MemoryLink link = MemoryLink.create("delay", new PacketIoConfig());
        final DelayingPacketIo io = new DelayingPacketIo(link.endpointA(), 5_000_000, 0, 0, 1, 16, () -> now);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(64, send(io, i));
            now += 1_000_000;
        }
        assertEquals(3, io.inFlight());
        assertEquals(1_000_000_000L + 5_000_000, io.nextReleaseNanos());
        io.flush();
        assertEquals(0, receive(link.endpointB()));
        now = 1_000_000_000L + 5_000_000;
        assertEquals(1, io.flush());
        now += 2_000_000;
        assertEquals(2, io.flush());
        receive(link.endpointB());
        assertEquals(List.of(0, 1, 2), received);
        assertEquals(Long.MAX_VALUE, io.nextReleaseNanos());
    }

    @Test
    void shouldStayFifoUnderJitter()
    {
        final MemoryLink link = MemoryLink.create("jitter", new PacketIoConfig());
        final DelayingPacketIo io = new DelayingPacketIo(link.endpointA(), 1_000, 1_000_000, 0, 7, 1024, () -> now);
        for (int i = 0; i < 500; i++)
        {
            send(io, i);
            now += 1_000;
            io.flush();
            receive(link.endpointB());
        }
        now += 10_000_000;
        io.flush();
        receive(link.endpointB());
        assertEquals(500, received.size());
        for (int i = 0; i < 500; i++)
        {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void shouldLoseTheConfiguredShareRepeatably()
    {
        final int[] lost = new int[2];
        for (int run = 0; run < 2; run++)
        {
            final MemoryLink link = MemoryLink.create("loss" + run, new PacketIoConfig());
            final DelayingPacketIo io = new DelayingPacketIo(link.endpointA(), 0, 0, 0.2, 42, 16384, () -> now);
            for (int i = 0; i < 10_000; i++)
            {
                send(io, i);
            }
            lost[run] = (int)io.emulatedLosses();
            assertEquals(10_000, io.emulatedLosses() + io.delayed());
        }
        assertEquals(lost[0], lost[1]);
        assertTrue(lost[0] > 1_800 && lost[0] < 2_200, "lost " + lost[0]);
    }

    @Test
    void shouldBackPressureWhenTheLinkIsFullAndReportAClosedBackend()
    {
        final MemoryLink link = MemoryLink.create("full", new PacketIoConfig());
        final DelayingPacketIo io = new DelayingPacketIo(link.endpointA(), 1_000_000, 0, 0, 1, 4, () -> now);
        for (int i = 0; i < 4; i++)
        {
            assertEquals(64, send(io, i));
        }
        assertEquals(PacketIo.BACK_PRESSURED, send(io, 4));
        assertEquals(1, io.queueFullDrops());
        assertEquals(PacketIo.REJECTED, io.offer(packet, 0, io.mtu() + 1, PacketIo.NO_NEXT_HOP));
        io.close();
        assertEquals(PacketIo.CLOSED, send(io, 5));
    }

    @Test
    void shouldRefuseBadParameters()
    {
        final PacketIo end = MemoryLink.create("bad", new PacketIoConfig()).endpointA();
        assertThrows(IllegalArgumentException.class, () -> new DelayingPacketIo(end, -1, 0, 0, 1, 4, () -> now));
        assertThrows(IllegalArgumentException.class, () -> new DelayingPacketIo(end, 0, 0, 1.0, 1, 4, () -> now));
        assertThrows(IllegalArgumentException.class, () -> new DelayingPacketIo(end, 0, 0, 0, 1, 3, () -> now));
    }

    @Test
    void shouldNotAllocatePerPacket()
    {
        final MemoryLink link = MemoryLink.create("alloc", new PacketIoConfig());
        final DelayingPacketIo io = new DelayingPacketIo(link.endpointA(), 1_000, 500, 0.01, 3, 1024, () -> now);
        final MemoryPacketIo other = link.endpointB();
        final long[] sink = new long[1];
        final io.fmc4j.api.spi.dataplane.PacketHandler handler = (buffer, offset, length, source) -> sink[0] += length;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Runnable round = () ->
        {
            for (int i = 0; i < 64; i++)
            {
                packet.putInt(0, i);
                io.offer(packet, 0, 64, PacketIo.NO_NEXT_HOP);
            }
            now += 10_000;
            io.flush();
            other.poll(handler, 1024);
        };
        for (int i = 0; i < 20_000; i++)
        {
            round.run();
        }
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 20_000; i++)
        {
            round.run();
        }
        assertEquals(0, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        assertTrue(sink[0] > 0);
    }
}
