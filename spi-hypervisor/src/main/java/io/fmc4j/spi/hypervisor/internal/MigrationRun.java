/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.internal;

import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the backends' migration handles: delivers events in order to the listener (shielding the migration from
 * listener exceptions), ends exactly once with a terminal event and a result, and records cancel requests.
 */
public abstract class MigrationRun implements MigrationHandle
{
    private final String vmName;
    private final MigrationTarget target;
    private final MigrationListener listener;
    private final CompletableFuture<MigrationResult> completion = new CompletableFuture<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicLong listenerErrors = new AtomicLong();
    private final Object eventLock = new Object();
    private boolean sourcePaused;
    private boolean destinationResumed;
    private int passes;

    /**
     * A run.
     *
     * @param vmName   the VM.
     * @param target   where it goes.
     * @param listener event receiver.
     */
    protected MigrationRun(final String vmName, final MigrationTarget target, final MigrationListener listener)
    {
        this.vmName = vmName;
        this.target = target;
        this.listener = listener == null ? MigrationListener.NO_OP : listener;
    }

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
        if (completion.isDone())
        {
            return false;
        }
        if (cancelRequested.compareAndSet(false, true))
        {
            onCancelRequested();
        }
        return true;
    }

    /**
     * Has a cancel been requested?
     *
     * @return true after {@link #cancel()}.
     */
    public boolean isCancelRequested()
    {
        return cancelRequested.get();
    }

    /**
     * Hook run once, on the caller's thread, when a cancel is first requested.
     */
    protected abstract void onCancelRequested();

    @Override
    public boolean isDone()
    {
        return completion.isDone();
    }

    @Override
    public CompletionStage<MigrationResult> completion()
    {
        return completion.minimalCompletionStage();
    }

    @Override
    public MigrationResult await(final long timeout, final TimeUnit unit) throws InterruptedException, TimeoutException
    {
        try
        {
            return completion.get(timeout, unit);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("migration result completed exceptionally", ex.getCause());
        }
    }

    /**
     * Listener exceptions caught so far.
     *
     * @return the count.
     */
    public long listenerErrors()
    {
        return listenerErrors.get();
    }

    /**
     * Passes reported so far.
     *
     * @return the count.
     */
    public int passes()
    {
        synchronized (eventLock)
        {
            return passes;
        }
    }

    /**
     * Has the source-paused event been delivered?
     *
     * @return true after {@link MigrationEventType#SOURCE_PAUSED}.
     */
    public boolean sourcePaused()
    {
        synchronized (eventLock)
        {
            return sourcePaused;
        }
    }

    /**
     * Deliver a non-terminal event. Ignored after the end; a second source-paused or destination-resumed event is
     * dropped so that listeners see each switchover step once.
     *
     * @param type             event type.
     * @param timeNanos        event time.
     * @param pass             pass number (for PASS) or -1 to use the passes so far.
     * @param bytesTransferred bytes sent so far or -1.
     * @param remainingBytes   bytes remaining or -1.
     * @param dirtyPages       dirty pages or -1.
     * @param detail           note or null.
     */
    public void emit(
        final int type,
        final long timeNanos,
        final int pass,
        final long bytesTransferred,
        final long remainingBytes,
        final long dirtyPages,
        final String detail)
    {
        if (MigrationEventType.isTerminal(type))
        {
            throw new IllegalArgumentException("terminal events go through finish(): " + type);
        }
        final MigrationEvent event;
        synchronized (eventLock)
        {
            if (completion.isDone())
            {
                return;
            }
            if (type == MigrationEventType.PASS)
            {
                passes = Math.max(passes, pass);
            }
            else if (type == MigrationEventType.SOURCE_PAUSED)
            {
                if (sourcePaused)
                {
                    return;
                }
                sourcePaused = true;
            }
            else if (type == MigrationEventType.DESTINATION_RESUMED)
            {
                if (destinationResumed)
                {
                    return;
                }
                destinationResumed = true;
            }
            event = new MigrationEvent(
                type, vmName, timeNanos, type == MigrationEventType.PASS ? pass : passes, bytesTransferred,
                remainingBytes, dirtyPages, detail);
            deliver(event);
        }
    }

    /**
     * End the migration: deliver the terminal event and complete the handle, once.
     *
     * @param outcome    a {@link MigrationOutcome} constant.
     * @param timeNanos  event time.
     * @param runningOn  host the VM runs on now.
     * @param reason     why it failed or was cancelled, null when completed.
     * @param statistics the figures.
     * @return false when the run had already ended.
     */
    public boolean finish(
        final int outcome,
        final long timeNanos,
        final String runningOn,
        final String reason,
        final MigrationStatistics statistics)
    {
        final MigrationResult result = new MigrationResult(vmName, outcome, runningOn, reason, statistics);
        synchronized (eventLock)
        {
            if (completion.isDone())
            {
                return false;
            }
            final int type = outcome == MigrationOutcome.COMPLETED ? MigrationEventType.COMPLETED :
                outcome == MigrationOutcome.CANCELLED ? MigrationEventType.CANCELLED : MigrationEventType.FAILED;
            deliver(new MigrationEvent(type, vmName, timeNanos, passes, statistics.bytesTransferred(), 0, -1, reason));
            completion.complete(result);
        }
        return true;
    }

    private void deliver(final MigrationEvent event)
    {
        try
        {
            listener.onEvent(event);
        }
        catch (final RuntimeException | Error ex)
        {
            if (ex instanceof VirtualMachineError)
            {
                throw (VirtualMachineError)ex;
            }
            listenerErrors.incrementAndGet();
        }
    }
}
