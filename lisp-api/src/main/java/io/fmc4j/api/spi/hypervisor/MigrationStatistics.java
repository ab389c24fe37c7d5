/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Figures of a finished migration (the rows of the FMC paper's Table 1). Times are in milliseconds; -1 means the
 * backend could not measure the value.
 *
 * @param totalTimeMs              from the start request to completion (or failure).
 * @param downtimeMs               from source paused to destination resumed; 0 when the VM never paused.
 * @param setupTimeMs              from the start request to the first byte of guest memory on the wire.
 * @param bytesTransferred         bytes of the migration stream sent.
 * @param passes                   pre-copy passes, counting the final stop-and-copy.
 * @param bandwidthMinBitsPerSecond lowest throughput over the sampling intervals of the run.
 * @param bandwidthMeanBitsPerSecond bytes over time for the transfer (setup excluded), in bits per second; backends
 *                                  that sample compute it over the sampled intervals, so it lies between min and max.
 * @param bandwidthMaxBitsPerSecond highest throughput over the sampling intervals of the run.
 */
public record MigrationStatistics(
    long totalTimeMs,
    long downtimeMs,
    long setupTimeMs,
    long bytesTransferred,
    int passes,
    double bandwidthMinBitsPerSecond,
    double bandwidthMeanBitsPerSecond,
    double bandwidthMaxBitsPerSecond)
{
    /** Statistics of a migration that never moved a byte. */
    public static final MigrationStatistics NONE = new MigrationStatistics(-1, 0, -1, 0, 0, 0, 0, 0);

    @Override
    public String toString()
    {
        return "total=" + totalTimeMs + "ms downtime=" + downtimeMs + "ms setup=" + setupTimeMs + "ms bytes=" +
            bytesTransferred + " passes=" + passes + " bandwidth(min/mean/max)=" +
            Math.round(bandwidthMinBitsPerSecond / 1e6) + "/" + Math.round(bandwidthMeanBitsPerSecond / 1e6) + "/" +
            Math.round(bandwidthMaxBitsPerSecond / 1e6) + " Mbit/s";
    }
}
