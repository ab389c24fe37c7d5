/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import java.util.Arrays;

/**
 * A sorted multiset of (group, hi, lo) triples in primitive chunks (about 28 bytes an element), answering the
 * nearest element at or below and above a key. The mapping database keeps the addresses of its registered
 * prefixes here: the longest common prefix of an unregistered address with its two neighbours gives the least
 * specific prefix that covers the address and no registration (a negative Map-Reply's prefix).
 * Single-threaded.
 */
final class SortedKeySet
{
    private static final int CHUNK = 512;

    private long[][] keys = new long[4][];
    private int[][] counts = new int[4][];
    private int[] sizes = new int[4];
    private int chunkCount;
    private long elements;

    long size()
    {
        return elements;
    }

    private static int compare(final long g1, final long h1, final long l1, final long g2, final long h2, final long l2)
    {
        int c = Long.compare(g1, g2);
        if (c == 0)
        {
            c = Long.compareUnsigned(h1, h2);
        }
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    /** Index of the last chunk whose first key is not above the key, or 0. */
    private int chunkFor(final long g, final long h, final long l)
    {
        int low = 0;
        int high = chunkCount - 1;
        int found = 0;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long[] k = keys[mid];
            if (compare(k[0], k[1], k[2], g, h, l) <= 0)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Position of the key in a chunk, or -(insertion point) - 1. */
    private int search(final int chunk, final long g, final long h, final long l)
    {
        final long[] k = keys[chunk];
        int low = 0;
        int high = sizes[chunk] - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int c = compare(k[mid * 3], k[mid * 3 + 1], k[mid * 3 + 2], g, h, l);
            if (c < 0)
            {
                low = mid + 1;
            }
            else if (c > 0)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }

    void add(final long g, final long h, final long l)
    {
        if (chunkCount == 0)
        {
            keys[0] = new long[CHUNK * 3];
            counts[0] = new int[CHUNK];
            chunkCount = 1;
        }
        final int c = chunkFor(g, h, l);
        int pos = search(c, g, h, l);
        if (pos >= 0)
        {
            counts[c][pos]++;
            return;
        }
        pos = -pos - 1;
        int chunk = c;
        if (sizes[chunk] == CHUNK)
        {
            split(chunk);
            if (pos > CHUNK / 2)
            {
                chunk++;
                pos -= CHUNK / 2;
            }
        }
        final long[] k = keys[chunk];
        final int[] n = counts[chunk];
        final int size = sizes[chunk];
        System.arraycopy(k, pos * 3, k, pos * 3 + 3, (size - pos) * 3);
        System.arraycopy(n, pos, n, pos + 1, size - pos);
        k[pos * 3] = g;
        k[pos * 3 + 1] = h;
        k[pos * 3 + 2] = l;
        n[pos] = 1;
        sizes[chunk] = size + 1;
        elements++;
    }

    private void split(final int chunk)
    {
        if (chunkCount == keys.length)
        {
            keys = Arrays.copyOf(keys, chunkCount * 2);
            counts = Arrays.copyOf(counts, chunkCount * 2);
            sizes = Arrays.copyOf(sizes, chunkCount * 2);
        }
        System.arraycopy(keys, chunk + 1, keys, chunk + 2, chunkCount - chunk - 1);
        System.arraycopy(counts, chunk + 1, counts, chunk + 2, chunkCount - chunk - 1);
        System.arraycopy(sizes, chunk + 1, sizes, chunk + 2, chunkCount - chunk - 1);
        final long[] k = new long[CHUNK * 3];
        final int[] n = new int[CHUNK];
        final int half = CHUNK / 2;
        System.arraycopy(keys[chunk], half * 3, k, 0, half * 3);
        System.arraycopy(counts[chunk], half, n, 0, half);
        keys[chunk + 1] = k;
        counts[chunk + 1] = n;
        sizes[chunk + 1] = half;
        sizes[chunk] = half;
        chunkCount++;
    }

    boolean remove(final long g, final long h, final long l)
    {
        if (chunkCount == 0)
        {
            return false;
        }
        final int c = chunkFor(g, h, l);
        final int pos = search(c, g, h, l);
        if (pos < 0)
        {
            return false;
        }
        if (--counts[c][pos] > 0)
        {
            return true;
        }
        final int size = sizes[c];
        System.arraycopy(keys[c], pos * 3 + 3, keys[c], pos * 3, (size - pos - 1) * 3);
        System.arraycopy(counts[c], pos + 1, counts[c], pos, size - pos - 1);
        sizes[c] = size - 1;
        elements--;
        if (sizes[c] == 0 && chunkCount > 1)
        {
            System.arraycopy(keys, c + 1, keys, c, chunkCount - c - 1);
            System.arraycopy(counts, c + 1, counts, c, chunkCount - c - 1);
            System.arraycopy(sizes, c + 1, sizes, c, chunkCount - c - 1);
            chunkCount--;
            keys[chunkCount] = null;
            counts[chunkCount] = null;
            sizes[chunkCount] = 0;
        }
        return true;
    }

    /**
     * Largest element not above the key, into {@code out[0..2]}.
     *
     * @return false when there is none.
     */
    boolean floor(final long g, final long h, final long l, final long[] out)
    {
        if (elements == 0)
        {
            return false;
        }
        int c = chunkFor(g, h, l);
        int pos = search(c, g, h, l);
        if (pos < 0)
        {
            pos = -pos - 2;
        }
        if (pos < 0)
        {
            if (c == 0)
            {
                return false;
            }
            c--;
            pos = sizes[c] - 1;
        }
        copy(c, pos, out);
        return true;
    }

    /**
     * Smallest element not below the key, into {@code out[0..2]}.
     *
     * @return false when there is none.
     */
    boolean ceiling(final long g, final long h, final long l, final long[] out)
    {
        if (elements == 0)
        {
            return false;
        }
        int c = chunkFor(g, h, l);
        int pos = search(c, g, h, l);
        if (pos < 0)
        {
            pos = -pos - 1;
        }
        while (pos >= sizes[c])
        {
            if (c == chunkCount - 1)
            {
                return false;
            }
            c++;
            pos = 0;
        }
        copy(c, pos, out);
        return true;
    }

    private void copy(final int chunk, final int pos, final long[] out)
    {
        out[0] = keys[chunk][pos * 3];
        out[1] = keys[chunk][pos * 3 + 1];
        out[2] = keys[chunk][pos * 3 + 2];
    }

    long memoryBytes()
    {
        return (long)chunkCount * (CHUNK * 3 * 8 + CHUNK * 4 + 48);
    }
}
