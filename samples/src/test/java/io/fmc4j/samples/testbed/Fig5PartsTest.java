/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.control.xtr.XtrConfigFile;
import io.fmc4j.fmc.controller.TimelineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of {@code fmc4j testbed fig5} that run without root: the topology's names and xTR configuration files,
 * the parsing of {@code ping -D} output, the aggregation of the RTT series into phases and outages, and the
 * report's files and checks.
 */
class Fig5PartsTest
{
    private static final double EPOCH = 1_764_000_000.0;

    @Test
    void shouldNameEverythingPerRunWithinInterfaceNameLimits()
    {
        final Fig5Topology a = new Fig5Topology(4_194_303);
        final Fig5Topology b = new Fig5Topology(1234);
        final Set<String> names = new HashSet<>(a.namespaces());
        names.addAll(b.namespaces());
        assertEquals(10, names.size(), "no namespace shared between two runs");
        assertTrue(a.namespaces().contains("fmc4j-f5-94303-user"), a.namespaces().toString());
        for (int node = 0; node < Fig5Topology.NODES.length; node++)
        {
            assertTrue(a.rootVeth(node).length() <= 15, a.rootVeth(node));
            assertNotEquals(a.rootVeth(node), b.rootVeth(node));
        }
        assertTrue(a.bridge().length() <= 15, a.bridge());
        assertEquals("198.18.54.1", a.mapServerAddress());
        assertEquals("198.18.54.12", a.rloc(Fig5Topology.A2));
        assertEquals("198.18.54.22", a.rloc(Fig5Topology.DC2));
        assertThrows(IllegalArgumentException.class, () -> new Fig5Topology(-1));
    }

    @Test
    void shouldWriteXtrConfigurationsWithThePapersDelays()
    {
        final Fig5Topology topology = new Fig5Topology(77);
        assertEquals(12, Fig5Topology.rttMs(Fig5Topology.A1, Fig5Topology.DC1));
        assertEquals(250, Fig5Topology.rttMs(Fig5Topology.DC1, Fig5Topology.A2), "symmetric");
        assertEquals(3, Fig5Topology.rttMs(Fig5Topology.A2, Fig5Topology.DC2));
        assertEquals(10, Fig5Topology.rttMs(Fig5Topology.DC1, Fig5Topology.DC2));
        assertEquals(1, Fig5Topology.mapServerRttMs(Fig5Topology.DC1));
        assertEquals(10, Fig5Topology.mapServerRttMs(Fig5Topology.DC2));

        final XtrConfigFile a2 = XtrConfigFile.parse(topology.xtrConfig(Fig5Topology.A2, 40000));
        assertEquals("emulated", a2.rlocDataplane());
        assertEquals("emulated", a2.dataplane());
        assertTrue(a2.forwardDeparted());
        assertEquals(Fig5Topology.TUN, a2.tun());
        assertEquals("198.18.78.12", a2.dataRloc().getAddress().getHostAddress());
        assertEquals(4341, a2.dataRloc().getPort());
        assertEquals(40000, a2.context().mapServers().get(0).address().getPort());
        final Map<String, String> delays = a2.packetIoProperties();
        assertEquals("125", delays.get("emulated.delay.ms.198.18.78.21"), "half of 250 ms to DC1");
        assertEquals("1.5", delays.get("emulated.delay.ms.198.18.78.22"), "half of 3 ms to DC2");
        assertEquals("5", delays.get("emulated.delay.ms.198.18.78.1"), "half of 10 ms to the Map-Server");
        assertEquals("udp", delays.get("emulated.delegate"));
        assertEquals(1, a2.context().eids().size(), "a2 registers its subnet only; the user's EID on the move");

        final XtrConfigFile a1 = XtrConfigFile.parse(topology.xtrConfig(Fig5Topology.A1, 40000));
        assertEquals(2, a1.context().eids().size());
        assertEquals(EidPrefix.parse(Fig5Topology.USER_EID), a1.context().eids().get(1).prefix());
        assertEquals("6", a1.packetIoProperties().get("emulated.delay.ms.198.18.78.21"), "half of 12 ms");
        final XtrConfigFile dc1 = XtrConfigFile.parse(topology.xtrConfig(Fig5Topology.DC1, 40000));
        assertEquals("0.5", dc1.packetIoProperties().get("emulated.delay.ms.198.18.78.1"), "half of 1 ms");
        assertTrue(dc1.context().subscribe());
    }

