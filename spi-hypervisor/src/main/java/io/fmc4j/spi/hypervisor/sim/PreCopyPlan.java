/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import java.util.List;

/**
 * The schedule {@link PreCopyModel#plan()} computes. All times are nanoseconds after the start request.
 *
 * @param setupNanos            time before the first byte is sent.
 * @param passes                the passes, the last one being the stop-and-copy.
 * @param pausedAtNanos         when the source pauses.
 * @param resumedAtNanos        when the destination resumes.
 * @param completedAtNanos      when the source learns the migration completed.
 * @param bytesTransferred      bytes of all passes.
 * @param effectiveBitsPerSecond the stream rate used.
 * @param converged             false when the pass bound forced a stop-and-copy longer than the downtime limit.
 */
public record PreCopyPlan(
    long setupNanos,
    List<Pass> passes,
    long pausedAtNanos,
    long resumedAtNanos,
    long completedAtNanos,
    long bytesTransferred,
    double effectiveBitsPerSecond,
    boolean converged)
{
    /**
     * Copies the pass list.
     *
     * @param setupNanos             setup time.
     * @param passes                 the passes.
     * @param pausedAtNanos          pause time.
     * @param resumedAtNanos         resume time.
     * @param completedAtNanos       completion time.
     * @param bytesTransferred       bytes sent.
     * @param effectiveBitsPerSecond rate.
     * @param converged              whether the downtime limit was met.
     */
    public PreCopyPlan
    {
        passes = List.copyOf(passes);
    }

    /**
     * One pass.
     *
     * @param number        1-based pass number.
     * @param startNanos    when it starts.
     * @param durationNanos how long it lasts.
     * @param bytes         bytes it sends.
     * @param dirtyPages    pages dirty when it starts (all pages for pass 1).
     * @param stopAndCopy   true for the final pass, run with the source paused.
     */
    public record Pass(int number, long startNanos, long durationNanos, long bytes, long dirtyPages,
        boolean stopAndCopy)
    {
    }

    /**
     * Downtime: from pause to resume.
     *
     * @return nanoseconds.
     */
    public long downtimeNanos()
    {
        return resumedAtNanos - pausedAtNanos;
    }
}
