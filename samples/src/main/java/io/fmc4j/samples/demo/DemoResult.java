/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.fmc.controller.MigrationTimeline;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.TimelineEvent;
import io.fmc4j.samples.report.CsvWriter;
import io.fmc4j.samples.report.SvgLineChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a demo run measured: the user's RTT over time (the paper's Fig. 5), the outage seen by the 1 ms probes, the
 * controller's migration timeline and the hypervisor's statistics, and the checks that make the run pass or fail.
 */
public final class DemoResult
{
    /** Expected RTT before the move (xtr1 to DC1), ms. */
    static final double RTT_BEFORE_MS = 12;
    /** Expected RTT after the move, still served by DC1, ms. */
    static final double RTT_FAR_MS = 250;
    /** Expected RTT once served by DC2, ms. */
    static final double RTT_AFTER_MS = 3;
    /** Allowance above an expected RTT for scheduling on a small shared machine, ms. */
    static final double RTT_TOLERANCE_MS = 20;

    /**
     * Where the VM's EID leads at the end of a run.
     *
     * @param vmRloc      the RLOC of the xTR of the DC where the VM runs, null if unknown.
     * @param mapServer   the Map-Server's preferred locator for the VM's EID, null for none.
     * @param userXtr     the preferred locator in the user's xTR's map-cache, null for none.
     * @param faultDrops  packets the injected fault dropped.
     * @param departed    departed EIDs DC1's xTR learnt from the Map-Server.
     * @param redirected  packets DC1's xTR re-encapsulated to the VM's new RLOC after it left.
     */
    public record Mappings(Rloc vmRloc, Rloc mapServer, Rloc userXtr, long faultDrops, long departed,
        long redirected)
    {
    }

    private final double[] pingTime;
    private final Mappings mappings;
    private final int fault;
    private final double[] pingRttMs;
    private final int[] pingServedBy;
    private final double moveTime;
    private final MigrationTimeline timeline;
    private final long t0;
    private final String vmHost;
    private final boolean oldXtrStillServesUser;
    private final int vmMemoryMiB;
    private final double speed;
    private final double outageMs;
    private final int probesLost;
    private final int probesSent;
    private final double outageBoundMs;
    private final double faultMs;
    private final double serviceGapMs;
    private final List<String> errors = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private boolean passed = true;

