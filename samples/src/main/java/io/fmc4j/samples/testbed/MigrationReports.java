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
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Aggregates migration runs per RTT and writes Fig. 7 and Table 1: the raw runs as CSV, the per-RTT means and
 * spreads as CSV, an SVG plot and a summary text that puts the paper's figures beside ours.
 */
public final class MigrationReports
{
    /**
     * The runs of one RTT and their spreads.
     *
     * @param rttMs      the RTT.
     * @param runs       all runs at that RTT.
     * @param failed     runs that did not complete.
     * @param totalS     QEMU's total time (source side), s.
     * @param resumedS   request to destination resume (the migration duration as the paper defines it), s.
     * @param downtimeMs QEMU downtime, ms.
     * @param pauseToResumeMs source pause to destination resume across the link, ms.
     * @param passes     passes.
     * @param meanMbps   mean bandwidth per run, Mbit/s.
     * @param minMbps    minimum bandwidth per run, Mbit/s.
     * @param maxMbps    maximum bandwidth per run, Mbit/s.
     */
    public record Point(double rttMs, List<MigrationRunResult> runs, int failed, Spread totalS, Spread resumedS,
        Spread downtimeMs, Spread pauseToResumeMs, Spread passes, Spread meanMbps, Spread minMbps, Spread maxMbps)
    {
    }

    private MigrationReports()
    {
    }

    /**
     * Groups runs by RTT, ascending, with the spread of each figure over the completed runs.
     *
     * @param runs all runs.
     * @return one point per RTT.
     */
    public static List<Point> aggregate(final List<MigrationRunResult> runs)
    {
        final TreeMap<Double, List<MigrationRunResult>> byRtt = new TreeMap<>();
        for (final MigrationRunResult run : runs)
        {
            byRtt.computeIfAbsent(run.rttMs(), (k) -> new ArrayList<>()).add(run);
        }
        final List<Point> points = new ArrayList<>();
        for (final List<MigrationRunResult> group : byRtt.values())
        {
            int failed = 0;
            for (final MigrationRunResult run : group)
            {
                failed += run.completed() ? 0 : 1;
            }
            points.add(new Point(group.get(0).rttMs(), List.copyOf(group), failed,
                spread(group, (r) -> r.totalMs() / 1000.0), spread(group, (r) -> r.resumedMs() / 1000.0),
                spread(group, MigrationRunResult::downtimeMs), spread(group, MigrationRunResult::pauseToResumeMs),
                spread(group, MigrationRunResult::passes), spread(group, MigrationRunResult::bandwidthMeanMbps),
                spread(group, MigrationRunResult::bandwidthMinMbps),
                spread(group, MigrationRunResult::bandwidthMaxMbps)));
        }
        return points;
    }

