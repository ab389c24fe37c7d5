/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.control;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.control.xtr.XtrTestbed;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Timed harness (not JMH: one measurement is one VM move through the whole control plane): how long from "the VM
 * runs at the destination" to "every correspondent ITR has the new RLOC in its map-cache", for 1, 10 and 100
 * correspondents, in-process on loopback UDP (one Map-Server, a source and a destination xTR, N ITRs, all driven
 * round-robin by one thread, so the time includes every agent's duty cycle and every socket round trip).
 * <p>
 * Modes: {@code pubsub} (the destination registers the /32, fmc4j's Map-Server notifies the old xTR and every
 * subscribed ITR; {@code pubsub-fixture} does the same with the test fixture Map-Server), {@code pubsub-mbb}
 * (make-before-break: pre-registered at priority 254, then promoted with one Map-Register; the clock starts at the
 * promotion), {@code smr} (a Map-Server without pub/sub: the old xTR is told
 * once the destination's registration is confirmed and SMRs the ITRs, which ask again through the resolver).
 * <p>
 * Every mode first runs 10 unreported moves (with the first size) so that JIT compilation is paid before any mode
 * is measured.
 * <p>
 * Usage: {@code java <flags> -cp benchmarks.jar io.fmc4j.benchmarks.control.MobilityConvergence [moves] [sizes]
 * [modes]}.
 */
public final class MobilityConvergence
{
    private static final int VM = (10 << 24) | (1 << 16) | 7;
    private static final EidPrefix VM_PREFIX = EidPrefix.ipv4(0, VM, 32);
    private static final int WARM_UP_MOVES = 10;

    private MobilityConvergence()
    {
    }

    /**
     * Runs every mode for every size.
     *
     * @param args optional: moves per configuration (default 30), comma-separated sizes (default 1,10,100).
     * @throws Exception when the testbed cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final int moves = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        final int[] sizes = args.length > 1 ?
            Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 10, 100};
        final String[] modes = args.length > 2 ? args[2].split(",") :
            new String[] {"pubsub", "pubsub-mbb", "smr"};
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger(PacketIoProviders.class.getName()).setLevel(Level.WARNING);
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Warm-up, not reported: every mode once, so that no mode pays for the JIT compilation of the agents, codecs
        // and map-cache more than another (measured: whichever mode ran first was the slowest, by up to 5x).
        for (final String mode : modes)
        {
            run(mode, sizes[0], WARM_UP_MOVES);
        }
        out.printf("%-11s %5s %6s %10s %10s %10s %10s%n", "mode", "itrs", "moves", "median_us", "p90_us", "max_us",
            "min_us");
        for (final String mode : modes)
        {
            for (final int size : sizes)
            {
                final long[] ns = run(mode, size, moves);
                Arrays.sort(ns);
                out.printf("%-11s %5d %6d %10.0f %10.0f %10.0f %10.0f%n", mode, size, ns.length,
                    ns[ns.length / 2] / 1e3, ns[(int)(ns.length * 0.9)] / 1e3, ns[ns.length - 1] / 1e3, ns[0] / 1e3);
            }
        }
    }

    private static long[] run(final String mode, final int correspondents, final int moves) throws Exception
    {
        final boolean legacy = mode.startsWith("smr");
        final int server = legacy ? XtrTestbed.SERVER_LEGACY :
            mode.endsWith("-fixture") ? XtrTestbed.SERVER_LOOPBACK : XtrTestbed.SERVER_FMC4J;
        try (XtrTestbed bed = new XtrTestbed(42 + correspondents, 0, server))
        {
            final XtrTestbed.Node[] hosts = {bed.addXtr(ctx -> { }), bed.addXtr(ctx -> { })};
            final List<XtrTestbed.Node> itrs = new ArrayList<>();
            for (int i = 0; i < correspondents; i++)
            {
                itrs.add(bed.addCorrespondent(!legacy));
            }
            hosts[0].agent().addEid(VM_PREFIX, 1, 100, true);
            check(bed.runUntil(() -> hosts[0].agent().isRegistered(VM_PREFIX) && itrs.stream().allMatch(
                n -> n.agent().isRegistered(n.agent().context().eids().get(0).prefix())), 30_000),
                "initial registration");
            for (final XtrTestbed.Node itr : itrs)
            {
                itr.agent().resolve(VM_PREFIX);
            }
            check(bed.runUntil(() -> allAt(itrs, hosts[0].rloc()), 30_000), "initial resolution");

            final long[] samples = new long[moves];
            for (int move = 0; move < moves; move++)
            {
                final XtrTestbed.Node from = hosts[move & 1];
                final XtrTestbed.Node to = hosts[(move + 1) & 1];
                if ("pubsub-mbb".equals(mode))
                {
                    to.agent().addEid(VM_PREFIX, 254, 100, true);
                    check(bed.runUntil(() -> to.agent().isRegistered(VM_PREFIX) &&
                        itrs.stream().allMatch(n -> n.lookup(VM) != null && n.lookup(VM).locatorCount() == 2),
                        10_000), "pre-registration, move " + move + ": to " + to.agent().counters() + "; itr " +
                        itrs.get(0).agent().counters() + "; ms " + Arrays.toString(bed.registeredLocators(VM_PREFIX)));
                }
                final long start = System.nanoTime();
                if ("pubsub-mbb".equals(mode))
                {
                    to.agent().promoteEid(VM_PREFIX, 1, 100);
                }
                else
                {
                    to.agent().addEid(VM_PREFIX, 1, 100, false);
                }
                if (legacy)
                {
                    check(bed.runUntil(() -> to.agent().isRegistered(VM_PREFIX), 10_000), "registration");
                    from.agent().removeEid(VM_PREFIX);
                }
                check(bed.runUntil(() -> allAt(itrs, to.rloc()), 30_000), "convergence, move " + move);
                samples[move] = System.nanoTime() - start;
                check(bed.runUntil(() -> !from.agent().servesEid(VM_PREFIX), 10_000), "old xTR let go");
                bed.runFor(700);   // let the previous move's repeated SMRs and their refreshes die out
            }
            return samples;
        }
    }

    private static boolean allAt(final List<XtrTestbed.Node> itrs, final int rloc)
    {
        for (int i = 0, n = itrs.size(); i < n; i++)
        {
            final XtrTestbed.Node itr = itrs.get(i);
            if (itr.preferredRloc(VM) != rloc || itr.lookup(VM).locatorCount() != 1)
            {
                return false;
            }
        }
        return true;
    }

    private static void check(final boolean ok, final String what)
    {
        if (!ok)
        {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }
}