    private DemoResult(
        final DemoSettings settings,
        final DemoHosts hosts,
        final int firstPing,
        final long t0,
        final long movedAt,
        final MigrationTimeline timeline,
        final String vmHost,
        final boolean oldXtrStillServesUser,
        final int vmMemoryMiB,
        final List<Throwable> failures,
        final Mappings mappings)
    {
        this.mappings = mappings;
        this.fault = settings.fault();
        this.t0 = t0;
        this.timeline = timeline;
        this.vmHost = vmHost;
        this.oldXtrStillServesUser = oldXtrStillServesUser;
        this.vmMemoryMiB = vmMemoryMiB;
        this.speed = settings.speed();
        this.moveTime = (movedAt - t0) / 1e9;
        final int count = Math.max(0, hosts.pings - firstPing);
        pingTime = new double[count];
        pingRttMs = new double[count];
        pingServedBy = new int[count];
        for (int i = 0; i < count; i++)
        {
            final int seq = firstPing + i;
            pingTime[i] = (hosts.pingSent[seq] - t0) / 1e9;
            pingServedBy[i] = hosts.pingServedBy[seq];
            pingRttMs[i] = pingServedBy[i] == EchoPacket.NOT_SERVED ? Double.NaN : hosts.pingRtt[seq] / 1e6;
        }

        // The outage: the longest run of unanswered 1 ms probes, from the send time of its first probe to the send
        // time of the first probe answered after it.
        probesSent = hosts.probes;
        int lost = 0;
        double longest = 0;
        int runStart = -1;
        for (int i = 0; i < probesSent; i++)
        {
            final boolean answered = hosts.probeServedBy[i] != EchoPacket.NOT_SERVED;
            if (!answered)
            {
                lost++;
                if (runStart < 0)
                {
                    runStart = i;
                }
            }
            else if (runStart >= 0)
            {
                longest = Math.max(longest, (hosts.probeSent[i] - hosts.probeSent[runStart]) / 1e6);
                runStart = -1;
            }
        }
        if (runStart >= 0)
        {
            longest = Double.POSITIVE_INFINITY;
        }
        probesLost = lost;
        // The service gap at the VM: from its last answer at DC1 to its first at DC2.
        long lastAtSource = 0;
        long firstAtDestination = Long.MAX_VALUE;
        for (int i = 0; i < probesSent; i++)
        {
            final long at = hosts.probeAnsweredAt[i];
            if (at != 0 && hosts.probeAnsweredBy[i] == 0)
            {
                lastAtSource = Math.max(lastAtSource, at);
            }
            else if (at != 0 && hosts.probeAnsweredBy[i] == 1)
            {
                firstAtDestination = Math.min(firstAtDestination, at);
            }
        }
        serviceGapMs = lastAtSource == 0 || firstAtDestination == Long.MAX_VALUE ? Double.NaN :
            (firstAtDestination - lastAtSource) / 1e6;
        outageMs = longest;
        final MigrationStatistics stats = statistics();
        // DC1's xTR forwards the requests still on their way to it when the VM leaves, so the outage is the VM's
        // downtime or the Map-Notify to the user's xTR, whichever is longer, plus DC1 -> DC2. When the Map-Server is
        // unreachable DC1's xTR does not learn it in time either: the requests in flight to DC1 (one-way) are lost,
        // and the outage lasts until a retransmitted Map-Notify gets through. A failed migration never pauses the
        // VM: only the user's first Map-Request after the move is left.
        faultMs = fault == DemoSettings.FAULT_LOST_NOTIFY ? FmcDemo.NOTIFY_RETRANSMIT_MS :
            fault == DemoSettings.FAULT_MS_OUTAGE ?
            RTT_FAR_MS / 2 + DemoSettings.MS_OUTAGE_MS + FmcDemo.NOTIFY_RETRANSMIT_MS : 0;
        outageBoundMs = fault == DemoSettings.FAULT_HYPERVISOR ?
            DemoLinks.rttMs(FmcDemo.MS_HOST, 12) + settings.outageSlackMs() :
            Math.max(stats.downtimeMs(), DemoLinks.oneWayMs(FmcDemo.MS_HOST, 12)) +
            DemoLinks.oneWayMs(21, 22) + faultMs + settings.outageSlackMs();
        for (final Throwable failure : failures)
        {
            errors.add(String.valueOf(failure));
        }
        evaluate();
    }

    static DemoResult of(
        final DemoSettings settings,
        final DemoHosts hosts,
        final int firstPing,
        final long t0,
        final long movedAt,
        final MigrationTimeline timeline,
        final String vmHost,
        final boolean oldXtrStillServesUser,
        final int vmMemoryMiB,
        final List<Throwable> failures,
        final Mappings mappings)
    {
        return new DemoResult(settings, hosts, firstPing, t0, movedAt, timeline, vmHost, oldXtrStillServesUser,
            vmMemoryMiB, failures, mappings);
    }

