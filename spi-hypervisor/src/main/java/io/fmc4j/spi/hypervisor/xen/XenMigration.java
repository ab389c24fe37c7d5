/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.spi.hypervisor.internal.BandwidthTracker;
import io.fmc4j.spi.hypervisor.internal.MigrationRun;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One {@code xl migrate}: follows its output line by line, polls {@code xl list} for the source's suspension, and
 * cancels by killing the transport to the destination so that xl takes its own resume-at-sender path.
 */
final class XenMigration extends MigrationRun implements Runnable
{
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final long PAGE_SIZE = 4096;
    private static final int KEPT_LINES = 6;

    private final XenHypervisor hypervisor;
    private final MigrationParameters parameters;
    private final List<String> argv;
    private final long memoryBytes;
    private final Object lock = new Object();
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final BandwidthTracker bandwidth = new BandwidthTracker(100 * NANOS_PER_MS);
    private volatile ProcessRunner.Running process;
    private volatile boolean pointOfNoReturn;
    private volatile boolean finished;
    private volatile boolean timedOut;
    private long startNanos;
    private long savingNanos = -1;
    private long pausedNanos = -1;
    private long resumedNanos = -1;
    private long progressBytes;
    private long iterationDone;
    private boolean sawProgress;
    private boolean success;
    private boolean undefined;
    private String failureLine;
    private String firstError;
    private String lastError;

    XenMigration(
        final XenHypervisor hypervisor,
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener,
        final List<String> argv,
        final long memoryBytes)
    {
        super(vmName, target, listener);
        this.hypervisor = hypervisor;
        this.parameters = parameters;
        this.argv = List.copyOf(argv);
        this.memoryBytes = memoryBytes;
    }

    @Override
    protected void onCancelRequested()
    {
        interruptTransport();
    }

    private void interruptTransport()
    {
        final ProcessRunner.Running running = process;
        if (running != null && !pointOfNoReturn && !running.killChildren())
        {
            running.destroy();
        }
    }

    @Override
    public void run()
    {
        startNanos = System.nanoTime();
        String note = "xl applies no downtime limit (libxc: at most 5 iterations, stop under 50 dirty pages)";
        if (parameters.bandwidthLimitBitsPerSecond() > 0)
        {
            note = "bandwidth limit not applied by xl; " + note;
        }
        emit(MigrationEventType.STARTED, startNanos, 0, 0, memoryBytes, -1, note);
        try
        {
            process = hypervisor.runner().start(argv);
        }
        catch (final IOException ex)
        {
            end(MigrationOutcome.FAILED, "cannot run " + argv.get(0) + ": " + ex.getMessage(), hypervisor.host());
            return;
        }
        if (isCancelRequested())
        {
            interruptTransport();
        }
        final Thread poller = new Thread(this::pollSource, "fmc4j-xl-poll-" + vmName());
        poller.setDaemon(true);
        poller.start();
        try
        {
            String line;
            while ((line = process.output().readLine()) != null)
            {
                onLine(line);
            }
            final int exit = process.waitFor(5_000);
            finished = true;
            poller.interrupt();
            conclude(exit);
        }
        catch (final IOException ex)
        {
            finished = true;
            process.destroy();
            conclude(Integer.MIN_VALUE);
        }
        catch (final InterruptedException ex)
        {
            finished = true;
            Thread.currentThread().interrupt();
            process.destroy();
            conclude(Integer.MIN_VALUE);
        }
    }

