/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.fmc.controller.TimelineEvent;
import io.fmc4j.samples.report.CsvWriter;
import io.fmc4j.samples.report.SvgLineChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Fig. 5 run measured, its phases and checks, and its files: {@code fig5.csv} (one row per ping),
 * {@code fig5.svg} (RTT over time, one colour per DC, markers at the move and the migration) and
 * {@code fig5-summary.txt} (the paper's values beside ours). Times are seconds from the user's first ping.
 *
 * @param settings       one line describing the run.
 * @param series         the pings.
 * @param moveS          when the user moved.
 * @param controller     controller timeline entries ({@link TimelineEvent} type to time), first of each type.
 * @param pausedS        when the source QEMU reported {@code STOP} ({@code NaN} if never).
 * @param resumedS       when the destination QEMU reported {@code RESUME}.
 * @param endedS         when the controller reported the migration's end.
 * @param stoppedS       when the pings stopped.
 * @param succeeded      whether the migration succeeded.
 * @param failure        why not, or null.
 * @param qemuTotalMs    QEMU's total-time, -1 if unknown.
 * @param qemuDowntimeMs QEMU's downtime, -1 if unknown.
 * @param mappedTo       where the Map-Server maps the VM's EID at the end ({@code dc1}, {@code dc2}, ...).
 * @param vmState        where and how the guest runs at the end.
 * @param events         the run's timeline, readable.
 */
public record Fig5Result(String settings, Fig5Series series, double moveS, Map<Integer, Double> controller,
    double pausedS, double resumedS, double endedS, double stoppedS, boolean succeeded, String failure,
    long qemuTotalMs, long qemuDowntimeMs, String mappedTo, String vmState, List<String> events)
{
    /** Paper's RTT before the move (user at subnet 1, served by DC1), ms. */
    public static final double PAPER_RTT_BEFORE_MS = 12;
    /** Paper's RTT after the move, still served by DC1, ms. */
    public static final double PAPER_RTT_AFTER_MOVE_MS = 250;
    /** Paper's RTT once served by DC2, ms. */
    public static final double PAPER_RTT_DC2_MS = 3;

    /**
     * Pings sent before the move.
     *
     * @return the phase.
     */
    public Fig5Series.Phase beforeMove()
    {
        return series.phase(Double.NEGATIVE_INFINITY, moveS);
    }

    /**
     * Pings sent after the move until the source paused (served by DC1 from subnet 2).
     *
     * @return the phase.
     */
    public Fig5Series.Phase afterMoveDc1()
    {
        return series.phase(moveS, Double.isNaN(pausedS) ? endedS : pausedS);
    }

    /**
     * Pings sent from the destination's resume on (served by DC2).
     *
     * @return the phase.
     */
    public Fig5Series.Phase servedByDc2()
    {
        return series.phase(Double.isNaN(resumedS) ? endedS : resumedS, Double.NaN);
    }

    /**
     * The user's outage at the switchover: the longest run of lost pings after the service first answered
     * following the move.
     *
     * @return the outage.
     */
    public Fig5Series.Outage switchoverOutage()
    {
        return series.longestOutageAfter(moveS);
    }

    /**
     * From the move to the first answered ping sent after it (the user's xTR resolves the service, the DC xTR
     * learns the user's new locator).
     *
     * @return seconds, {@code NaN} when never answered.
     */
    public double reattachS()
    {
        return series.firstAnsweredAfter(moveS, Fig5Series.LOST) - moveS;
    }

    /**
     * Time of a controller timeline entry.
     *
     * @param type a {@link TimelineEvent} value.
     * @return seconds, or {@code NaN}.
     */
    public double at(final int type)
    {
        final Double t = controller.get(type);
        return t == null ? Double.NaN : t;
    }

    /**
     * What the run must show: pings answered before and after the move and after the migration, RTTs in the
     * paper's order, the last pings answered by DC2, the Map-Server mapping the VM to DC2 where it runs.
     *
     * @return failed checks, empty when all pass.
     */
    public List<String> failedChecks()
    {
        final List<String> failed = new ArrayList<>();
        final Fig5Series.Phase before = beforeMove();
        final Fig5Series.Phase after = afterMoveDc1();
        final Fig5Series.Phase dc2 = servedByDc2();
        if (!succeeded)
        {
            failed.add("the migration failed: " + failure);
        }
        if (before.answered() == 0)
        {
            failed.add("no ping answered before the move");
        }
        if (after.answered() == 0)
        {
            failed.add("no ping answered by DC1 after the move");
        }
        if (dc2.byDc2() == 0)
        {
            failed.add("no ping answered by DC2 after the migration");
        }
        if (!(before.medianMs() < after.medianMs()))
        {
            failed.add("RTT before the move is not below the RTT after it");
        }
        if (!(dc2.medianMs() < after.medianMs()))
        {
            failed.add("RTT served by DC2 is not below the RTT after the move served by DC1");
        }
        if (!"dc2".equals(mappedTo))
        {
            failed.add("the Map-Server maps the VM's EID to " + mappedTo + ", not dc2");
        }
        final int[] served = series.servedBy();
        if (served.length == 0 || served[served.length - 1] != 1)
        {
            failed.add("the last ping was not answered by DC2");
        }
        return failed;
    }

    /**
     * Writes the three files.
     *
     * @param directory created if needed.
     * @return the summary text.
     * @throws IOException when a file cannot be written.
     */
    public String write(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final double[] t = series.times();
        final double[] rtt = series.rtts();
        final int[] served = series.servedBy();
        try (CsvWriter csv = new CsvWriter(directory.resolve("fig5.csv"), "t_s", "seq", "rtt_ms", "served_by"))
        {
            for (int i = 0; i < t.length; i++)
            {
                csv.row(String.format(Locale.ROOT, "%.3f", t[i]), i + 1,
                    Double.isNaN(rtt[i]) ? "lost" : String.format(Locale.ROOT, "%.3f", rtt[i]),
                    served[i] == Fig5Series.LOST ? "lost" : "dc" + (served[i] + 1));
            }
        }
        final double[] dc1 = new double[t.length];
        final double[] dc2 = new double[t.length];
        for (int i = 0; i < t.length; i++)
        {
            dc1[i] = served[i] == 0 ? rtt[i] : Double.NaN;
            dc2[i] = served[i] == 1 ? rtt[i] : Double.NaN;
        }
        final SvgLineChart chart = new SvgLineChart("RTT between the mobile user and its service (fmc4j testbed " +
            "fig5: namespaces, TUN xTRs, QEMU)", "time (s)", "RTT (ms)")
            .logY()
            .line("served by DC1", t, dc1)
            .line("served by DC2", t, dc2)
            .marker(moveS, "user moves");
        if (!Double.isNaN(at(TimelineEvent.STARTED)))
        {
            chart.marker(at(TimelineEvent.STARTED), "migration starts");
        }
        if (!Double.isNaN(at(TimelineEvent.COMPLETED)))
        {
            chart.marker(at(TimelineEvent.COMPLETED), "migration ends");
        }
        chart.write(directory.resolve("fig5.svg"));
        final String summary = summary();
        Files.writeString(directory.resolve("fig5-summary.txt"), summary, StandardCharsets.UTF_8);
        return summary;
    }

    /**
     * The summary: the run's timeline, a table with the paper's values beside ours, the checks.
     *
     * @return the text.
     */
    public String summary()
    {
        final StringBuilder sb = new StringBuilder();
        final String nl = System.lineSeparator();
        sb.append("Fig. 5: RTT between the mobile user and its service across a migration").append(nl);
        sb.append("settings: ").append(settings).append(nl).append(nl);
        sb.append("timeline (s from the first ping):").append(nl);
        for (final String event : events)
        {
            sb.append("  ").append(event).append(nl);
        }
        sb.append(nl);
        final Fig5Series.Phase before = beforeMove();
        final Fig5Series.Phase after = afterMoveDc1();
        final Fig5Series.Phase dc2 = servedByDc2();
        final Fig5Series.Outage outage = switchoverOutage();
        final double started = at(TimelineEvent.STARTED);
        final double completed = at(TimelineEvent.COMPLETED);
        final double firstDc2 = series.firstAnsweredAfter(moveS, 1);
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "", "paper (Fig. 5)", "fmc4j testbed"));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "RTT before the move, served by DC1",
            "about 12 ms", phase(before)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "RTT after the move, still served by DC1",
            "about 250 ms", phase(after)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "RTT served by DC2", "about 3 ms",
            phase(dc2)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "user moves", "t = 55 s",
            seconds(moveS)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "move -> migration starts", "3 s (t = 58 s)",
            delta(started - moveS)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "migration duration (start -> completed)",
            "26 s (1 GiB VM, KVM)", delta(completed - started) + (qemuTotalMs >= 0 ?
            String.format(Locale.ROOT, " (QEMU total-time %.2f s)", qemuTotalMs / 1000.0) : "")));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "VM downtime", "about 7.5 ms",
            (qemuDowntimeMs >= 0 ? "QEMU " + qemuDowntimeMs + " ms, " : "") +
            (Double.isNaN(pausedS) || Double.isNaN(resumedS) ? "STOP -> RESUME not seen" :
            String.format(Locale.ROOT, "STOP -> RESUME %.1f ms", (resumedS - pausedS) * 1000))));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "user-seen outage at the switchover",
            "not visible at 1 s scale", outage.lost() == 0 ? "no ping lost (< 100 ms)" :
            String.format(Locale.ROOT, "%d pings lost: %.0f ms between answered pings", outage.lost(),
            outage.gapMs())));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "move -> first answered ping",
            "not given", delta(reattachS())));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "first ping answered by DC2",
            "t = 87 s (3 s after the end)", Double.isNaN(firstDc2) ? "none" :
            seconds(firstDc2) + String.format(Locale.ROOT, " (%+.2f s from the end)", firstDc2 - completed)));
        sb.append(String.format(Locale.ROOT, "| %-52s | %-30s | %s%n", "VM's EID mapped to (Map-Server, at the end)",
            "DC2", mappedTo + "; guest: " + vmState));
        sb.append(nl);
        final List<String> failed = failedChecks();
        sb.append(failed.isEmpty() ? "checks: all passed" : "checks FAILED: " + String.join("; ", failed)).append(nl);
        return sb.toString();
    }

    private static String phase(final Fig5Series.Phase phase)
    {
        if (phase.answered() == 0)
        {
            return String.format(Locale.ROOT, "no answer (%d pings)", phase.sent());
        }
        return String.format(Locale.ROOT, "median %.1f ms (min %.1f, max %.1f; %d/%d answered, DC1 %d, DC2 %d)",
            phase.medianMs(), phase.minMs(), phase.maxMs(), phase.answered(), phase.sent(), phase.byDc1(),
            phase.byDc2());
    }

    private static String seconds(final double t)
    {
        return Double.isNaN(t) ? "not seen" : String.format(Locale.ROOT, "t = %.2f s", t);
    }

    private static String delta(final double s)
    {
        return Double.isNaN(s) ? "not seen" : String.format(Locale.ROOT, "%.2f s", s);
    }
}
