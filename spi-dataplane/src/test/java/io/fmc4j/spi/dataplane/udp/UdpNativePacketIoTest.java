/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.Allocations;
import io.fmc4j.spi.dataplane.RecordingHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UdpNativePacketIoTest
{
    private static final UdpNativePacketIoProvider PROVIDER = new UdpNativePacketIoProvider();
    private static final long TIMEOUT_NS = 5_000_000_000L;

    @BeforeAll
    static void requireLibrary()
    {
        final Throwable cause = PROVIDER.unavailabilityCause();
        assumeTrue(cause == null, () -> "udp-native backend unavailable here: " + cause.getMessage());
    }

    private static UdpNativePacketIo open(final String address) throws IOException
    {
        return (UdpNativePacketIo)PROVIDER.open(
            new PacketIoConfig().localAddress(new InetSocketAddress(InetAddress.getByName(address), 0)));
    }

    private static int pollUntil(final PacketIo io, final PacketHandler handler, final int expected)
    {
        int received = 0;
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (received < expected && System.nanoTime() < deadline)
        {
            received += io.poll(handler, 64);
        }
        return received;
    }

    @Test
    void shouldSendQueuedBurstsAndReceiveThemInOrderWithTheSender() throws IOException
    {
        try (UdpNativePacketIo a = open("127.0.0.1"); UdpNativePacketIo b = open("127.0.0.1"))
        {
            final int hop = a.registerNextHop(b.localAddress());
            assertEquals(hop, a.registerNextHop(b.localAddress()));
            for (int i = 0; i < 40; i++)
            {
                final byte[] payload = {(byte)i, 1, 2, 3, 4, 5, 6, 7, 8};
                assertEquals(9, a.offer(new UnsafeBuffer(payload), 0, 9, hop));
            }
            assertEquals(8, a.queuedForSend(), "the 33rd offer sent the first full burst");
            a.flush();
            assertEquals(0, a.queuedForSend());
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(40, pollUntil(b, handler, 40));
            for (int i = 0; i < 40; i++)
            {
                assertEquals(i, handler.packets.get(i)[0]);
            }
            assertEquals("127.0.0.1:" + a.localAddress().getPort(), handler.sources.get(39));
            assertEquals(40, a.counters().get(PacketIoCounters.TX_PACKETS));
            assertEquals(360, b.counters().get(PacketIoCounters.RX_BYTES));
        }
    }

    @Test
    void shouldInteroperateWithTheNioBackendBothWays() throws IOException
    {
        try (UdpNativePacketIo fast = open("127.0.0.1");
            PacketIo nio = new UdpPacketIoProvider().open(
                new PacketIoConfig().localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))))
        {
            final int toNio = fast.registerNextHop(((UdpPacketIo)nio).localAddress());
            final int toFast = nio.registerNextHop(fast.localAddress());
            fast.offer(new UnsafeBuffer(new byte[] {1, 2}), 0, 2, toNio);
            fast.flush();
            nio.offer(new UnsafeBuffer(new byte[] {3, 4, 5}), 0, 3, toFast);
            final RecordingHandler atNio = new RecordingHandler();
            final RecordingHandler atFast = new RecordingHandler();
            assertEquals(1, pollUntil(nio, atNio, 1));
            assertEquals(1, pollUntil(fast, atFast, 1));
            assertArrayEquals(new byte[] {1, 2}, atNio.packets.get(0));
            assertArrayEquals(new byte[] {3, 4, 5}, atFast.packets.get(0));
        }
    }

    @Test
    void shouldReportIpv4SendersOnADualStackSocketAsIpv4() throws IOException
    {
        final UdpNativePacketIo dual;
        try
        {
            dual = open("::");
        }
        catch (final IOException ex)
        {
            assumeTrue(false, "no IPv6 here: " + ex);
            return;
        }
        try (dual; UdpNativePacketIo v4 = open("127.0.0.1"))
        {
            final int hop = v4.registerNextHop(new InetSocketAddress("127.0.0.1", dual.localAddress().getPort()));
            v4.offer(new UnsafeBuffer(new byte[] {9}), 0, 1, hop);
            v4.flush();
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(1, pollUntil(dual, handler, 1));
            assertEquals("127.0.0.1:" + v4.localAddress().getPort(), handler.sources.get(0));

            final int back = dual.registerNextHop(v4.localAddress());
            dual.offer(new UnsafeBuffer(new byte[] {8}), 0, 1, back);
            dual.flush();
            assertEquals(1, pollUntil(v4, new RecordingHandler(), 1), "IPv4-mapped send from a dual-stack socket");
        }
    }

    @Test
    void shouldDropAndCountDatagramsLongerThanTheMtu() throws IOException
    {
        final PacketIoConfig config = new PacketIoConfig().mtu(200)
            .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (UdpNativePacketIo b = (UdpNativePacketIo)PROVIDER.open(config);
            DatagramChannel sender = DatagramChannel.open())
        {
            sender.send(ByteBuffer.allocate(1000), b.localAddress());
            sender.send(ByteBuffer.allocate(200), b.localAddress());
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(2, pollUntil(b, handler, 2));
            assertEquals(1, handler.packets.size());
            assertEquals(200, handler.packets.get(0).length);
            assertEquals(1, b.counters().get(PacketIoCounters.RX_DROP_TOO_LONG));
        }
    }

    @Test
    void shouldRejectUnknownNextHopsAndUnreachableFamilies() throws IOException
    {
        try (UdpNativePacketIo a = open("127.0.0.1"))
        {
            assertEquals(PacketIo.REJECTED, a.offer(new UnsafeBuffer(new byte[4]), 0, 4, 0));
            assertEquals(1, a.counters().get(PacketIoCounters.TX_DROP_BAD_NEXT_HOP));
            assertThrows(IllegalArgumentException.class, () -> a.registerNextHop(
                new InetSocketAddress(Inet6Address.getByName("2001:db8::1"), 4341)));
        }
        assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(new PacketIoConfig()));
    }

    @Test
    void shouldFailAndReportWhenTheSocketIsShutDownUnderneath() throws IOException
    {
        final List<Throwable> reported = new ArrayList<>();
        final PacketIoConfig config = new PacketIoConfig().errorHandler(reported::add)
            .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (UdpNativePacketIo a = (UdpNativePacketIo)PROVIDER.open(config))
        {
            final int hop = a.registerNextHop(a.localAddress());
            a.shutdownForTest();
            assertEquals(4, a.offer(new UnsafeBuffer(new byte[4]), 0, 4, hop));
            a.flush();
            assertEquals(PacketIo.STATE_FAILED, a.state());
            assertInstanceOf(IOException.class, a.failureCause());
            assertEquals(1, reported.size());
            assertEquals(1, a.counters().get(PacketIoCounters.TX_DROP_DEVICE));
            assertEquals(PacketIo.FAILED, a.offer(new UnsafeBuffer(new byte[4]), 0, 4, hop));
        }
    }

    @Test
    @Tag("alloc")
    void shouldNotAllocatePerPacket() throws IOException
    {
        try (UdpNativePacketIo a = open("127.0.0.1"); UdpNativePacketIo b = open("127.0.0.1"))
        {
            final int hop = a.registerNextHop(b.localAddress());
            final UnsafeBuffer p = new UnsafeBuffer(new byte[64]);
            final long[] count = new long[1];
            final PacketHandler handler = (buffer, offset, length, source) -> count[0] += source.port() > 0 ? 1 : 0;
            final Runnable burst = () ->
            {
                for (int i = 0; i < 32; i++)
                {
                    a.offer(p, 0, 64, hop);
                }
                a.flush();
                b.poll(handler, 32);
            };
            for (int i = 0; i < 20_000; i++)
            {
                burst.run();
            }
            final long allocated = Allocations.minAllocatedBytes(3, () ->
            {
                for (int i = 0; i < 5_000; i++)
                {
                    burst.run();
                }
            });
            assertTrue(count[0] > 100_000, "received " + count[0]);
            assertEquals(0, allocated, "bytes allocated over 5k bursts of 32");
        }
    }
}
