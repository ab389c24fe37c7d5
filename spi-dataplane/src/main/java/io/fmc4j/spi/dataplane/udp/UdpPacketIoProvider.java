/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import java.io.IOException;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * Provider {@value #NAME}: NIO UDP sockets, the RLOC side of an xTR (see {@link UdpPacketIo}). Available
 * wherever the JDK is.
 */
public final class UdpPacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "udp";
    /** The priority for {@code auto}. */
    public static final int PRIORITY = 10;

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public UdpPacketIoProvider()
    {
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public int priority()
    {
        return PRIORITY;
    }

    /** {@inheritDoc} */
    @Override
    public Throwable unavailabilityCause()
    {
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        config.conclude();
        return UdpPacketIo.open(config);
    }
}
