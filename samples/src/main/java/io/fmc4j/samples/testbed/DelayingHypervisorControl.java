/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.spi.hypervisor.ForwardingHypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link HypervisorControl} seen from a controller one network hop away: every migration event and the final
 * result reach the caller a one-way delay after the backend reported them, in order (one delivery thread, a fixed
 * delay). Requests go to the backend at once. {@link #close()} does not close the delegate.
 */
public final class DelayingHypervisorControl extends ForwardingHypervisorControl
{
    private final long oneWayNanos;
    private final ScheduledExecutorService delivery;

    /**
     * A control.
     *
     * @param delegate    the backend's control.
     * @param oneWayNanos delay of each event and of the result.
     */
    public DelayingHypervisorControl(final HypervisorControl delegate, final long oneWayNanos)
    {
        super(delegate);
        this.oneWayNanos = oneWayNanos;
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (r) ->
        {
            final Thread thread = new Thread(r, "fmc4j-testbed-hypervisor-events");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.delivery = executor;
    }

    @Override
    public MigrationHandle migrate(
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener) throws IOException
    {
        final MigrationHandle handle = delegate.migrate(vmName, target, parameters, listener == null ? null :
            (event) -> delivery.schedule(() -> listener.onEvent(event), oneWayNanos, TimeUnit.NANOSECONDS));
        final CompletableFuture<MigrationResult> result = new CompletableFuture<>();
        handle.completion().whenComplete((value, error) -> delivery.schedule(() ->
        {
            if (error != null)
            {
                result.completeExceptionally(error);
            }
            else
            {
                result.complete(value);
            }
        }, oneWayNanos, TimeUnit.NANOSECONDS));
        return new MigrationHandle()
        {
            @Override
            public String vmName()
            {
                return handle.vmName();
            }

            @Override
            public MigrationTarget target()
            {
                return handle.target();
            }

            @Override
            public boolean cancel()
            {
                return handle.cancel();
            }

            @Override
            public boolean isDone()
            {
                return result.isDone();
            }

            @Override
            public CompletionStage<MigrationResult> completion()
            {
                return result;
            }

            @Override
            public MigrationResult await(final long timeout, final TimeUnit unit)
                throws InterruptedException, TimeoutException
            {
                try
                {
                    return result.get(timeout, unit);
                }
                catch (final java.util.concurrent.ExecutionException ex)
                {
                    throw new IllegalStateException(ex.getCause());
                }
            }
        };
    }

    @Override
    public void close()
    {
        delivery.shutdownNow();
    }
}
