/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of simulated hosts, the links between them and the VMs on them. Each host is managed through its own
 * {@link SimulatedHypervisor}; a migration moves a VM from one host's control to another's. Thread safe.
 */
public final class SimulatedCloud
{
    private final SimClock clock;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final Map<String, Placement> vms = new LinkedHashMap<>();
    private final Map<String, InjectedFailure> failures = new LinkedHashMap<>();
    private Link defaultLink = new Link(1_000_000L, 1_000_000_000L, 0);
    private long setupOverheadNanos = 5_000_000L;
    private long resumeOverheadNanos = 2_000_000L;

    /**
     * A cloud on a clock.
     *
     * @param clock virtual or scaled time.
     */
    public SimulatedCloud(final SimClock clock)
    {
        this.clock = clock;
    }

    /**
     * Properties of the path between two hosts.
     *
     * @param rttNanos       round-trip time.
     * @param bitsPerSecond  capacity.
     * @param tcpWindowBytes TCP window, 0 for no window cap.
     */
    public record Link(long rttNanos, long bitsPerSecond, long tcpWindowBytes)
    {
        /**
         * Validates the fields.
         *
         * @param rttNanos       not negative.
         * @param bitsPerSecond  greater than 0.
         * @param tcpWindowBytes not negative.
         */
        public Link
        {
            if (rttNanos < 0 || bitsPerSecond <= 0 || tcpWindowBytes < 0)
            {
                throw new IllegalArgumentException(
                    "bad link: rttNanos=" + rttNanos + " bitsPerSecond=" + bitsPerSecond + " window=" + tcpWindowBytes);
            }
        }
    }

    private static final class Placement
    {
        final SimulatedVm vm;
        String host;
        int state = VmState.RUNNING;
        SimulatedMigration running;

        Placement(final SimulatedVm vm, final String host)
        {
            this.vm = vm;
            this.host = host;
        }
    }

    private record InjectedFailure(int pass, String reason)
    {
    }

    /**
     * The clock.
     *
     * @return the clock.
     */
    public SimClock clock()
    {
        return clock;
    }

    /**
     * Add a host.
     *
     * @param host its name.
     * @return this.
     */
    public synchronized SimulatedCloud addHost(final String host)
    {
        if (host == null || host.isEmpty())
        {
            throw new IllegalArgumentException("host must not be empty");
        }
        hosts.add(host);
        return this;
    }

    /**
     * The hosts.
     *
     * @return a copy.
     */
    public synchronized List<String> hosts()
    {
        return new ArrayList<>(hosts);
    }

    /**
     * Set the path between two hosts (both directions).
     *
     * @param hostA one host.
     * @param hostB the other.
     * @param link  its properties.
     * @return this.
     */
    public synchronized SimulatedCloud link(final String hostA, final String hostB, final Link link)
    {
        links.put(key(hostA, hostB), link);
        return this;
    }

    /**
     * Set the path used between hosts without their own link.
     *
     * @param link its properties.
     * @return this.
     */
    public synchronized SimulatedCloud defaultLink(final Link link)
    {
        defaultLink = link;
        return this;
    }

    /**
     * The path between two hosts.
     *
     * @param hostA one host.
     * @param hostB the other.
     * @return its properties.
     */
    public synchronized Link link(final String hostA, final String hostB)
    {
        return links.getOrDefault(key(hostA, hostB), defaultLink);
    }

    /**
     * Fixed costs of the model.
     *
     * @param setupNanos  setup cost besides the connection RTT.
     * @param resumeNanos resume cost at the destination.
     * @return this.
     */
    public synchronized SimulatedCloud overheads(final long setupNanos, final long resumeNanos)
    {
        setupOverheadNanos = setupNanos;
        resumeOverheadNanos = resumeNanos;
        return this;
    }

    /**
     * Place a running VM on a host (adding the host when new).
     *
     * @param host the host.
     * @param vm   the VM; its name must be unique in the cloud.
     * @return this.
     */
    public synchronized SimulatedCloud addVm(final String host, final SimulatedVm vm)
    {
        if (vms.containsKey(vm.name()))
        {
            throw new IllegalArgumentException("VM already exists: " + vm.name());
        }
        addHost(host);
        vms.put(vm.name(), new Placement(vm, host));
        return this;
    }

