/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.dpdk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * Provider {@value #NAME}: DPDK ethdev ports through JNI (see {@link DpdkPacketIo}).
 * <p>
 * The first {@code open} in the process starts the EAL with property {@code dpdk.eal.args} (whitespace
 * separated; default {@value #DEFAULT_EAL_ARGS}); later opens reuse it. The device name is an existing port's name
 * (a NIC bound to a DPDK driver and allowed in the EAL arguments, or a {@code --vdev}) or a virtual device to
 * create with property {@code dpdk.devargs} (e.g. {@code net_null0} with {@code size=64}, {@code net_ring0}).
 * Other properties: {@code dpdk.rxDescriptors}, {@code dpdk.txDescriptors} (1024), {@code dpdk.mbufs} (8191).
 * <p>
 * Unavailable when: the OS is not Linux; the build could not compile {@code libfmc4j-dpdk.so} (no gcc, no JNI
 * headers, no {@code pkg-config libdpdk}; the reason is packed in the jar); the library or the DPDK shared
 * libraries it needs do not load; or an earlier EAL start-up in this process failed.
 */
public final class DpdkPacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "dpdk";
    /** The priority for {@code auto}: above the kernel devices. */
    public static final int PRIORITY = 30;
    /** EAL arguments used when {@code dpdk.eal.args} is not set: no hugepages, no PCI scan, no shared files. */
    public static final String DEFAULT_EAL_ARGS =
        "--no-huge -m 256 --no-pci --no-shconf --no-telemetry -l 0 --log-level=*:warning";

    private volatile Throwable cause;
    private volatile boolean probed;

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public DpdkPacketIoProvider()
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
        return cause != null ? cause : DpdkNative.ealFailure();
    }

    /** {@inheritDoc} */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        final Throwable unavailable = unavailabilityCause();
        if (unavailable != null)
        {
            throw new IllegalStateException("dpdk provider unavailable: " + unavailable.getMessage(), unavailable);
        }
        config.conclude();
        return DpdkPacketIo.open(config, ealArgs(config.stringProperty("dpdk.eal.args", DEFAULT_EAL_ARGS)));
    }

    static String[] ealArgs(final String args)
    {
        final List<String> out = new ArrayList<>();
        out.add("fmc4j");
        for (final String arg : args.trim().split("\\s+"))
        {
            if (!arg.isEmpty())
            {
                out.add(arg);
            }
        }
        return out.toArray(new String[0]);
    }

    private static Throwable probe()
    {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux"))
        {
            return new UnsupportedOperationException("the DPDK backend is built for Linux; this is " + os);
        }
        try
        {
            return DpdkNative.LOAD_FAILURE;
        }
        catch (final LinkageError ex)
        {
            return new UnsupportedOperationException("cannot load libfmc4j-dpdk.so: " + ex, ex);
        }
    }
}
