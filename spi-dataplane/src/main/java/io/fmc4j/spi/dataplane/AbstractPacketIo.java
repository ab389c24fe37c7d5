/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;

/**
 * What every backend shares: the state machine (active, failed, closed), the counters, the one-shot failure
 * report, and the checks in front of {@link #offer(DirectBuffer, int, int, int)}. A backend implements
 * {@link #doPoll(PacketHandler, int)}, {@link #doOffer(DirectBuffer, int, int, int)} and {@link #doClose()},
 * and calls {@link #fail(Throwable)} when its device goes away.
 */
public abstract class AbstractPacketIo implements PacketIo
{
    /** The counters of this device; subclasses count their own drop reasons in them. */
    protected final PacketIoCounters counters = new PacketIoCounters();
    /** The sender handed to handlers: {@code FAMILY_NONE} unless a backend fills it before delivering. */
    protected final PeerAddress peer = new PeerAddress();
    /** Writable bytes in front of each received packet. */
    protected final int headroom;
    /** Longest packet received or sent. */
    protected final int mtu;

    private final String providerName;
    private final String description;
    private final ErrorHandler errorHandler;
    private final AtomicInteger state = new AtomicInteger(STATE_ACTIVE);
    private volatile Throwable failureCause;

    /**
     * Creates the shared part.
     *
     * @param providerName the provider's name.
     * @param description  a readable description of the device.
     * @param config       a concluded configuration.
     */
    protected AbstractPacketIo(final String providerName, final String description, final PacketIoConfig config)
    {
        if (!config.isConcluded())
        {
            throw new IllegalStateException("config must be concluded");
        }
        this.providerName = providerName;
        this.description = description;
        this.headroom = config.headroom();
        this.mtu = config.mtu();
        this.errorHandler = config.errorHandler();
    }

    /** {@inheritDoc} */
    @Override
    public final String providerName()
    {
        return providerName;
    }

    /** {@inheritDoc} */
    @Override
    public final String description()
    {
        return description;
    }

    /** {@inheritDoc} */
    @Override
    public final int headroom()
    {
        return headroom;
    }

    /** {@inheritDoc} */
    @Override
    public final int mtu()
    {
        return mtu;
    }

    /** {@inheritDoc} */
    @Override
    public final PacketIoCounters counters()
    {
        return counters;
    }

    /** {@inheritDoc} */
    @Override
    public final int state()
    {
        return state.get();
    }

    /** {@inheritDoc} */
    @Override
    public final Throwable failureCause()
    {
        return failureCause;
    }

    /** {@inheritDoc} */
    @Override
    public final int poll(final PacketHandler handler, final int limit)
    {
        if (state.get() != STATE_ACTIVE)
        {
            return 0;
        }
        return doPoll(handler, limit);
    }

    /** {@inheritDoc} */
    @Override
    public final int pollBurst(final PacketBurstHandler handler, final int limit)
    {
        if (state.get() != STATE_ACTIVE)
        {
            return 0;
        }
        return doPollBurst(handler, limit);
    }

    /** {@inheritDoc} */
    @Override
    public final int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        final int current = state.get();
        if (current != STATE_ACTIVE)
        {
            counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
            return current == STATE_FAILED ? FAILED : CLOSED;
        }
        if (length <= 0 || length > mtu)
        {
            counters.increment(PacketIoCounters.TX_DROP_TOO_LONG);
            return REJECTED;
        }
        final int result = doOffer(buffer, offset, length, nextHop);
        if (result > 0)
        {
            counters.increment(PacketIoCounters.TX_PACKETS);
            counters.add(PacketIoCounters.TX_BYTES, result);
        }
        else if (result == BACK_PRESSURED)
        {
            counters.increment(PacketIoCounters.TX_BACK_PRESSURED);
        }
        return result;
    }

    /** {@inheritDoc} */
    @Override
    public int flush()
    {
        return 0;
    }

    /** {@inheritDoc} */
    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        if (destination == null || destination.isUnresolved())
        {
            throw new IllegalArgumentException("next hop must be a resolved address: " + destination);
        }
        return NO_NEXT_HOP;
    }

    /** {@inheritDoc} */
    @Override
    public final void close()
    {
        final int previous = state.getAndSet(STATE_CLOSED);
        if (previous != STATE_CLOSED)
        {
            doClose();
        }
    }

    /**
     * Marks the device failed, once: records the cause, counts {@link PacketIoCounters#FAILURES} and hands the
     * cause to the configured error handler. Later calls, and calls after {@link #close()}, do nothing.
     *
     * @param cause why the device failed.
     * @return true when this call made the transition.
     */
    protected final boolean fail(final Throwable cause)
    {
        if (!state.compareAndSet(STATE_ACTIVE, STATE_FAILED))
        {
            return false;
        }
        failureCause = cause;
        counters.addAtomic(PacketIoCounters.FAILURES, 1);
        try
        {
            errorHandler.onError(cause);
        }
        catch (final RuntimeException ignore)
        {
            // An error handler that throws must not stop the data path; the cause is kept in failureCause.
        }
        return true;
    }

    /**
     * Counts and delivers one received packet after checking its length against the MTU.
     *
     * @param handler the poll's handler.
     * @param buffer  holds the packet.
     * @param offset  where the packet starts.
     * @param length  bytes received.
     * @param source  the sender.
     * @return 1, the work done, whether the packet was delivered or dropped.
     */
    protected final int deliver(
        final PacketHandler handler,
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final PeerAddress source)
    {
        if (accept(length))
        {
            handler.onPacket(buffer, offset, length, source);
        }
        return 1;
    }

    /**
     * Counts a received packet after checking its length against the MTU; {@link #deliver} and bursts build on it
     * (a burst hands the accepted packets over together).
     *
     * @param length bytes received.
     * @return true when the packet is to be delivered; false when it was dropped and counted.
     */
    protected final boolean accept(final int length)
    {
        if (length > mtu)
        {
            counters.increment(PacketIoCounters.RX_DROP_TOO_LONG);
            return false;
        }
        if (length <= 0)
        {
            counters.increment(PacketIoCounters.RX_DROP_MALFORMED);
            return false;
        }
        counters.increment(PacketIoCounters.RX_PACKETS);
        counters.add(PacketIoCounters.RX_BYTES, length);
        return true;
    }

    /**
     * Receives up to {@code limit} packets as bursts; called only while active. This default delivers one packet
     * at a time through {@link #doPoll}; devices that read in batches override it to hand each batch over whole
     * (checking each packet with {@link #accept}).
     *
     * @param handler the handler.
     * @param limit   the most packets.
     * @return packets handled or dropped (work done).
     */
    protected int doPollBurst(final PacketBurstHandler handler, final int limit)
    {
        return doPoll(handler, limit);
    }

    /**
     * Receives up to {@code limit} packets; called only while active.
     *
     * @param handler the handler.
     * @param limit   the most packets.
     * @return packets handled or dropped (work done).
     */
    protected abstract int doPoll(PacketHandler handler, int limit);

    /**
     * Sends or queues one packet whose length is already checked; called only while active.
     *
     * @param buffer  holds the packet.
     * @param offset  where it starts.
     * @param length  1..mtu.
     * @param nextHop the next-hop id.
     * @return {@code length}, or a negative {@link PacketIo} code (the subclass counts drops other than
     * back-pressure).
     */
    protected abstract int doOffer(DirectBuffer buffer, int offset, int length, int nextHop);

    /**
     * Releases the device; called once.
     */
    protected abstract void doClose();

    @Override
    public String toString()
    {
        return description;
    }
}
