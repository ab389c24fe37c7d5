/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.SplittableRandom;

/**
 * Emulates a link's one-way delay, jitter and loss on the transmit side of any {@link PacketIo}, in user space:
 * the kernels this project runs on have no {@code tc netem}. Offered packets are copied into a bounded ring of
 * pre-allocated slots with a release time; {@link #flush()} and {@link #poll} (both called from the owning
 * agent's duty cycle) hand due packets to the wrapped backend in order. The link stays FIFO under jitter: a
 * packet is never released before the one offered ahead of it, as on a real serial link.
 * <p>
 * Nothing allocates after construction. Not thread-safe: one agent owns it, as it owns the wrapped backend.
 * Emulated losses and a full delay ring are counted here ({@link #emulatedLosses()}, {@link #queueFullDrops()});
 * everything else is the wrapped backend's ({@link #counters()}).
 */
public final class DelayingPacketIo extends ForwardingPacketIo
{
    private final NanoClock clock;
    private final long delayNanos;
    private final long jitterNanos;
    private final double lossProbability;
    private final SplittableRandom random;
    private final int slotSize;
    private final DelayRing ring;
    private long lastRelease;
    private long emulatedLosses;
    private long queueFullDrops;
    private long delayed;

    /**
     * Wraps a backend.
     *
     * @param delegate the backend that really sends; closed with this.
     * @param delayNanos one-way delay added to every packet, at least 0.
     * @param jitterNanos extra delay drawn uniformly from [0, jitter] per packet, at least 0.
     * @param lossProbability probability in [0, 1) that a packet is dropped on the emulated link.
     * @param seed seed of the jitter and loss draws, so runs are repeatable.
     * @param capacity packets the emulated link may hold in flight, a power of two.
     * @param clock time source (a {@link SystemNanoClock} in production, a manual clock in tests).
     * @throws IllegalArgumentException for a parameter out of range.
     */
    public DelayingPacketIo(
        final PacketIo delegate,
        final long delayNanos,
        final long jitterNanos,
        final double lossProbability,
        final long seed,
        final int capacity,
        final NanoClock clock)
    {
        super(delegate);
        if (delayNanos < 0 || jitterNanos < 0)
        {
            throw new IllegalArgumentException("delay and jitter must be >= 0: " + delayNanos + ", " + jitterNanos);
        }
        if (!(lossProbability >= 0 && lossProbability < 1))
        {
            throw new IllegalArgumentException("loss probability must be in [0, 1): " + lossProbability);
        }
        if (capacity < 1 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.clock = clock;
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        this.lossProbability = lossProbability;
        this.random = new SplittableRandom(seed);
        this.slotSize = delegate.mtu();
        this.ring = new DelayRing(capacity, slotSize);
    }

    /**
     * Wraps a backend with a fixed one-way delay, no jitter, no loss, 4096 packets in flight, system clock.
     *
     * @param delegate the backend.
     * @param delayNanos one-way delay.
     * @return the decorator.
     */
    public static DelayingPacketIo withDelay(final PacketIo delegate, final long delayNanos)
    {
        return new DelayingPacketIo(delegate, delayNanos, 0, 0, 0, 4096, new SystemNanoClock());
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
     * Packets refused because the emulated link held {@code capacity} packets already.
     *
     * @return the count.
     */
    public long queueFullDrops()
    {
        return queueFullDrops;
    }

    /**
     * Packets accepted onto the emulated link.
     *
     * @return the count.
     */
    public long delayed()
    {
        return delayed;
    }

    /**
     * Packets on the emulated link, not yet handed to the backend.
     *
     * @return the count.
     */
    public int inFlight()
    {
        return ring.size();
    }

    /**
     * When the next packet is due, for idle strategies that want to sleep exactly that long.
     *
     * @return the clock time of the next release, or {@link Long#MAX_VALUE} when the link is empty.
     */
    public long nextReleaseNanos()
    {
        return ring.nextReleaseNanos();
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        final int state = delegate.state();
        if (state != STATE_ACTIVE)
        {
            return state == STATE_CLOSED ? CLOSED : FAILED;
        }
        if (length > slotSize)
        {
            return REJECTED;
        }
        if (lossProbability > 0 && random.nextDouble() < lossProbability)
        {
            emulatedLosses++;
            return length;
        }
        if (ring.isFull())
        {
            queueFullDrops++;
            return BACK_PRESSURED;
        }
        final long jitter = jitterNanos > 0 ? random.nextLong(jitterNanos + 1) : 0;
        final long due = Math.max(lastRelease, clock.nanoTime() + delayNanos + jitter);
        ring.add(buffer, offset, length, nextHop, due);
        lastRelease = due;
        delayed++;
        return length;
    }

    /**
     * Hands every due packet to the backend, then flushes the backend.
     *
     * @return packets released.
     */
    @Override
    public int flush()
    {
        final int released = ring.size() == 0 ? 0 : ring.release(delegate, clock.nanoTime());
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
        return delegate.description() + " delayed " + delayNanos + " ns (+ up to " + jitterNanos + " ns), loss "
            + lossProbability;
    }

}
