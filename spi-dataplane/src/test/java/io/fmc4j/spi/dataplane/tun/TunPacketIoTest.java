/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.tun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.Allocations;
import io.fmc4j.spi.dataplane.Commands;
import io.fmc4j.spi.dataplane.RecordingHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Needs root, {@code /dev/net/tun} and {@code ip}: creates a TUN device with a /24 on it and exchanges packets
 * between the kernel and the device.
 */
class TunPacketIoTest
{
    private static final TunPacketIoProvider PROVIDER = new TunPacketIoProvider();
    private static String ip;

    private final String name = "fmc4jt" + (ProcessHandle.current().pid() % 100_000);
    private final int subnet = 100 + (int)(ProcessHandle.current().pid() % 100);
    private final String local = "10.213." + subnet + ".1";
    private final String remote = "10.213." + subnet + ".2";
    private final List<Throwable> reported = new ArrayList<>();
    private PacketIo tun;

    @BeforeAll
    static void requireTun()
    {
        final Throwable cause = PROVIDER.unavailabilityCause();
        assumeTrue(cause == null, () -> "TUN backend unavailable here: " + cause.getMessage());
        assumeTrue(Commands.isRoot(), "TUN tests need root (to create devices and assign addresses)");
        ip = Commands.which("ip");
        assumeTrue(ip != null, "TUN tests need the ip command (iproute2)");
    }

    @BeforeEach
    void openDevice() throws IOException
    {
        tun = PROVIDER.open(new PacketIoConfig().deviceName(name).mtu(1400).errorHandler(reported::add));
        Commands.run(ip, "addr", "add", local + "/24", "dev", name);
    }

    @AfterEach
    void closeDevice()
    {
        if (tun != null)
        {
            tun.close();
        }
    }