    private static Spread spread(final List<MigrationRunResult> runs, final ToDoubleFunction<MigrationRunResult> f)
    {
        final double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = runs.get(i).completed() ? f.applyAsDouble(runs.get(i)) : Double.NaN;
        }
        return Spread.of(values);
    }

    /**
     * Writes {@code PREFIX-runs.csv}, the raw runs.
     *
     * @param runs   the runs.
     * @param file   where.
     * @throws IOException when it cannot be written.
     */
    public static void writeRuns(final List<MigrationRunResult> runs, final Path file) throws IOException
    {
        try (CsvWriter csv = new CsvWriter(file, MigrationRunResult.CSV_HEADER))
        {
            for (final MigrationRunResult run : runs)
            {
                csv.row(run.csvRow());
            }
        }
    }

    /**
     * Writes Fig. 7: {@code fig7-runs.csv}, {@code fig7.csv} (per RTT), {@code fig7.svg} and
     * {@code fig7-summary.txt}.
     *
     * @param runs     all runs.
     * @param out      output directory (created when missing).
     * @param settings one line describing the guest and the link, for the summary.
     * @return the summary text.
     * @throws IOException when a file cannot be written.
     */
    public static String fig7(final List<MigrationRunResult> runs, final Path out, final String settings)
        throws IOException
    {
        Files.createDirectories(out);
        writeRuns(runs, out.resolve("fig7-runs.csv"));
        final List<Point> points = aggregate(runs);
        try (CsvWriter csv = new CsvWriter(out.resolve("fig7.csv"), "rtt_ms", "runs", "failed", "duration_mean_s",
            "duration_stddev_s", "duration_min_s", "duration_max_s", "qemu_total_mean_s", "qemu_downtime_mean_ms",
            "pause_to_resume_mean_ms", "passes_mean", "bw_mean_mbps"))
        {
            for (final Point p : points)
            {
                csv.row(p.rttMs(), p.runs().size(), p.failed(), p.resumedS().mean(), p.resumedS().stddev(),
                    p.resumedS().min(), p.resumedS().max(), p.totalS().mean(), p.downtimeMs().mean(),
                    p.pauseToResumeMs().mean(), p.passes().mean(), p.meanMbps().mean());
            }
        }
        final double[] x = new double[points.size()];
        final double[] mean = new double[points.size()];
        final double[] min = new double[points.size()];
        final double[] max = new double[points.size()];
        final double[] qemu = new double[points.size()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = points.get(i).rttMs();
            mean[i] = points.get(i).resumedS().mean();
            min[i] = points.get(i).resumedS().min();
            max[i] = points.get(i).resumedS().max();
            qemu[i] = points.get(i).totalS().mean();
        }
        new SvgLineChart("VM migration duration vs inter-DC RTT (cf. paper Fig. 7)", "RTT between DCs (ms)",
            "migration duration (s)").linePoints("until running at DC2, mean", x, mean).line("min", x, min)
            .line("max", x, max).linePoints("QEMU total-time, mean", x, qemu)
            .write(out.resolve("fig7.svg"));

        final StringBuilder text = new StringBuilder();
        text.append("Fig. 7: VM migration duration vs RTT between the DCs\n");
        text.append("ours: ").append(settings).append('\n');
        text.append("duration = migrate request to the VM running at DC2; QEMU = its total-time and downtime " +
            "(source side); pause-resume = source STOP to destination RESUME\n");
        text.append(String.format(Locale.ROOT, "%7s %4s %6s %10s %7s %7s %7s %8s %10s %13s %6s %9s%n", "RTT ms",
            "runs", "failed", "duration s", "stddev", "min", "max", "QEMU s", "QEMU dt ms", "pause-res ms",
            "passes", "mean Mbps"));
        for (final Point p : points)
        {
            text.append(String.format(Locale.ROOT,
                "%7.1f %4d %6d %10.2f %7.2f %7.2f %7.2f %8.2f %10.1f %13.1f %6.1f %9.1f%n",
                p.rttMs(), p.runs().size(), p.failed(), p.resumedS().mean(), p.resumedS().stddev(),
                p.resumedS().min(), p.resumedS().max(), p.totalS().mean(), p.downtimeMs().mean(),
                p.pauseToResumeMs().mean(), p.passes().mean(), p.meanMbps().mean()));
        }
        if (points.size() >= 2)
        {
            final Point first = points.get(0);
            final Point last = points.get(points.size() - 1);
            text.append(String.format(Locale.ROOT, "ours: duration at %.0f ms / at %.0f ms = %.3f%n", last.rttMs(),
                first.rttMs(), last.resumedS().mean() / first.resumedS().mean()));
        }
        text.append(PaperFigures.FIG7_TEXT).append('\n');
        Files.writeString(out.resolve("fig7-summary.txt"), text, StandardCharsets.UTF_8);
        return text.toString();
    }

    /**
     * Writes Table 1: {@code table1-runs.csv}, {@code table1.csv} and {@code table1-summary.txt}. Like the paper's
     * table, each column is the average over the runs of each run's maximum, mean and minimum bandwidth; the
     * spread over the runs is given beside it.
     *
     * @param runs     all runs.
     * @param out      output directory (created when missing).
     * @param settings one line describing the guest and the link, for the summary.
     * @return the summary text.
     * @throws IOException when a file cannot be written.
     */
    public static String table1(final List<MigrationRunResult> runs, final Path out, final String settings)
        throws IOException
    {
        Files.createDirectories(out);
        writeRuns(runs, out.resolve("table1-runs.csv"));
        final List<MigrationRunResult> completed = new ArrayList<>();
        for (final MigrationRunResult run : runs)
        {
            if (run.completed())
            {
                completed.add(run);
            }
        }
        final Spread max = spread(completed, MigrationRunResult::bandwidthMaxMbps);
        final Spread mean = spread(completed, MigrationRunResult::bandwidthMeanMbps);
        final Spread min = spread(completed, MigrationRunResult::bandwidthMinMbps);
        try (CsvWriter csv = new CsvWriter(out.resolve("table1.csv"), "source", "max_mbps", "mean_mbps", "min_mbps",
            "runs"))
        {
            csv.row("paper", PaperFigures.TABLE1_MAX_MBPS, PaperFigures.TABLE1_MEAN_MBPS,
                PaperFigures.TABLE1_MIN_MBPS, "");
            csv.row("fmc4j", max.mean(), mean.mean(), min.mean(), completed.size());
        }
        final StringBuilder text = new StringBuilder();
        text.append("Table 1: bandwidth used by a VM migration (Mbit/s)\n");
        text.append("ours: ").append(settings).append('\n');
        text.append(String.format(Locale.ROOT, "%-30s %10s %10s %10s%n", "", "Maximum", "Mean", "Minimum"));
        text.append(String.format(Locale.ROOT, "%-30s %10.3f %10.3f %10.3f%n", "paper (1 GiB VM, KVM, 10 ms)",
            PaperFigures.TABLE1_MAX_MBPS, PaperFigures.TABLE1_MEAN_MBPS, PaperFigures.TABLE1_MIN_MBPS));
        text.append(String.format(Locale.ROOT, "%-30s %10.3f %10.3f %10.3f%n",
            "fmc4j (mean of " + completed.size() + " runs)", max.mean(), mean.mean(), min.mean()));
        text.append(String.format(Locale.ROOT, "%-30s %10s %10s %10s%n", "fmc4j range over runs", range(max),
            range(mean), range(min)));
        text.append(String.format(Locale.ROOT, "failed runs: %d of %d%n", runs.size() - completed.size(),
            runs.size()));
        Files.writeString(out.resolve("table1-summary.txt"), text, StandardCharsets.UTF_8);
        return text.toString();
    }

    private static String range(final Spread s)
    {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f-%.1f", s.min(), s.max());
    }
}
