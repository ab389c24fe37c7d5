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
}
