/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.spi.hypervisor.internal.BandwidthTracker;
import io.fmc4j.spi.hypervisor.internal.MigrationRun;

import java.util.concurrent.CountDownLatch;

/**
 * One simulated migration: plays a {@link PreCopyPlan} on the cloud's clock.
 */
final class SimulatedMigration extends MigrationRun implements Runnable
{
    private static final long NANOS_PER_MS = 1_000_000L;

    private final SimulatedCloud cloud;
    private final String sourceHost;
    private final MigrationParameters parameters;
    private final PreCopyPlan plan;
    private final long rttNanos;
    private final boolean targetExists;
    private final int failAtPass;
    private final String failReason;
    private final CountDownLatch cancelLatch = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);
    private final SimClock clock;
    private long startNanos;
    private long bytesSent;

    SimulatedMigration(
        final SimulatedCloud cloud,
        final String vmName,
        final String sourceHost,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener,
        final PreCopyPlan plan,
        final long rttNanos,
        final boolean targetExists,
        final int failAtPass,
        final String failReason)
    {
        super(vmName, target, listener);
        this.cloud = cloud;
        this.sourceHost = sourceHost;
        this.parameters = parameters;
        this.plan = plan;
        this.rttNanos = rttNanos;
        this.targetExists = targetExists;
        this.failAtPass = failAtPass;
        this.failReason = failReason;
        this.clock = cloud.clock();
        this.startNanos = clock.nanoTime();
    }

    PreCopyPlan plan()
    {
        return plan;
    }

    @Override
    protected void onCancelRequested()
    {
        cancelLatch.countDown();
    }

    @Override
    public void run()
    {
        try
        {
            play();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            fail(clock.nanoTime(), "interrupted");
        }
        catch (final RuntimeException ex)
        {
            fail(clock.nanoTime(), "simulator error: " + ex);
        }
    }

    private void play() throws InterruptedException
    {
        startNanos = clock.nanoTime();
        emit(MigrationEventType.STARTED, startNanos, 0, 0, -1, -1, null);
        final long deadline = startNanos + parameters.timeoutMs() * NANOS_PER_MS;
        if (!targetExists)
        {
            if (waitUntil(startNanos + rttNanos, deadline))
            {
                fail(clock.nanoTime(), "connection refused: no host '" + target().host() + "' in the simulated cloud");
            }
            return;
        }
        final BandwidthTracker bandwidth = new BandwidthTracker(1);
        for (final PreCopyPlan.Pass pass : plan.passes())
        {
            final long passStart = startNanos + pass.startNanos();
            if (!waitUntil(passStart, deadline))
            {
                return;
            }
            if (failAtPass > 0 && (pass.number() == failAtPass || (pass.stopAndCopy() && failAtPass > pass.number())))
            {
                fail(passStart, "injected failure at pass " + pass.number() + ": " + failReason);
                return;
            }
            if (pass.stopAndCopy())
            {
                cloud.setState(vmName(), VmState.PAUSED);
                emit(MigrationEventType.SOURCE_PAUSED, passStart, -1, bytesSent, pass.bytes(), pass.dirtyPages(), null);
            }
            emit(MigrationEventType.PASS, passStart, pass.number(), bytesSent, pass.bytes(), pass.dirtyPages(),
                pass.stopAndCopy() ? "stop-and-copy" : null);
            bandwidth.interval(pass.durationNanos(), pass.bytes());
            if (pass.stopAndCopy())
            {
                clock.awaitUntil(startNanos + plan.resumedAtNanos(), never);
                bytesSent += pass.bytes();
                cloud.moved(vmName(), target().host());
                emit(MigrationEventType.DESTINATION_RESUMED, startNanos + plan.resumedAtNanos(), -1, bytesSent, 0, 0,
                    null);
                clock.awaitUntil(startNanos + plan.completedAtNanos(), never);
                cloud.ended(vmName());
                final long transferNanos = plan.completedAtNanos() - plan.setupNanos();
                finish(MigrationOutcome.COMPLETED, startNanos + plan.completedAtNanos(), target().host(), null,
                    new MigrationStatistics(
                        millis(plan.completedAtNanos()), millis(plan.downtimeNanos()), millis(plan.setupNanos()),
                        bytesSent, plan.passes().size(), bandwidth.minBitsPerSecond(),
                        bytesSent * 8.0 * 1e9 / transferNanos, bandwidth.maxBitsPerSecond()));
                return;
            }
            bytesSent += pass.bytes();
        }
        fail(clock.nanoTime(), "simulator error: plan without a stop-and-copy");
    }

    /**
     * Wait for a point of the plan; on cancel or timeout end the run.
     *
     * @return true when the time was reached and the run goes on.
     */
    private boolean waitUntil(final long timeNanos, final long deadline) throws InterruptedException
    {
        if (timeNanos > deadline)
        {
            if (clock.awaitUntil(deadline, cancelLatch))
            {
                fail(deadline, "timed out after " + parameters.timeoutMs() + " ms");
                return false;
            }
        }
        else if (clock.awaitUntil(timeNanos, cancelLatch))
        {
            return true;
        }
        final long now = clock.nanoTime();
        cloud.ended(vmName());
        finish(MigrationOutcome.CANCELLED, now, sourceHost, "cancelled on request", statistics(now));
        return false;
    }

    private void fail(final long timeNanos, final String reason)
    {
        cloud.ended(vmName());
        finish(MigrationOutcome.FAILED, timeNanos, sourceHost, reason, statistics(timeNanos));
    }

    private MigrationStatistics statistics(final long timeNanos)
    {
        final long elapsed = Math.max(0, timeNanos - startNanos);
        final boolean sent = elapsed > plan.setupNanos();
        final double mean = sent ? bytesSent * 8.0 * 1e9 / (elapsed - plan.setupNanos()) : 0;
        return new MigrationStatistics(millis(elapsed), 0, sent ? millis(plan.setupNanos()) : -1, bytesSent,
            passes(), 0, mean, 0);
    }

    private static long millis(final long nanos)
    {
        return Math.round(nanos / 1e6);
    }
}
