/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProvider;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code "qmp"} provider: QEMU/KVM over QMP. Available when a QEMU binary is on the {@code PATH}. Properties:
 * <pre>
 * qmp.binary            QEMU binary probed for availability (default qemu-system-x86_64)
 * qmp.vm.NAME           QMP address of a VM: unix:/run/vm.qmp or tcp:HOST:PORT
 * qmp.vm.NAME.command   its QEMU command line (space separated, without -qmp), to start destinations
 * qmp.runDir            directory for the sockets and logs of started QEMUs (default java.io.tmpdir/fmc4j-qmp)
 * qmp.commandTimeoutMs  bound on each QMP command (default 5000)
 * qmp.pollMs            query-migrate sampling period (default 100)
 * qmp.quitSource        quit the source QEMU after a completed migration (default true)
 * </pre>
 */
public final class QmpHypervisorProvider implements HypervisorProvider
{
    /** Provider name. */
    public static final String NAME = "qmp";
    /** Binary probed when {@code qmp.binary} is not set. */
    public static final String DEFAULT_BINARY = "qemu-system-x86_64";

    private volatile Throwable cause;
    private volatile boolean probed;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return 20;
    }

    @Override
    public Throwable unavailabilityCause()
    {
        if (!probed)
        {
            cause = findOnPath(DEFAULT_BINARY) == null ? new IllegalStateException(
                DEFAULT_BINARY + " not found on PATH (Debian: apt-get install qemu-system-x86)") : null;
            probed = true;
        }
        return cause;
    }

    /**
     * Find an executable on the {@code PATH}.
     *
     * @param binary file name.
     * @return its path, or null.
     */
    public static Path findOnPath(final String binary)
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return null;
        }
        for (final String directory : path.split(File.pathSeparator))
        {
            if (!directory.isEmpty())
            {
                final Path candidate = Path.of(directory, binary);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    @Override
    public HypervisorControl open(final HypervisorConfig config) throws IOException
    {
        final Path runDir = Path.of(config.propertyOrDefault("qmp.runDir",
            Path.of(System.getProperty("java.io.tmpdir"), "fmc4j-qmp").toString()));
        final QmpHypervisor hypervisor = new QmpHypervisor(config.host(),
            new LocalQemuLauncher(runDir, config.longProperty("qmp.commandTimeoutMs", 5000)),
            config.longProperty("qmp.commandTimeoutMs", 5000), config.longProperty("qmp.pollMs", 100),
            Boolean.parseBoolean(config.propertyOrDefault("qmp.quitSource", "true")));
        for (final Map.Entry<String, String> entry : config.properties().entrySet())
        {
            final String key = entry.getKey();
            if (key.startsWith("qmp.vm.") && !key.endsWith(".command"))
            {
                final String name = key.substring("qmp.vm.".length());
                final String command = config.property(key + ".command");
                final List<String> commandLine = command == null ? null :
                    Arrays.asList(command.trim().split("\\s+"));
                try
                {
                    hypervisor.register(name, entry.getValue(), config.eid(name), commandLine);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("property " + key + ": " + ex.getMessage(), ex);
                }
            }
        }
        return hypervisor;
    }
}
