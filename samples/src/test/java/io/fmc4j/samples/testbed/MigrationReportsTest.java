/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationReportsTest
{
    private static MigrationRunResult run(final double rtt, final int n, final double resumedMs, final double min,
        final double mean, final double max)
    {
        return new MigrationRunResult(rtt, n, true, null, resumedMs - 10, 5, 2, 60e6, 5, min, mean, max, 60_000_000L,
            resumedMs, 7 + rtt / 2);
    }

    @Test
    void shouldComputeMeanSampleDeviationAndRangeSkippingMissingValues()
    {
        final Spread s = Spread.of(2, 4, 4, 4, 5, 5, 7, 9, Double.NaN);
        assertEquals(8, s.count());
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), s.stddev(), 1e-12);
        assertEquals(2, s.min());
        assertEquals(9, s.max());
        assertEquals(4.5, s.median());
        assertEquals(5, Spread.of(9, 1, 5).median());
        assertEquals(0, Spread.of(3).stddev());
        assertTrue(Double.isNaN(Spread.of(Double.NaN).mean()));
        assertEquals(0, Spread.of().count());
    }

    @Test
    void shouldGroupRunsByRttInOrderAndLeaveFailedRunsOutOfTheSpreads()
    {
        final List<MigrationRunResult> runs = List.of(run(100, 1, 5200, 80, 95, 105), run(1, 1, 4700, 90, 99, 110),
            MigrationRunResult.failed(100, 2, "QEMU: Failed to connect socket", 0), run(1, 2, 4900, 70, 97, 108),
            run(100, 3, 5400, 60, 93, 104));
        final List<MigrationReports.Point> points = MigrationReports.aggregate(runs);
        assertEquals(2, points.size());
        assertEquals(1.0, points.get(0).rttMs());
        assertEquals(2, points.get(0).runs().size());
        assertEquals(4.8, points.get(0).resumedS().mean(), 1e-9);
        final MigrationReports.Point far = points.get(1);
        assertEquals(3, far.runs().size());
        assertEquals(1, far.failed());
        assertEquals(2, far.resumedS().count());
        assertEquals(5.3, far.resumedS().mean(), 1e-9);
        assertEquals(5.2, far.resumedS().min(), 1e-9);
        assertEquals(5.4, far.resumedS().max(), 1e-9);
        assertEquals(Math.sqrt(0.02), far.resumedS().stddev(), 1e-9);
    }

    @Test
    void shouldWriteFig7CsvSvgAndSummaryWithThePapersStatement(@TempDir final Path out) throws Exception
    {
        final List<MigrationRunResult> runs = List.of(run(1, 1, 4000, 90, 99, 110), run(1, 2, 6000, 70, 97, 108),
            run(50, 1, 5500, 85, 96, 104), MigrationRunResult.failed(50, 2, "timed out, \"badly\"", 123));
        final String summary = MigrationReports.fig7(runs, out, "test settings");
        final List<String> raw = Files.readAllLines(out.resolve("fig7-runs.csv"));
        assertEquals(5, raw.size());
        assertEquals(String.join(",", MigrationRunResult.CSV_HEADER), raw.get(0));
        assertTrue(raw.get(4).startsWith("50,2,false,,,"), raw.get(4));
        assertTrue(raw.get(4).endsWith(",123,,,\"timed out, \"\"badly\"\"\""), raw.get(4));
        final List<String> perRtt = Files.readAllLines(out.resolve("fig7.csv"));
        assertEquals(3, perRtt.size());
        assertTrue(perRtt.get(1).startsWith("1,2,0,5,1.4142135623730951,4,6,4.99,5,7.5,5,98"), perRtt.get(1));
        assertTrue(perRtt.get(2).startsWith("50,2,1,5.5,0,5.5,5.5,"), perRtt.get(2));
        final Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(out.resolve("fig7.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        assertEquals(4, svg.getElementsByTagName("polyline").getLength(), "mean, min, max and QEMU's total time");
        assertTrue(summary.contains("test settings"));
        assertTrue(summary.contains("practically independent"), "the paper's statement is printed: " + summary);
        assertTrue(summary.contains("duration at 50 ms / at 1 ms = 1.100"), summary);
        assertEquals(summary, Files.readString(out.resolve("fig7-summary.txt")));
    }

    @Test
    void shouldPrintTable1BesideThePapersAsMeansOverRuns(@TempDir final Path out) throws Exception
    {
        final List<MigrationRunResult> runs = List.of(run(10, 1, 4700, 80, 96, 110), run(10, 2, 4900, 70, 98, 106),
            MigrationRunResult.failed(10, 3, "refused", 0));
        final String summary = MigrationReports.table1(runs, out, "test settings");
        assertTrue(summary.contains("paper (1 GiB VM, KVM, 10 ms)       92.938     86.335     68.449"), summary);
        assertTrue(summary.contains("fmc4j (mean of 2 runs)            108.000     97.000     75.000"), summary);
        assertTrue(summary.contains("106.0-110.0"), summary);
        assertTrue(summary.contains("failed runs: 1 of 3"), summary);
        assertEquals(List.of("source,max_mbps,mean_mbps,min_mbps,runs", "paper,92.938,86.335,68.449,",
            "fmc4j,108,97,75,2"), Files.readAllLines(out.resolve("table1.csv")));
        assertEquals(4, Files.readAllLines(out.resolve("table1-runs.csv")).size());
    }
}
