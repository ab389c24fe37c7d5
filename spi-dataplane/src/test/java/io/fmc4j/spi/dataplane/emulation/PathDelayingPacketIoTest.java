/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathDelayingPacketIoTest
{
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress NEAR = new InetSocketAddress("192.0.2.1", 4341);
    private static final InetSocketAddress FAR = new InetSocketAddress("192.0.2.2", 4341);

    private long now = 1_000_000_000L;
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final List<String> sent = new ArrayList<>();

    /** Gives each destination its own next-hop id and records what reaches it. */
    private final class Recorder extends ForwardingPacketIo
    {
        private final List<InetSocketAddress> hops = new ArrayList<>();
        private boolean full;

        Recorder()
        {
            super(MemoryLink.create("path-delay", new PacketIoConfig()).endpointA());
        }

        @Override
        public int registerNextHop(final InetSocketAddress destination)
        {
            hops.add(destination);
            return hops.size();
        }

        @Override
        public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
        {
            if (full)
            {
                return BACK_PRESSURED;
            }
            sent.add((nextHop == NO_NEXT_HOP ? "default" : hops.get(nextHop - 1).getHostString()) + ":" +
                buffer.getInt(offset) + "@" + (now - 1_000_000_000L) / MS);
            return length;
        }
    }

    private final Recorder recorder = new Recorder();

    private PathDelayingPacketIo io(final double loss, final int capacity)
    {
        return new PathDelayingPacketIo(recorder, peer -> peer.equals(FAR.getAddress()) ? 125 * MS : 2 * MS,
            10 * MS, loss, 7, capacity, () -> now);
    }

    private int send(final PacketIo io, final int sequence, final int nextHop)
    {
        packet.putInt(0, sequence);
        return io.offer(packet, 0, 64, nextHop);
    }

    private void advanceTo(final PacketIo io, final long ms)
    {
        for (long t = now; t <= 1_000_000_000L + ms * MS; t += MS)
        {
            now = t;
            io.flush();
        }
    }

    @Test
    void shouldDelayEachPacketByItsPathAndNeverHoldANearPacketBehindAFarOne()
    {
        final PathDelayingPacketIo io = io(0, 16);
        final int far = io.registerNextHop(FAR);
        final int near = io.registerNextHop(NEAR);
        assertEquals(125 * MS, io.delayNanos(far));
        assertEquals(2 * MS, io.delayNanos(near));
        assertEquals(10 * MS, io.delayNanos(PacketIo.NO_NEXT_HOP));
        assertEquals(64, send(io, 1, far));
        assertEquals(64, send(io, 2, near));
        assertEquals(64, send(io, 3, PacketIo.NO_NEXT_HOP));
        assertEquals(64, send(io, 4, near));
        assertEquals(4, io.inFlight());
        assertEquals(now + 2 * MS, io.nextReleaseNanos());
        advanceTo(io, 200);
        assertEquals(List.of("192.0.2.1:2@2", "192.0.2.1:4@2", "default:3@10", "192.0.2.2:1@125"), sent);
        assertEquals(0, io.inFlight());
        assertEquals(Long.MAX_VALUE, io.nextReleaseNanos());
    }

    @Test
    void shouldKeepOrderWithinAPathAndRetryWhenTheDeviceIsBackPressured()
    {
        final PathDelayingPacketIo io = io(0, 16);
        final int near = io.registerNextHop(NEAR);
        for (int i = 0; i < 5; i++)
        {
            send(io, i, near);
        }
        recorder.full = true;
        advanceTo(io, 5);
        assertEquals(List.of(), sent);
        recorder.full = false;
        advanceTo(io, 6);
        assertEquals(List.of("192.0.2.1:0@5", "192.0.2.1:1@5", "192.0.2.1:2@5", "192.0.2.1:3@5", "192.0.2.1:4@5"),
            sent);
    }

    @Test
    void shouldCountAFullPathQueueAndRejectWhatCanNeverBeSent()
    {
        final PathDelayingPacketIo io = io(0, 4);
        final int far = io.registerNextHop(FAR);
        final int near = io.registerNextHop(NEAR);
        for (int i = 0; i < 4; i++)
        {
            assertEquals(64, send(io, i, far));
        }
        assertEquals(PacketIo.BACK_PRESSURED, send(io, 4, far));
        assertEquals(1, io.queueFullDrops());
        assertEquals(64, send(io, 5, near), "another path has its own queue");
        assertEquals(PacketIo.REJECTED, io.offer(packet, 0, 1501, near));
        assertEquals(PacketIo.REJECTED, io.offer(packet, 0, 0, near));
        io.close();
        assertEquals(PacketIo.CLOSED, send(io, 6, near));
    }

    @Test
    void shouldLoseTheConfiguredShareOfPacketsRepeatably()
    {
        final PathDelayingPacketIo io = io(0.2, 1 << 14);
        final int near = io.registerNextHop(NEAR);
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(64, send(io, i, near));
        }
        assertTrue(io.emulatedLosses() > 1_800 && io.emulatedLosses() < 2_200, "losses " + io.emulatedLosses());
        assertEquals(10_000 - io.emulatedLosses(), io.inFlight());
        final PathDelayingPacketIo again = new PathDelayingPacketIo(new Recorder(), peer -> 0, 0, 0.2, 7, 1 << 14,
            () -> now);
        for (int i = 0; i < 10_000; i++)
        {
            send(again, i, PacketIo.NO_NEXT_HOP);
        }
        assertEquals(io.emulatedLosses(), again.emulatedLosses(), "same seed, same losses");
    }

    @Test
    void shouldRefuseBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new PathDelayingPacketIo(recorder, p -> 0, -1, 0, 1, 4,
            () -> now));
        assertThrows(IllegalArgumentException.class, () -> new PathDelayingPacketIo(recorder, p -> 0, 0, 1.0, 1, 4,
            () -> now));
        assertThrows(IllegalArgumentException.class, () -> new PathDelayingPacketIo(recorder, p -> 0, 0, 0, 1, 3,
            () -> now));
        final PathDelayingPacketIo io = new PathDelayingPacketIo(recorder, p -> -5, 0, 0, 1, 4, () -> now);
        assertThrows(IllegalArgumentException.class, () -> io.registerNextHop(NEAR));
    }

    @Test
    void shouldNotAllocatePerPacket()
    {
        final PathDelayingPacketIo io = io(0.01, 1024);
        final int far = io.registerNextHop(FAR);
        final int near = io.registerNextHop(NEAR);
        recorder.full = false;
        final MemoryLink link = MemoryLink.create("path-delay-alloc", new PacketIoConfig());
        final PathDelayingPacketIo quiet = new PathDelayingPacketIo(link.endpointA(), p -> MS, 0, 0.01, 1, 1024,
            () -> now);
        final long[] sink = new long[1];
        final io.fmc4j.api.spi.dataplane.PacketHandler drain = (buffer, offset, length, source) -> sink[0] += length;
        final int a = quiet.registerNextHop(NEAR);
        final int b = quiet.registerNextHop(FAR);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Runnable round = () ->
        {
            for (int i = 0; i < 64; i++)
            {
                send(quiet, i, (i & 1) == 0 ? a : b);
            }
            now += 2 * MS;
            quiet.flush();
            link.endpointB().poll(drain, 128);
        };
        for (int i = 0; i < 2_000; i++)
        {
            round.run();
        }
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 20_000; i++)
        {
            round.run();
        }
        assertEquals(0, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        assertTrue(far != near);
        assertTrue(sink[0] > 0);
    }

    @Test
    void shouldOpenThroughTheProviderAndDelayRealDatagramsPerPeer() throws Exception
    {
        final InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (PacketIo receiver = PacketIoProviders.select("udp").open(
                new PacketIoConfig().localAddress(new InetSocketAddress(loopback, 0)));
            PacketIo sender = PacketIoProviders.select(EmulatedPathPacketIoProvider.NAME).open(new PacketIoConfig()
                .localAddress(new InetSocketAddress(loopback, 0))
                .property(EmulatedPathPacketIoProvider.DELAY_MS + ".127.0.0.1", "40")
                .property(EmulatedPathPacketIoProvider.DELAY_MS, "1")))
        {
            assertTrue(sender.description().contains("delayed per path"), sender.description());
            final int port = receiverPort(receiver);
            final int hop = sender.registerNextHop(new InetSocketAddress(loopback, port));
            final long start = System.nanoTime();
            packet.putInt(0, 42);
            assertEquals(64, sender.offer(packet, 0, 64, hop));
            final int[] got = new int[1];
            long arrived = 0;
            while (System.nanoTime() - start < 5_000 * MS && got[0] == 0)
            {
                sender.flush();
                if (receiver.poll((buffer, offset, length, source) -> got[0] = buffer.getInt(offset), 8) > 0)
                {
                    arrived = System.nanoTime();
                }
                Thread.onSpinWait();
            }
            assertEquals(42, got[0]);
            assertTrue(arrived - start >= 40 * MS, "arrived after " + (arrived - start) / 1e6 + " ms");
        }
        assertThrows(IllegalArgumentException.class, () -> PacketIoProviders.select("emulated").open(
            new PacketIoConfig().property(EmulatedPathPacketIoProvider.DELAY_MS, "soon")));
        assertThrows(IllegalArgumentException.class, () -> PacketIoProviders.select("emulated").open(
            new PacketIoConfig().property(EmulatedPathPacketIoProvider.DELAY_MS + ".not..an.address", "1")));
        assertThrows(IllegalArgumentException.class, () -> PacketIoProviders.select("emulated").open(
            new PacketIoConfig().property(EmulatedPathPacketIoProvider.DELEGATE, "emulated")));
        assertThrows(IllegalArgumentException.class, () -> PacketIoProviders.select("emulated").open(
            new PacketIoConfig().property(EmulatedPathPacketIoProvider.LOSS, "1.5")));
    }

    private static int receiverPort(final PacketIo receiver)
    {
        final String description = receiver.description();
        return Integer.parseInt(description.substring(description.lastIndexOf(':') + 1).trim().split("\\s")[0]);
    }
}
