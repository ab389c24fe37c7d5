/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProvider;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisorProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code "xen"} provider: Xen and ClickOS through {@code xl}. Available on a dom0: {@code xl} on the
 * {@code PATH} and {@code /proc/xen/capabilities} containing {@code control_d}. Properties:
 * <pre>
 * xen.xl               the xl command (default xl)
 * xen.ssh              transport for xl migrate -s (default: xl's own, ssh)
 * xen.commandTimeoutMs bound on xl list and xl unpause (default 10000)
 * xen.pollMs           period of the xl list polls during a migration (default 100)
 * xen.bandwidthLimit   reject (default) or ignore: what to do with a bandwidth limit xl cannot apply
 * xen.eid.DOMAIN       the EID of a domain (or HypervisorConfig#eid)
 * </pre>
 */
public final class XenHypervisorProvider implements HypervisorProvider
{
    /** Provider name. */
    public static final String NAME = "xen";

    private final Path capabilities;
    private final String xl;
    private volatile Throwable cause;
    private volatile boolean probed;

    /**
     * The provider for this machine.
     */
    public XenHypervisorProvider()
    {
        this(Path.of("/proc/xen/capabilities"), "xl");
    }

    XenHypervisorProvider(final Path capabilities, final String xl)
    {
        this.capabilities = capabilities;
        this.xl = xl;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return 30;
    }

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

    private Throwable probe()
    {
        if (QmpHypervisorProvider.findOnPath(xl) == null)
        {
            return new IllegalStateException(xl + " not found on PATH (install the Xen toolstack on dom0)");
        }
        try
        {
            final String text = Files.readString(capabilities, StandardCharsets.US_ASCII);
            if (!text.contains("control_d"))
            {
                return new IllegalStateException(capabilities + " lacks control_d: not running in dom0");
            }
            return null;
        }
        catch (final IOException ex)
        {
            return new IllegalStateException("cannot read " + capabilities + ": not a Xen host (" + ex + ")");
        }
    }

    @Override
    public HypervisorControl open(final HypervisorConfig config)
    {
        final String policy = config.propertyOrDefault("xen.bandwidthLimit", "reject");
        if (!"reject".equals(policy) && !"ignore".equals(policy))
        {
            throw new IllegalArgumentException("property xen.bandwidthLimit must be reject or ignore: " + policy);
        }
        final XenHypervisor hypervisor = new XenHypervisor(config.host(), new SystemProcessRunner(),
            config.propertyOrDefault("xen.xl", xl), config.property("xen.ssh"),
            config.longProperty("xen.commandTimeoutMs", 10_000), config.longProperty("xen.pollMs", 100),
            "ignore".equals(policy) ? XenHypervisor.BANDWIDTH_LIMIT_IGNORE : XenHypervisor.BANDWIDTH_LIMIT_REJECT);
        for (final Map.Entry<String, String> entry : config.properties().entrySet())
        {
            if (entry.getKey().startsWith("xen.eid."))
            {
                hypervisor.eid(entry.getKey().substring("xen.eid.".length()), entry.getValue());
            }
        }
        return hypervisor;
    }
}
