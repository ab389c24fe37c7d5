/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's pings of Fig. 5 as a series: one entry per echo request (sequence 1..sent), its send time, its RTT
 * ({@code NaN} when lost) and which DC answered (from the reply's TTL: each DC namespace has its own default TTL),
 * with the aggregations the summary needs: RTT statistics over a time window (a phase) and the longest run of lost
 * pings (an outage). Built from {@code ping -D} output lines.
 */
public final class Fig5Series
{
    /** Served-by value of a lost ping. */
    public static final int LOST = -1;
    private static final Pattern REPLY = Pattern.compile(
        "^\\[(\\d+\\.\\d+)] \\d+ bytes from [^:]+: icmp_seq=(\\d+) ttl=(\\d+) time=([0-9.]+) ms(.*)$");

    /**
     * One echo reply as {@code ping -D} prints it.
     *
     * @param seq      ICMP sequence number (from 1).
     * @param rxEpochS receive time, seconds since the epoch.
     * @param ttl      the reply's TTL.
     * @param rttMs    round-trip time.
     */
    public record Reply(int seq, double rxEpochS, int ttl, double rttMs)
    {
    }

    /**
     * RTT statistics of the pings sent in a window.
     *
     * @param sent     pings sent in the window.
     * @param answered of which answered.
     * @param medianMs median RTT of the answered ones ({@code NaN} if none).
     * @param minMs    minimum.
     * @param maxMs    maximum.
     * @param byDc1    answered by DC1.
     * @param byDc2    answered by DC2.
     */
    public record Phase(int sent, int answered, double medianMs, double minMs, double maxMs, int byDc1, int byDc2)
    {
    }

    /**
     * A run of consecutive lost pings.
     *
     * @param lost      pings lost in the run (0: none).
     * @param fromS     send time of the last answered ping before the run.
     * @param toS       send time of the first answered ping after it ({@code NaN} if none).
     */
    public record Outage(int lost, double fromS, double toS)
    {
        /**
         * The gap between the answered pings around the run: the user-seen outage, to the ping interval.
         *
         * @return milliseconds ({@code NaN} when the service never answered again).
         */
        public double gapMs()
        {
            return (toS - fromS) * 1000;
        }
    }

    private final double[] timeS;
    private final double[] rttMs;
    private final int[] servedBy;

    /**
     * Builds the series. Send times are the replies' receive times minus their RTT; a lost ping's is interpolated
     * by sequence number between its answered neighbours (or the nominal schedule without them).
     *
     * @param startEpochS when the first ping was sent (about), seconds since the epoch; times are relative to it.
     * @param intervalS   the ping interval.
     * @param sent        pings sent (the highest sequence number).
     * @param replies     the replies (duplicates and out-of-range sequence numbers are ignored).
     * @param dc2MaxTtl   a reply TTL at or below this came from DC2, above from DC1.
     */
    public Fig5Series(final double startEpochS, final double intervalS, final int sent, final List<Reply> replies,
        final int dc2MaxTtl)
    {
        timeS = new double[sent];
        rttMs = new double[sent];
        servedBy = new int[sent];
        Arrays.fill(timeS, Double.NaN);
        Arrays.fill(rttMs, Double.NaN);
        Arrays.fill(servedBy, LOST);
        for (final Reply reply : replies)
        {
            final int i = reply.seq() - 1;
            if (i < 0 || i >= sent || !Double.isNaN(rttMs[i]))
            {
                continue;
            }
            rttMs[i] = reply.rttMs();
            timeS[i] = reply.rxEpochS() - reply.rttMs() / 1000 - startEpochS;
            servedBy[i] = reply.ttl() <= dc2MaxTtl ? 1 : 0;
        }
        int previous = -1;
        for (int i = 0; i < sent; i++)
        {
            if (!Double.isNaN(timeS[i]))
            {
                previous = i;
                continue;
            }
            int next = i + 1;
            while (next < sent && Double.isNaN(rttMs[next]))
            {
                next++;
            }
            if (previous >= 0 && next < sent)
            {
                timeS[i] = timeS[previous] + (timeS[next] - timeS[previous]) * (i - previous) / (next - previous);
            }
            else if (previous >= 0)
            {
                timeS[i] = timeS[previous] + (i - previous) * intervalS;
            }
            else if (next < sent)
            {
                timeS[i] = timeS[next] - (next - i) * intervalS;
            }
            else
            {
                timeS[i] = i * intervalS;
            }
        }
    }

    /**
     * Parses one line of {@code ping -D} output.
     *
     * @param line a line.
     * @return the reply, or null when the line is not an echo reply (headers, statistics, duplicates, errors).
     */
    public static Reply parse(final String line)
    {
        final Matcher m = REPLY.matcher(line.trim());
        if (!m.matches() || m.group(5).contains("DUP"))
        {
            return null;
        }
        return new Reply(Integer.parseInt(m.group(2)), Double.parseDouble(m.group(1)), Integer.parseInt(m.group(3)),
            Double.parseDouble(m.group(4)));
    }

    /**
     * Number of pings.
     *
     * @return the count.
     */
    public int size()
    {
        return timeS.length;
    }

    /**
     * Send times.
     *
     * @return seconds from the start, one per ping (a copy).
     */
    public double[] times()
    {
        return timeS.clone();
    }

    /**
     * RTTs.
     *
     * @return milliseconds, {@code NaN} when lost (a copy).
     */
    public double[] rtts()
    {
        return rttMs.clone();
    }

    /**
     * Which DC answered.
     *
     * @return 0 (DC1), 1 (DC2) or {@link #LOST}, one per ping (a copy).
     */
    public int[] servedBy()
    {
        return servedBy.clone();
    }

    /**
     * Statistics of the pings sent in {@code [fromS, toS)}.
     *
     * @param fromS window start, seconds from the start.
     * @param toS   window end (exclusive); {@code NaN} or infinity for no end.
     * @return the phase.
     */
    public Phase phase(final double fromS, final double toS)
    {
        final double[] answered = new double[timeS.length];
        int sent = 0;
        int count = 0;
        int dc1 = 0;
        int dc2 = 0;
        for (int i = 0; i < timeS.length; i++)
        {
            if (timeS[i] < fromS || (!Double.isNaN(toS) && timeS[i] >= toS))
            {
                continue;
            }
            sent++;
            if (servedBy[i] != LOST)
            {
                answered[count++] = rttMs[i];
                dc1 += servedBy[i] == 0 ? 1 : 0;
                dc2 += servedBy[i] == 1 ? 1 : 0;
            }
        }
        if (count == 0)
        {
            return new Phase(sent, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        final double[] sorted = Arrays.copyOf(answered, count);
        Arrays.sort(sorted);
        final double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        return new Phase(sent, count, median, sorted[0], sorted[count - 1], dc1, dc2);
    }

    /**
     * The longest run of lost pings sent at or after a time, among those after the first answered one from then
     * on (so that a run which starts before the service answered at all is not counted here).
     *
     * @param fromS seconds from the start.
     * @return the run; {@code lost == 0} when none was lost.
     */
    public Outage longestOutageAfter(final double fromS)
    {
        int first = 0;
        while (first < timeS.length && (timeS[first] < fromS || servedBy[first] == LOST))
        {
            first++;
        }
        Outage best = new Outage(0, Double.NaN, Double.NaN);
        int i = first;
        while (i < timeS.length)
        {
            if (servedBy[i] != LOST)
            {
                i++;
                continue;
            }
            int end = i;
            while (end < timeS.length && servedBy[end] == LOST)
            {
                end++;
            }
            if (end - i > best.lost())
            {
                best = new Outage(end - i, timeS[i - 1], end < timeS.length ? timeS[end] : Double.NaN);
            }
            i = end;
        }
        return best;
    }

    /**
     * The first ping sent at or after a time that was answered.
     *
     * @param fromS seconds from the start.
     * @param dc    0 or 1 to require that DC, {@link #LOST} for any.
     * @return its send time, or {@code NaN}.
     */
    public double firstAnsweredAfter(final double fromS, final int dc)
    {
        for (int i = 0; i < timeS.length; i++)
        {
            if (timeS[i] >= fromS && servedBy[i] != LOST && (dc == LOST || servedBy[i] == dc))
            {
                return timeS[i];
            }
        }
        return Double.NaN;
    }
}
