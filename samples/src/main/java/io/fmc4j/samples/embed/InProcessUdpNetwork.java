/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A named, in-process IPv4 "UDP network": every device opened by {@link InProcessUdpProvider} binds one
 * {@code address:port} on it, and a datagram offered to a next hop lands in the receive ring of the device bound
 * to that address and port. It behaves like UDP: a datagram for an address nobody has bound, or for a device
 * whose receive ring is full, is lost (counted here), not refused to the sender.
 * <p>
 * Any IPv4 address can be bound (no interfaces to configure, no root, no port clashes with other processes), so
 * a whole LISP deployment (Map-Server, xTRs on their RLOCs, ports 4341 and 4342) fits in one JVM with the real
 * addresses of a lab plan.
 * <p>
 * Threads: binding and unbinding are cold-path calls (copy-on-write of the address table); a sender finds the
 * receiving device with one lookup in the current table, without locks or allocation.
 */
public final class InProcessUdpNetwork
{
    private static final ConcurrentHashMap<String, InProcessUdpNetwork> NETWORKS = new ConcurrentHashMap<>();

    private final String name;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lostNoReceiver = new AtomicLong();
    private final AtomicLong lostReceiverFull = new AtomicLong();
    private volatile Long2ObjectHashMap<InProcessUdpPacketIo> bound = new Long2ObjectHashMap<>();

    private InProcessUdpNetwork(final String name)
    {
        this.name = name;
    }

    /**
     * The network of that name, created on first use. Networks live as long as the JVM.
     *
     * @param name the network name (the {@code deviceName} given to {@link InProcessUdpProvider}).
     * @return the network.
     */
    public static InProcessUdpNetwork named(final String name)
    {
        return NETWORKS.computeIfAbsent(name, InProcessUdpNetwork::new);
    }

    /**
     * The network's name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Datagrams that reached a receive ring.
     *
     * @return the count since the network was created.
     */
    public long delivered()
    {
        return delivered.get();
    }

    /**
     * Datagrams lost because nothing was bound to their destination (UDP would answer port unreachable).
     *
     * @return the count.
     */
    public long lostNoReceiver()
    {
        return lostNoReceiver.get();
    }

    /**
     * Datagrams lost because the receiving device's ring was full (a full socket buffer, in UDP terms).
     *
     * @return the count.
     */
    public long lostReceiverFull()
    {
        return lostReceiverFull.get();
    }

    /**
     * The device bound to an address, if any.
     *
     * @param address an IPv4 address and port.
     * @return the device, or null.
     */
    public InProcessUdpPacketIo boundTo(final InetSocketAddress address)
    {
        return bound.get(key(address));
    }

    /**
     * The addresses currently bound, as text (cold path: diagnostics).
     *
     * @return e.g. {@code [192.0.2.1:4342, 192.0.2.10:4341]}.
     */
    public List<String> boundAddresses()
    {
        final List<String> out = new ArrayList<>();
        for (final InProcessUdpPacketIo io : bound.values())
        {
            out.add(io.localText());
        }
        out.sort(null);
        return out;
    }

    synchronized void bind(final InProcessUdpPacketIo io, final long key) throws IOException
    {
        if (bound.containsKey(key))
        {
            throw new IOException(name + ": address already in use: " + io.localText());
        }
        final Long2ObjectHashMap<InProcessUdpPacketIo> copy = new Long2ObjectHashMap<>();
        copy.putAll(bound);
        copy.put(key, io);
        bound = copy;
    }

    synchronized void unbind(final InProcessUdpPacketIo io, final long key)
    {
        if (bound.get(key) == io)
        {
            final Long2ObjectHashMap<InProcessUdpPacketIo> copy = new Long2ObjectHashMap<>();
            copy.putAll(bound);
            copy.remove(key);
            bound = copy;
        }
    }

    /**
     * Hands a datagram to whatever is bound to {@code destination}; hot path.
     *
     * @param destination the key of the destination ({@link #key(int, int)}).
     * @param sender      the sending device.
     * @param buffer      holds the datagram.
     * @param offset      where it starts.
     * @param length      its length.
     */
    void route(final long destination, final InProcessUdpPacketIo sender, final DirectBuffer buffer,
        final int offset, final int length)
    {
        final InProcessUdpPacketIo receiver = bound.get(destination);
        if (receiver == null)
        {
            lostNoReceiver.incrementAndGet();
        }
        else if (receiver.enqueue(sender.localIpv4(), sender.localPort(), buffer, offset, length))
        {
            delivered.incrementAndGet();
        }
        else
        {
            lostReceiverFull.incrementAndGet();
        }
    }

    /**
     * The table key of an IPv4 address and port.
     *
     * @param ipv4 the address, first octet in the high byte.
     * @param port the port.
     * @return the key.
     */
    static long key(final int ipv4, final int port)
    {
        return ((ipv4 & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF);
    }

    static long key(final InetSocketAddress address)
    {
        return key(ipv4(address), address.getPort());
    }

    static int ipv4(final InetSocketAddress address)
    {
        if (address == null || address.isUnresolved() || !(address.getAddress() instanceof Inet4Address))
        {
            throw new IllegalArgumentException("an IPv4 address and port is required: " + address);
        }
        final byte[] b = address.getAddress().getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
