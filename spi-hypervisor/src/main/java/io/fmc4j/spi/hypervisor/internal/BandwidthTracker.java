/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.internal;

import java.util.Arrays;

/**
 * Turns samples of the cumulative bytes sent into the bandwidth figures of {@link
 * io.fmc4j.api.spi.hypervisor.MigrationStatistics}: the rate of each interval of at least a given length, their
 * minimum and maximum, and the mean over all of them (total bytes over total time), so that
 * {@code min <= mean <= max} always holds. Not thread safe: one migration thread feeds it.
 */
public final class BandwidthTracker
{
    private final long minIntervalNanos;
    private long[] intervalBytes = new long[16];
    private long[] intervalNanos = new long[16];
    private int intervals;
    private boolean started;
    private long lastNanos;
    private long lastBytes;
    private long openNanos;
    private long openBytes;

    /**
     * A tracker.
     *
     * @param minIntervalNanos shortest interval that counts on its own; shorter spans are merged with the next (or,
     *                         at the end, the previous) one so that timer jitter does not make up peaks.
     */
    public BandwidthTracker(final long minIntervalNanos)
    {
        if (minIntervalNanos <= 0)
        {
            throw new IllegalArgumentException("minIntervalNanos must be > 0: " + minIntervalNanos);
        }
        this.minIntervalNanos = minIntervalNanos;
    }

    /**
     * Record the cumulative bytes sent at a time. Samples that go back in time or bytes are ignored.
     *
     * @param timeNanos       sample time.
     * @param cumulativeBytes bytes sent since the start.
     */
    public void sample(final long timeNanos, final long cumulativeBytes)
    {
        if (!started)
        {
            started = true;
            lastNanos = timeNanos;
            lastBytes = cumulativeBytes;
            return;
        }
        if (timeNanos < lastNanos || cumulativeBytes < lastBytes)
        {
            return;
        }
        openNanos += timeNanos - lastNanos;
        openBytes += cumulativeBytes - lastBytes;
        lastNanos = timeNanos;
        lastBytes = cumulativeBytes;
        if (openNanos >= minIntervalNanos)
        {
            close();
        }
    }

    /**
     * Record one whole interval, for backends that know the bytes and duration of a phase directly.
     *
     * @param durationNanos length of the interval; ignored when not positive.
     * @param bytes         bytes sent in it.
     */
    public void interval(final long durationNanos, final long bytes)
    {
        if (durationNanos > 0 && bytes >= 0)
        {
            openNanos += durationNanos;
            openBytes += bytes;
            close();
        }
    }

    /**
     * Fold what was sampled since the last full interval into the last interval (or make it the only one).
     */
    public void finish()
    {
        if (openNanos <= 0 && openBytes <= 0)
        {
            return;
        }
        if (intervals == 0)
        {
            if (openNanos > 0)
            {
                close();
            }
        }
        else
        {
            intervalNanos[intervals - 1] += openNanos;
            intervalBytes[intervals - 1] += openBytes;
            openNanos = 0;
            openBytes = 0;
        }
    }

    private void close()
    {
        if (intervals == intervalBytes.length)
        {
            intervalBytes = Arrays.copyOf(intervalBytes, intervals * 2);
            intervalNanos = Arrays.copyOf(intervalNanos, intervals * 2);
        }
        intervalBytes[intervals] = openBytes;
        intervalNanos[intervals] = openNanos;
        intervals++;
        openNanos = 0;
        openBytes = 0;
    }

    /**
     * Intervals recorded.
     *
     * @return the count.
     */
    public int intervals()
    {
        return intervals;
    }

    /**
     * Lowest interval rate.
     *
     * @return bits per second, 0 without intervals.
     */
    public double minBitsPerSecond()
    {
        double min = intervals == 0 ? 0 : Double.MAX_VALUE;
        for (int i = 0; i < intervals; i++)
        {
            min = Math.min(min, rate(intervalBytes[i], intervalNanos[i]));
        }
        return min;
    }

    /**
     * Highest interval rate.
     *
     * @return bits per second, 0 without intervals.
     */
    public double maxBitsPerSecond()
    {
        double max = 0;
        for (int i = 0; i < intervals; i++)
        {
            max = Math.max(max, rate(intervalBytes[i], intervalNanos[i]));
        }
        return max;
    }

    /**
     * Mean rate over all intervals: their bytes over their time.
     *
     * @return bits per second, 0 without intervals.
     */
    public double meanBitsPerSecond()
    {
        long bytes = 0;
        long nanos = 0;
        for (int i = 0; i < intervals; i++)
        {
            bytes += intervalBytes[i];
            nanos += intervalNanos[i];
        }
        return rate(bytes, nanos);
    }

    private static double rate(final long bytes, final long nanos)
    {
        return nanos <= 0 ? 0 : bytes * 8.0 * 1e9 / nanos;
    }
}
