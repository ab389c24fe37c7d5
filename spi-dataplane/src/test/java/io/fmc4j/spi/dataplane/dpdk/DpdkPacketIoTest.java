/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.dpdk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.Allocations;
import io.fmc4j.spi.dataplane.Commands;
import io.fmc4j.spi.dataplane.RecordingHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    private static int ealDeviceFrameLength;

    @BeforeAll
    static void requireDpdkAndStartTheEalWithAVdev() throws IOException
    {
        final Throwable cause = PROVIDER.unavailabilityCause();
        assumeTrue(cause == null, () -> "DPDK backend unavailable here: " + cause.getMessage());
        // The first open starts the EAL; this one also declares a device on the EAL command line.
        final PacketIoConfig config = new PacketIoConfig().deviceName("net_null_eal")
            .property("dpdk.eal.args", DpdkPacketIoProvider.DEFAULT_EAL_ARGS + " --vdev net_null_eal,size=128");
        try (PacketIo io = PROVIDER.open(config))
        {
            final int[] length = new int[1];
            io.poll((buffer, offset, len, source) -> length[0] = len, 1);
            ealDeviceFrameLength = length[0];
        }
    }

    @Test
    void shouldUseAndReuseAPortDeclaredOnTheEalCommandLine() throws IOException
    {
        assertEquals(128, ealDeviceFrameLength, "frames of the --vdev device opened at EAL start");
        try (PacketIo again = PROVIDER.open(new PacketIoConfig().deviceName("net_null_eal")))
        {
            final int[] length = new int[1];
            assertEquals(1, again.poll((buffer, offset, len, source) -> length[0] = len, 1));
            assertEquals(128, length[0], "closing did not remove a port this backend did not create");
        }
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
    void shouldHandARingBatchOverAsOneBurstWithoutCopying() throws IOException
    {
        try (PacketIo io = open("net_ring_burst", ""))
        {
            final byte[][] sent = new byte[7][];
            for (int i = 0; i < sent.length; i++)
            {
                sent[i] = new byte[60 + i * 50];
                for (int j = 0; j < sent[i].length; j++)
                {
                    sent[i][j] = (byte)(i * 17 + j);
                }
                assertEquals(sent[i].length, io.offer(new UnsafeBuffer(sent[i]), 0, sent[i].length, 0));
            }
            assertEquals(7, io.flush());
            final RecordingHandler handler = new RecordingHandler();
            assertEquals(7, io.pollBurst(handler, 32));
            assertEquals(List.of(7), handler.bursts, "one burst, as rte_eth_rx_burst returned it");
            for (int i = 0; i < sent.length; i++)
            {
                assertArrayEquals(sent[i], handler.packets.get(i));
                assertTrue(handler.offsets.get(i) >= io.headroom(), "headroom in front of every packet");
            }
            assertEquals(7, io.counters().get(PacketIoCounters.RX_PACKETS));
            assertEquals(0, io.pollBurst(handler, 32), "nothing left");
        }
    }

    @Test
    void shouldExchangeFramesWithTheKernelThroughNetTap() throws IOException
    {
        assumeTrue(Commands.isRoot(), "net_tap needs root");
        final String ip = Commands.which("ip");
        assumeTrue(ip != null, "net_tap test needs the ip command");
        final long id = ProcessHandle.current().pid() % 100;
        final String iface = "fmc4jd" + id;
        final String local = "10.214." + (100 + id) + ".1";
        final String remote = "10.214." + (100 + id) + ".2";
        try (PacketIo tap = open("net_tap_t", "iface=" + iface);
            DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            Commands.run(ip, "link", "set", "dev", iface, "up");
            Commands.run(ip, "addr", "add", local + "/24", "dev", iface);
            Commands.run(ip, "neigh", "replace", remote, "lladdr", "02:00:00:00:00:02", "dev", iface);
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.configureBlocking(false);
            socket.send(ByteBuffer.wrap(new byte[] {9, 8, 7}), new InetSocketAddress(remote, 9996));

            final int[] seen = new int[1];
            final PacketHandler echo = (buffer, offset, length, source) ->
            {
                // Ethernet(14) + IPv4(20, no options from this socket) + UDP(8) to port 9996.
                if (length >= 45 && buffer.getShort(offset + 12, BIG_ENDIAN) == 0x0800 &&
                    buffer.getByte(offset + 23) == 17 && (buffer.getShort(offset + 36, BIG_ENDIAN) & 0xFFFF) == 9996)
                {
                    for (int i = 0; i < 6; i++)
                    {
                        final byte dst = buffer.getByte(offset + i);
                        buffer.putByte(offset + i, buffer.getByte(offset + 6 + i));
                        buffer.putByte(offset + 6 + i, dst);
                    }
                    final int srcIp = buffer.getInt(offset + 26);
                    buffer.putInt(offset + 26, buffer.getInt(offset + 30));
                    buffer.putInt(offset + 30, srcIp);
                    final short srcPort = buffer.getShort(offset + 34);
                    buffer.putShort(offset + 34, buffer.getShort(offset + 36));
                    buffer.putShort(offset + 36, srcPort);
                    assertEquals(length, tap.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP));
                    seen[0]++;
                }
            };
            final ByteBuffer reply = ByteBuffer.allocate(64);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            InetSocketAddress from = null;
            while (from == null && System.nanoTime() < deadline)
            {
                tap.poll(echo, 32);
                tap.flush();
                from = (InetSocketAddress)socket.receive(reply);
            }
            assertEquals(1, seen[0], "the kernel's frame received through net_tap");
            assertNotNull(from, "the frame sent through net_tap reached the kernel socket");
            assertEquals(remote, from.getAddress().getHostAddress());
            assertEquals(3, reply.position());
        }
    }

    @Test
    void shouldAnswerBackPressuredWhenTheMempoolRunsOutAndRecoverWithoutLeaking() throws IOException
    {
        final PacketIoConfig config = new PacketIoConfig().deviceName("net_ring_small")
            .property("dpdk.rxDescriptors", "64").property("dpdk.txDescriptors", "64").property("dpdk.mbufs", "192");
        try (PacketIo io = PROVIDER.open(config))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
            int firstRound = -1;
            for (int round = 0; round < 3; round++)
            {
                int accepted = 0;
                int result = 0;
                for (int i = 0; i < 1000 && result != PacketIo.BACK_PRESSURED; i++)
                {
                    result = io.offer(frame, 0, 64, PacketIo.NO_NEXT_HOP);
                    if (result > 0)
                    {
                        accepted++;
                    }
                    io.flush();
                }
                assertEquals(PacketIo.BACK_PRESSURED, result, "an exhausted mempool back-pressures");
                assertTrue(accepted > 100 && accepted <= 192, "accepted " + accepted);
                firstRound = firstRound < 0 ? accepted : firstRound;
                assertEquals(firstRound, accepted, "round " + round + ": the pool lost mbufs");
                int received = 0;
                int work;
                do
                {
                    work = io.poll((buffer, offset, length, source) ->
                    {
                    }, 32);
                    received += work;
                }
                while (work > 0);
                io.flush();
                received += io.poll((buffer, offset, length, source) ->
                {
                }, 32);
                assertEquals(accepted, received, "round " + round + ": every accepted frame looped back");
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
    @Tag("alloc")
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
