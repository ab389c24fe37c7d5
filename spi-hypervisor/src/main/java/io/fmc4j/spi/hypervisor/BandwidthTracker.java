/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor;

/**
 * Turns samples of the cumulative bytes sent into the bandwidth figures of {@link
 * io.fmc4j.api.spi.hypervisor.MigrationStatistics}: minimum and maximum over intervals of at least a given length,
 * and the mean over the whole transfer. Not thread safe: one migration thread feeds it.
 */
public final class BandwidthTracker
{
    private final long minIntervalNanos;
    private long firstNanos = Long.MIN_VALUE;
    private long firstBytes;
    private long lastNanos;
    private long lastBytes;
    private long intervalStartNanos;
    private long intervalStartBytes;
    private double minBitsPerSecond = Double.MAX_VALUE;
    private double maxBitsPerSecond;
    private int intervals;

    /**
     * A tracker.
     *
     * @param minIntervalNanos shortest interval over which a rate counts toward min and max (short intervals are
     *                         merged with the next so that timer jitter does not make up peaks).
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
     * Record the cumulative bytes sent at a time.
     *
     * @param timeNanos        sample time, not before the previous sample.
     * @param cumulativeBytes  bytes sent since the start, not fewer than before.
     */
    public void sample(final long timeNanos, final long cumulativeBytes)
    {
        if (firstNanos == Long.MIN_VALUE)
        {
            firstNanos = timeNanos;
            firstBytes = cumulativeBytes;
            intervalStartNanos = timeNanos;
            intervalStartBytes = cumulativeBytes;
            lastNanos = timeNanos;
            lastBytes = cumulativeBytes;
            return;
        }
        if (timeNanos < lastNanos || cumulativeBytes < lastBytes)
        {
            return;
        }
        lastNanos = timeNanos;
        lastBytes = cumulativeBytes;
        final long elapsed = timeNanos - intervalStartNanos;
        if (elapsed >= minIntervalNanos)
        {
            closeInterval(elapsed, cumulativeBytes - intervalStartBytes);
        }
    }

    /**
     * Record one whole interval, for backends that know the bytes and duration of a phase directly.
     *
     * @param durationNanos length of the interval, greater than 0.
     * @param bytes         bytes sent in it.
     */
    public void interval(final long durationNanos, final long bytes)
    {
        if (durationNanos <= 0)
        {
            return;
        }
        if (firstNanos == Long.MIN_VALUE)
        {
            firstNanos = 0;
            lastNanos = 0;
        }
        lastNanos += durationNanos;
        lastBytes += bytes;
        closeInterval(durationNanos, bytes);
        intervalStartNanos = lastNanos;
        intervalStartBytes = lastBytes;
    }

    private void closeInterval(final long elapsedNanos, final long bytes)
    {
        final double rate = bytes * 8.0 * 1e9 / elapsedNanos;
        minBitsPerSecond = Math.min(minBitsPerSecond, rate);
        maxBitsPerSecond = Math.max(maxBitsPerSecond, rate);
        intervals++;
        intervalStartNanos = lastNanos;
        intervalStartBytes = lastBytes;
    }

    /**
     * Intervals that counted toward min and max.
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
     * @return bits per second, 0 when no interval closed.
     */
    public double minBitsPerSecond()
    {
        return intervals == 0 ? 0 : minBitsPerSecond;
    }

    /**
     * Highest interval rate.
     *
     * @return bits per second, 0 when no interval closed.
     */
    public double maxBitsPerSecond()
    {
        return maxBitsPerSecond;
    }

    /**
     * Mean rate from the first to the last sample.
     *
     * @return bits per second, 0 without two samples.
     */
    public double meanBitsPerSecond()
    {
        final long elapsed = lastNanos - firstNanos;
        return firstNanos == Long.MIN_VALUE || elapsed <= 0 ? 0 : (lastBytes - firstBytes) * 8.0 * 1e9 / elapsed;
    }
}
