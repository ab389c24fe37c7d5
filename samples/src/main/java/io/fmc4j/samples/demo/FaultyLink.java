/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The Map-Server's control device with the demo's injected faults: a blackout (nothing in or out, as if the
 * Map-Server were unreachable) and the loss of chosen Map-Notify messages to one peer. Faults are armed from any
 * thread; the device is used by the Map-Server's thread only.
 */
final class FaultyLink extends ForwardingPacketIo
{
    private static final int MAP_NOTIFY = 4;

    private final Int2ObjectHashMap<InetAddress> nextHops = new Int2ObjectHashMap<>();
    private final PacketHandler discard = (buffer, offset, length, source) -> { };
    private volatile long blackoutUntilNanos;
    private volatile InetAddress dropNotifiesTo;
    private volatile int notifiesToDrop;
    private volatile long dropped;

    FaultyLink(final PacketIo delegate)
    {
        super(delegate);
    }

    /**
     * Drops everything sent and received for a while.
     *
     * @param nanos how long, from now.
     */
    void blackout(final long nanos)
    {
        blackoutUntilNanos = System.nanoTime() + nanos;
    }

    /**
     * Drops the next Map-Notify messages sent to one peer.
     *
     * @param peer  its address.
     * @param count how many.
     */
    void dropNotifies(final InetAddress peer, final int count)
    {
        dropNotifiesTo = peer;
        notifiesToDrop = count;
    }

    /**
     * Packets dropped by the faults.
     *
     * @return the count.
     */
    long dropped()
    {
        return dropped;
    }

    private boolean inBlackout()
    {
        final long until = blackoutUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        final int nextHop = delegate.registerNextHop(destination);
        nextHops.put(nextHop, destination.getAddress());
        return nextHop;
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (inBlackout())
        {
            dropped++;
            return length;
        }
        if (notifiesToDrop > 0 && length > 0 && ((buffer.getByte(offset) & 0xF0) >>> 4) == MAP_NOTIFY &&
            dropNotifiesTo != null && dropNotifiesTo.equals(nextHops.get(nextHop)))
        {
            notifiesToDrop--;
            dropped++;
            return length;
        }
        return delegate.offer(buffer, offset, length, nextHop);
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        if (inBlackout())
        {
            final int discarded = delegate.poll(discard, limit);
            dropped += discarded;
            return discarded;
        }
        return delegate.poll(handler, limit);
    }
}