    @Test
    void shouldParsePingOutput()
    {
        final Fig5Series.Reply reply = Fig5Series.parse(
            "[1764000001.234567] 64 bytes from 10.100.0.5: icmp_seq=12 ttl=63 time=12.3 ms");
        assertEquals(new Fig5Series.Reply(12, 1764000001.234567, 63, 12.3), reply);
        assertNull(Fig5Series.parse("[1764000001.2] 64 bytes from 10.100.0.5: icmp_seq=12 ttl=63 time=12.3 ms (DUP!)"));
        assertNull(Fig5Series.parse("PING 10.100.0.5 (10.100.0.5) 56(84) bytes of data."));
        assertNull(Fig5Series.parse("[1764000001.2] From 10.1.0.1 icmp_seq=3 Destination Host Unreachable"));
        assertNull(Fig5Series.parse("120 packets transmitted, 117 received, 2.5% packet loss, time 11901ms"));
    }

    @Test
    void shouldAggregateTheSeriesIntoPhasesAndOutages()
    {
        final Fig5Series series = new Fig5Series(EPOCH, 0.1, 12, scenario(), 59);
        assertEquals(12, series.size());
        final double[] t = series.times();
        assertEquals(0.0, t[0], 1e-6);
        assertEquals(0.4, t[4], 1e-6, "a lost ping's send time is interpolated between its neighbours");
        assertEquals(1.1, t[11], 1e-6, "a lost last ping continues the schedule");
        assertEquals(Fig5Series.LOST, series.servedBy()[4]);
        assertEquals(1, series.servedBy()[9]);
        assertEquals(0, series.servedBy()[0]);

        final Fig5Series.Phase before = series.phase(Double.NEGATIVE_INFINITY, 0.35);
        assertEquals(new Fig5Series.Phase(4, 4, 12.5, 12, 14, 4, 0), before);
        final Fig5Series.Phase after = series.phase(0.35, 0.85);
        assertEquals(5, after.sent());
        assertEquals(2, after.answered());
        assertEquals(251, after.medianMs(), 1e-9);
        final Fig5Series.Phase dc2 = series.phase(0.85, Double.NaN);
        assertEquals(new Fig5Series.Phase(3, 2, 3.5, 3, 4, 0, 2), dc2);
        assertEquals(new Fig5Series.Phase(0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0), series.phase(5, 6));

        // After the move (0.35 s) the first ping is lost before any answer: not the switchover outage.
        final Fig5Series.Outage outage = series.longestOutageAfter(0.35);
        assertEquals(2, outage.lost());
        assertEquals(0.6, outage.fromS(), 1e-6);
        assertEquals(0.9, outage.toS(), 1e-6);
        assertEquals(300, outage.gapMs(), 1e-3);
        assertEquals(0.5, series.firstAnsweredAfter(0.35, Fig5Series.LOST), 1e-6);
        assertEquals(0.9, series.firstAnsweredAfter(0, 1), 1e-6);
        assertTrue(Double.isNaN(series.firstAnsweredAfter(2, Fig5Series.LOST)));
        assertEquals(0, new Fig5Series(EPOCH, 0.1, 3, List.of(reply(1, 0, 63, 12), reply(2, 0.1, 63, 12),
            reply(3, 0.2, 63, 12)), 59).longestOutageAfter(0).lost());
    }

    @Test
    void shouldNotJudgeUnansweredPingsSentJustBeforePingStopped()
    {
        final List<Fig5Series.Reply> replies = new ArrayList<>();
        for (int seq = 1; seq <= 8; seq++)
        {
            replies.add(reply(seq, (seq - 1) * 0.1, 59, 5));
        }
        final Fig5Bench.Pinger.Output output = new Fig5Bench.Pinger.Output(replies, 10, List.of());
        assertEquals(8, Fig5Bench.judged(output, EPOCH, EPOCH + 1.0),
            "pings 9 and 10, sent within the grace before the stop, are left out");
        assertEquals(10, Fig5Bench.judged(output, EPOCH, EPOCH + 3.0), "long before the stop: lost, and judged");
        assertEquals(9, Fig5Bench.judged(output, EPOCH, EPOCH + 1.85), "ping 9 sent 1.05 s before the stop");
    }

