/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A fixed set of named 64-bit counters in their own cache-aligned off-heap buffer: written by one owning thread
 * with release stores, read from any thread. Subclasses define the ids and their names; an id without a name is
 * padding (it keeps groups of counters written by different code on separate cache lines).
 */
public abstract class OffHeapCounters
{
    private final String[] names;
    private final AtomicBuffer buffer;

    /**
     * Zeroed counters, one slot per entry of {@code names}.
     *
     * @param names the name of each id; null for padding. Not copied: pass a constant table.
     */
    protected OffHeapCounters(final String[] names)
    {
        this.names = names;
        this.buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(names.length * Long.BYTES, BitUtil.CACHE_LINE_LENGTH));
    }

    /**
     * Is {@code id} a counter of a name table (rather than padding or out of range)?
     *
     * @param names a name table.
     * @param id    a slot id.
     * @return true when the table names it.
     */
    protected static boolean isCounter(final String[] names, final int id)
    {
        return id >= 0 && id < names.length && names[id] != null;
    }

    /**
     * The name of a counter in a name table.
     *
     * @param names a name table.
     * @param id    a counter id.
     * @return its name, or {@code "counter-N"} for an id that is not a counter.
     */
    protected static String name(final String[] names, final int id)
    {
        return isCounter(names, id) ? names[id] : "counter-" + id;
    }

    /**
     * Adds one. Only the owning thread calls this.
     *
     * @param id a counter id.
     */
    public final void increment(final int id)
    {
        final int index = id << 3;
        buffer.putLongRelease(index, buffer.getLong(index) + 1);
    }

    /**
     * Adds {@code delta}. Only the owning thread calls this.
     *
     * @param id    a counter id.
     * @param delta the amount.
     */
    public final void add(final int id, final long delta)
    {
        final int index = id << 3;
        buffer.putLongRelease(index, buffer.getLong(index) + delta);
    }

    /**
     * Adds {@code delta} atomically, for a counter that more than one thread may touch.
     *
     * @param id    a counter id.
     * @param delta the amount.
     */
    public final void addAtomic(final int id, final long delta)
    {
        buffer.getAndAddLong(id << 3, delta);
    }

    /**
     * Reads a counter from any thread.
     *
     * @param id a counter id.
     * @return its current value.
     */
    public final long get(final int id)
    {
        return buffer.getLongVolatile(id << 3);
    }

    /**
     * Appends every non-zero counter as {@code name=value} pairs. Cold path.
     *
     * @param out where to append.
     * @return {@code out}.
     */
    public final StringBuilder appendTo(final StringBuilder out)
    {
        boolean first = true;
        for (int id = 0; id < names.length; id++)
        {
            if (names[id] != null)
            {
                final long value = get(id);
                if (value != 0)
                {
                    if (!first)
                    {
                        out.append(' ');
                    }
                    out.append(names[id]).append('=').append(value);
                    first = false;
                }
            }
        }
        return out;
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(256)).toString();
    }
}
