/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UdpPacketIoTest
{
    private static final long TIMEOUT_NS = 5_000_000_000L;

    private static PacketIo open(final String address) throws IOException
    {
        return new UdpPacketIoProvider().open(
            new PacketIoConfig().localAddress(new InetSocketAddress(InetAddress.getByName(address), 0)));
    }

    private static int pollUntil(final PacketIo io, final PacketHandler handler, final int expected)
    {
        int received = 0;
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (received < expected && System.nanoTime() < deadline)
        {
            received += io.poll(handler, 16);
        }
        return received;
    }

    @Test
    void shouldSendAndReceiveOverIpv4LoopbackAndReportTheSender() throws IOException
    {
        try (PacketIo a = open("127.0.0.1"); PacketIo b = open("127.0.0.1"))
        {
            final InetSocketAddress bAddress = ((UdpPacketIo)b).localAddress();
            final int hop = a.registerNextHop(bAddress);
            assertEquals(hop, a.registerNextHop(bAddress), "registering twice gives the same id");
            for (int i = 0; i < 10; i++)
            {
                final byte[] payload = {(byte)i, 1, 2, 3, 4, 5, 6, 7};
                assertEquals(8, a.offer(new UnsafeBuffer(payload), 0, 8, hop));
            }
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(10, pollUntil(b, handler, 10));
            assertArrayEquals(new byte[] {9, 1, 2, 3, 4, 5, 6, 7}, handler.packets.get(9));
            assertEquals("127.0.0.1:" + ((UdpPacketIo)a).localAddress().getPort(), handler.sources.get(0));
            assertEquals(PacketIoConfig.DEFAULT_HEADROOM, (int)handler.offsets.get(0));
            assertEquals(10, b.counters().get(PacketIoCounters.RX_PACKETS));
            assertEquals(80, a.counters().get(PacketIoCounters.TX_BYTES));
        }
    }

    @Test
    void shouldSendAndReceiveOverIpv6Loopback() throws IOException
    {
        final PacketIo a;
        try
        {
            a = open("::1");
        }
        catch (final IOException ex)
        {
            assumeTrue(false, "no IPv6 loopback here: " + ex);
            return;
        }
        try (a; PacketIo b = open("::1"))
        {
            final int hop = a.registerNextHop(((UdpPacketIo)b).localAddress());
            assertEquals(3, a.offer(new UnsafeBuffer(new byte[] {7, 8, 9}), 0, 3, hop));
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(1, pollUntil(b, handler, 1));
            assertArrayEquals(new byte[] {7, 8, 9}, handler.packets.get(0));
            assertEquals("[0:0:0:0:0:0:0:1]:" + ((UdpPacketIo)a).localAddress().getPort(), handler.sources.get(0));
        }
    }

    @Test
    void shouldRejectUnknownNextHopsAndUnreachableFamilies() throws IOException
    {
        try (PacketIo a = open("127.0.0.1"))
        {
            final UnsafeBuffer p = new UnsafeBuffer(new byte[16]);
            assertEquals(PacketIo.REJECTED, a.offer(p, 0, 16, 0));
            assertEquals(PacketIo.REJECTED, a.offer(p, 0, 16, -1));
            assertEquals(2, a.counters().get(PacketIoCounters.TX_DROP_BAD_NEXT_HOP));
            assertThrows(IllegalArgumentException.class, () -> a.registerNextHop(
                new InetSocketAddress(Inet6Address.getByName("2001:db8::1"), 4341)));
            assertThrows(IllegalArgumentException.class, () -> a.registerNextHop(
                InetSocketAddress.createUnresolved("example.invalid", 4341)));
        }
    }

    @Test
    void shouldDropAndCountReceivedDatagramsLongerThanTheMtu() throws IOException
    {
        final PacketIoConfig config = new PacketIoConfig().mtu(200)
            .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (PacketIo b = new UdpPacketIoProvider().open(config);
            DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            final InetSocketAddress target = ((UdpPacketIo)b).localAddress();
            sender.send(ByteBuffer.allocate(201), target);
            sender.send(ByteBuffer.allocate(200), target);
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(2, pollUntil(b, handler, 2));
            assertEquals(1, handler.packets.size());
            assertEquals(200, handler.packets.get(0).length);
            assertEquals(1, b.counters().get(PacketIoCounters.RX_DROP_TOO_LONG));
        }
    }

    @Test
    void shouldFailAndReportWhenTheSocketIsClosedUnderneath() throws IOException
    {
        final List<Throwable> reported = new ArrayList<>();
        final PacketIoConfig config = new PacketIoConfig().errorHandler(reported::add)
            .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (UdpPacketIo a = (UdpPacketIo)new UdpPacketIoProvider().open(config))
        {
            final int hop = a.registerNextHop(a.localAddress());
            a.channel().close();
            assertEquals(0, a.poll(new RecordingHandler(), 10));
            assertEquals(PacketIo.STATE_FAILED, a.state());
            assertInstanceOf(ClosedChannelException.class, a.failureCause());
            assertEquals(PacketIo.FAILED, a.offer(new UnsafeBuffer(new byte[8]), 0, 8, hop));
            assertEquals(1, reported.size());
            assertEquals(1, a.counters().get(PacketIoCounters.FAILURES));
        }
    }

    @Test
    void shouldFailToOpenWithoutALocalAddressOrOnABusyPort() throws IOException
    {
        assertThrows(IllegalArgumentException.class, () -> new UdpPacketIoProvider().open(new PacketIoConfig()));
        try (PacketIo a = open("127.0.0.1"))
        {
            final PacketIoConfig busy = new PacketIoConfig().localAddress(((UdpPacketIo)a).localAddress());
            assertThrows(IOException.class, () -> new UdpPacketIoProvider().open(busy));
        }
    }

    @Test
    @Tag("alloc")
    void shouldNotAllocatePerPacketOnASteadyFlow() throws IOException
    {
        try (PacketIo a = open("127.0.0.1"); PacketIo b = open("127.0.0.1"))
        {
            final int hop = a.registerNextHop(((UdpPacketIo)b).localAddress());
            final UnsafeBuffer p = new UnsafeBuffer(new byte[64]);
            final long[] count = new long[1];
            final PacketHandler handler = (buffer, offset, length, source) -> count[0]++;
            for (int i = 0; i < 100_000; i++)
            {
                a.offer(p, 0, 64, hop);
                b.poll(handler, 16);
            }
            final long allocated = Allocations.minAllocatedBytes(3, () ->
            {
                for (int i = 0; i < 20_000; i++)
                {
                    a.offer(p, 0, 64, hop);
                    b.poll(handler, 16);
                }
            });
            assertTrue(count[0] > 100_000, "received " + count[0]);
            assertEquals(0, allocated, "bytes allocated over 20k send+receive");
        }
    }
}
