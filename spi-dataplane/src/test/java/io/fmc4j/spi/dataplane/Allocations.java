/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.lang.management.ManagementFactory;

/**
 * Measures bytes allocated by the current thread (HotSpot's {@code com.sun.management.ThreadMXBean}).
 */
public final class Allocations
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private Allocations()
    {
    }

    /**
     * Bytes this thread has allocated so far.
     *
     * @return the running total.
     */
    public static long allocatedBytes()
    {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Runs {@code body} {@code rounds} times and returns the fewest bytes one run allocated. A steady state that
     * allocates nothing gives 0 even when a one-off event (a JIT deoptimisation, a JDK-internal cache refill)
     * lands inside one round; a per-operation allocation shows up in every round.
     *
     * @param rounds how many runs.
     * @param body   the measured work, already warmed up.
     * @return the minimum over the rounds.
     */
    public static long minAllocatedBytes(final int rounds, final Runnable body)
    {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++)
        {
            final long before = allocatedBytes();
            body.run();
            min = Math.min(min, allocatedBytes() - before);
        }
        return min;
    }
}
