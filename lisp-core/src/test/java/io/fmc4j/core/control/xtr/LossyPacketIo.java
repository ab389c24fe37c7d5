/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import org.agrona.DirectBuffer;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * A {@link PacketIo} that loses a seeded random fraction of what is offered (reporting it sent, as a network
 * would), for loss-tolerance tests.
 */
public final class LossyPacketIo implements PacketIo
{
    private final PacketIo delegate;
    private final SplittableRandom random;
    private volatile double lossRate;
    private long dropped;

    /**
     * Wraps a device.
     *
     * @param delegate the device.
     * @param lossRate fraction of offers lost, 0..1.
     * @param seed     random seed.
     */
    public LossyPacketIo(final PacketIo delegate, final double lossRate, final long seed)
    {
        this.delegate = delegate;
        this.lossRate = lossRate;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Changes the loss rate.
     *
     * @param lossRate 0..1.
     */
    public void lossRate(final double lossRate)
    {
        this.lossRate = lossRate;
    }

    /**
     * Offers lost so far.
     *
     * @return the count.
     */
    public long dropped()
    {
        return dropped;
    }

    @Override
    public String providerName()
    {
        return delegate.providerName();
    }

    @Override
    public String description()
    {
        return "lossy " + delegate.description();
    }

    @Override
    public int headroom()
    {
        return delegate.headroom();
    }

    @Override
    public int mtu()
    {
        return delegate.mtu();
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        return delegate.poll(handler, limit);
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (lossRate > 0 && random.nextDouble() < lossRate)
        {
            dropped++;
            return length;
        }
        return delegate.offer(buffer, offset, length, nextHop);
    }

    @Override
    public int flush()
    {
        return delegate.flush();
    }

    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        return delegate.registerNextHop(destination);
    }

    @Override
    public PacketIoCounters counters()
    {
        return delegate.counters();
    }

    @Override
    public int state()
    {
        return delegate.state();
    }

    @Override
    public Throwable failureCause()
    {
        return delegate.failureCause();
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
