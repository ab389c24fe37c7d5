/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InProcessUdpProviderTest
{
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    private final String network = "test-" + NETWORKS.incrementAndGet();
    private final PacketIoProvider provider = PacketIoProviders.select(InProcessUdpProvider.NAME);

    private PacketIo open(final String address, final int port) throws IOException
    {
        return provider.open(new PacketIoConfig().deviceName(network).localAddress(socket(address, port)));
    }

    @Test
    void shouldBeFoundByNameThroughServiceLoaderButNeverPreferredByAuto()
    {
        assertInstanceOf(InProcessUdpProvider.class, provider);
        assertNull(provider.unavailabilityCause());
        assertTrue(PacketIoProviders.select(PacketIoProviders.AUTO).priority() > provider.priority());
    }

    @Test
    void shouldDeliverADatagramWithItsSenderAndWritableHeadroom() throws Exception
    {
        try (PacketIo a = open("192.0.2.1", 4342); PacketIo b = open("192.0.2.2", 4342))
        {
            final byte[] payload = "map-register".getBytes(StandardCharsets.US_ASCII);
            final int hop = a.registerNextHop(socket("192.0.2.2", 4342));
            assertEquals(hop, a.registerNextHop(socket("192.0.2.2", 4342)));
            assertEquals(payload.length, a.offer(new UnsafeBuffer(payload), 0, payload.length, hop));

            final List<String> received = new ArrayList<>();
            final int work = b.poll((buffer, offset, length, source) ->
            {
                buffer.putLong(offset - b.headroom(), -1L);          // the headroom is the handler's to write
                received.add(buffer.getStringWithoutLengthAscii(offset, length) + " from " + source);
            }, 8);

            assertEquals(1, work);
            assertEquals(List.of("map-register from 192.0.2.1:4342"), received);
            assertEquals(1, b.counters().get(PacketIoCounters.RX_PACKETS));
            assertEquals(1, a.counters().get(PacketIoCounters.TX_PACKETS));
            assertEquals(1, InProcessUdpNetwork.named(network).delivered());
        }
        assertEquals(List.of(), InProcessUdpNetwork.named(network).boundAddresses());
    }

    @Test
    void shouldLoseDatagramsForAnAddressNobodyBoundAsUdpWould() throws Exception
    {
        try (PacketIo a = open("192.0.2.1", 4341))
        {
            final int hop = a.registerNextHop(socket("192.0.2.99", 4341));
            assertEquals(4, a.offer(new UnsafeBuffer(new byte[4]), 0, 4, hop));
            assertEquals(1, InProcessUdpNetwork.named(network).lostNoReceiver());
        }
    }

    @Test
    void shouldRejectAnUnregisteredNextHop() throws Exception
    {
        try (PacketIo a = open("192.0.2.1", 4341))
        {
            assertEquals(PacketIo.REJECTED, a.offer(new UnsafeBuffer(new byte[4]), 0, 4, 7));
            assertEquals(1, a.counters().get(PacketIoCounters.TX_DROP_BAD_NEXT_HOP));
        }
    }

    @Test
    void shouldRefuseASecondBindOfOneAddressUntilTheFirstCloses() throws Exception
    {
        final PacketIo first = open("192.0.2.1", 4342);
        final IOException ex = assertThrows(IOException.class, () -> open("192.0.2.1", 4342));
        assertTrue(ex.getMessage().contains("address already in use: 192.0.2.1:4342"), ex.getMessage());
        first.close();
        open("192.0.2.1", 4342).close();
    }

    @Test
    void shouldRefuseAMissingWildcardOrPortlessAddress()
    {
        assertThrows(IllegalArgumentException.class, () -> provider.open(new PacketIoConfig().deviceName(network)));
        assertThrows(IllegalArgumentException.class, () -> open("0.0.0.0", 4342));
        assertThrows(IllegalArgumentException.class, () -> open("192.0.2.1", 0));
        assertThrows(IllegalArgumentException.class, () -> open("2001:db8::1", 4342));
    }

    @Test
    void shouldCountDatagramsLostToAFullReceiverWithoutFailingTheSender() throws Exception
    {
        try (PacketIo a = open("192.0.2.1", 4341);
            PacketIo b = provider.open(new PacketIoConfig().deviceName(network).mtu(200)
                .localAddress(socket("192.0.2.2", 4341)).property("inproc-udp.ring.capacity", "4096")))
        {
            final int hop = a.registerNextHop(socket("192.0.2.2", 4341));
            final UnsafeBuffer datagram = new UnsafeBuffer(new byte[100]);
            int accepted = 0;
            for (int i = 0; i < 1000; i++)
            {
                accepted += a.offer(datagram, 0, 100, hop) == 100 ? 1 : 0;
            }
            assertEquals(1000, accepted);
            final InProcessUdpNetwork net = InProcessUdpNetwork.named(network);
            assertTrue(net.lostReceiverFull() > 0, "lost " + net.lostReceiverFull());
            assertEquals(1000, net.delivered() + net.lostReceiverFull());
            int polled = 0;
            int work;
            while ((work = b.poll((buffer, offset, length, source) -> { }, 64)) > 0)
            {
                polled += work;
            }
            assertEquals(net.delivered(), polled);
            assertEquals(PacketIo.STATE_ACTIVE, a.state());
        }
    }

    @Test
    void shouldNotAllocatePerDatagram() throws Exception
    {
        try (PacketIo a = open("192.0.2.1", 4341); PacketIo b = open("192.0.2.2", 4341))
        {
            final int hop = a.registerNextHop(socket("192.0.2.2", 4341));
            final UnsafeBuffer datagram = new UnsafeBuffer(new byte[64]);
            final long[] bytes = new long[1];
            final PacketHandler handler = (buffer, offset, length, source) -> bytes[0] += length;
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long id = Thread.currentThread().getId();
            exchange(a, b, hop, datagram, handler, 50_000);
            threads.getThreadAllocatedBytes(id);
            final long before = threads.getThreadAllocatedBytes(id);
            exchange(a, b, hop, datagram, handler, 200_000);
            final long allocated = threads.getThreadAllocatedBytes(id) - before;
            while (b.poll(handler, 64) > 0)
            {
                // a read stops at the ring's wrap-around, so a few datagrams may still wait there
            }
            assertEquals(250_000L * 64, bytes[0]);
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 200 000 datagrams");
        }
    }

    private static void exchange(final PacketIo a, final PacketIo b, final int hop, final UnsafeBuffer datagram,
        final PacketHandler handler, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            a.offer(datagram, 0, 64, hop);
            b.poll(handler, 1);
        }
    }

    private static InetSocketAddress socket(final String address, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(address, ex);
        }
    }
}
