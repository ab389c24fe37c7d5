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
import java.util.HashMap;
import java.util.Map;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_ADDRESS;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_FAMILY;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_LENGTH;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_NEXT_HOP;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_PORT;
import static io.fmc4j.spi.dataplane.udp.UdpNative.META_SIZE;

/**
 * A UDP socket driven through JNI with {@code recvmmsg(2)} and {@code sendmmsg(2)}: one system call per burst in
 * each direction, no JDK locks, packets in off-heap arenas. Same packets as {@link UdpPacketIo} (UDP payloads).
 * <p>
 * Receive: one JNI call per poll fills up to {@code min(limit, burstSize)} slots ({@code headroom + mtu + 1}
 * bytes each, the datagram behind its own headroom) and their sender metadata. Send: {@code offer} copies the
 * packet into the next slot of a send queue and records its length and next hop (no system call);
 * {@link #flush()}, or {@code offer} on a full queue, sends the queue with one {@code sendmmsg}. What the kernel
 * does not take stays queued; a full queue answers {@link #BACK_PRESSURED}. A send error on the first queued
 * datagram (e.g. network unreachable) drops that datagram ({@link PacketIoCounters#TX_ERRORS}) and sending goes
 * on; {@code EBADF}, {@code EPIPE} or {@code ENOTSOCK} fail the device.
 */
public final class UdpNativePacketIo extends AbstractPacketIo
{
    private final long handle;
    private final boolean ipv6;
    private final int burstSize;
    private final int stride;
    private final UnsafeBuffer rxArena;
    private final UnsafeBuffer rxMeta;
    private final UnsafeBuffer txArena;
    private final UnsafeBuffer txMeta;
    private final InetSocketAddress localAddress;
    private final int maxNextHops;
    private final Map<InetSocketAddress, Integer> nextHopIds = new HashMap<>();
    private int nextHopCount;
    private int txHead;
    private int txTail;

    private UdpNativePacketIo(
        final PacketIoConfig config, final long handle, final boolean ipv6, final InetSocketAddress localAddress,
        final int maxNextHops)
    {
        super(UdpNativePacketIoProvider.NAME, "udp-native " + localAddress, config);
        this.handle = handle;
        this.ipv6 = ipv6;
        this.localAddress = localAddress;
        this.maxNextHops = maxNextHops;
        this.burstSize = config.burstSize();
        this.stride = BitUtil.align(headroom + mtu + 1, BitUtil.CACHE_LINE_LENGTH);
        this.rxArena = direct(stride * burstSize);
        this.rxMeta = direct(META_SIZE * burstSize);
        this.txArena = direct(stride * burstSize);
        this.txMeta = direct(META_SIZE * burstSize);
    }

    static UdpNativePacketIo open(final PacketIoConfig config) throws IOException
    {
        final InetSocketAddress local = config.localAddress();
        if (local == null)
        {
            throw new IllegalArgumentException("udp-native provider needs a localAddress to bind");
        }
        final int maxNextHops = config.intProperty("udp.maxNextHops", UdpPacketIo.DEFAULT_MAX_NEXT_HOPS);
        if (maxNextHops < 1)
        {
            throw new IllegalArgumentException("udp.maxNextHops must be positive: " + maxNextHops);
        }
        final InetAddress address = local.getAddress();
        final long handle = UdpNative.open(address.getAddress(), local.getPort(),
            config.intProperty("udp.rcvbuf", 0), config.intProperty("udp.sndbuf", 0), config.burstSize(), maxNextHops);
        if (handle < 0)
        {
            throw new IOException("cannot open a UDP socket on " + local + ": " + UdpNative.strerror((int)-handle));
        }
        final int port = UdpNative.localPort(handle);
        return new UdpNativePacketIo(config, handle, address instanceof Inet6Address,
            new InetSocketAddress(address, port), maxNextHops);
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
        final Integer known = nextHopIds.get(destination);
        if (known != null)
        {
            return known;
        }
        if (nextHopCount == maxNextHops)
        {
            throw new IllegalStateException("next-hop table full (" + maxNextHops + "), see udp.maxNextHops");
        }
        final int id = UdpNative.addNextHop(handle, destination.getAddress().getAddress(), destination.getPort());
        if (id < 0)
        {
            throw new IllegalArgumentException("cannot use next hop " + destination + ": " + UdpNative.strerror(-id));
        }
        nextHopIds.put(destination, id);
        nextHopCount = id + 1;
        return id;
    }

