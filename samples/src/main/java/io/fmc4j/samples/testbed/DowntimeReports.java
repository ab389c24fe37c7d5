/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.samples.report.CsvWriter;
import io.fmc4j.samples.report.SvgLineChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates Fig. 6 runs per case and controller-DC RTT and writes {@code fig6-runs.csv}, {@code fig6.csv},
 * {@code fig6.svg} and {@code fig6-summary.txt}.
 */
public final class DowntimeReports
{
    /**
     * The runs of one case at one controller-DC RTT.
     *
     * @param caseName  the case.
     * @param dcRttMs   the controller-DC RTT.
     * @param runs      its runs.
     * @param failed    runs that failed.
     * @param observed  prober downtime, ms.
     * @param qemu      QEMU downtime, ms.
     * @param pauseToResume source pause to destination resume, ms.
     * @param control   downtime minus pause-to-resume: the control-plane part, ms.
     * @param modelMs   what the paper's mechanism predicts on top of QEMU's downtime, ms.
     * @param probeMs   mean probe duration per run, ms.
     */
    public record Point(String caseName, double dcRttMs, List<DowntimeRunResult> runs, int failed, Spread observed,
        Spread qemu, Spread pauseToResume, Spread control, double modelMs, Spread probeMs)
    {
    }

    private DowntimeReports()
    {
    }

    /**
     * Groups runs by case (in first-seen order) and RTT (ascending).
     *
     * @param runs all runs.
     * @return the points, case by case.
     */
    public static List<Point> aggregate(final List<DowntimeRunResult> runs)
    {
        final Map<String, TreeMap<Double, List<DowntimeRunResult>>> byCase = new LinkedHashMap<>();
        for (final DowntimeRunResult run : runs)
        {
            byCase.computeIfAbsent(run.caseName(), (k) -> new TreeMap<>())
                .computeIfAbsent(run.dcRttMs(), (k) -> new ArrayList<>()).add(run);
        }
        final List<Point> points = new ArrayList<>();
        for (final TreeMap<Double, List<DowntimeRunResult>> group : byCase.values())
        {
            for (final List<DowntimeRunResult> same : group.values())
            {
                final double[] observed = new double[same.size()];
                final double[] qemu = new double[same.size()];
                final double[] probe = new double[same.size()];
                final double[] dc = new double[same.size()];
                final double[] control = new double[same.size()];
                int failed = 0;
                for (int i = 0; i < observed.length; i++)
                {
                    final DowntimeRunResult r = same.get(i);
                    failed += r.completed() ? 0 : 1;
                    observed[i] = r.completed() ? r.observedDowntimeMs() : Double.NaN;
                    qemu[i] = r.completed() ? r.qemuDowntimeMs() : Double.NaN;
                    probe[i] = r.probeMeanMs();
                    dc[i] = r.completed() ? r.pauseToResumeMs() : Double.NaN;
                    control[i] = r.completed() ? r.observedDowntimeMs() - r.pauseToResumeMs() : Double.NaN;
                }
                final DowntimeRunResult first = same.get(0);
                points.add(new Point(first.caseName(), first.dcRttMs(), List.copyOf(same), failed,
                    Spread.of(observed), Spread.of(qemu), Spread.of(dc), Spread.of(control), first.modelDowntimeMs(),
                    Spread.of(probe)));
            }
        }
        return points;
    }

