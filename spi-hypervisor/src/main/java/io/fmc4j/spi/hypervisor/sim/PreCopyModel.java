/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The iterative pre-copy model of live migration, in the Context style (fluent setters, {@link #conclude()}).
 * <p>
 * The stream runs at {@code B = min(link, limit, tcpWindow / RTT)}. Setup takes one RTT (connection) plus a fixed
 * overhead. Pass 1 sends all memory; pass {@code i+1} sends what the guest dirtied during pass {@code i}:
 * {@code min(dirtyRate * t_i, workingSet)}, rounded up to pages. A live pass lasts {@code bytes / B + RTT} (the
 * stream drains and the dirty log is synchronised). From pass 2 on, when the remainder can be sent within the
 * downtime limit, or when the pass bound is reached, the source pauses and sends it (stop-and-copy, lasting
 * {@code bytes / B + RTT / 2}); the destination resumes a fixed overhead later and the source learns of it half an
 * RTT after that.
 */
public final class PreCopyModel
{
    private static final double NANOS = 1e9;

    private long memoryBytes;
    private long dirtyRateBytesPerSecond;
    private long workingSetBytes = -1;
    private int pageSize = 4096;
    private long linkBitsPerSecond = 1_000_000_000L;
    private long bandwidthLimitBitsPerSecond;
    private long rttNanos;
    private long tcpWindowBytes;
    private long downtimeLimitNanos = 300_000_000L;
    private int maxPasses = 30;
    private long setupOverheadNanos = 5_000_000L;
    private long resumeOverheadNanos = 2_000_000L;
    private boolean concluded;

    /**
     * Guest memory.
     *
     * @param bytes greater than 0.
     * @return this.
     */
    public PreCopyModel memoryBytes(final long bytes)
    {
        memoryBytes = bytes;
        return this;
    }

    /**
     * Rate at which the guest dirties distinct memory.
     *
     * @param bytesPerSecond not negative.
     * @return this.
     */
    public PreCopyModel dirtyRateBytesPerSecond(final long bytesPerSecond)
    {
        dirtyRateBytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * Most memory dirtied in one pass; defaults to the memory size.
     *
     * @param bytes between 0 and the memory size.
     * @return this.
     */
    public PreCopyModel workingSetBytes(final long bytes)
    {
        workingSetBytes = bytes;
        return this;
    }

    /**
     * Page size used to round dirtied memory.
     *
     * @param bytes a power of two.
     * @return this.
     */
    public PreCopyModel pageSize(final int bytes)
    {
        pageSize = bytes;
        return this;
    }

    /**
     * Capacity of the path between the hosts.
     *
     * @param bitsPerSecond greater than 0.
     * @return this.
     */
    public PreCopyModel linkBitsPerSecond(final long bitsPerSecond)
    {
        linkBitsPerSecond = bitsPerSecond;
        return this;
    }

    /**
     * Limit set on the migration stream.
     *
     * @param bitsPerSecond 0 for none.
     * @return this.
     */
    public PreCopyModel bandwidthLimitBitsPerSecond(final long bitsPerSecond)
    {
        bandwidthLimitBitsPerSecond = bitsPerSecond;
        return this;
    }

    /**
     * Round-trip time between the hosts.
     *
     * @param nanos not negative.
     * @return this.
     */
    public PreCopyModel rttNanos(final long nanos)
    {
        rttNanos = nanos;
        return this;
    }

    /**
     * TCP window of the migration connection; with an RTT it caps the rate at window / RTT.
     *
     * @param bytes 0 for no cap.
     * @return this.
     */
    public PreCopyModel tcpWindowBytes(final long bytes)
    {
        tcpWindowBytes = bytes;
        return this;
    }

    /**
     * Downtime the stop-and-copy may plan for (the stop-and-copy threshold is this times the rate).
     *
     * @param nanos greater than 0.
     * @return this.
     */
    public PreCopyModel downtimeLimitNanos(final long nanos)
    {
        downtimeLimitNanos = nanos;
        return this;
    }

    /**
     * Passes after which the stop-and-copy is forced, counting it.
     *
     * @param passes at least 1.
     * @return this.
     */
    public PreCopyModel maxPasses(final int passes)
    {
        maxPasses = passes;
        return this;
    }

    /**
     * Fixed setup cost besides the connection RTT.
     *
     * @param nanos not negative.
     * @return this.
     */
    public PreCopyModel setupOverheadNanos(final long nanos)
    {
        setupOverheadNanos = nanos;
        return this;
    }

    /**
     * Fixed cost of resuming at the destination once the last byte arrived.
     *
     * @param nanos not negative.
     * @return this.
     */
    public PreCopyModel resumeOverheadNanos(final long nanos)
    {
        resumeOverheadNanos = nanos;
        return this;
    }

    /**
     * Validate once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value.
     */
    public PreCopyModel conclude()
    {
        if (workingSetBytes < 0)
        {
            workingSetBytes = memoryBytes;
        }
        require(memoryBytes > 0, "memoryBytes must be > 0: " + memoryBytes);
        require(dirtyRateBytesPerSecond >= 0, "dirtyRateBytesPerSecond < 0: " + dirtyRateBytesPerSecond);
        require(workingSetBytes <= memoryBytes, "workingSetBytes > memoryBytes: " + workingSetBytes);
        require(pageSize > 0 && Integer.bitCount(pageSize) == 1, "pageSize must be a power of two: " + pageSize);
        require(linkBitsPerSecond > 0, "linkBitsPerSecond must be > 0: " + linkBitsPerSecond);
        require(bandwidthLimitBitsPerSecond >= 0, "bandwidthLimitBitsPerSecond < 0: " + bandwidthLimitBitsPerSecond);
        require(rttNanos >= 0, "rttNanos < 0: " + rttNanos);
        require(tcpWindowBytes >= 0, "tcpWindowBytes < 0: " + tcpWindowBytes);
        require(downtimeLimitNanos > 0, "downtimeLimitNanos must be > 0: " + downtimeLimitNanos);
        require(maxPasses >= 1, "maxPasses must be >= 1: " + maxPasses);
        require(setupOverheadNanos >= 0, "setupOverheadNanos < 0: " + setupOverheadNanos);
        require(resumeOverheadNanos >= 0, "resumeOverheadNanos < 0: " + resumeOverheadNanos);
        concluded = true;
        return this;
    }

    /**
     * The rate the stream runs at.
     *
     * @return bits per second.
     */
    public double effectiveBitsPerSecond()
    {
        double rate = linkBitsPerSecond;
        if (bandwidthLimitBitsPerSecond > 0)
        {
            rate = Math.min(rate, bandwidthLimitBitsPerSecond);
        }
        if (tcpWindowBytes > 0 && rttNanos > 0)
        {
            rate = Math.min(rate, tcpWindowBytes * 8.0 * NANOS / rttNanos);
        }
        return rate;
    }

    /**
     * Compute the schedule of one migration.
     *
     * @return the plan, times relative to the start request.
     */
    public PreCopyPlan plan()
    {
        if (!concluded)
        {
            conclude();
        }
        final double bytesPerNano = effectiveBitsPerSecond() / 8.0 / NANOS;
        final long setupNanos = rttNanos + setupOverheadNanos;
        final List<PreCopyPlan.Pass> passes = new ArrayList<>();
        long time = setupNanos;
        long toSend = memoryBytes;
        long dirtiedPages = pages(memoryBytes);
        long total = 0;
        int pass = 1;
        while (true)
        {
            final long sendNanos = (long)Math.ceil(toSend / bytesPerNano);
            final boolean stopAndCopy = pass >= maxPasses || (pass >= 2 && sendNanos <= downtimeLimitNanos);
            if (stopAndCopy)
            {
                final long duration = sendNanos + rttNanos / 2;
                passes.add(new PreCopyPlan.Pass(pass, time, duration, toSend, dirtiedPages, true));
                total += toSend;
                final long pausedAt = time;
                final long resumedAt = time + duration + resumeOverheadNanos;
                final long completedAt = resumedAt + rttNanos / 2;
                return new PreCopyPlan(setupNanos, passes, pausedAt, resumedAt, completedAt, total,
                    effectiveBitsPerSecond(), sendNanos <= downtimeLimitNanos);
            }
            final long duration = sendNanos + rttNanos;
            passes.add(new PreCopyPlan.Pass(pass, time, duration, toSend, dirtiedPages, false));
            total += toSend;
            time += duration;
            final double dirtied = Math.min(dirtyRateBytesPerSecond * (duration / NANOS), (double)workingSetBytes);
            dirtiedPages = pages((long)Math.ceil(dirtied));
            toSend = dirtiedPages * pageSize;
            pass++;
        }
    }

    private long pages(final long bytes)
    {
        return (bytes + pageSize - 1) / pageSize;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
