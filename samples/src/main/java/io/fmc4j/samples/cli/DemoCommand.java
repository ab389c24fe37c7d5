/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fmc4j.samples.demo.DemoResult;
import io.fmc4j.samples.demo.DemoSettings;
import io.fmc4j.samples.demo.FmcDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j demo}: the Follow Me Cloud scenario of the seed paper in one process (see
 * {@code samples/README-demo.md}). Exit status 0 when every check passed, 1 when a check failed, 2 when the run
 * could not be set up.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run the Follow Me Cloud demo in one JVM on loopback: Map-Server + controller, two access xTRs, two data",
        "centres with simulated hypervisors, the paper's link delays; the user pings its VM, moves, the VM follows.",
        "Writes rtt.csv, rtt.svg (the paper's Fig. 5) and report.txt.",
        "Examples: fmc4j demo",
        "          fmc4j demo --speed 10 --out /tmp/demo"})
public final class DemoCommand implements Callable<Integer>
{
    /** Held so that its level survives garbage collection. */
    private static final Logger FMC4J_LOGGER = Logger.getLogger("io.fmc4j");

    @Spec
    CommandSpec spec;

    @Option(names = "--speed", defaultValue = "" + DemoSettings.DEFAULT_SPEED, description = "Time scale: the move "
        + "at 55 s / speed, the run 100 s / speed, the VM 300 MiB / speed (default ${DEFAULT-VALUE}; 1 = the paper's "
        + "timeline). Link delays and downtimes are not scaled.")
    double speed;

    @Option(names = "--out", defaultValue = "fmc4j-demo", description = "Directory for rtt.csv, rtt.svg and "
        + "report.txt (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--progress", defaultValue = "2", description = "Seconds between progress lines "
        + "(default ${DEFAULT-VALUE}).")
    double progress;

    @Option(names = "--fault", defaultValue = "none", description = "Inject a fault: none, hypervisor (the "
        + "migration fails), ms-outage (the Map-Server unreachable for 1 s from the switchover), lost-notify (the "
        + "Map-Notify to the user's xTR lost once). The checks then expect the VM and its mappings where it runs.")
    String fault;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the xTR-IDs and loopback addresses.")
    long seed;

    @Override
    public Integer call()
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final DemoSettings settings;
        try
        {
            settings = new DemoSettings().speed(speed).seed(seed).progressIntervalSeconds(progress)
                .fault(DemoSettings.faultOf(fault)).conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            stderr.println("demo: " + ex.getMessage());
            return 2;
        }
        // The providers log their selection at INFO; the demo prints its own progress.
        FMC4J_LOGGER.setLevel(Level.WARNING);
        final DemoResult result;
        try
        {
            result = new FmcDemo(settings, stdout).run();
        }
        catch (final Exception ex)
        {
            stderr.println("demo: " + ex.getMessage());
            stderr.flush();
            return 2;
        }
        stdout.println();
        stdout.println(result.timeline());
        stdout.print(result.report());
        try
        {
            final List<Path> files = result.write(out);
            stdout.println("wrote " + files);
        }
        catch (final java.io.IOException ex)
        {
            stderr.println("demo: cannot write the results to " + out + ": " + ex.getMessage());
            return 2;
        }
        stdout.flush();
        return result.passed() ? 0 : 1;
    }
}