    /**
     * Writes the Fig. 6 files.
     *
     * @param runs     all runs.
     * @param out      output directory (created when missing).
     * @param settings one line on the setup, for the summary.
     * @return the summary text.
     * @throws IOException when a file cannot be written.
     */
    public static String fig6(final List<DowntimeRunResult> runs, final Path out, final String settings)
        throws IOException
    {
        Files.createDirectories(out);
        try (CsvWriter csv = new CsvWriter(out.resolve("fig6-runs.csv"), DowntimeRunResult.CSV_HEADER))
        {
            for (final DowntimeRunResult run : runs)
            {
                csv.row(run.csvRow());
            }
        }
        final List<Point> points = aggregate(runs);
        try (CsvWriter csv = new CsvWriter(out.resolve("fig6.csv"), "case", "dc_rtt_ms", "runs", "failed",
            "downtime_mean_ms", "downtime_stddev_ms", "downtime_min_ms", "downtime_max_ms", "downtime_median_ms",
            "qemu_downtime_mean_ms",
            "pause_to_resume_mean_ms", "control_part_mean_ms", "model_ms", "probe_mean_ms"))
        {
            for (final Point p : points)
            {
                csv.row(p.caseName(), p.dcRttMs(), p.runs().size(), p.failed(), p.observed().mean(),
                    p.observed().stddev(), p.observed().min(), p.observed().max(), p.observed().median(),
                    p.qemu().mean(), p.pauseToResume().mean(), p.control().mean(), p.modelMs(), p.probeMs().mean());
            }
        }
        final SvgLineChart chart = new SvgLineChart("Service downtime vs controller-DC RTT (cf. paper Fig. 6)",
            "RTT between the FMC controller and the target DC (ms)", "downtime seen by the prober (ms)");
        final Map<String, List<Point>> byCase = new LinkedHashMap<>();
        for (final Point p : points)
        {
            byCase.computeIfAbsent(p.caseName(), (k) -> new ArrayList<>()).add(p);
        }
        for (final Map.Entry<String, List<Point>> entry : byCase.entrySet())
        {
            final List<Point> series = entry.getValue();
            final double[] x = new double[series.size()];
            final double[] y = new double[series.size()];
            for (int i = 0; i < x.length; i++)
            {
                x[i] = series.get(i).dcRttMs();
                y[i] = series.get(i).observed().mean();
            }
            final DowntimeRunResult first = series.get(0).runs().get(0);
            chart.linePoints(String.format(Locale.ROOT, "%s (xTR1 %.0f / xTR2 %.0f ms)", entry.getKey(),
                first.xtr1RttMs(), first.xtr2RttMs()), x, y);
        }
        chart.write(out.resolve("fig6.svg"));

        final StringBuilder text = new StringBuilder();
        text.append("Fig. 6: service downtime vs RTT between the FMC controller and the target DC\n");
        text.append("ours: ").append(settings).append('\n');
        text.append("downtime = what the prober saw (mean, sample stddev, min, max, median); DC part = source " +
            "pause to destination resume (QEMU events);\ncontrol = downtime - DC part; model = controller-DC RTT / 2 " +
            "+ controller-xTR2 RTT (the paper's explanation of the control part);\nprobe = mean time of one probe " +
            "(the resolution); all in ms\n");
        text.append(String.format(Locale.ROOT, "%-7s %9s %6s %4s %6s %9s %7s %7s %7s %7s %8s %8s %8s %6s%n",
            "case", "xTR1/2 ms", "DC RTT", "runs", "failed", "downtime", "stddev", "min", "max", "median", "DC part",
            "control", "model", "probe"));
        for (final Point p : points)
        {
            final DowntimeRunResult first = p.runs().get(0);
            text.append(String.format(Locale.ROOT,
                "%-7s %9s %6.0f %4d %6d %9.1f %7.1f %7.1f %7.1f %7.1f %8.1f %8.1f %8.1f %6.1f%n",
                p.caseName(), String.format(Locale.ROOT, "%.0f/%.0f", first.xtr1RttMs(), first.xtr2RttMs()),
                p.dcRttMs(), p.runs().size(), p.failed(), p.observed().mean(), p.observed().stddev(),
                p.observed().min(), p.observed().max(), p.observed().median(), p.pauseToResume().mean(),
                p.control().mean(), p.modelMs(), p.probeMs().mean()));
        }
        text.append(PaperFigures.FIG6_TEXT).append('\n');
        Files.writeString(out.resolve("fig6-summary.txt"), text, StandardCharsets.UTF_8);
        return text.toString();
    }
}