    private void evaluate()
    {
        final double migrationEnd = seconds(TimelineEvent.COMPLETED);
        final double before = median(0, moveTime, 0);
        final double far = median(moveTime, Double.MAX_VALUE, 0);
        final double after = median(moveTime, Double.MAX_VALUE, 1);
        check(answered(0, moveTime) >= 0.9, "pings before the move answered: %.0f %%", 100 * answered(0, moveTime));
        check(within(before, RTT_BEFORE_MS), "RTT before the move %.1f ms (paper about %.0f ms)", before,
            RTT_BEFORE_MS);
        final boolean expectMove = fault != DemoSettings.FAULT_HYPERVISOR;
        final double end = expectMove ? migrationEnd : seconds(TimelineEvent.FAILED);
        check(timeline.succeeded() == expectMove, "migration vm1 %s -> %s %s%s", timeline.sourceDc(),
            timeline.destinationDc(), timeline.succeeded() ? "succeeded" : "failed",
            timeline.succeeded() ? "" : " (" + timeline.failure() + ")");
        check((expectMove ? "dc2" : "dc1").equals(vmHost), "vm1 runs at %s at the end", vmHost);
        check(Double.isNaN(far) || within(far, RTT_FAR_MS), "RTT after the move, served by DC1, %.1f ms " +
            "(paper about %.0f ms)", far, RTT_FAR_MS);
        if (expectMove)
        {
            check(within(after, RTT_AFTER_MS), "RTT once served by DC2 %.1f ms (paper about %.0f ms)", after,
                RTT_AFTER_MS);
        }
        final double settled = end + 1 + faultMs / 1000;
        check(answered(settled, Double.MAX_VALUE) >= 0.9, "pings from %.1f s after the migration answered: %.0f %%",
            settled - end, 100 * answered(settled, Double.MAX_VALUE));
        check(lastPingsServedBy(expectMove ? 1 : 0, 5), "the last pings are answered by %s", vmHost);
        check(mappings.vmRloc() != null && mappings.vmRloc().equals(mappings.mapServer()),
            "the Map-Server maps the VM's EID to where it runs (%s -> %s)", vmHost, mappings.mapServer());
        check(mappings.vmRloc() != null && mappings.vmRloc().equals(mappings.userXtr()),
            "the user's xTR maps the VM's EID to where it runs (%s -> %s)", vmHost, mappings.userXtr());
        if (expectMove)
        {
            check(mappings.departed() > 0, "DC1's xTR learnt the VM left (%d departed mapping) and forwarded %d " +
                "packets still in flight to DC2", mappings.departed(), mappings.redirected());
        }
        if (fault != DemoSettings.FAULT_NONE && fault != DemoSettings.FAULT_HYPERVISOR)
        {
            check(mappings.faultDrops() > 0, "the injected fault (%s) dropped %d packets",
                DemoSettings.faultName(fault), mappings.faultDrops());
        }
        check(outageMs <= outageBoundMs, "user-seen outage %.1f ms <= bound %.1f ms", outageMs, outageBoundMs);
        check(!oldXtrStillServesUser, "xtr1 stopped serving the user's EID after the move (told by the Map-Server)");
        check(errors.isEmpty(), "no component reported an error%s", errors.isEmpty() ? "" : ": " + errors);
    }

    private void check(final boolean ok, final String format, final Object... args)
    {
        checks.add((ok ? "ok     " : "FAILED ") + String.format(Locale.ROOT, format, args));
        passed &= ok;
    }

    private static boolean within(final double value, final double expected)
    {
        return value >= expected - 1 && value <= expected + RTT_TOLERANCE_MS;
    }

    /**
     * Whether every check passed.
     *
     * @return true when the run is sane.
     */
    public boolean passed()
    {
        return passed;
    }

    /**
     * The checks, one line each, starting with {@code ok} or {@code FAILED}.
     *
     * @return the lines.
     */
    public List<String> checks()
    {
        return List.copyOf(checks);
    }

    /**
     * The longest run of unanswered 1 ms probes after the move.
     *
     * @return milliseconds ({@code Infinity} if the service never answered again).
     */
    public double outageMs()
    {
        return outageMs;
    }

    /**
     * The service gap at the VM: from its last answer to a probe at DC1 to its first at DC2 (the VM's downtime plus
     * the time until the first request reaches it at DC2).
     *
     * @return milliseconds, NaN when the VM did not move.
     */
    public double serviceGapMs()
    {
        return serviceGapMs;
    }

    /**
     * The bound the outage is checked against.
     *
     * @return milliseconds.
     */
    public double outageBoundMs()
    {
        return outageBoundMs;
    }

    /**
     * The controller's timeline of the migration.
     *
     * @return the timeline.
     */
    public MigrationTimeline timeline()
    {
        return timeline;
    }

    /**
     * The hypervisor's statistics of the migration.
     *
     * @return the statistics.
     */
    public MigrationStatistics statistics()
    {
        return timeline.result() == null ? MigrationStatistics.NONE : timeline.result().statistics();
    }

