/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.NanoClock;

/**
 * A {@link PacketIo} decorator that delays each packet it sends by the one-way delay of the path to its next hop:
 * one device emulating a node's links to several peers at different distances (an access router 6 ms from one data
 * centre and 125 ms from another), where {@link DelayingPacketIo} has one delay for everything.
 * <p>
 * The delay of a next hop is decided once, when it is registered ({@link #registerNextHop}, cold path), from the
 * destination address. Packets wait in one bounded ring per distinct delay (a <em>lane</em>), so a packet to a
 * near peer never waits behind one to a far peer, and packets of one lane leave in order. Due packets go to the
 * wrapped device from {@link #flush()} and {@link #poll}: the owning agent's duty cycle drives the links, and
 * {@link #nextReleaseNanos()} says when the next packet is due. Optional seeded loss drops a share of packets.
 * Nothing allocates per packet; a full lane answers {@link #BACK_PRESSURED} and is counted.
 * <p>
 * Not thread-safe, like the devices it wraps: one thread offers, flushes and polls.
 */
public final class PathDelayingPacketIo extends ForwardingPacketIo
{
    private static final int NO_LANE = -1;

    private final NanoClock clock;
    private final ToLongFunction<InetAddress> delayOfPeer;
    private final long defaultDelayNanos;
    private final double lossProbability;
    private final SplittableRandom random;
    private final int laneCapacity;
    private final int slotSize;
    private final Int2IntHashMap laneOfNextHop = new Int2IntHashMap(NO_LANE);
    private final List<Lane> laneList = new ArrayList<>();
    private Lane[] lanes = new Lane[0];
    private long emulatedLosses;
    private long queueFullDrops;

    /**
     * Wraps a device.
     *
     * @param delegate          the device that really sends; closed with this.
     * @param delayOfPeer       one-way delay in nanoseconds to a destination address, at least 0; called once per
     *                          next hop registered. Packets to {@link #NO_NEXT_HOP} get {@code defaultDelayNanos}.
     * @param defaultDelayNanos one-way delay of packets sent without a registered next hop, at least 0.
     * @param lossProbability   probability in [0, 1) that a packet is dropped on the emulated path.
     * @param seed              seed of the loss draws, so runs are repeatable.
     * @param laneCapacity      packets each lane may hold in flight, a power of two.
     * @param clock             time source.
     * @throws IllegalArgumentException for a parameter out of range.
     */
    public PathDelayingPacketIo(
        final PacketIo delegate,
        final ToLongFunction<InetAddress> delayOfPeer,
        final long defaultDelayNanos,
        final double lossProbability,
        final long seed,
        final int laneCapacity,
        final NanoClock clock)
    {
        super(delegate);
        if (defaultDelayNanos < 0)
        {
            throw new IllegalArgumentException("delay must be >= 0: " + defaultDelayNanos);
        }
        if (!(lossProbability >= 0 && lossProbability < 1))
        {
            throw new IllegalArgumentException("loss probability must be in [0, 1): " + lossProbability);
        }
        if (laneCapacity < 1 || Integer.bitCount(laneCapacity) != 1)
        {
            throw new IllegalArgumentException("lane capacity must be a power of two: " + laneCapacity);
        }
        this.delayOfPeer = delayOfPeer;
        this.defaultDelayNanos = defaultDelayNanos;
        this.lossProbability = lossProbability;
        this.random = new SplittableRandom(seed);
        this.laneCapacity = laneCapacity;
        this.slotSize = delegate.mtu();
        this.clock = clock;
    }

