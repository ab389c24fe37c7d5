/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

/**
 * The demo's wide area: one-way delays between its nodes, from the seed paper's testbed (Fig. 5 and its text).
 * <table>
 *     <caption>Round-trip times</caption>
 *     <tr><th>between</th><th>RTT</th><th>source</th></tr>
 *     <tr><td>subnet 1 (xtr1) and DC1</td><td>12 ms</td><td>paper: the user at subnet 1 served by DC1</td></tr>
 *     <tr><td>subnet 2 (xtr2) and DC1</td><td>250 ms</td><td>paper: after the move, still served by DC1</td></tr>
 *     <tr><td>subnet 2 (xtr2) and DC2</td><td>3 ms</td><td>paper: served by DC2 after the migration</td></tr>
 *     <tr><td>subnet 1 (xtr1) and DC2</td><td>250 ms</td><td>assumed, symmetric to the above</td></tr>
 *     <tr><td>controller/Map-Server and DC1's xTR</td><td>1 ms</td><td>paper: controller to xTR1</td></tr>
 *     <tr><td>controller/Map-Server and DC2's xTR</td><td>10 ms</td><td>paper: controller to xTR2</td></tr>
 *     <tr><td>DC1 and DC2</td><td>10 ms</td><td>paper</td></tr>
 *     <tr><td>Map-Server and the access xTRs, and between access xTRs</td><td>10 ms</td><td>assumed</td></tr>
 * </table>
 * Each side of a path delays what it sends by half the RTT.
 */
final class DemoLinks
{
    private DemoLinks()
    {
    }

    /**
     * The RTT between two demo hosts (the last octet of their loopback address).
     *
     * @param a one host.
     * @param b the other.
     * @return milliseconds.
     */
    static double rttMs(final int a, final int b)
    {
        final int lo = Math.min(a, b);
        final int hi = Math.max(a, b);
        if (lo == FmcDemo.MS_HOST)
        {
            return hi == 21 ? 1 : hi == 22 ? 10 : 10;
        }
        if (lo == 11 && hi == 21)
        {
            return 12;
        }
        if ((lo == 11 && hi == 22) || (lo == 12 && hi == 21))
        {
            return 250;
        }
        if (lo == 12 && hi == 22)
        {
            return 3;
        }
        return 10;
    }

    /**
     * Half the RTT.
     *
     * @param a one host.
     * @param b the other.
     * @return milliseconds.
     */
    static double oneWayMs(final int a, final int b)
    {
        return rttMs(a, b) / 2;
    }
}
