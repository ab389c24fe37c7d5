/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.dpdk;

import java.io.IOException;
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
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Exercises the DPDK backend on virtual devices ({@code net_null}, {@code net_ring}) with the default EAL
 * arguments ({@code --no-huge --no-pci --no-shconf}). The EAL starts once for this JVM (surefire forks one per
 * test class in this module).
 */
class DpdkPacketIoTest
{
    private static final DpdkPacketIoProvider PROVIDER = new DpdkPacketIoProvider();

    @BeforeAll
    static void requireDpdk()
    {
        final Throwable cause = PROVIDER.unavailabilityCause();
        assumeTrue(cause == null, () -> "DPDK backend unavailable here: " + cause.getMessage());
    }

    private static PacketIo open(final String device, final String devargs) throws IOException
    {
        return PROVIDER.open(new PacketIoConfig().deviceName(device).property("dpdk.devargs", devargs));
    }

    @Test
    void shouldReceiveBurstsOfFixedSizePacketsFromNetNull() throws IOException
    {
        try (PacketIo io = open("net_null_rx", "size=64"))
        {
            final int[] lengths = new int[2];
            final PacketHandler handler = (buffer, offset, length, source) ->
            {
                lengths[0] += length;
                lengths[1]++;
                assertEquals(PacketIoConfig.DEFAULT_HEADROOM, offset);
                buffer.putLong(offset - 8, 0x1122334455667788L);
            };
            assertEquals(32, io.poll(handler, 64), "capped by the burst size");
            assertEquals(10, io.poll(handler, 10));
            assertEquals(42, lengths[1]);
            assertEquals(42 * 64, lengths[0]);
            assertEquals(42, io.counters().get(PacketIoCounters.RX_PACKETS));
        }
    }

    @Test
    void shouldSendBurstsToNetNullOnFlush() throws IOException
    {
        try (DpdkPacketIo io = (DpdkPacketIo)open("net_null_tx", ""))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[60]);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(60, io.offer(frame, 0, 60, PacketIo.NO_NEXT_HOP));
            }
            assertEquals(20, io.queuedForSend());
            assertEquals(20, io.flush());
            assertEquals(0, io.queuedForSend());
            for (int i = 0; i < 100; i++)
            {
                assertEquals(60, io.offer(frame, 0, 60, PacketIo.NO_NEXT_HOP), "full queues flush themselves");
            }
            io.flush();
            assertEquals(120, io.portStatistics()[1], "opackets");
            assertEquals(120, io.counters().get(PacketIoCounters.TX_PACKETS));
        }
    }

    @Test
    void shouldLoopPacketsBackThroughNetRingIntact() throws IOException
    {
        try (PacketIo io = open("net_ring_loop", ""))
        {
            final byte[][] sent = new byte[5][];
            for (int i = 0; i < sent.length; i++)
            {
                sent[i] = new byte[64 + i * 100];
                for (int j = 0; j < sent[i].length; j++)
                {
                    sent[i][j] = (byte)(i * 31 + j);
                }
                assertEquals(sent[i].length, io.offer(new UnsafeBuffer(sent[i]), 0, sent[i].length, 0));
            }
            assertEquals(5, io.flush());
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(5, io.poll(handler, 32));
            for (int i = 0; i < sent.length; i++)
            {
                assertArrayEquals(sent[i], handler.packets.get(i));
            }
        }
    }

    @Test
    void shouldFailAndReportWhenThePortIsHotUnplugged() throws IOException
    {
        final List<Throwable> reported = new ArrayList<>();
        final PacketIo io = PROVIDER.open(new PacketIoConfig().deviceName("net_ring_gone").errorHandler(reported::add));
        try
        {
            assertEquals(0, io.poll(new RecordingHandler(), 32));
            assertEquals(0, DpdkNative.detach("net_ring_gone"), "hot-unplug");
            assertEquals(0, io.poll(new RecordingHandler(), 32));
            assertEquals(PacketIo.STATE_FAILED, io.state());
            assertInstanceOf(IOException.class, io.failureCause());
            assertEquals(1, reported.size());
            assertEquals(PacketIo.FAILED, io.offer(new UnsafeBuffer(new byte[64]), 0, 64, 0));
        }
        finally
        {
            io.close();
        }
    }

    @Test
    void shouldRejectHeadroomBeyondTheMbufHeadroomAndUnknownDevices()
    {
        assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(
            new PacketIoConfig().deviceName("net_null_big").headroom(256)));
        final IOException ex = assertThrows(IOException.class, () -> open("net_nosuchdriver0", ""));
        assertTrue(ex.getMessage().contains("net_nosuchdriver0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(new PacketIoConfig()));
    }

    @Test
    void shouldRefuseToOpenOnePortTwice() throws IOException
    {
        try (PacketIo first = open("net_null_twice", ""))
        {
            assertEquals(PacketIo.STATE_ACTIVE, first.state());
            final IOException ex = assertThrows(IOException.class, () -> open("net_null_twice", ""));
            assertTrue(ex.getMessage().contains("busy"), ex.getMessage());
            assertEquals(5, first.poll((buffer, offset, length, source) ->
            {
            }, 5), "the first device still works");
        }
    }

    @Test
    void shouldNotAllocateOnPollOfferAndFlush() throws IOException
    {
        try (PacketIo rx = open("net_null_alloc", "size=64"); PacketIo tx = open("net_null_alloc_tx", ""))
        {
            final long[] bytes = new long[1];
            final PacketHandler forward = (buffer, offset, length, source) ->
            {
                bytes[0] += length;
                tx.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP);
            };
            for (int i = 0; i < 20_000; i++)
            {
                rx.poll(forward, 32);
                tx.flush();
            }
            final long allocated = Allocations.minAllocatedBytes(3, () ->
            {
                for (int i = 0; i < 20_000; i++)
                {
                    rx.poll(forward, 32);
                    tx.flush();
                }
            });
            assertEquals(0, allocated, "bytes allocated over 640k packets");
            assertEquals(80_000L * 32 * 64, bytes[0]);
        }
    }
}
