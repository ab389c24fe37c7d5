/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Controls Xen domains (ClickOS unikernels included) through the {@code xl} toolstack on dom0: {@code xl list} to
 * describe, {@code xl migrate [-s SSH] DOMAIN HOST} to migrate, {@code xl unpause} to recover a source left paused.
 * <p>
 * What {@code xl} does not offer is reported, not faked: it has no bandwidth or downtime limit (libxc stops after 5
 * iterations or under 50 dirty pages), and it prints no transfer counters, so bytes and bandwidth are estimated from
 * the domain's memory and marked so in the completion event. The source pause is observed by polling
 * {@code xl list} for the suspended state.
 */
public final class XenHypervisor implements HypervisorControl
{
    /** Refuse a migration that asks for a bandwidth limit (the default): xl cannot apply one. */
    public static final int BANDWIDTH_LIMIT_REJECT = 0;
    /** Accept a bandwidth limit and say in the started event that it is not applied. */
    public static final int BANDWIDTH_LIMIT_IGNORE = 1;

    private final String host;
    private final ProcessRunner runner;
    private final String xl;
    private final String sshCommand;
    private final long commandTimeoutMs;
    private final long pollIntervalMs;
    private final int bandwidthLimitPolicy;
    private final Map<String, String> eids = new ConcurrentHashMap<>();
    private final Map<String, XenMigration> running = new ConcurrentHashMap<>();

    /**
     * A control.
     *
     * @param host                 this host's name.
     * @param runner               runs {@code xl}.
     * @param xl                   the {@code xl} command.
     * @param sshCommand           the transport given to {@code xl migrate -s}, or null for xl's default (ssh).
     * @param commandTimeoutMs     bound on each short {@code xl} command.
     * @param pollIntervalMs       how often a migration polls {@code xl list} for the source state.
     * @param bandwidthLimitPolicy {@link #BANDWIDTH_LIMIT_REJECT} or {@link #BANDWIDTH_LIMIT_IGNORE}.
     */
    public XenHypervisor(
        final String host,
        final ProcessRunner runner,
        final String xl,
        final String sshCommand,
        final long commandTimeoutMs,
        final long pollIntervalMs,
        final int bandwidthLimitPolicy)
    {
        if (commandTimeoutMs <= 0 || pollIntervalMs <= 0)
        {
            throw new IllegalArgumentException("timeouts must be > 0");
        }
        this.host = host;
        this.runner = runner;
        this.xl = xl;
        this.sshCommand = sshCommand;
        this.commandTimeoutMs = commandTimeoutMs;
        this.pollIntervalMs = pollIntervalMs;
        this.bandwidthLimitPolicy = bandwidthLimitPolicy;
    }

    /**
     * Declare the EID of a domain.
     *
     * @param domain domain name.
     * @param eid    its EID.
     * @return this.
     */
    public XenHypervisor eid(final String domain, final String eid)
    {
        eids.put(domain, eid);
        return this;
    }

    @Override
    public String providerName()
    {
        return XenHypervisorProvider.NAME;
    }

    @Override
    public String host()
    {
        return host;
    }

    @Override
    public List<VmInfo> listVms() throws IOException
    {
        final List<VmInfo> vms = new ArrayList<>();
        for (final XlDomain domain : list(null))
        {
            if (domain.domid() != 0)
            {
                vms.add(info(domain));
            }
        }
        return vms;
    }

    @Override
    public VmInfo describe(final String vmName) throws IOException
    {
        for (final XlDomain domain : list(null))
        {
            if (domain.name().equals(vmName) && domain.domid() != 0)
            {
                return info(domain);
            }
        }
        return null;
    }

    private VmInfo info(final XlDomain domain)
    {
        return new VmInfo(domain.name(), eids.get(domain.name()), domain.memoryMiB() * 1024L * 1024L,
            domain.vmState(), host);
    }

