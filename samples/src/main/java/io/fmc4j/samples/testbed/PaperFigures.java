/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

/**
 * What the seed paper (Ksentini, Taleb, Messaoudi, "A LISP-Based Implementation of Follow Me Cloud", IEEE Access
 * 2014) reports, for printing beside our results. Only numbers the paper states in its text and Table 1 are given;
 * its figures are plots whose per-point values the text does not list, so for those the stated shape is quoted.
 */
public final class PaperFigures
{
    /** Table 1, maximum bandwidth used by a migration, Mbit/s (1 GiB VM, 100 Mbit/s link, RTT about 10 ms). */
    public static final double TABLE1_MAX_MBPS = 92.938;
    /** Table 1, mean bandwidth, Mbit/s. */
    public static final double TABLE1_MEAN_MBPS = 86.335;
    /** Table 1, minimum bandwidth, Mbit/s. */
    public static final double TABLE1_MIN_MBPS = 68.449;
    /** Link bandwidth of the paper's Fig. 7 and Table 1, bit/s. */
    public static final long LINK_BITS_PER_SECOND = 100_000_000L;
    /** Inter-DC RTT of Table 1 and Fig. 5, ms. */
    public static final double TABLE1_RTT_MS = 10;
    /** Migration duration of the Fig. 5 run (t = 58 s to 84 s), s. */
    public static final double FIG5_MIGRATION_S = 26;
    /** Downtime of the Fig. 5 run, ms. */
    public static final double FIG5_DOWNTIME_MS = 7.5;
    /** The largest downtime of Fig. 6 (case 2), ms. */
    public static final double FIG6_MAX_DOWNTIME_MS = 100;

    /** Fig. 7 as the text describes it. */
    public static final String FIG7_TEXT = "paper, Fig. 7 (1 GiB Ubuntu 8.04 VM, KVM, 100 Mbit/s link, several " +
        "tests per point): the duration \"becomes practically independent from the RTT between DCs, when the " +
        "latter exceeds 10ms\"; the Fig. 5 run at 10 ms RTT took 26 s. The per-point values are only in the plot.";

    /** Fig. 6 as the text describes it. */
    public static final String FIG6_TEXT = "paper, Fig. 6: downtime \"proportional to the RTT between the FMC " +
        "controller and the target DC\", case 1 (controller-xTR1 100 ms, controller-xTR2 10 ms) and case 2 " +
        "(50 ms / 50 ms); the largest downtime is 100 ms (case 2); the Fig. 5 run had 7.5 ms. The per-point values " +
        "are only in the plot.";

    private PaperFigures()
    {
    }
}
