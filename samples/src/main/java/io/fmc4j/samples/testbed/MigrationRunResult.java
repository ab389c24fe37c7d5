/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;

/**
 * One QEMU live migration of a testbed experiment: the emulated inter-DC RTT and what the {@code qmp} backend
 * reported (QEMU's own {@code query-migrate} figures and the bandwidth sampled over 1 s windows).
 *
 * @param rttMs        emulated round-trip time between the data centres.
 * @param run          run number at that RTT, from 1.
 * @param completed    whether the migration completed; figures of a failed run are {@code NaN}.
 * @param reason       why it failed, or null.
 * @param totalMs      migration duration (QEMU {@code total-time}).
 * @param downtimeMs   QEMU's downtime (source paused to destination running, as QEMU measures it).
 * @param setupMs      QEMU's setup time.
 * @param bytes        bytes of the migration stream.
 * @param passes       pre-copy passes counting the stop-and-copy.
 * @param bandwidthMinMbps  lowest 1 s throughput, Mbit/s.
 * @param bandwidthMeanMbps mean throughput over the sampled windows, Mbit/s.
 * @param bandwidthMaxMbps  highest 1 s throughput, Mbit/s.
 * @param relayBytes   bytes the relay carried from source to destination.
 * @param resumedMs    from the {@code migrate} request to the destination's {@code RESUME} event: the migration
 *                     duration as the paper defines it (until the VM runs at DC2), including the link's delay.
 * @param pauseToResumeMs from the source's {@code STOP} to the destination's {@code RESUME}, both as this host saw
 *                     the events: the downtime across the emulated link.
 */
public record MigrationRunResult(
    double rttMs,
    int run,
    boolean completed,
    String reason,
    double totalMs,
    double downtimeMs,
    double setupMs,
    double bytes,
    double passes,
    double bandwidthMinMbps,
    double bandwidthMeanMbps,
    double bandwidthMaxMbps,
    long relayBytes,
    double resumedMs,
    double pauseToResumeMs)
{
    /** CSV header matching {@link #csvRow()}. */
    public static final String[] CSV_HEADER = {"rtt_ms", "run", "completed", "total_ms", "downtime_ms", "setup_ms",
        "bytes", "passes", "bw_min_mbps", "bw_mean_mbps", "bw_max_mbps", "relay_bytes", "resumed_ms",
        "pause_to_resume_ms", "reason"};

    /**
     * A run from the SPI's result.
     *
     * @param rttMs      emulated RTT.
     * @param run        run number.
     * @param result     the migration's result.
     * @param relayBytes bytes through the relay.
     * @param resumedMs  request to destination resume, ms ({@code NaN} when not seen).
     * @param pauseToResumeMs source pause to destination resume, ms ({@code NaN} when not seen).
     * @return the run.
     */
    public static MigrationRunResult of(
        final double rttMs, final int run, final MigrationResult result, final long relayBytes,
        final double resumedMs, final double pauseToResumeMs)
    {
        if (!result.isCompleted())
        {
            return failed(rttMs, run, result.reason() == null ? "migration did not complete" : result.reason(),
                relayBytes);
        }
        final MigrationStatistics s = result.statistics();
        return new MigrationRunResult(rttMs, run, true, null, s.totalTimeMs(), s.downtimeMs(), s.setupTimeMs(),
            s.bytesTransferred(), s.passes(), s.bandwidthMinBitsPerSecond() / 1e6,
            s.bandwidthMeanBitsPerSecond() / 1e6, s.bandwidthMaxBitsPerSecond() / 1e6, relayBytes, resumedMs,
            pauseToResumeMs);
    }

    /**
     * A run that failed before or during the migration.
     *
     * @param rttMs      emulated RTT.
     * @param run        run number.
     * @param reason     why.
     * @param relayBytes bytes through the relay.
     * @return the run.
     */
    public static MigrationRunResult failed(final double rttMs, final int run, final String reason,
        final long relayBytes)
    {
        final double nan = Double.NaN;
        return new MigrationRunResult(rttMs, run, false, reason, nan, nan, nan, nan, nan, nan, nan, nan, relayBytes,
            nan, nan);
    }

    /**
     * The CSV cells, in {@link #CSV_HEADER} order.
     *
     * @return the cells.
     */
    public Object[] csvRow()
    {
        return new Object[] {rttMs, run, completed, totalMs, downtimeMs, setupMs, bytes, passes, bandwidthMinMbps,
            bandwidthMeanMbps, bandwidthMaxMbps, relayBytes, resumedMs, pauseToResumeMs, reason};
    }
}
