/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import java.util.Arrays;

/**
 * Indexed binary min-heap of ids by expiry time: O(log n) add, change and remove of any id, O(1) peek at the
 * entry that expires first. Primitive arrays sized once; no allocation after construction. Single-threaded.
 */
public final class ExpiryHeap
{
    private final int[] heap;
    private final int[] position;
    private final long[] expiry;
    private int size;

    /**
     * A heap for ids {@code 0..capacity-1}.
     *
     * @param capacity largest id + 1.
     */
    public ExpiryHeap(final int capacity)
    {
        heap = new int[capacity];
        position = new int[capacity];
        expiry = new long[capacity];
        Arrays.fill(position, -1);
    }

    /**
     * Ids held.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The id that expires first.
     *
     * @return an id, or -1 when empty.
     */
    public int peek()
    {
        return size == 0 ? -1 : heap[0];
    }

    /**
     * Expiry of the id that expires first.
     *
     * @return epoch ms, or {@code Long.MAX_VALUE} when empty.
     */
    public long peekExpiry()
    {
        return size == 0 ? Long.MAX_VALUE : expiry[heap[0]];
    }

    /**
     * Expiry time of an id.
     *
     * @param id an id held.
     * @return epoch ms.
     */
    public long expiryOf(final int id)
    {
        return expiry[id];
    }

    /**
     * Is the id held?
     *
     * @param id an id.
     * @return true when present.
     */
    public boolean contains(final int id)
    {
        return position[id] >= 0;
    }

    /**
     * Adds an id, or moves it when already held.
     *
     * @param id       0..capacity-1.
     * @param expiryMs its expiry time.
     */
    public void put(final int id, final long expiryMs)
    {
        final int at = position[id];
        expiry[id] = expiryMs;
        if (at < 0)
        {
            heap[size] = id;
            position[id] = size;
            siftUp(size++);
        }
        else
        {
            siftUp(at);
            siftDown(position[id]);
        }
    }

    /**
     * Removes an id if held.
     *
     * @param id an id.
     */
    public void remove(final int id)
    {
        final int at = position[id];
        if (at < 0)
        {
            return;
        }
        position[id] = -1;
        final int last = heap[--size];
        if (at != size)
        {
            heap[at] = last;
            position[last] = at;
            siftUp(at);
            siftDown(position[last]);
        }
    }

    private void siftUp(final int from)
    {
        int i = from;
        final int id = heap[i];
        final long key = expiry[id];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            final int p = heap[parent];
            if (expiry[p] <= key)
            {
                break;
            }
            heap[i] = p;
            position[p] = i;
            i = parent;
        }
        heap[i] = id;
        position[id] = i;
    }

    private void siftDown(final int from)
    {
        int i = from;
        final int id = heap[i];
        final long key = expiry[id];
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && expiry[heap[right]] < expiry[heap[left]] ? right : left;
            final int c = heap[child];
            if (expiry[c] >= key)
            {
                break;
            }
            heap[i] = c;
            position[c] = i;
            i = child;
        }
        heap[i] = id;
        position[id] = i;
    }
}
