/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.memory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.spi.dataplane.Allocations;
import io.fmc4j.spi.dataplane.RecordingHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPacketIoTest
{
    private static byte[] packet(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + i);
        }
        return bytes;
    }

    @Test
    void shouldDeliverWhatThePeerOffersInOrderWithHeadroom()
    {
        final MemoryLink link = MemoryLink.create("t1", new PacketIoConfig().headroom(64));
        try (PacketIo a = link.endpointA(); PacketIo b = link.endpointB())
        {
            for (int i = 0; i < 5; i++)
            {
                final byte[] p = packet(60 + i, i);
                assertEquals(p.length, a.offer(new UnsafeBuffer(p), 0, p.length, PacketIo.NO_NEXT_HOP));
            }
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(3, b.poll(handler, 3));
            assertEquals(2, b.poll(handler, 10));
            assertEquals(0, b.poll(handler, 10));
            for (int i = 0; i < 5; i++)
            {
                assertArrayEquals(packet(60 + i, i), handler.packets.get(i));
                assertTrue(handler.offsets.get(i) >= 64);
                assertEquals("none", handler.sources.get(i));
            }
            assertEquals(5, a.counters().get(PacketIoCounters.TX_PACKETS));
            assertEquals(5 * 60 + 10, a.counters().get(PacketIoCounters.TX_BYTES));
            assertEquals(5, b.counters().get(PacketIoCounters.RX_PACKETS));
            assertEquals(5 * 60 + 10, b.counters().get(PacketIoCounters.RX_BYTES));
        }
    }

    @Test
    void shouldLetTheHandlerPrependHeadersInTheHeadroomAndForwardWithoutCopy()
    {
        final PacketIoConfig config = new PacketIoConfig().headroom(64);
        final MemoryLink eid = MemoryLink.create("eid", config);
        final MemoryLink rloc = MemoryLink.create("rloc", new PacketIoConfig().headroom(64));
        final byte[] inner = packet(100, 7);
        eid.endpointA().offer(new UnsafeBuffer(inner), 0, inner.length, PacketIo.NO_NEXT_HOP);

        final PacketIo itrEid = eid.endpointB();
        final PacketIo itrRloc = rloc.endpointA();
        final int outerLength = 36;
        final PacketHandler encap = (buffer, offset, length, source) ->
        {
            for (int i = 1; i <= outerLength; i++)
            {
                buffer.putByte(offset - i, (byte)0xEE);
            }
            itrRloc.offer(buffer, offset - outerLength, length + outerLength, PacketIo.NO_NEXT_HOP);
        };
        assertEquals(1, itrEid.poll(encap, 10));

        final RecordingHandler received = new RecordingHandler();
        assertEquals(1, rloc.endpointB().poll(received, 10));
        final byte[] out = received.packets.get(0);
        assertEquals(inner.length + outerLength, out.length);
        for (int i = 0; i < outerLength; i++)
        {
            assertEquals((byte)0xEE, out[i]);
        }
        for (int i = 0; i < inner.length; i++)
        {
            assertEquals(inner[i], out[outerLength + i]);
        }
    }

    @Test
    void shouldAnswerBackPressuredWhenTheRingIsFullAndCountIt()
    {
        final PacketIoConfig config = new PacketIoConfig().headroom(0).mtu(1500)
            .property("memory.ring.capacity", String.valueOf(16 * 1024));
        final MemoryLink link = MemoryLink.create("full", config);
        final UnsafeBuffer p = new UnsafeBuffer(packet(1000, 1));
        int accepted = 0;
        int result;
        while ((result = link.endpointA().offer(p, 0, 1000, 0)) > 0)
        {
            accepted++;
        }
        assertEquals(PacketIo.BACK_PRESSURED, result);
        assertTrue(accepted > 10 && accepted < 17, "accepted " + accepted);
        assertEquals(1, link.endpointA().counters().get(PacketIoCounters.TX_BACK_PRESSURED));
        assertEquals(accepted, link.endpointB().poll(new RecordingHandler(), 100));
        assertEquals(1000, link.endpointA().offer(p, 0, 1000, 0));
    }

    @Test
    void shouldRejectEmptyAndTooLongPacketsWithACountedDrop()
    {
        final MemoryLink link = MemoryLink.create("mtu", new PacketIoConfig().mtu(576));
        final UnsafeBuffer p = new UnsafeBuffer(new byte[2000]);
        assertEquals(PacketIo.REJECTED, link.endpointA().offer(p, 0, 577, 0));
        assertEquals(PacketIo.REJECTED, link.endpointA().offer(p, 0, 0, 0));
        assertEquals(576, link.endpointA().offer(p, 0, 576, 0));
        assertEquals(2, link.endpointA().counters().get(PacketIoCounters.TX_DROP_TOO_LONG));
    }

    @Test
    void shouldFailAndReportOnceWhenThePeerCloses()
    {
        final List<Throwable> reported = new ArrayList<>();
        final MemoryLink link = MemoryLink.create("down", new PacketIoConfig().errorHandler(reported::add));
        final PacketIo a = link.endpointA();
        final UnsafeBuffer p = new UnsafeBuffer(packet(64, 0));
        assertEquals(64, a.offer(p, 0, 64, 0));
        link.endpointB().close();

        assertEquals(PacketIo.FAILED, a.offer(p, 0, 64, 0));
        assertEquals(PacketIo.FAILED, a.offer(p, 0, 64, 0));
        assertEquals(PacketIo.STATE_FAILED, a.state());
        assertInstanceOf(IOException.class, a.failureCause());
        assertEquals(1, reported.size());
        assertSame(a.failureCause(), reported.get(0));
        assertEquals(1, a.counters().get(PacketIoCounters.FAILURES));
        assertEquals(2, a.counters().get(PacketIoCounters.TX_DROP_NOT_ACTIVE));
        assertEquals(0, a.poll(new RecordingHandler(), 10));

        a.close();
        assertEquals(PacketIo.STATE_CLOSED, a.state());
        assertEquals(PacketIo.CLOSED, a.offer(p, 0, 64, 0));
    }

    @Test
    void shouldKeepRunningWhenTheErrorHandlerThrows()
    {
        final MemoryLink link = MemoryLink.create("throwing", new PacketIoConfig().errorHandler((t) ->
        {
            throw new IllegalStateException("handler bug");
        }));
        link.endpointB().close();
        assertEquals(PacketIo.FAILED, link.endpointA().offer(new UnsafeBuffer(new byte[64]), 0, 64, 0));
        assertEquals(PacketIo.STATE_FAILED, link.endpointA().state());
    }

    @Test
    void shouldPairTwoOpensOfOneNameThroughTheProviderAndRefuseAThird() throws IOException
    {
        final MemoryPacketIoProvider provider =
            (MemoryPacketIoProvider)PacketIoProviders.select(MemoryPacketIoProvider.NAME);
        final PacketIo a = provider.open(new PacketIoConfig().deviceName("spi-link"));
        final PacketIo b = provider.open(new PacketIoConfig().deviceName("spi-link"));
        assertThrows(IOException.class, () -> provider.open(new PacketIoConfig().deviceName("spi-link")));
        assertEquals(3, a.offer(new UnsafeBuffer(new byte[] {1, 2, 3}), 0, 3, 0));
        final RecordingHandler handler = new RecordingHandler();
        assertEquals(1, b.poll(handler, 10));
        assertArrayEquals(new byte[] {1, 2, 3}, handler.packets.get(0));
        a.close();
        b.close();

        try (PacketIo again = provider.open(new PacketIoConfig().deviceName("spi-link")))
        {
            assertEquals(PacketIo.STATE_ACTIVE, again.state());
        }
        assertThrows(IllegalArgumentException.class, () -> provider.open(new PacketIoConfig()));
    }

    @Test
    void shouldRejectARingTooSmallForTheMtu()
    {
        final PacketIoConfig config = new PacketIoConfig().property("memory.ring.capacity", "4096");
        assertThrows(IllegalArgumentException.class, () -> MemoryLink.create("small", config));
        final PacketIoConfig notPowerOfTwo = new PacketIoConfig().property("memory.ring.capacity", "100000");
        assertThrows(IllegalArgumentException.class, () -> MemoryLink.create("odd", notPowerOfTwo));
    }

    @Test
    @Tag("alloc")
    void shouldNotAllocateOnOfferAndPoll()
    {
        final MemoryLink link = MemoryLink.create("alloc", new PacketIoConfig());
        final PacketIo a = link.endpointA();
        final PacketIo b = link.endpointB();
        final UnsafeBuffer p = new UnsafeBuffer(new byte[64]);
        final long[] sum = new long[1];
        final PacketHandler handler = (buffer, offset, length, source) -> sum[0] += length;
        for (int i = 0; i < 20_000; i++)
        {
            a.offer(p, 0, 64, 0);
            b.poll(handler, 32);
        }
        final long allocated = Allocations.minAllocatedBytes(3, () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                for (int j = 0; j < 8; j++)
                {
                    a.offer(p, 0, 64, 0);
                }
                a.flush();
                b.poll(handler, 32);
            }
        });
        assertEquals(0, allocated, "bytes allocated over 800k packets");
        assertEquals(64L * (20_000 + 2_400_000), sum[0]);
    }
}