    /**
     * Run {@code xl list [DOMAIN]}.
     *
     * @param domain one domain, or null for all.
     * @return the rows; empty when the named domain does not exist.
     * @throws IOException when xl fails otherwise.
     */
    List<XlDomain> list(final String domain) throws IOException
    {
        final List<String> argv = new ArrayList<>(List.of(xl, "list"));
        if (domain != null)
        {
            argv.add(domain);
        }
        final ProcessRunner.Result result = runner.run(argv, commandTimeoutMs);
        if (result.exitCode() != 0)
        {
            if (domain != null && result.stderr().contains("is an invalid domain identifier"))
            {
                return List.of();
            }
            throw new IOException(String.join(" ", argv) + " exited with " + result.exitCode() + ": " +
                result.stderr().strip());
        }
        return XlParser.parseList(result.stdout());
    }

    /**
     * Run {@code xl list -l DOMAIN}.
     *
     * @param domain the domain.
     * @return its configuration, or null when xl does not describe it.
     * @throws IOException when xl fails or prints something else than JSON.
     */
    XlParser.DomainConfig config(final String domain) throws IOException
    {
        final ProcessRunner.Result result = runner.run(List.of(xl, "list", "-l", domain), commandTimeoutMs);
        if (result.exitCode() != 0)
        {
            throw new IOException("xl list -l " + domain + " exited with " + result.exitCode() + ": " +
                result.stderr().strip());
        }
        for (final XlParser.DomainConfig config : XlParser.parseListLong(result.stdout()))
        {
            if (config.name().equals(domain))
            {
                return config;
            }
        }
        return null;
    }

    /**
     * Run {@code xl unpause DOMAIN}.
     *
     * @param domain the domain.
     * @return true when xl succeeded.
     * @throws IOException when xl cannot run.
     */
    boolean unpause(final String domain) throws IOException
    {
        return runner.run(List.of(xl, "unpause", domain), commandTimeoutMs).exitCode() == 0;
    }

    @Override
    public MigrationHandle migrate(
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener) throws IOException
    {
        if (!parameters.isConcluded())
        {
            throw new IllegalArgumentException("MigrationParameters must be concluded");
        }
        if (parameters.bandwidthLimitBitsPerSecond() > 0 && bandwidthLimitPolicy == BANDWIDTH_LIMIT_REJECT)
        {
            throw new IllegalArgumentException("xl migrate cannot limit bandwidth; migrate without a limit or set " +
                "xen.bandwidthLimit=ignore");
        }
        final List<XlDomain> rows = list(vmName);
        if (rows.isEmpty() || rows.get(0).domid() == 0)
        {
            throw new IllegalArgumentException("no domain '" + vmName + "' on host " + host);
        }
        final XlParser.DomainConfig config = config(vmName);
        final long memoryBytes = config != null && config.maxMemoryKb() > 0 ? config.maxMemoryKb() * 1024L :
            rows.get(0).memoryMiB() * 1024L * 1024L;
        final List<String> argv = new ArrayList<>(List.of(xl, "migrate"));
        if (sshCommand != null)
        {
            argv.add("-s");
            argv.add(sshCommand);
        }
        argv.add(vmName);
        argv.add(target.address() != null ? target.address() : target.host());
        final XenMigration migration = new XenMigration(this, vmName, target, parameters, listener, argv,
            memoryBytes);
        if (running.putIfAbsent(vmName, migration) != null)
        {
            throw new IllegalStateException("domain '" + vmName + "' is already migrating");
        }
        final Thread thread = new Thread(migration, "fmc4j-xl-migrate-" + vmName);
        thread.setDaemon(true);
        thread.start();
        return migration;
    }

    ProcessRunner runner()
    {
        return runner;
    }

    long pollIntervalMs()
    {
        return pollIntervalMs;
    }

    void ended(final String vmName)
    {
        running.remove(vmName);
    }

    @Override
    public void close()
    {
        for (final XenMigration migration : running.values())
        {
            migration.cancel();
        }
    }
}
