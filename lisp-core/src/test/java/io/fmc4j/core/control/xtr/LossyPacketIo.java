/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.DirectBuffer;

import java.util.SplittableRandom;

/**
 * A {@link PacketIo} that loses a seeded random fraction of what is offered (reporting it sent, as a network
 * would), for loss-tolerance tests.
 */
public final class LossyPacketIo extends ForwardingPacketIo
{
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
        super(delegate);
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
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (lossRate > 0 && random.nextDouble() < lossRate)
        {
            dropped++;
            return length;
        }
        return delegate.offer(buffer, offset, length, nextHop);
    }






}