    /**
     * Registers the next hop with the wrapped device and decides its path delay.
     *
     * @param destination a resolved address and port.
     * @return the wrapped device's next-hop id.
     * @throws IllegalArgumentException when the delay function gives a negative delay, or as the wrapped device.
     */
    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        final int nextHop = delegate.registerNextHop(destination);
        final long delay = delayOfPeer.applyAsLong(destination.getAddress());
        if (delay < 0)
        {
            throw new IllegalArgumentException("negative delay " + delay + " ns to " + destination);
        }
        laneOfNextHop.put(nextHop, lane(delay));
        return nextHop;
    }

    /**
     * The one-way delay this device applies to packets for a next hop.
     *
     * @param nextHop an id from {@link #registerNextHop}, or {@link #NO_NEXT_HOP}.
     * @return the delay in nanoseconds.
     */
    public long delayNanos(final int nextHop)
    {
        final int lane = laneOfNextHop.get(nextHop);
        return lane == NO_LANE ? defaultDelayNanos : lanes[lane].delayNanos;
    }

    /**
     * Packets dropped by the emulated loss.
     *
     * @return the count.
     */
    public long emulatedLosses()
    {
        return emulatedLosses;
    }

    /**
     * Packets refused because their lane was full.
     *
     * @return the count.
     */
    public long queueFullDrops()
    {
        return queueFullDrops;
    }

    /**
     * Packets waiting in all lanes.
     *
     * @return the count.
     */
    public int inFlight()
    {
        int count = 0;
        for (final Lane lane : lanes)
        {
            count += lane.ring.size();
        }
        return count;
    }

    /**
     * When the next packet is due.
     *
     * @return the clock time of the earliest release, or {@link Long#MAX_VALUE} when nothing waits.
     */
    public long nextReleaseNanos()
    {
        long next = Long.MAX_VALUE;
        for (final Lane lane : lanes)
        {
            next = Math.min(next, lane.ring.nextReleaseNanos());
        }
        return next;
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        final int state = delegate.state();
        if (state != STATE_ACTIVE)
        {
            return state == STATE_CLOSED ? CLOSED : FAILED;
        }
        if (length > slotSize || length <= 0)
        {
            return REJECTED;
        }
        if (lossProbability > 0 && random.nextDouble() < lossProbability)
        {
            emulatedLosses++;
            return length;
        }
        int laneIndex = laneOfNextHop.get(nextHop);
        if (laneIndex == NO_LANE)
        {
            laneIndex = lane(defaultDelayNanos);
            laneOfNextHop.put(nextHop, laneIndex);
        }
        final Lane lane = lanes[laneIndex];
        if (lane.ring.isFull())
        {
            queueFullDrops++;
            return BACK_PRESSURED;
        }
        lane.ring.add(buffer, offset, length, nextHop, clock.nanoTime() + lane.delayNanos);
        return length;
    }

    /**
     * Hands every due packet to the wrapped device, then flushes it.
     *
     * @return packets released.
     */
    @Override
    public int flush()
    {
        int released = 0;
        long now = 0;
        for (final Lane lane : lanes)
        {
            if (lane.ring.size() != 0)
            {
                if (now == 0)
                {
                    now = clock.nanoTime();
                }
                released += lane.ring.release(delegate, now);
            }
        }
        delegate.flush();
        return released;
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        return flush() + delegate.poll(handler, limit);
    }

    @Override
    public String description()
    {
        final StringBuilder sb = new StringBuilder(delegate.description()).append(" delayed per path (default ")
            .append(defaultDelayNanos / 1e6).append(" ms");
        for (final Lane lane : lanes)
        {
            sb.append(", ").append(lane.delayNanos / 1e6).append(" ms");
        }
        return sb.append("), loss ").append(lossProbability).toString();
    }

    private int lane(final long delayNanos)
    {
        for (int i = 0; i < lanes.length; i++)
        {
            if (lanes[i].delayNanos == delayNanos)
            {
                return i;
            }
        }
        laneList.add(new Lane(delayNanos, laneCapacity, slotSize));
        lanes = laneList.toArray(new Lane[0]);
        return lanes.length - 1;
    }

    private static final class Lane
    {
        private final long delayNanos;
        private final DelayRing ring;

        Lane(final long delayNanos, final int capacity, final int slotSize)
        {
            this.delayNanos = delayNanos;
            this.ring = new DelayRing(capacity, slotSize);
        }
    }
}