    private void onLine(final String line)
    {
        if (!line.isBlank())
        {
            if (lastLines.size() == KEPT_LINES)
            {
                lastLines.removeFirst();
            }
            lastLines.addLast(line.strip());
        }
        final long now = System.nanoTime();
        synchronized (lock)
        {
            switch (XlParser.classify(line))
            {
                case XlParser.SAVING:
                    savingNanos = now;
                    bandwidth.sample(now, 0);
                    emit(MigrationEventType.PASS, now, 1, 0, memoryBytes, memoryBytes / PAGE_SIZE, null);
                    break;
                case XlParser.PROGRESS:
                    onProgress(now, XlParser.progress(line));
                    break;
                case XlParser.TRANSFER_COMPLETE:
                    if (!sourcePaused())
                    {
                        pausedNanos = now;
                        emit(MigrationEventType.SOURCE_PAUSED, now, -1, -1, -1, -1,
                            "inferred from 'Transfer complete': the pause happened earlier");
                    }
                    break;
                case XlParser.PERMISSION_GIVEN:
                    pointOfNoReturn = true;
                    break;
                case XlParser.TARGET_STARTED:
                case XlParser.STARTUP_REPORTED:
                    if (resumedNanos < 0)
                    {
                        if (!sourcePaused())
                        {
                            pausedNanos = now;
                            emit(MigrationEventType.SOURCE_PAUSED, now, -1, -1, -1, -1, "inferred");
                        }
                        resumedNanos = now;
                        emit(MigrationEventType.DESTINATION_RESUMED, now, -1, bytes(), 0, 0, null);
                    }
                    break;
                case XlParser.SUCCESS:
                    success = true;
                    break;
                case XlParser.FAILED_SOURCE_RESUMED:
                    failureLine = failureLine == null ? line.strip() : failureLine;
                    break;
                case XlParser.FAILED_UNDEFINED:
                    undefined = true;
                    failureLine = line.strip();
                    break;
                case XlParser.ERROR:
                    firstError = firstError == null ? line.strip() : firstError;
                    lastError = line.strip();
                    break;
                default:
                    break;
            }
        }
    }

    private void onProgress(final long now, final long[] progress)
    {
        if (progress == null)
        {
            return;
        }
        sawProgress = true;
        final int pass = (int)progress[0] + 1;
        final long done = progress[2];
        if (pass > passes())
        {
            progressBytes += iterationDone * PAGE_SIZE;
            iterationDone = 0;
            final boolean last = progress[0] == progress[1];
            if (last && !sourcePaused())
            {
                pausedNanos = now;
                emit(MigrationEventType.SOURCE_PAUSED, now, -1, bytes(), -1, -1, "final iteration");
            }
            emit(MigrationEventType.PASS, now, pass, bytes(), (progress[3] - done) * PAGE_SIZE, progress[3],
                last ? "stop-and-copy" : null);
        }
        iterationDone = Math.max(iterationDone, done);
        bandwidth.sample(now, bytes());
    }

    private long bytes()
    {
        return sawProgress ? progressBytes + iterationDone * PAGE_SIZE : -1;
    }

