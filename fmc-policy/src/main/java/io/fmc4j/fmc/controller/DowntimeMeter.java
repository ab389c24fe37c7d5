/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Measures service downtime with a {@link ServiceProber}: probes one VM every interval on its own thread from
 * {@link #start()} until {@link #stop()}, and then until a probe succeeds again (at most a settle time).
 * <p>
 * An outage is a run of failed probes; its length is measured from the last successful probe before it to the
 * first successful probe after it (an upper bound of the real outage, tight to one interval plus one probe). The
 * result is the longest outage seen, the number of probes and the number that failed.
 */
public final class DowntimeMeter
{
    private final ServiceProber prober;
    private final String vmName;
    private final EidPrefix vmEid;
    private final long intervalNanos;
    private final long settleNanos;
    private final LongSupplier clock;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile boolean stopRequested;
    private volatile long stopAtNanos;
    private Thread thread;

    /**
     * What the meter saw.
     *
     * @param longestOutageNanos longest outage (0 when every probe succeeded); when the service never answered
     *                           again before the settle time ran out, the time from the last success to the end
     * @param probes             probes made.
     * @param failedProbes       probes that failed.
     * @param recovered          false when the last probe failed (the service had not come back).
     */
    public record Result(long longestOutageNanos, long probes, long failedProbes, boolean recovered)
    {
    }

    /**
     * A meter for one VM.
     *
     * @param prober        the prober.
     * @param vmName        the VM.
     * @param vmEid         its EID.
     * @param intervalNanos time between probe starts, {@code > 0}.
     * @param settleNanos   how long to keep probing after {@link #stop()} while the service is down.
     * @param clock         nanosecond clock (the controller's).
     */
    public DowntimeMeter(final ServiceProber prober, final String vmName, final EidPrefix vmEid,
        final long intervalNanos, final long settleNanos, final LongSupplier clock)
    {
        if (intervalNanos <= 0 || settleNanos < 0)
        {
            throw new IllegalArgumentException("intervalNanos must be > 0 and settleNanos >= 0: " + intervalNanos +
                ", " + settleNanos);
        }
        this.prober = prober;
        this.vmName = vmName;
        this.vmEid = vmEid;
        this.intervalNanos = intervalNanos;
        this.settleNanos = settleNanos;
        this.clock = clock;
    }

    /**
     * Starts probing on a daemon thread.
     *
     * @return this.
     */
    public synchronized DowntimeMeter start()
    {
        if (thread != null)
        {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, "fmc4j-downtime-" + vmName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Asks the meter to stop once the service answers (or the settle time has passed).
     *
     * @return completes with the result.
     */
    public CompletableFuture<Result> stop()
    {
        stopAtNanos = clock.getAsLong();
        stopRequested = true;
        return result;
    }

    /**
     * The result, once stopped.
     *
     * @return the future.
     */
    public CompletableFuture<Result> result()
    {
        return result;
    }

    private void run()
    {
        long probes = 0;
        long failed = 0;
        long longest = 0;
        long lastSuccess = clock.getAsLong();
        boolean down = false;
        try
        {
            while (true)
            {
                final long started = clock.getAsLong();
                final boolean ok = prober.probe(vmName, vmEid);
                final long now = clock.getAsLong();
                probes++;
                if (ok)
                {
                    if (down)
                    {
                        longest = Math.max(longest, now - lastSuccess);
                        down = false;
                    }
                    lastSuccess = now;
                }
                else
                {
                    failed++;
                    down = true;
                }
                if (stopRequested && (!down || now - stopAtNanos >= settleNanos))
                {
                    if (down)
                    {
                        longest = Math.max(longest, now - lastSuccess);
                    }
                    result.complete(new Result(longest, probes, failed, !down));
                    return;
                }
                final long wait = started + intervalNanos - clock.getAsLong();
                if (wait > 0)
                {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(ex);
        }
    }
}
