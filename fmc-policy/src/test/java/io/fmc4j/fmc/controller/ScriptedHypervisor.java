/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hypervisor that plays a fixed event script, for what the simulator cannot do: a migration that fails after
 * the source paused (QEMU can fail in the stop-and-copy and resume the source).
 */
final class ScriptedHypervisor implements HypervisorControl
{
    private final String host;
    private final int[] script;
    private final int outcome;

    ScriptedHypervisor(final String host, final int outcome, final int... script)
    {
        this.host = host;
        this.outcome = outcome;
        this.script = script.clone();
    }

    @Override
    public String providerName()
    {
        return "scripted";
    }

    @Override
    public String host()
    {
        return host;
    }

    @Override
    public List<VmInfo> listVms()
    {
        return List.of();
    }

    @Override
    public VmInfo describe(final String vmName)
    {
        return new VmInfo(vmName, null, 0, VmState.RUNNING, host);
    }

    @Override
    public MigrationHandle migrate(final String vmName, final MigrationTarget target,
        final MigrationParameters parameters, final MigrationListener listener)
    {
        final CompletableFuture<MigrationResult> completion = new CompletableFuture<>();
        final Thread thread = new Thread(() ->
        {
            long t = 0;
            for (final int type : script)
            {
                listener.onEvent(new MigrationEvent(type, vmName, t += 1_000_000L, 1, 0, 0, 0,
                    type == MigrationEventType.FAILED ? "scripted failure" : null));
                try
                {
                    Thread.sleep(20);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            completion.complete(new MigrationResult(vmName, outcome,
                outcome == MigrationOutcome.COMPLETED ? target.host() : host,
                outcome == MigrationOutcome.COMPLETED ? null : "scripted failure",
                new MigrationStatistics(t / 1_000_000L, 0, 0, 0, 1, 0, 0, 0)));
        }, "scripted-migration");
        thread.setDaemon(true);
        thread.start();
        return new MigrationHandle()
        {
            @Override
            public String vmName()
            {
                return vmName;
            }

            @Override
            public MigrationTarget target()
            {
                return target;
            }

            @Override
            public boolean cancel()
            {
                return false;
            }

            @Override
            public boolean isDone()
            {
                return completion.isDone();
            }

            @Override
            public CompletionStage<MigrationResult> completion()
            {
                return completion;
            }

            @Override
            public MigrationResult await(final long timeout, final TimeUnit unit)
                throws InterruptedException, TimeoutException
            {
                try
                {
                    return completion.get(timeout, unit);
                }
                catch (final ExecutionException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        };
    }

    @Override
    public void close()
    {
    }
}