    private void pollSource()
    {
        final long deadline = startNanos + parameters.timeoutMs() * NANOS_PER_MS;
        while (!finished)
        {
            try
            {
                Thread.sleep(hypervisor.pollIntervalMs());
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (System.nanoTime() > deadline && !pointOfNoReturn && !timedOut)
            {
                timedOut = true;
                interruptTransport();
            }
            synchronized (lock)
            {
                if (sourcePaused() || finished)
                {
                    continue;
                }
            }
            try
            {
                final List<XlDomain> rows = hypervisor.list(vmName());
                synchronized (lock)
                {
                    if (!rows.isEmpty() && !sourcePaused() && !finished &&
                        (rows.get(0).suspended() || rows.get(0).vmState() == VmState.PAUSED))
                    {
                        pausedNanos = System.nanoTime();
                        emit(MigrationEventType.SOURCE_PAUSED, pausedNanos, -1, bytes(), -1, -1,
                            "xl list: " + rows.get(0).state());
                    }
                }
            }
            catch (final IOException ignore)
            {
                // A failed poll only loses precision on the pause time.
            }
        }
    }

    private void conclude(final int exit)
    {
        if (exit == 0 && success)
        {
            final long end = System.nanoTime();
            final long bytes = sawProgress ? bytes() : memoryBytes;
            final long transferNanos = end - (savingNanos > 0 ? savingNanos : startNanos);
            bandwidth.finish();
            final double estimate = transferNanos > 0 ? bytes * 8.0 * 1e9 / transferNanos : 0;
            final boolean sampled = bandwidth.intervals() > 0;
            final MigrationStatistics statistics = new MigrationStatistics(
                (end - startNanos) / NANOS_PER_MS,
                pausedNanos > 0 && resumedNanos > 0 ? (resumedNanos - pausedNanos) / NANOS_PER_MS : -1,
                savingNanos > 0 ? (savingNanos - startNanos) / NANOS_PER_MS : -1,
                bytes, Math.max(1, passes()),
                sampled ? bandwidth.minBitsPerSecond() : estimate,
                sampled ? bandwidth.meanBitsPerSecond() : estimate,
                sampled ? bandwidth.maxBitsPerSecond() : estimate);
            hypervisor.ended(vmName());
            finish(MigrationOutcome.COMPLETED, end, target().host(), sawProgress ? null :
                "bytes and bandwidth estimated from the domain memory: xl reports no transfer counters", statistics);
            return;
        }
        final StringBuilder reason = new StringBuilder();
        if (timedOut)
        {
            reason.append("timed out after ").append(parameters.timeoutMs()).append(" ms; ");
        }
        else if (isCancelRequested())
        {
            reason.append("cancelled on request; ");
        }
        reason.append(failureLine != null ? failureLine : firstError != null ? firstError :
            "xl migrate exited with " + (exit == Integer.MIN_VALUE ? "no status" : String.valueOf(exit)));
        if (firstError != null && failureLine != null)
        {
            reason.append(" (").append(firstError).append(')');
        }
        else if (lastError != null && !lastError.equals(firstError))
        {
            reason.append(" (").append(lastError).append(')');
        }
        String runningOn = hypervisor.host();
        if (undefined)
        {
            reason.append("; domain state undefined after the final handshake: check both hosts");
            runningOn = null;
        }
        else
        {
            reason.append(recoverSource());
        }
        final int outcome = isCancelRequested() && !timedOut ? MigrationOutcome.CANCELLED : MigrationOutcome.FAILED;
        end(outcome, reason.toString(), runningOn);
    }

    /**
     * After a failure before the point of no return xl resumes the domain itself; make sure of it.
     */
    private String recoverSource()
    {
        try
        {
            final List<XlDomain> rows = hypervisor.list(vmName());
            if (rows.isEmpty())
            {
                return "; the domain is no longer listed at the source";
            }
            final XlDomain row = rows.get(0);
            if (row.vmState() == VmState.PAUSED && !row.suspended())
            {
                return hypervisor.unpause(vmName()) ? "; source unpaused" : "; xl unpause failed at the source";
            }
            if (row.suspended())
            {
                return "; the domain is still suspended at the source (xl did not resume it)";
            }
            return "";
        }
        catch (final IOException ex)
        {
            return "; source state unknown: " + ex.getMessage();
        }
    }

    private void end(final int outcome, final String reason, final String runningOn)
    {
        finished = true;
        hypervisor.ended(vmName());
        final long now = System.nanoTime();
        final long elapsedMs = (now - startNanos) / NANOS_PER_MS;
        bandwidth.finish();
        finish(outcome, now, runningOn, reason, new MigrationStatistics(elapsedMs, 0,
            savingNanos > 0 ? (savingNanos - startNanos) / NANOS_PER_MS : -1, sawProgress ? bytes() : 0, passes(),
            bandwidth.minBitsPerSecond(), bandwidth.meanBitsPerSecond(), bandwidth.maxBitsPerSecond()));
    }

    List<String> lastLines()
    {
        synchronized (lock)
        {
            return List.copyOf(lastLines);
        }
    }
}
