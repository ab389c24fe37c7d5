/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.fmc.controller.TimelineEvent;
import io.fmc4j.samples.cli.Fmc4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end at 20 times the paper's pace: real Map-Server, xTR control agents and data paths on
 * loopback UDP with emulated path delays, the controller, the simulated hypervisor; traffic is the user's pings
 * through the data path. Each run checks itself ({@link DemoResult#checks()}); these tests also pin what each
 * scenario must show.
 */
class FmcDemoTest
{
    private static final double SPEED = 20;

    private static DemoResult run(final int fault) throws Exception
    {
        final StringWriter progress = new StringWriter();
        final DemoResult result = new FmcDemo(new DemoSettings().speed(SPEED).fault(fault), new PrintWriter(progress))
            .run();
        assertTrue(result.passed(), () -> progress + result.report());
        return result;
    }

    @Test
    void shouldMigrateTheVmAfterTheUserAndReachItAtTheNewDataCentreThroughTheDataPath(@TempDir final Path dir)
        throws Exception
    {
        final DemoResult result = run(DemoSettings.FAULT_NONE);
        final MigrationStatistics stats = result.statistics();
        assertTrue(result.timeline().succeeded());
        assertEquals("dc2", result.timeline().destinationDc());
        assertTrue(stats.downtimeMs() > 0 && stats.passes() >= 2, stats.toString());
        assertTrue(result.timeline().timeOf(TimelineEvent.MAPPING_PROMOTED) > 0);
        // Served by DC1 near, then far, then by DC2: the paper's three levels (12, 250, 3 ms) plus scheduling.
        assertTrue(result.median(0, 1, 0) < 40, "before " + result.median(0, 1, 0));
        assertTrue(result.median(0, Double.MAX_VALUE, 1) < 30);
        // The outage is bounded by what the user's requests in flight to DC1 and the switchover cost.
        assertTrue(result.outageMs() > 0 && result.outageMs() <= result.outageBoundMs(), result.report());

        final List<Path> files = result.write(dir);
        assertEquals(3, files.size());
        final List<String> csv = Files.readAllLines(dir.resolve("rtt.csv"));
        assertEquals("t_s,rtt_ms,served_by", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.endsWith(",dc1")) && csv.stream().anyMatch(l -> l.endsWith(",dc2")));
        assertTrue(Files.readString(dir.resolve("rtt.svg")).contains("served by DC2"));
        assertTrue(Files.readString(dir.resolve("report.txt")).contains("demo passed"));
    }

    @Test
    void shouldKeepTheVmAndItsMappingAtTheSourceWhenTheHypervisorFails() throws Exception
    {
        final DemoResult result = run(DemoSettings.FAULT_HYPERVISOR);
        assertFalse(result.timeline().succeeded());
        assertTrue(result.timeline().has(TimelineEvent.MAPPING_ROLLED_BACK), result.timeline().toString());
        assertTrue(result.checks().stream().anyMatch(c -> c.startsWith("ok") && c.contains("user's xTR maps")));
    }

    @Test
    void shouldConvergeWhenTheMapServerIsUnreachableAtTheSwitchover() throws Exception
    {
        final DemoResult result = run(DemoSettings.FAULT_MS_OUTAGE);
        assertTrue(result.timeline().succeeded());
        assertTrue(result.outageMs() > DemoSettings.MS_OUTAGE_MS / 2.0, "the outage shows: " + result.outageMs());
    }

    @Test
    void shouldConvergeWhenTheMapNotifyToTheUsersXtrIsLost() throws Exception
    {
        final DemoResult result = run(DemoSettings.FAULT_LOST_NOTIFY);
        assertTrue(result.timeline().succeeded());
        assertTrue(result.checks().stream().anyMatch(c -> c.startsWith("ok") && c.contains("dropped 1 packets")),
            result.checks().toString());
    }

    @Test
    void shouldRefuseBadSettingsOnTheCommandLine()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Fmc4j()).setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("demo", "--speed", "0.5"));
        assertTrue(err.toString().contains("speed must be in 1..50"), err.toString());
        assertEquals(2, cli.execute("demo", "--fault", "gremlins"));
        assertTrue(err.toString().contains("unknown fault 'gremlins' (expected one of none, hypervisor"),
            err.toString());
        assertThrows(IllegalArgumentException.class, () -> new DemoSettings().progressIntervalSeconds(0).conclude());
    }
}
