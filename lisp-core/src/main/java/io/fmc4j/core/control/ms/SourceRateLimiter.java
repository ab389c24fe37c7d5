/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

/**
 * A token bucket per source address, in a fixed 4-way set-associative table: no allocation, constant time. A
 * source that does not fit evicts the least recently seen source of its set (which then starts again with a full
 * bucket), so an attacker cycling through many addresses can at worst reset other sources' buckets, never block
 * them.
 */
final class SourceRateLimiter
{
    private static final int WAYS = 4;
    private static final long SCALE = 1000L;

    private final long ratePerSecond;
    private final long burstScaled;
    private final int setMask;
    private final long[] hi;
    private final long[] lo;
    private final long[] tokens;
    private final long[] lastMs;
    private final boolean[] used;

    SourceRateLimiter(final int ratePerSecond, final int burst, final int setsPowerOfTwo)
    {
        if (ratePerSecond <= 0 || burst <= 0 || Integer.bitCount(setsPowerOfTwo) != 1)
        {
            throw new IllegalArgumentException("rate and burst must be positive, sets a power of two: " +
                ratePerSecond + ", " + burst + ", " + setsPowerOfTwo);
        }
        this.ratePerSecond = ratePerSecond;
        this.burstScaled = burst * SCALE;
        this.setMask = setsPowerOfTwo - 1;
        final int n = setsPowerOfTwo * WAYS;
        hi = new long[n];
        lo = new long[n];
        tokens = new long[n];
        lastMs = new long[n];
        used = new boolean[n];
    }

    /**
     * Takes one token for a source.
     *
     * @param sourceHi left-aligned address high word.
     * @param sourceLo address low word.
     * @param nowMs    current time.
     * @return whether the request may be served.
     */
    boolean tryAcquire(final long sourceHi, final long sourceLo, final long nowMs)
    {
        final long h = (sourceHi * 0x9E3779B97F4A7C15L) ^ (sourceLo * 0xC2B2AE3D27D4EB4FL);
        final int base = ((int)(h ^ (h >>> 32)) & setMask) * WAYS;
        int victim = base;
        for (int i = base; i < base + WAYS; i++)
        {
            if (used[i] && hi[i] == sourceHi && lo[i] == sourceLo)
            {
                final long elapsed = Math.max(0, nowMs - lastMs[i]);
                final long refill = Math.min(burstScaled, tokens[i] + elapsed * ratePerSecond);
                lastMs[i] = nowMs;
                if (refill >= SCALE)
                {
                    tokens[i] = refill - SCALE;
                    return true;
                }
                tokens[i] = refill;
                return false;
            }
            if (!used[i])
            {
                victim = i;
            }
            else if (used[victim] && lastMs[i] < lastMs[victim])
            {
                victim = i;
            }
        }
        used[victim] = true;
        hi[victim] = sourceHi;
        lo[victim] = sourceLo;
        lastMs[victim] = nowMs;
        tokens[victim] = burstScaled - SCALE;
        return true;
    }
}
