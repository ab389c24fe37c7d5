/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;

import java.util.List;

/**
 * The control of one host of a {@link SimulatedCloud}. Each migration plays on its own daemon thread.
 */
public final class SimulatedHypervisor implements HypervisorControl
{
    private final SimulatedCloud cloud;
    private final String host;

    SimulatedHypervisor(final SimulatedCloud cloud, final String host)
    {
        this.cloud = cloud;
        this.host = host;
    }

    /**
     * The cloud this host belongs to, to reach the other hosts' controls.
     *
     * @return the cloud.
     */
    public SimulatedCloud cloud()
    {
        return cloud;
    }

    @Override
    public String providerName()
    {
        return SimulatedHypervisorProvider.NAME;
    }

    @Override
    public String host()
    {
        return host;
    }

    @Override
    public List<VmInfo> listVms()
    {
        return cloud.vmsOn(host);
    }

    @Override
    public VmInfo describe(final String vmName)
    {
        return cloud.describe(host, vmName);
    }

    @Override
    public MigrationHandle migrate(
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener)
    {
        if (!parameters.isConcluded())
        {
            throw new IllegalArgumentException("MigrationParameters must be concluded");
        }
        final SimulatedMigration migration = cloud.start(host, vmName, target, parameters, listener);
        final Thread thread = new Thread(migration, "fmc4j-sim-migrate-" + vmName);
        thread.setDaemon(true);
        thread.start();
        return migration;
    }

    @Override
    public void close()
    {
        for (final SimulatedMigration migration : cloud.runningFrom(host))
        {
            migration.cancel();
        }
    }
}