    /**
     * Median RTT of the answered pings sent in a time window and served by one DC.
     *
     * @param fromSeconds window start, from t = 0.
     * @param toSeconds   window end.
     * @param dc          0 for DC1, 1 for DC2.
     * @return milliseconds, NaN when none.
     */
    public double median(final double fromSeconds, final double toSeconds, final int dc)
    {
        final double[] values = new double[pingTime.length];
        int n = 0;
        for (int i = 0; i < pingTime.length; i++)
        {
            if (pingTime[i] >= fromSeconds && pingTime[i] < toSeconds && pingServedBy[i] == dc)
            {
                values[n++] = pingRttMs[i];
            }
        }
        if (n == 0)
        {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return (n & 1) == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private double answered(final double fromSeconds, final double toSeconds)
    {
        int sent = 0;
        int answered = 0;
        for (int i = 0; i < pingTime.length; i++)
        {
            // The last half second may still be in flight when the run stops.
            if (pingTime[i] >= fromSeconds && pingTime[i] < toSeconds && pingTime[i] < pingTime[pingTime.length - 1]
                - 0.5)
            {
                sent++;
                answered += pingServedBy[i] == EchoPacket.NOT_SERVED ? 0 : 1;
            }
        }
        return sent == 0 ? 0 : (double)answered / sent;
    }

    /** Whether the last pings (but those still in flight at the end) were all answered by one DC. */
    private boolean lastPingsServedBy(final int dc, final int count)
    {
        int seen = 0;
        final double inFlightFrom = pingTime.length == 0 ? 0 : pingTime[pingTime.length - 1] - 0.5;
        for (int i = pingTime.length - 1; i >= 0 && seen < count; i--)
        {
            if (pingTime[i] >= inFlightFrom)
            {
                continue;
            }
            if (pingServedBy[i] != dc)
            {
                return false;
            }
            seen++;
        }
        return seen == count;
    }

    private double seconds(final int timelineEvent)
    {
        final long t = timeline.timeOf(timelineEvent);
        return t < 0 ? Double.NaN : (t - t0) / 1e9;
    }

    /**
     * The readable report: timeline, measurements beside the paper's, checks.
     *
     * @return the text.
     */
    public String report()
    {
        final StringBuilder sb = new StringBuilder();
        final MigrationStatistics stats = statistics();
        sb.append("\ntimeline (seconds from t = 0; the paper's Fig. 5 in brackets, its run is ").append(speed)
            .append(" times longer):\n");
        line(sb, 0, "first ping answered by DC1 via xtr1", "[0]");
        line(sb, moveTime, "user moves to subnet 2 (xtr2 registers its EID)", "[55 s]");
        for (final MigrationTimeline.Entry entry : timeline.entries())
        {
            if (entry.type() == TimelineEvent.PASS)
            {
                continue;
            }
            line(sb, (entry.timeNanos() - t0) / 1e9, TimelineEvent.name(entry.type()) +
                (entry.detail() == null ? "" : "  " + entry.detail()), paperTime(entry.type()));
        }
        final double firstDc2 = firstServedBy(1);
        line(sb, firstDc2, "first ping answered by DC2 via xtr2", "[87 s]");

        sb.append("\nmeasured                                  fmc4j          paper\n");
        row(sb, "RTT before the move (xtr1-DC1)", fmt(median(0, moveTime, 0), "ms"), "~12 ms");
        row(sb, "RTT after the move, served by DC1", fmt(median(moveTime, Double.MAX_VALUE, 0), "ms"), "~250 ms");
        row(sb, "RTT served by DC2", fmt(median(moveTime, Double.MAX_VALUE, 1), "ms"), "~3 ms");
        row(sb, "migration duration", fmt(stats.totalTimeMs() / 1000.0, "s") + " (" + vmMemoryMiB + " MiB)",
            "26 s");
        row(sb, "VM downtime (hypervisor)", fmt(stats.downtimeMs(), "ms"), "~7.5 ms");
        row(sb, "service gap at the VM (DC1 -> DC2)", fmt(serviceGapMs, "ms"), "~7.5 ms downtime");
        row(sb, "user-seen outage (1 ms probes)", fmt(outageMs, "ms") + " (" + probesLost + "/" + probesSent +
            " lost)", "-");
        row(sb, "migration bandwidth min/mean/max", String.format(Locale.ROOT, "%.0f/%.0f/%.0f Mbit/s",
            stats.bandwidthMinBitsPerSecond() / 1e6, stats.bandwidthMeanBitsPerSecond() / 1e6,
            stats.bandwidthMaxBitsPerSecond() / 1e6), "~80 Mbit/s mean");
        row(sb, "passes, bytes", stats.passes() + ", " + stats.bytesTransferred(), "-");
        row(sb, "DC1 forwarded in flight to DC2", mappings.redirected() + " packets (" + mappings.departed() +
            " departed mapping)", "-");
        if (fault != DemoSettings.FAULT_NONE)
        {
            row(sb, "injected fault", DemoSettings.faultName(fault) + " (" + mappings.faultDrops() +
                " packets dropped)", "-");
        }
        sb.append("\nThe service gap is the paper's downtime, seen at the VM: its last answer at DC1 to its first at\n")
            .append("DC2. The outage is what the user sees: DC1's xTR forwards the requests still on their way to\n")
            .append("it when the VM leaves (125 ms of them), so the user loses about the VM's downtime.\n");
        sb.append("\nchecks:\n");
        for (final String check : checks)
        {
            sb.append("  ").append(check).append('\n');
        }
        sb.append(passed ? "demo passed\n" : "demo FAILED\n");
        return sb.toString();
    }

    private static String paperTime(final int type)
    {
        switch (type)
        {
            case TimelineEvent.DECISION:
                return "[55 s]";
            case TimelineEvent.STARTED:
                return "[58 s]";
            case TimelineEvent.COMPLETED:
                return "[84 s]";
            default:
                return "";
        }
    }

    private double firstServedBy(final int dc)
    {
        for (int i = 0; i < pingTime.length; i++)
        {
            if (pingServedBy[i] == dc)
            {
                return pingTime[i];
            }
        }
        return Double.NaN;
    }

    private static void line(final StringBuilder sb, final double t, final String what, final String paper)
    {
        sb.append(String.format(Locale.ROOT, "  %8.3f  %-70s %s%n", t, what, paper));
    }

    private static void row(final StringBuilder sb, final String what, final String ours, final String paper)
    {
        sb.append(String.format(Locale.ROOT, "  %-40s %-28s %s%n", what, ours, paper));
    }

    private static String fmt(final double value, final String unit)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f %s", value, unit);
    }

    /**
     * Writes {@code rtt.csv} (one row per ping), {@code rtt.svg} (the paper's Fig. 5) and {@code report.txt}.
     *
     * @param directory created if needed.
     * @return the files written.
     * @throws IOException when they cannot be written.
     */
    public List<Path> write(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final Path csv = directory.resolve("rtt.csv");
        try (CsvWriter writer = new CsvWriter(csv, "t_s", "rtt_ms", "served_by"))
        {
            for (int i = 0; i < pingTime.length; i++)
            {
                writer.row(String.format(Locale.ROOT, "%.3f", pingTime[i]),
                    Double.isNaN(pingRttMs[i]) ? "" : String.format(Locale.ROOT, "%.3f", pingRttMs[i]),
                    pingServedBy[i] == EchoPacket.NOT_SERVED ? "lost" : "dc" + (pingServedBy[i] + 1));
            }
        }
        final double[] dc1 = new double[pingTime.length];
        final double[] dc2 = new double[pingTime.length];
        for (int i = 0; i < pingTime.length; i++)
        {
            dc1[i] = pingServedBy[i] == 0 ? pingRttMs[i] : Double.NaN;
            dc2[i] = pingServedBy[i] == 1 ? pingRttMs[i] : Double.NaN;
        }
        final SvgLineChart chart = new SvgLineChart(
            "RTT between the mobile user and its service (fmc4j demo, speed " + speed + ")", "time (s)",
            "RTT (ms)")
            .logY()
            .line("served by DC1", pingTime, dc1)
            .line("served by DC2", pingTime, dc2)
            .marker(moveTime, "user moves");
        final double started = seconds(TimelineEvent.STARTED);
        final double completed = seconds(TimelineEvent.COMPLETED);
        if (!Double.isNaN(started))
        {
            chart.marker(started, "migration starts");
        }
        if (!Double.isNaN(completed))
        {
            chart.marker(completed, "migration ends");
        }
        final Path svg = directory.resolve("rtt.svg");
        chart.write(svg);
        final Path text = directory.resolve("report.txt");
        Files.writeString(text, timeline + "\n" + report(), StandardCharsets.UTF_8);
        return List.of(csv, svg, text);
    }
}
