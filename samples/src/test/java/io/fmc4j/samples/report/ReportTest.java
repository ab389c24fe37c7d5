/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest
{
    @Test
    void shouldDrawAWellFormedChartWithGapsMarkersAndLegend() throws Exception
    {
        final double[] t = {0, 1, 2, 3, 4, 5};
        final double[] rtt = {12, 12.5, Double.NaN, 250, 3.1, 3};
        final String svg = new SvgLineChart("RTT <user, service>", "time (s)", "RTT (ms)").logY()
            .line("ping", t, rtt).marker(2.5, "user moves").marker(4, "VM migrated").toSvg();
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength(), "a lost ping splits the line");
        assertTrue(svg.contains("user moves") && svg.contains("RTT &lt;user, service&gt;"));
    }

    @Test
    void shouldPickNiceTicks()
    {
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, SvgLineChart.ticks(0, 93));
        assertArrayEquals(new double[] {1, 10, 100, 1000}, SvgLineChart.logTicks(3, 250));
        assertThrows(IllegalArgumentException.class,
            () -> new SvgLineChart("a", "b", "c").line("x", new double[1], new double[2]));
    }

    @Test
    void shouldWriteCsvWithQuotingAndLocaleFreeNumbers(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("x.csv");
        try (CsvWriter csv = new CsvWriter(file, "t", "rtt_ms", "note"))
        {
            csv.row(0.5, 12.25, "ok");
            csv.row(100000.0, Double.NaN, "lost, \"timeout\"");
        }
        assertEquals(List.of("t,rtt_ms,note", "0.5,12.25,ok", "100000,,\"lost, \"\"timeout\"\"\""),
            Files.readAllLines(file));
    }
}
