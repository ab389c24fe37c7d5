/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A non-blocking NIO {@link DatagramChannel}, the RLOC side of an xTR: packets are UDP payloads (the LISP header
 * and what follows); the kernel writes the outer IP and UDP headers.
 * <p>
 * Receive: {@code DatagramChannel.receive} into one direct buffer behind {@code headroom} bytes, one packet per
 * system call (the JDK has no {@code recvmmsg}); the sender is reported as a {@link
 * io.fmc4j.api.spi.dataplane.PeerAddress}, decoded only when it differs from the previous packet's sender (the
 * JDK caches the last sender's {@code InetSocketAddress}, so a steady flow allocates nothing). Send: the packet is
 * copied into a direct staging buffer and sent with {@code DatagramChannel.send} to a destination resolved once
 * by {@link #registerNextHop(InetSocketAddress)}. A full socket send buffer answers {@link #BACK_PRESSURED}. A
 * closed channel fails the device; other send errors (e.g. network unreachable) are counted as
 * {@link PacketIoCounters#TX_ERRORS} and the packet is dropped.
 */
public final class UdpPacketIo extends AbstractPacketIo
{
    /** Default size of the next-hop table. */
    public static final int DEFAULT_MAX_NEXT_HOPS = 4096;

    private final DatagramChannel channel;
    private final boolean ipv6;
    private final ByteBuffer rxByteBuffer;
    private final UnsafeBuffer rxBuffer;
    private final ByteBuffer txByteBuffer;
    private final UnsafeBuffer txBuffer;
    private final InetSocketAddress[] nextHops;
    private final InetSocketAddress localAddress;
    private int nextHopCount;
    private SocketAddress lastSender;

    private UdpPacketIo(
        final PacketIoConfig config, final DatagramChannel channel, final boolean ipv6, final int maxNextHops)
        throws IOException
    {
        super(UdpPacketIoProvider.NAME, "udp " + channel.getLocalAddress(), config);
        this.channel = channel;
        this.ipv6 = ipv6;
        this.localAddress = (InetSocketAddress)channel.getLocalAddress();
        this.rxByteBuffer = BufferUtil.allocateDirectAligned(
            BitUtil.align(headroom + mtu + 1, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH);
        this.rxBuffer = new UnsafeBuffer(rxByteBuffer);
        this.txByteBuffer = BufferUtil.allocateDirectAligned(
            BitUtil.align(mtu, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH);
        this.txBuffer = new UnsafeBuffer(txByteBuffer);
        this.nextHops = new InetSocketAddress[maxNextHops];
    }

    /**
     * Opens and binds a channel.
     *
     * @param config concluded; {@code localAddress} is required. Properties: {@code udp.rcvbuf},
     *               {@code udp.sndbuf} (socket buffer bytes), {@code udp.maxNextHops}.
     * @return the device.
     * @throws IOException when the socket cannot be opened or bound.
     */
    static UdpPacketIo open(final PacketIoConfig config) throws IOException
    {
        final InetSocketAddress local = config.localAddress();
        if (local == null)
        {
            throw new IllegalArgumentException("udp provider needs a localAddress to bind");
        }
        final int maxNextHops = config.intProperty("udp.maxNextHops", DEFAULT_MAX_NEXT_HOPS);
        if (maxNextHops < 1)
        {
            throw new IllegalArgumentException("udp.maxNextHops must be positive: " + maxNextHops);
        }
        final boolean ipv6 = local.getAddress() instanceof Inet6Address;
        final DatagramChannel channel =
            DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try
        {
            channel.configureBlocking(false);
            final int rcvbuf = config.intProperty("udp.rcvbuf", 0);
            if (rcvbuf > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            final int sndbuf = config.intProperty("udp.sndbuf", 0);
            if (sndbuf > 0)
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
            }
            channel.bind(local);
            return new UdpPacketIo(config, channel, ipv6, maxNextHops);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * The bound address (with the port chosen by the kernel when configured as 0).
     *
     * @return the local address.
     */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /** {@inheritDoc} */
    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        if (destination == null || destination.isUnresolved())
        {
            throw new IllegalArgumentException("next hop must be a resolved address: " + destination);
        }
        if (!ipv6 && !(destination.getAddress() instanceof Inet4Address))
        {
            throw new IllegalArgumentException("an IPv4 socket cannot reach " + destination);
        }
        for (int i = 0; i < nextHopCount; i++)
        {
            if (nextHops[i].equals(destination))
            {
                return i;
            }
        }
        if (nextHopCount == nextHops.length)
        {
            throw new IllegalStateException("next-hop table full (" + nextHops.length + "), see udp.maxNextHops");
        }
        nextHops[nextHopCount] = destination;
        return nextHopCount++;
    }

    /** {@inheritDoc} */
    @Override
    protected int doPoll(final PacketHandler handler, final int limit)
    {
        final ByteBuffer rx = rxByteBuffer;
        final int start = headroom;
        final int end = headroom + mtu + 1;
        int work = 0;
        while (work < limit)
        {
            final SocketAddress sender;
            try
            {
                rx.limit(end).position(start);
                sender = channel.receive(rx);
            }
            catch (final ClosedChannelException ex)
            {
                fail(ex);
                break;
            }
            catch (final IOException ex)
            {
                counters.increment(PacketIoCounters.RX_ERRORS);
                break;
            }
            if (sender == null)
            {
                break;
            }
            if (sender != lastSender)
            {
                decodeSender(sender);
            }
            work += deliver(handler, rxBuffer, start, rx.position() - start, peer);
        }
        return work;
    }

    /** {@inheritDoc} */
    @Override
    protected int doOffer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (nextHop < 0 || nextHop >= nextHopCount)
        {
            counters.increment(PacketIoCounters.TX_DROP_BAD_NEXT_HOP);
            return REJECTED;
        }
        txBuffer.putBytes(0, buffer, offset, length);
        final ByteBuffer tx = txByteBuffer;
        tx.limit(length).position(0);
        try
        {
            final int sent = channel.send(tx, nextHops[nextHop]);
            return sent == 0 ? BACK_PRESSURED : sent;
        }
        catch (final ClosedChannelException ex)
        {
            fail(ex);
            counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
            return FAILED;
        }
        catch (final IOException ex)
        {
            counters.increment(PacketIoCounters.TX_ERRORS);
            return REJECTED;
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Closing a datagram channel does not fail in practice; nothing is left to release.
        }
    }

    /**
     * The channel, for tests that simulate a failure by closing it behind the device's back.
     *
     * @return the channel.
     */
    DatagramChannel channel()
    {
        return channel;
    }

    private void decodeSender(final SocketAddress sender)
    {
        lastSender = sender;
        if (sender instanceof InetSocketAddress)
        {
            final InetSocketAddress isa = (InetSocketAddress)sender;
            final InetAddress address = isa.getAddress();
            final byte[] bytes = address.getAddress();
            if (bytes.length == 4)
            {
                final int ipv4 = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) |
                    ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
                peer.ipv4(ipv4, isa.getPort());
            }
            else
            {
                peer.ipv6(longAt(bytes, 0), longAt(bytes, 8), isa.getPort());
            }
        }
        else
        {
            peer.clear();
        }
    }

    private static long longAt(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
