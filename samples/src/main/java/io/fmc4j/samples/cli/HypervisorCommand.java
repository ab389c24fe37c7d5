/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProvider;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code fmc4j hypervisor}: list the hypervisor providers, the VMs of a host, and live-migrate one. Without
 * properties the {@code sim} provider runs a demo cloud (hosts dc1 and dc2, a 1 GiB VM {@code vm1} on dc1).
 */
@Command(
    name = "hypervisor",
    mixinStandardHelpOptions = true,
    description = "Hypervisor providers: list them, list VMs, live-migrate a VM.",
    subcommands = {
        HypervisorCommand.Providers.class,
        HypervisorCommand.ListVms.class,
        HypervisorCommand.Migrate.class,
    })
public final class HypervisorCommand
{
    @Spec
    CommandSpec spec;

    @Option(names = "--provider", defaultValue = "sim",
        description = "Provider name or auto (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--host", defaultValue = "dc1",
        description = "Host the control manages (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-P", "--property"},
        description = "Provider property KEY=VALUE, e.g. qmp.vm.web=unix:/run/web.qmp.")
    Map<String, String> properties = new LinkedHashMap<>();

    HypervisorControl open() throws Exception
    {
        final Map<String, String> values = new LinkedHashMap<>(properties);
        if ("sim".equals(provider) && values.keySet().stream().noneMatch((key) -> key.startsWith("sim.vm.")))
        {
            values.putIfAbsent("sim.hosts", "dc1,dc2");
            values.put("sim.vm.vm1", "host=dc1,memoryMiB=1024,dirtyMiBps=2,workingSetMiB=64,eid=10.1.0.1/32");
            values.putIfAbsent("sim.link.default", "rttMs=10,mbps=1000");
        }
        final HypervisorConfig config = new HypervisorConfig().host(host).properties(values).conclude();
        return HypervisorProviders.select(provider).open(config);
    }

    /**
     * {@code fmc4j hypervisor providers}.
     */
    @Command(name = "providers", description = "List the providers found and whether they are available.")
    static final class Providers implements Callable<Integer>
    {
        @ParentCommand
        HypervisorCommand parent;

        @Override
        public Integer call()
        {
            final PrintWriter out = parent.spec.commandLine().getOut();
            for (final HypervisorProvider provider : HypervisorProviders.discover(getClass().getClassLoader()))
            {
                final Throwable cause = provider.unavailabilityCause();
                out.printf("%-4s priority %-3d %s%n", provider.name(), provider.priority(),
                    cause == null ? "available" : "unavailable: " + cause.getMessage());
            }
            out.flush();
            return 0;
        }
    }

    /**
     * {@code fmc4j hypervisor list}.
     */
    @Command(name = "list", description = "List the VMs of the host.")
    static final class ListVms implements Callable<Integer>
    {
        @ParentCommand
        HypervisorCommand parent;

        @Override
        public Integer call() throws Exception
        {
            final PrintWriter out = parent.spec.commandLine().getOut();
            try (HypervisorControl control = parent.open())
            {
                out.printf("%-20s %-20s %10s %-9s %s%n", "NAME", "EID", "MEMORY_MIB", "STATE", "HOST");
                for (final VmInfo vm : control.listVms())
                {
                    out.printf("%-20s %-20s %10d %-9s %s%n", vm.name(), vm.eid() == null ? "-" : vm.eid(),
                        vm.memoryBytes() >> 20, VmState.name(vm.state()), vm.host());
                }
            }
            out.flush();
            return 0;
        }
    }

    /**
     * {@code fmc4j hypervisor migrate}.
     */
    @Command(name = "migrate", description = "Live-migrate a VM and print its events and statistics.")
    static final class Migrate implements Callable<Integer>
    {
        @ParentCommand
        HypervisorCommand parent;

        @Option(names = "--vm", defaultValue = "vm1", description = "VM to migrate (default: ${DEFAULT-VALUE}).")
        String vm;

        @Option(names = "--to", defaultValue = "dc2", description = "Destination host (default: ${DEFAULT-VALUE}).")
        String toHost;

        @Option(names = "--address", description = "Backend destination address, e.g. tcp:10.0.0.2:4444 for QEMU.")
        String address;

        @Option(names = "--mbps", defaultValue = "100", description = "Bandwidth limit in Mbit/s, 0 for none "
            + "(default: ${DEFAULT-VALUE}).")
        long mbps;

        @Option(names = "--downtime-ms", defaultValue = "300",
            description = "Downtime limit (default: ${DEFAULT-VALUE}).")
        long downtimeMs;

        @Option(names = "--timeout-s", defaultValue = "600", description = "Give up after (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception
        {
            final PrintWriter out = parent.spec.commandLine().getOut();
            try (HypervisorControl control = parent.open())
            {
                final long[] start = {Long.MIN_VALUE};
                final MigrationParameters parameters = new MigrationParameters()
                    .bandwidthLimitBitsPerSecond(mbps * 1_000_000L).downtimeLimitMs(downtimeMs)
                    .timeoutMs(timeoutSeconds * 1000).conclude();
                final MigrationResult result = control.migrate(vm, new MigrationTarget(toHost, address), parameters,
                    (event) -> print(out, start, event)).await(timeoutSeconds + 60, TimeUnit.SECONDS);
                final MigrationStatistics stats = result.statistics();
                out.printf("%s: %s, running on %s%s%n", result.vmName(),
                    result.isCompleted() ? "completed" : "not migrated", result.runningOn(),
                    result.reason() == null ? "" : " (" + result.reason() + ")");
                out.printf("total %d ms, downtime %d ms, setup %d ms, %d bytes, %d passes%n", stats.totalTimeMs(),
                    stats.downtimeMs(), stats.setupTimeMs(), stats.bytesTransferred(), stats.passes());
                out.printf("bandwidth min/mean/max %.1f/%.1f/%.1f Mbit/s%n", stats.bandwidthMinBitsPerSecond() / 1e6,
                    stats.bandwidthMeanBitsPerSecond() / 1e6, stats.bandwidthMaxBitsPerSecond() / 1e6);
                out.flush();
                return result.isCompleted() ? 0 : 1;
            }
        }

        private static void print(final PrintWriter out, final long[] start, final MigrationEvent event)
        {
            if (start[0] == Long.MIN_VALUE)
            {
                start[0] = event.timeNanos();
            }
            out.printf("%10.3f ms  %-19s pass %-2d sent %-12d remaining %-12d%s%n",
                (event.timeNanos() - start[0]) / 1e6, MigrationEventType.name(event.type()), event.pass(),
                event.bytesTransferred(), event.remainingBytes(), event.detail() == null ? "" : "  " + event.detail());
            out.flush();
        }
    }
}
