/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidKey;
import org.agrona.BitUtil;
import org.agrona.collections.IntArrayQueue;

/**
 * A bounded exact-match table from EID prefix (the compact {@link EidKey} form) to a small int id, allocated once:
 * open addressing with linear probing and backward-shift deletion. The owner keeps per-entry data in arrays
 * indexed by the id. Single thread; no allocation after construction.
 */
final class EidIndex
{
    private final int[] slots;
    private final int mask;
    private final long[] word0;
    private final long[] hi;
    private final long[] lo;
    private final boolean[] used;
    private final IntArrayQueue free;
    private int size;

    EidIndex(final int maxEntries)
    {
        slots = new int[BitUtil.findNextPositivePowerOfTwo(Math.max(2, maxEntries * 2))];
        mask = slots.length - 1;
        word0 = new long[maxEntries];
        hi = new long[maxEntries];
        lo = new long[maxEntries];
        used = new boolean[maxEntries];
        free = new IntArrayQueue(maxEntries, -1);
        for (int i = 0; i < maxEntries; i++)
        {
            free.addInt(i);
        }
    }

    int capacity()
    {
        return used.length;
    }

    int size()
    {
        return size;
    }

    boolean inUse(final int id)
    {
        return used[id];
    }

    long word0(final int id)
    {
        return word0[id];
    }

    long hi(final int id)
    {
        return hi[id];
    }

    long lo(final int id)
    {
        return lo[id];
    }

    int find(final long w0, final long h, final long l)
    {
        int slot = (int)EidKey.hash(w0, h, l) & mask;
        while (true)
        {
            final int v = slots[slot];
            if (v == 0)
            {
                return -1;
            }
            final int id = v - 1;
            if (word0[id] == w0 && hi[id] == h && lo[id] == l)
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The id of a prefix, adding it when absent.
     *
     * @return the id, or -1 when the table is full.
     */
    int add(final long w0, final long h, final long l)
    {
        int slot = (int)EidKey.hash(w0, h, l) & mask;
        while (true)
        {
            final int v = slots[slot];
            if (v == 0)
            {
                break;
            }
            final int id = v - 1;
            if (word0[id] == w0 && hi[id] == h && lo[id] == l)
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (free.isEmpty())
        {
            return -1;
        }
        final int id = free.pollInt();
        word0[id] = w0;
        hi[id] = h;
        lo[id] = l;
        used[id] = true;
        slots[slot] = id + 1;
        size++;
        return id;
    }

    void remove(final int id)
    {
        if (!used[id])
        {
            return;
        }
        int slot = (int)EidKey.hash(word0[id], hi[id], lo[id]) & mask;
        while (slots[slot] != id + 1)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = 0;
        int next = (slot + 1) & mask;
        while (slots[next] != 0)
        {
            final int other = slots[next] - 1;
            final int home = (int)EidKey.hash(word0[other], hi[other], lo[other]) & mask;
            final boolean movable = slot <= next ? (home <= slot || home > next) : (home <= slot && home > next);
            if (movable)
            {
                slots[slot] = slots[next];
                slots[next] = 0;
                slot = next;
            }
            next = (next + 1) & mask;
        }
        used[id] = false;
        free.addInt(id);
        size--;
    }
}
