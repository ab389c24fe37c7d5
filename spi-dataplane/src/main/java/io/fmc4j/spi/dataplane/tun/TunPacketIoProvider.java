/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.tun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * Provider {@value #NAME}: Linux TUN devices through JNI (see {@link TunPacketIo}). The device name is the
 * interface name ({@code null} lets the kernel pick {@code tunN}); property {@code tun.up} (default true) brings
 * the link up and sets its MTU; addresses and routes are the administrator's ({@code ip addr}, {@code ip route}).
 * <p>
 * Unavailable when: the OS is not Linux; the build could not compile {@code libfmc4j-tun.so} (no gcc or JNI
 * headers; the reason is packed in the jar); the library does not load; {@code /dev/net/tun} is missing or not
 * readable and writable by this process (opening a TUN device needs root or {@code CAP_NET_ADMIN}).
 */
public final class TunPacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "tun";
    /** The priority for {@code auto}. */
    public static final int PRIORITY = 20;

    private static final Path DEVICE = Paths.get("/dev/net/tun");

    private volatile Throwable cause;
    private volatile boolean probed;

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public TunPacketIoProvider()
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
            cause = probe();
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
            throw new IllegalStateException("tun provider unavailable: " + unavailable.getMessage(), unavailable);
        }
        config.conclude();
        return TunPacketIo.open(config);
    }

    private static Throwable probe()
    {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux"))
        {
            return new UnsupportedOperationException("TUN needs Linux; this is " + os);
        }
        try
        {
            final Throwable load = TunNative.LOAD_FAILURE;
            if (load != null)
            {
                return load;
            }
        }
        catch (final LinkageError ex)
        {
            return new UnsupportedOperationException("cannot load libfmc4j-tun.so: " + ex, ex);
        }
        if (!Files.exists(DEVICE))
        {
            return new UnsupportedOperationException(DEVICE + " does not exist (no tun module, or a container " +
                "without the device)");
        }
        if (!Files.isReadable(DEVICE) || !Files.isWritable(DEVICE))
        {
            return new UnsupportedOperationException(DEVICE + " is not readable and writable by this user " +
                "(run as root or grant CAP_NET_ADMIN and access to the device)");
        }
        return null;
    }
}