    @Test
    void shouldReportThePhasesBesideThePapersAndCheckTheRun(@TempDir final Path dir) throws Exception
    {
        final Fig5Series series = new Fig5Series(EPOCH, 0.1, 12, scenario(), 59);
        final Map<Integer, Double> controller = Map.of(TimelineEvent.DECISION, 0.4, TimelineEvent.STARTED, 0.42,
            TimelineEvent.COMPLETED, 0.8);
        final Fig5Result lastLost = new Fig5Result("test", series, 0.35, controller, 0.75, 0.78, 0.82, 1.2, true,
            null, 380, 3, "dc2", "running at dc2", List.of());
        assertEquals(List.of("the last ping was not answered by DC2"), lastLost.failedChecks());
        final Fig5Series full = new Fig5Series(EPOCH, 0.1, 11, scenario().subList(0, 9), 59);
        final Fig5Result good = new Fig5Result("test", full, 0.35, controller, 0.75, 0.78, 0.82, 1.2, true, null,
            380, 3, "dc2", "running at dc2", List.of("  0.35 s  the user moves"));
        assertEquals(List.of(), good.failedChecks());
        assertEquals(0.15, good.reattachS(), 1e-6);

        final String summary = good.write(dir);
        assertTrue(summary.contains("about 250 ms"), summary);
        assertTrue(summary.contains("median 12.5 ms"), summary);
        assertTrue(summary.contains("2 pings lost: 300 ms between answered pings"), summary);
        assertTrue(summary.contains("STOP -> RESUME 30.0 ms"), summary);
        assertTrue(summary.contains("checks: all passed"), summary);
        assertEquals(summary, Files.readString(dir.resolve("fig5-summary.txt")));
        final List<String> csv = Files.readAllLines(dir.resolve("fig5.csv"));
        assertEquals("t_s,seq,rtt_ms,served_by", csv.get(0));
        assertEquals(12, csv.size());
        assertEquals("0.400,5,lost,lost", csv.get(5));
        assertEquals("0.900,10,3.000,dc2", csv.get(10));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("fig5.svg").toFile());
        final String svg = Files.readString(dir.resolve("fig5.svg"));
        assertTrue(svg.contains("served by DC1") && svg.contains("served by DC2") && svg.contains("user moves"));

        final Fig5Result failed = new Fig5Result("test", new Fig5Series(EPOCH, 0.1, 3, List.of(), 59), 0.1, Map.of(),
            Double.NaN, Double.NaN, 0.2, 0.3, false, "hypervisor said no", -1, -1, "dc1", "running at dc1",
            List.of());
        final List<String> checks = failed.failedChecks();
        assertTrue(checks.contains("the migration failed: hypervisor said no"), checks.toString());
        assertTrue(checks.contains("no ping answered before the move"), checks.toString());
        assertTrue(checks.contains("the Map-Server maps the VM's EID to dc1, not dc2"), checks.toString());
        assertFalse(failed.summary().contains("all passed"));
        assertTrue(failed.summary().contains("STOP -> RESUME not seen"), failed.summary());
    }

    /**
     * 12 pings 100 ms apart: 4 at 12-14 ms from DC1, the move, one lost, two at 250-252 ms from DC1, two lost at
     * the switchover, two at 3-4 ms from DC2, the last lost.
     */
    private static List<Fig5Series.Reply> scenario()
    {
        final List<Fig5Series.Reply> replies = new ArrayList<>();
        replies.add(reply(1, 0.0, 63, 12));
        replies.add(reply(2, 0.1, 63, 13));
        replies.add(reply(3, 0.2, 63, 12));
        replies.add(reply(4, 0.3, 63, 14));
        replies.add(reply(6, 0.5, 63, 250));
        replies.add(reply(7, 0.6, 63, 252));
        replies.add(reply(10, 0.9, 59, 3));
        replies.add(reply(11, 1.0, 59, 4));
        replies.add(reply(11, 1.0, 59, 9));
        return replies;
    }

    private static Fig5Series.Reply reply(final int seq, final double sentS, final int ttl, final double rttMs)
    {
        return new Fig5Series.Reply(seq, EPOCH + sentS + rttMs / 1000, ttl, rttMs);
    }
}
