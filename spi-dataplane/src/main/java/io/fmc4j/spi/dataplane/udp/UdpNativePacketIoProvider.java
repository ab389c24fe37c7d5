/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import java.io.IOException;
import java.util.Locale;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * Provider {@value #NAME}: UDP sockets through JNI with {@code recvmmsg}/{@code sendmmsg} (see
 * {@link UdpNativePacketIo}); the same configuration as {@code udp}. Unavailable when the OS is not Linux, or the
 * build could not compile {@code libfmc4j-udp.so} (the reason is packed in the jar), or it does not load.
 */
public final class UdpNativePacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "udp-native";
    /** The priority for {@code auto}: above the NIO {@code udp} provider. */
    public static final int PRIORITY = 15;

    private volatile Throwable cause;
    private volatile boolean probed;

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public UdpNativePacketIoProvider()
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
        if (!probed)
        {
            final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            cause = !os.startsWith("linux") ?
                new UnsupportedOperationException("recvmmsg/sendmmsg need Linux; this is " + os) :
                UdpNative.LOAD_FAILURE;
            probed = true;
        }
        return cause;
    }

    /** {@inheritDoc} */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        final Throwable unavailable = unavailabilityCause();
        if (unavailable != null)
        {
            throw new IllegalStateException("udp-native provider unavailable: " + unavailable.getMessage(),
                unavailable);
        }
        config.conclude();
        return UdpNativePacketIo.open(config);
    }
}