    /** {@inheritDoc} */
    @Override
    protected int doPoll(final PacketHandler handler, final int limit)
    {
        final int count = UdpNative.receive(handle, rxArena.addressOffset(), stride, headroom, mtu + 1,
            rxMeta.addressOffset(), Math.min(limit, burstSize));
        if (count < 0)
        {
            if (UdpNative.isFatal(-count))
            {
                fail(new IOException(description() + ": receive failed, " + UdpNative.strerror(-count)));
            }
            else
            {
                counters.increment(PacketIoCounters.RX_ERRORS);
            }
            return 0;
        }
        int work = 0;
        for (int i = 0; i < count; i++)
        {
            final int meta = i * META_SIZE;
            final int port = rxMeta.getInt(meta + META_PORT);
            if (rxMeta.getInt(meta + META_FAMILY) == 4)
            {
                peer.ipv4(rxMeta.getInt(meta + META_ADDRESS, BIG_ENDIAN), port);
            }
            else
            {
                peer.ipv6(rxMeta.getLong(meta + META_ADDRESS, BIG_ENDIAN),
                    rxMeta.getLong(meta + META_ADDRESS + 8, BIG_ENDIAN), port);
            }
            work += deliver(handler, rxArena, i * stride + headroom, rxMeta.getInt(meta + META_LENGTH), peer);
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
        if (txTail == burstSize)
        {
            send();
            if (state() != STATE_ACTIVE)
            {
                counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
                return FAILED;
            }
            if (txTail == burstSize)
            {
                return BACK_PRESSURED;
            }
        }
        final int slot = txTail++;
        txArena.putBytes(slot * stride, buffer, offset, length);
        txMeta.putInt(slot * META_SIZE + META_LENGTH, length);
        txMeta.putInt(slot * META_SIZE + META_NEXT_HOP, nextHop);
        return length;
    }

    /** {@inheritDoc} */
    @Override
    public int flush()
    {
        if (txTail == txHead || state() != STATE_ACTIVE)
        {
            return 0;
        }
        return send();
    }

    /**
     * Packets queued by {@code offer} and not yet taken by the kernel.
     *
     * @return the queue length.
     */
    public int queuedForSend()
    {
        return txTail - txHead;
    }

    private int send()
    {
        int total = 0;
        while (txHead < txTail)
        {
            final int sent = UdpNative.send(handle, txArena.addressOffset(), stride, txMeta.addressOffset(), txHead,
                txTail);
            if (sent > 0)
            {
                txHead += sent;
                total += sent;
            }
            else if (sent == 0)
            {
                break;
            }
            else if (UdpNative.isFatal(-sent))
            {
                counters.add(PacketIoCounters.TX_DROP_DEVICE, txTail - txHead);
                txHead = txTail;
                fail(new IOException(description() + ": send failed, " + UdpNative.strerror(-sent)));
                break;
            }
            else
            {
                counters.increment(PacketIoCounters.TX_ERRORS);
                txHead++;
            }
        }
        if (txHead == txTail)
        {
            txHead = 0;
            txTail = 0;
        }
        else if (txHead > 0)
        {
            compact();
        }
        return total;
    }

    private void compact()
    {
        final int left = txTail - txHead;
        for (int i = 0; i < left; i++)
        {
            final int from = txHead + i;
            final int length = txMeta.getInt(from * META_SIZE + META_LENGTH);
            txArena.putBytes(i * stride, txArena, from * stride, length);
            txMeta.putLong(i * META_SIZE, txMeta.getLong(from * META_SIZE));
        }
        txHead = 0;
        txTail = left;
    }

    /**
     * Shuts the socket down behind the device's back, for tests of the failure path.
     */
    void shutdownForTest()
    {
        UdpNative.shutdown(handle);
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        final int queued = txTail - txHead;
        if (queued > 0)
        {
            counters.add(PacketIoCounters.TX_DROP_DEVICE, queued);
        }
        UdpNative.close(handle);
    }

    private static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, BitUtil.CACHE_LINE_LENGTH));
    }
}
