/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Parameters of one migration, in the Context style: fluent setters, then {@link #conclude()} validates once.
 */
public final class MigrationParameters
{
    /** Default allowed downtime, as QEMU's default {@code downtime-limit}. */
    public static final long DEFAULT_DOWNTIME_LIMIT_MS = 300;
    /** Default bound on the whole migration. */
    public static final long DEFAULT_TIMEOUT_MS = 600_000;
    /** Default bound on pre-copy passes before a forced stop-and-copy (backends that support it). */
    public static final int DEFAULT_MAX_PASSES = 30;

    private long bandwidthLimitBitsPerSecond;
    private long downtimeLimitMs = DEFAULT_DOWNTIME_LIMIT_MS;
    private long timeoutMs = DEFAULT_TIMEOUT_MS;
    private int maxPasses = DEFAULT_MAX_PASSES;
    private boolean concluded;

    /**
     * Limit the migration stream, in bits per second.
     *
     * @param bitsPerSecond the limit, or 0 for none (the backend's own default applies).
     * @return this.
     */
    public MigrationParameters bandwidthLimitBitsPerSecond(final long bitsPerSecond)
    {
        checkNotConcluded();
        bandwidthLimitBitsPerSecond = bitsPerSecond;
        return this;
    }

    /**
     * The stream limit.
     *
     * @return bits per second, 0 for none.
     */
    public long bandwidthLimitBitsPerSecond()
    {
        return bandwidthLimitBitsPerSecond;
    }

    /**
     * Largest pause the pre-copy may plan for its final stop-and-copy.
     *
     * @param millis the limit in milliseconds, greater than 0.
     * @return this.
     */
    public MigrationParameters downtimeLimitMs(final long millis)
    {
        checkNotConcluded();
        downtimeLimitMs = millis;
        return this;
    }

    /**
     * The downtime limit.
     *
     * @return milliseconds.
     */
    public long downtimeLimitMs()
    {
        return downtimeLimitMs;
    }

    /**
     * Bound on the whole migration; past it the backend cancels and reports a failure.
     *
     * @param millis the bound in milliseconds, greater than 0.
     * @return this.
     */
    public MigrationParameters timeoutMs(final long millis)
    {
        checkNotConcluded();
        timeoutMs = millis;
        return this;
    }

    /**
     * The timeout.
     *
     * @return milliseconds.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * Pre-copy passes after which a backend that supports it forces the stop-and-copy.
     *
     * @param passes at least 1.
     * @return this.
     */
    public MigrationParameters maxPasses(final int passes)
    {
        checkNotConcluded();
        maxPasses = passes;
        return this;
    }

    /**
     * The pass bound.
     *
     * @return passes.
     */
    public int maxPasses()
    {
        return maxPasses;
    }

    /**
     * Validate once; setters fail afterwards.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value.
     */
    public MigrationParameters conclude()
    {
        if (bandwidthLimitBitsPerSecond < 0)
        {
            throw new IllegalArgumentException("bandwidthLimitBitsPerSecond < 0: " + bandwidthLimitBitsPerSecond);
        }
        if (downtimeLimitMs <= 0)
        {
            throw new IllegalArgumentException("downtimeLimitMs must be > 0: " + downtimeLimitMs);
        }
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
        if (maxPasses < 1)
        {
            throw new IllegalArgumentException("maxPasses must be >= 1: " + maxPasses);
        }
        concluded = true;
        return this;
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("MigrationParameters already concluded");
        }
    }

    @Override
    public String toString()
    {
        return "MigrationParameters{bandwidthLimitBitsPerSecond=" + bandwidthLimitBitsPerSecond +
            ", downtimeLimitMs=" + downtimeLimitMs + ", timeoutMs=" + timeoutMs + ", maxPasses=" + maxPasses + "}";
    }
}