    @Test
    void shouldReadADatagramRoutedIntoTheDeviceAndDeliverTheReplyWrittenBack() throws IOException
    {
        assertEquals(name, ((TunPacketIo)tun).interfaceName());
        try (DatagramChannel socket = DatagramChannel.open())
        {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.configureBlocking(false);
            final byte[] payload = "fmc4j over tun".getBytes(StandardCharsets.US_ASCII);
            socket.send(ByteBuffer.wrap(payload), new InetSocketAddress(InetAddress.getByName(remote), 9999));

            final int[] seen = new int[1];
            final PacketHandler echo = (buffer, offset, length, source) ->
            {
                if (isUdp4To(buffer, offset, length, 9999))
                {
                    final int ihl = (buffer.getByte(offset) & 0x0F) * 4;
                    final int udp = offset + ihl;
                    assertEquals(8 + payload.length, buffer.getShort(udp + 4, BIG_ENDIAN) & 0xFFFF);
                    final byte[] got = new byte[payload.length];
                    buffer.getBytes(udp + 8, got);
                    assertEquals("fmc4j over tun", new String(got, StandardCharsets.US_ASCII));
                    swapAddresses(buffer, offset);
                    final short sport = buffer.getShort(udp, BIG_ENDIAN);
                    buffer.putShort(udp, buffer.getShort(udp + 2, BIG_ENDIAN), BIG_ENDIAN);
                    buffer.putShort(udp + 2, sport, BIG_ENDIAN);
                    buffer.putShort(udp + 6, (short)0, BIG_ENDIAN);
                    assertEquals(length, tun.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP));
                    seen[0]++;
                }
            };
            final ByteBuffer reply = ByteBuffer.allocate(256);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            InetSocketAddress from = null;
            while (from == null && System.nanoTime() < deadline)
            {
                tun.poll(echo, 16);
                from = (InetSocketAddress)socket.receive(reply);
            }
            assertEquals(1, seen[0], "datagram read from the TUN device");
            assertNotNull(from, "reply written to the TUN device reached the socket");
            assertEquals(remote, from.getAddress().getHostAddress());
            assertEquals(9999, from.getPort());
            assertEquals(payload.length, reply.position());
            assertTrue(tun.counters().get(PacketIoCounters.RX_PACKETS) >= 1);
            assertEquals(1, tun.counters().get(PacketIoCounters.TX_PACKETS));
        }
    }

    @Test
    void shouldCarryIpv6DatagramsBothWays() throws IOException
    {
        final String local6 = "fd00:213:" + subnet + "::1";
        final String remote6 = "fd00:213:" + subnet + "::2";
        Commands.run(ip, "-6", "addr", "add", local6 + "/64", "dev", name, "nodad");
        try (DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET6))
        {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local6), 0));
            socket.configureBlocking(false);
            socket.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}),
                new InetSocketAddress(InetAddress.getByName(remote6), 9998));
            final int[] seen = new int[1];
            final PacketHandler echo = (buffer, offset, length, source) ->
            {
                if (length >= 48 && (buffer.getByte(offset) & 0xF0) == 0x60 && buffer.getByte(offset + 6) == 17 &&
                    (buffer.getShort(offset + 42, BIG_ENDIAN) & 0xFFFF) == 9998)
                {
                    // Swapping addresses and ports leaves the UDP checksum valid (the sum is commutative).
                    for (int i = 0; i < 16; i += 8)
                    {
                        final long src = buffer.getLong(offset + 8 + i);
                        buffer.putLong(offset + 8 + i, buffer.getLong(offset + 24 + i));
                        buffer.putLong(offset + 24 + i, src);
                    }
                    final short sport = buffer.getShort(offset + 40);
                    buffer.putShort(offset + 40, buffer.getShort(offset + 42));
                    buffer.putShort(offset + 42, sport);
                    tun.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP);
                    seen[0]++;
                }
            };
            final ByteBuffer reply = ByteBuffer.allocate(64);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long resend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            InetSocketAddress from = null;
            while (from == null && System.nanoTime() < deadline)
            {
                tun.poll(echo, 16);
                from = (InetSocketAddress)socket.receive(reply);
                if (from == null && System.nanoTime() > resend)
                {
                    // A fresh interface's IPv6 set-up can still be settling: retry as a client would.
                    socket.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}),
                        new InetSocketAddress(InetAddress.getByName(remote6), 9998));
                    resend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
            }
            assertTrue(seen[0] >= 1, "IPv6 datagram read from the TUN device");
            assertNotNull(from, "IPv6 reply written to the TUN device reached the socket");
            assertEquals(InetAddress.getByName(remote6), from.getAddress());
            assertEquals(4, reply.position());
        }
    }

    @Test
    void shouldHandAReadBatchOverAsOneBurst() throws Exception
    {
        Commands.run(ip, "link", "set", "dev", name, "mtu", "3000");
        try (DatagramChannel socket = DatagramChannel.open())
        {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            final InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(remote), 9996);
            for (int i = 0; i < 10; i++)
            {
                final ByteBuffer payload = ByteBuffer.allocate(100 + i);
                payload.put(0, (byte)i);
                socket.send(payload, target);
                if (i == 4)
                {
                    socket.send(ByteBuffer.allocate(2000), target);
                }
            }
            Thread.sleep(50);
            final RecordingHandler handler = new RecordingHandler();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int udp = 0;
            while (udp < 10 && System.nanoTime() < deadline)
            {
                tun.pollBurst(handler, 16);
                udp = 0;
                for (final byte[] p : handler.packets)
                {
                    udp += isUdp4To(new UnsafeBuffer(p), 0, p.length, 9996) ? 1 : 0;
                }
            }
            assertEquals(10, udp, "every datagram under the MTU delivered");
            int next = 0;
            for (final byte[] p : handler.packets)
            {
                if (isUdp4To(new UnsafeBuffer(p), 0, p.length, 9996))
                {
                    assertEquals(20 + 8 + 100 + next, p.length, "in order, whole");
                    assertEquals(next, p[28], "payload intact");
                    next++;
                }
            }
            assertTrue(handler.bursts.stream().anyMatch(n -> n > 1),
                "datagrams queued before the poll came as one burst: " + handler.bursts);
            assertTrue(handler.sources.stream().allMatch("burst"::equals), "delivered through onBurst");
            assertEquals(1, tun.counters().get(PacketIoCounters.RX_DROP_TOO_LONG), "the oversized one counted");
            assertEquals(PacketIo.STATE_ACTIVE, tun.state());
        }
    }

    @Test
    void shouldCountPacketsLongerThanTheConfiguredMtuWithoutFailing() throws IOException
    {
        Commands.run(ip, "link", "set", "dev", name, "mtu", "3000");
        try (DatagramChannel socket = DatagramChannel.open())
        {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            final InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(remote), 9997);
            socket.send(ByteBuffer.allocate(2000), target);
            socket.send(ByteBuffer.allocate(100), target);
            final int[] small = new int[1];
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (small[0] == 0 && System.nanoTime() < deadline)
            {
                tun.poll((buffer, offset, length, source) ->
                {
                    if (length == 128)
                    {
                        small[0]++;
                    }
                }, 16);
            }
            assertEquals(1, small[0], "the datagram after the oversized one still arrives");
            assertEquals(1, tun.counters().get(PacketIoCounters.RX_DROP_TOO_LONG));
            assertEquals(PacketIo.STATE_ACTIVE, tun.state());
        }
    }

    @Test
    void shouldAnswerAnIcmpEchoSentByTheKernel() throws Exception
    {
        final CompletableFuture<Boolean> ping = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return InetAddress.getByName(remote).isReachable(4000);
            }
            catch (final IOException ex)
            {
                return false;
            }
        });
        final int[] replies = new int[1];
        final PacketHandler echo = (buffer, offset, length, source) ->
        {
            if (length >= 28 && (buffer.getByte(offset) & 0xF0) == 0x40 && buffer.getByte(offset + 9) == 1)
            {
                final int icmp = offset + (buffer.getByte(offset) & 0x0F) * 4;
                if (buffer.getByte(icmp) == 8)
                {
                    swapAddresses(buffer, offset);
                    buffer.putByte(icmp, (byte)0);
                    buffer.putShort(icmp + 2, (short)0, BIG_ENDIAN);
                    buffer.putShort(icmp + 2, (short)checksum(buffer, icmp, offset + length - icmp), BIG_ENDIAN);
                    tun.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP);
                    replies[0]++;
                }
            }
        };
        while (!ping.isDone())
        {
            tun.poll(echo, 16);
        }
        assertTrue(replies[0] >= 1, "no ICMP echo request came out of the TUN device");
        assertTrue(ping.get(), "the kernel did not accept the echo reply written to the TUN device");
    }

    @Test
    void shouldFailAndReportWhenTheInterfaceIsDeleted() throws IOException
    {
        Commands.run(ip, "link", "del", name);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tun.state() == PacketIo.STATE_ACTIVE && System.nanoTime() < deadline)
        {
            tun.poll((buffer, offset, length, source) ->
            {
            }, 16);
        }
        assertEquals(PacketIo.STATE_FAILED, tun.state());
        assertInstanceOf(IOException.class, tun.failureCause());
        assertEquals(1, reported.size());
        assertEquals(1, tun.counters().get(PacketIoCounters.FAILURES));
        assertEquals(0, tun.poll((buffer, offset, length, source) ->
        {
        }, 16));
        assertEquals(PacketIo.FAILED, tun.offer(new UnsafeBuffer(new byte[20]), 0, 20, 0));
    }

    @Test
    @Tag("alloc")
    void shouldNotAllocateWhenWritingAndReadingPackets() throws IOException
    {
        // A UDP datagram from the remote address to a closed port on the local one: the kernel answers each with
        // an ICMP port-unreachable (rate-limited) that comes back out of the device, so both paths run.
        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(28 + 16));
        packet.putByte(0, (byte)0x45);
        packet.putShort(2, (short)44, BIG_ENDIAN);
        packet.putByte(8, (byte)64);
        packet.putByte(9, (byte)17);
        packet.putBytes(12, InetAddress.getByName(remote).getAddress());
        packet.putBytes(16, InetAddress.getByName(local).getAddress());
        packet.putShort(10, (short)checksum(packet, 0, 20), BIG_ENDIAN);
        packet.putShort(20, (short)40000, BIG_ENDIAN);
        packet.putShort(22, (short)9, BIG_ENDIAN);
        packet.putShort(24, (short)24, BIG_ENDIAN);
        final long[] received = new long[1];
        final PacketHandler count = (buffer, offset, length, source) -> received[0]++;
        for (int i = 0; i < 20_000; i++)
        {
            tun.offer(packet, 0, 44, PacketIo.NO_NEXT_HOP);
            tun.poll(count, 16);
        }
        final long allocated = Allocations.minAllocatedBytes(3, () ->
        {
            for (int i = 0; i < 20_000; i++)
            {
                tun.offer(packet, 0, 44, PacketIo.NO_NEXT_HOP);
                tun.poll(count, 16);
            }
        });
        assertEquals(80_000, tun.counters().get(PacketIoCounters.TX_PACKETS));
        assertTrue(received[0] > 0, "no ICMP answer came back out of the device");
        assertEquals(0, allocated, "bytes allocated over 20k writes and polls");
    }

    @Test
    void shouldRefuseASliceOutsideTheBufferBeforeWritingRawMemory()
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        assertThrows(IndexOutOfBoundsException.class, () -> tun.offer(direct, 10, 60, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tun.offer(direct, -1, 20, 0));
        assertEquals(0, tun.counters().get(PacketIoCounters.TX_PACKETS));
    }

    @Test
    void shouldRefuseAnInterfaceNameTooLongForTheKernel()
    {
        final IOException ex = assertThrows(IOException.class,
            () -> PROVIDER.open(new PacketIoConfig().deviceName("a-name-longer-than-ifnamsiz")));
        assertTrue(ex.getMessage().contains("a-name-longer-than-ifnamsiz"), ex.getMessage());
    }

    private static boolean isUdp4To(
        final MutableDirectBuffer buffer, final int offset, final int length, final int port)
    {
        if (length < 28 || (buffer.getByte(offset) & 0xF0) != 0x40 || buffer.getByte(offset + 9) != 17)
        {
            return false;
        }
        final int udp = offset + (buffer.getByte(offset) & 0x0F) * 4;
        return (buffer.getShort(udp + 2, BIG_ENDIAN) & 0xFFFF) == port;
    }

    private static void swapAddresses(final MutableDirectBuffer buffer, final int offset)
    {
        final int src = buffer.getInt(offset + 12, BIG_ENDIAN);
        buffer.putInt(offset + 12, buffer.getInt(offset + 16, BIG_ENDIAN), BIG_ENDIAN);
        buffer.putInt(offset + 16, src, BIG_ENDIAN);
    }

    private static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2)
        {
            sum += buffer.getShort(offset + i, BIG_ENDIAN) & 0xFFFF;
        }
        if ((length & 1) != 0)
        {
            sum += (buffer.getByte(offset + length - 1) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)(~sum & 0xFFFF);
    }
}
