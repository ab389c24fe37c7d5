/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import org.agrona.DirectBuffer;

import java.net.InetSocketAddress;

/**
 * A {@link PacketIo} that forwards every call to another one: the base of decorators (link emulation, loss
 * injection, capture), which override only what they change.
 */
public abstract class ForwardingPacketIo implements PacketIo
{
    /** The wrapped device; closed with this one. */
    protected final PacketIo delegate;

    /**
     * Wraps a device.
     *
     * @param delegate the device to forward to.
     */
    protected ForwardingPacketIo(final PacketIo delegate)
    {
        if (delegate == null)
        {
            throw new IllegalArgumentException("delegate is null");
        }
        this.delegate = delegate;
    }

    @Override
    public String providerName()
    {
        return delegate.providerName();
    }

    @Override
    public String description()
    {
        return delegate.description();
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
