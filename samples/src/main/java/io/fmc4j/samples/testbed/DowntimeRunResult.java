/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

/**
 * One controller-driven migration of Fig. 6: the control-plane RTTs and the downtime the prober saw.
 *
 * @param caseName           "case 1" or "case 2" (the paper's controller-xTR RTT pairs).
 * @param xtr1RttMs          RTT controller to the source DC's xTR.
 * @param xtr2RttMs          RTT controller to the destination DC's xTR.
 * @param dcRttMs            RTT controller to the destination DC (its hypervisor's reports), the x axis.
 * @param run                run number at that point, from 1.
 * @param completed          whether the migration completed and the prober saw the service again.
 * @param reason             why not, or null.
 * @param observedDowntimeMs longest outage the prober saw.
 * @param qemuDowntimeMs     QEMU's own downtime (measured at the source: pause to last byte written).
 * @param pauseToResumeMs    source STOP to destination RESUME, from the QEMU events' timestamps: the data-centre
 *                           part of the outage (stop-and-copy, the link, loading and resuming at DC2).
 * @param completedToPromotedMs from the controller learning of completion to the promoted mapping landing.
 * @param probeMeanMs        mean duration of one probe (the downtime's resolution is about one probe plus the
 *                           1 ms interval).
 * @param probeMaxMs         longest probe.
 */
public record DowntimeRunResult(
    String caseName,
    double xtr1RttMs,
    double xtr2RttMs,
    double dcRttMs,
    int run,
    boolean completed,
    String reason,
    double observedDowntimeMs,
    double qemuDowntimeMs,
    double pauseToResumeMs,
    double completedToPromotedMs,
    double probeMeanMs,
    double probeMaxMs)
{
    /** CSV header matching {@link #csvRow()}. */
    public static final String[] CSV_HEADER = {"case", "xtr1_rtt_ms", "xtr2_rtt_ms", "dc_rtt_ms", "run",
        "completed", "observed_downtime_ms", "qemu_downtime_ms", "pause_to_resume_ms", "completed_to_promoted_ms",
        "probe_mean_ms", "probe_max_ms", "reason"};

    /**
     * The CSV cells, in {@link #CSV_HEADER} order.
     *
     * @return the cells.
     */
    public Object[] csvRow()
    {
        return new Object[] {caseName, xtr1RttMs, xtr2RttMs, dcRttMs, run, completed, observedDowntimeMs,
            qemuDowntimeMs, pauseToResumeMs, completedToPromotedMs, probeMeanMs, probeMaxMs, reason};
    }

    /**
     * The control-plane part the paper's mechanism predicts for this point when the controller promotes at
     * completion: the destination DC's report travels one way (RTT / 2), then the controller tells xTR2, which
     * registers (controller-xTR2 RTT). The outage is this plus the data-centre part ({@link #pauseToResumeMs()}).
     *
     * @return the expected control-plane delay, ms.
     */
    public double modelDowntimeMs()
    {
        return dcRttMs / 2 + xtr2RttMs;
    }
}