    /**
     * Make the next migration of a VM fail when it reaches a pass (one shot), to test failure handling.
     *
     * @param vmName VM name.
     * @param pass   1-based pass at whose start it fails; a pass past the last fails at the stop-and-copy.
     * @param reason text of the failure.
     * @return this.
     */
    public synchronized SimulatedCloud injectFailure(final String vmName, final int pass, final String reason)
    {
        failures.put(vmName, new InjectedFailure(pass, reason));
        return this;
    }

    /**
     * The control of one host.
     *
     * @param host the host.
     * @return a control bound to it.
     */
    public SimulatedHypervisor control(final String host)
    {
        addHost(host);
        return new SimulatedHypervisor(this, host);
    }

    synchronized List<VmInfo> vmsOn(final String host)
    {
        final List<VmInfo> result = new ArrayList<>();
        for (final Placement placement : vms.values())
        {
            if (placement.host.equals(host))
            {
                result.add(info(placement));
            }
        }
        return result;
    }

    synchronized VmInfo describe(final String host, final String vmName)
    {
        final Placement placement = vms.get(vmName);
        return placement == null || !placement.host.equals(host) ? null : info(placement);
    }

    synchronized SimulatedMigration start(
        final String host,
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener)
    {
        final Placement placement = vms.get(vmName);
        if (placement == null || !placement.host.equals(host))
        {
            throw new IllegalArgumentException("no VM '" + vmName + "' on host " + host);
        }
        if (placement.running != null)
        {
            throw new IllegalStateException("VM '" + vmName + "' is already migrating to " +
                placement.running.target().host());
        }
        if (target.host().equals(host))
        {
            throw new IllegalArgumentException("VM '" + vmName + "' already runs on " + host);
        }
        final Link link = link(host, target.host());
        final PreCopyModel model = new PreCopyModel()
            .memoryBytes(placement.vm.memoryBytes())
            .dirtyRateBytesPerSecond(placement.vm.dirtyRateBytesPerSecond())
            .workingSetBytes(placement.vm.workingSetBytes())
            .linkBitsPerSecond(link.bitsPerSecond())
            .bandwidthLimitBitsPerSecond(parameters.bandwidthLimitBitsPerSecond())
            .rttNanos(link.rttNanos())
            .tcpWindowBytes(link.tcpWindowBytes())
            .downtimeLimitNanos(parameters.downtimeLimitMs() * 1_000_000L)
            .maxPasses(parameters.maxPasses())
            .setupOverheadNanos(setupOverheadNanos)
            .resumeOverheadNanos(resumeOverheadNanos)
            .conclude();
        final InjectedFailure failure = failures.remove(vmName);
        final SimulatedMigration migration = new SimulatedMigration(
            this, vmName, host, target, parameters, listener, model.plan(), link.rttNanos(),
            hosts.contains(target.host()), failure == null ? 0 : failure.pass(),
            failure == null ? null : failure.reason());
        placement.running = migration;
        return migration;
    }

    synchronized void setState(final String vmName, final int state)
    {
        vms.get(vmName).state = state;
    }

    synchronized void moved(final String vmName, final String newHost)
    {
        final Placement placement = vms.get(vmName);
        placement.host = newHost;
        placement.state = VmState.RUNNING;
    }

    synchronized void ended(final String vmName)
    {
        final Placement placement = vms.get(vmName);
        placement.running = null;
        placement.state = VmState.RUNNING;
    }

    synchronized List<SimulatedMigration> runningFrom(final String host)
    {
        final List<SimulatedMigration> result = new ArrayList<>();
        for (final Placement placement : vms.values())
        {
            if (placement.running != null && placement.host.equals(host))
            {
                result.add(placement.running);
            }
        }
        return result;
    }

    private static VmInfo info(final Placement placement)
    {
        return new VmInfo(placement.vm.name(), placement.vm.eid(), placement.vm.memoryBytes(), placement.state,
            placement.host);
    }

    private static String key(final String hostA, final String hostB)
    {
        return hostA.compareTo(hostB) <= 0 ? hostA + "\n" + hostB : hostB + "\n" + hostA;
    }
}
