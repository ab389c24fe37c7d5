/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.fmc.controller.FmcController;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code fmc4j testbed}: regenerates the FMC paper's results with real QEMU guests on this machine and user-space
 * link emulation. See {@code samples/README-testbed.md}.
 */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description = "Regenerate the FMC paper's results (Fig. 5-7, Table 1) with QEMU guests and emulated links.",
    subcommands = {
        TestbedCommand.Fig7.class,
        TestbedCommand.Table1.class,
        TestbedCommand.Fig6.class,
        TestbedCommand.Fig5.class,
    })
public final class TestbedCommand
{
    /** Options every experiment has. */
    public static final class Common
    {
        @Option(names = "--runs", description = "Runs per point (default: 3, or 2 with --quick).")
        Integer runs;

        @Option(names = "--quick", description = "Reduced counts and guest size, for CI (about a minute).")
        boolean quick;

        @Option(names = "--out", defaultValue = "testbed-out",
            description = "Directory for CSV, SVG and summary files (default: ${DEFAULT-VALUE}).")
        Path out;

        int runs()
        {
            return runs != null ? runs : quick ? 2 : 3;
        }
    }

    /** The guest and link of the QEMU migration experiments. */
    public static final class MigrationOptions
    {
        @Option(names = "--memory-mib", description = "Guest RAM (default: 256, or 64 with --quick).")
        Integer memoryMib;

        @Option(names = "--fill-mib", description = "MiB the guest fills at boot (default: 192, or 48 with --quick).")
        Integer fillMib;

        @Option(names = "--hot-mib", description = "MiB the guest keeps dirtying (default: 16, or 8 with --quick).")
        Integer hotMib;

        @Option(names = "--dirty-pages-per-s", defaultValue = "1000",
            description = "Pages of the working set dirtied per second (default: ${DEFAULT-VALUE}).")
        int dirtyPagesPerSecond;

        @Option(names = "--mbps", defaultValue = "100",
            description = "QEMU max-bandwidth, Mbit/s (default: ${DEFAULT-VALUE}, as the paper's link).")
        double mbps;

        @Option(names = "--link-mbps", defaultValue = "0",
            description = "Rate the relay paces the link to, Mbit/s, 0 for none (default: ${DEFAULT-VALUE}).")
        double linkMbps;

        @Option(names = "--window-kib", defaultValue = "4096",
            description = "Emulated TCP window, KiB in flight per RTT (default: ${DEFAULT-VALUE}).")
        int windowKib;

        @Option(names = "--downtime-limit-ms", defaultValue = "300",
            description = "QEMU downtime-limit (default: ${DEFAULT-VALUE}).")
        long downtimeLimitMs;

        int memory(final boolean quick)
        {
            return memoryMib != null ? memoryMib : quick ? 64 : 256;
        }

        int fill(final boolean quick)
        {
            return fillMib != null ? fillMib : Math.min(quick ? 48 : 192, memory(quick) - 8);
        }

        int hot(final boolean quick)
        {
            return hotMib != null ? hotMib : Math.min(quick ? 8 : 16, fill(quick));
        }

        String describe(final boolean quick)
        {
            return String.format(Locale.ROOT, "QEMU TCG guest %d MiB RAM, %d MiB filled, %d MiB dirtied at %d " +
                "pages/s; QEMU max-bandwidth %.0f Mbit/s, link %s, window %d KiB, loopback through DelayingTcpRelay",
                memory(quick), fill(quick), hot(quick), dirtyPagesPerSecond, mbps,
                linkMbps > 0 ? String.format(Locale.ROOT, "paced to %.0f Mbit/s", linkMbps) : "not paced",
                windowKib);
        }

        QemuMigrationBench bench(final TestbedGuest guest, final Path runDirectory, final Cleanup cleanup,
            final PrintWriter progress)
        {
            return new QemuMigrationBench(guest, runDirectory, cleanup, progress)
                .bandwidthLimitBitsPerSecond(Math.round(mbps * 1e6))
                .linkRateBitsPerSecond(Math.round(linkMbps * 1e6))
                .windowBytes(windowKib * 1024)
                .downtimeLimitMs(downtimeLimitMs);
        }
    }

    /** Shared steps: guest, run directory, cleanup, runs over a list of RTTs. */
    abstract static class MigrationExperiment implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Mixin
        MigrationOptions migration;

        abstract String label();

        abstract double[] rtts();

        abstract String report(List<MigrationRunResult> runs) throws IOException;

        @Override
        public Integer call()
        {
            return execute(label(), spec, common, (out, cleanup, runDirectory) ->
            {
                final boolean quick = common.quick;
                out.printf("[%s] building the guest (%s)%n", label(), migration.describe(quick));
                out.flush();
                final TestbedGuest guest = TestbedGuest.build(runDirectory.resolve("guest"), migration.memory(quick),
                    migration.fill(quick), migration.hot(quick), migration.dirtyPagesPerSecond);
                final QemuMigrationBench bench = migration.bench(guest, runDirectory, cleanup, out);
                final List<MigrationRunResult> runs = new ArrayList<>();
                final double[] rtts = rtts();
                final int total = rtts.length * common.runs();
                for (int r = 1; r <= common.runs(); r++)
                {
                    for (final double rtt : rtts)
                    {
                        out.printf(Locale.ROOT, "[%s] %d/%d: RTT %.1f ms, run %d%n", label(), runs.size() + 1,
                            total, rtt, r);
                        out.flush();
                        final MigrationRunResult run = bench.migrate(rtt, r);
                        runs.add(run);
                        out.println(run.completed() ? String.format(Locale.ROOT,
                            "[%s]    completed: %.2f s, downtime %.0f ms, %.0f passes, %.1f MB, bandwidth " +
                            "min/mean/max %.1f/%.1f/%.1f Mbit/s", label(), run.totalMs() / 1000, run.downtimeMs(),
                            run.passes(), run.bytes() / 1e6, run.bandwidthMinMbps(), run.bandwidthMeanMbps(),
                            run.bandwidthMaxMbps()) : "[" + label() + "]    FAILED: " + run.reason());
                        out.flush();
                    }
                }
                out.println();
                out.print(report(runs));
                int failed = 0;
                for (final MigrationRunResult run : runs)
                {
                    failed += run.completed() ? 0 : 1;
                }
                return failed;
            });
        }
    }

    /** The body of an experiment. */
    @FunctionalInterface
    interface Body
    {
        /**
         * Runs the experiment.
         *
         * @param out          progress and summary.
         * @param cleanup      registry of what it starts.
         * @param runDirectory a short temporary directory for sockets, logs and the guest.
         * @return the number of failed runs.
         * @throws TestbedException     when it cannot run here.
         * @throws IOException          when an output cannot be written.
         * @throws InterruptedException when interrupted.
         */
        int run(PrintWriter out, Cleanup cleanup, Path runDirectory)
            throws TestbedException, IOException, InterruptedException;
    }

    /**
     * Runs an experiment: a temporary run directory, a {@link Cleanup} (with its shutdown hook), and errors as one
     * line on stderr instead of a stack trace.
     *
     * @return 0 when every run completed, 3 when some failed (their reasons are in the CSV), 1 when the experiment
     *     cannot run, 130 when interrupted.
     */
    static int execute(final String label, final CommandSpec spec, final Common common, final Body body)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        Path runDirectory = null;
        try (Cleanup cleanup = new Cleanup())
        {
            if (common.runs() < 1)
            {
                throw new TestbedException("--runs must be at least 1");
            }
            runDirectory = Files.createTempDirectory("fmc4j-tb");
            final int failed = body.run(out, cleanup, runDirectory);
            out.printf("[%s] wrote %s%n", label, common.out.toAbsolutePath());
            out.flush();
            return failed == 0 ? 0 : 3;
        }
        catch (final TestbedException ex)
        {
            err.println("fmc4j testbed " + label + ": error: " + ex.getMessage());
            err.flush();
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("fmc4j testbed " + label + ": error: " + ex);
            err.flush();
            return 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            err.println("fmc4j testbed " + label + ": interrupted");
            err.flush();
            return 130;
        }
        finally
        {
            deleteQuietly(runDirectory);
        }
    }

    /** Fig. 6: downtime vs controller-DC RTT, controller in the loop. */
    @Command(name = "fig6", mixinStandardHelpOptions = true,
        description = "Downtime vs RTT between the FMC controller and the target DC, two xTR RTT cases " +
            "(the paper's Fig. 6).")
    public static final class Fig6 implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--dc-rtt-ms", split = ",",
            description = "Controller-DC2 RTTs, ms (default: 10,25,50,75,100, or 10,100 with --quick).")
        double[] dcRttMs;

        @Option(names = "--inter-dc-rtt-ms", defaultValue = "10",
            description = "RTT of the migration link, ms (default: ${DEFAULT-VALUE}).")
        double interDcRttMs;

        @Option(names = "--switchover", defaultValue = "completed",
            description = "When the controller re-maps the EID: completed (the paper's prototype) or source-paused " +
                "(fmc4j's default) (default: ${DEFAULT-VALUE}).")
        String switchover;

        @Option(names = "--memory-mib", description = "Guest RAM (default: 64, or 32 with --quick).")
        Integer memoryMib;

        @Override
        public Integer call()
        {
            return execute("fig6", spec, common, (out, cleanup, runDirectory) ->
            {
                final int trigger = switchover(switchover);
                final int memory = memoryMib != null ? memoryMib : common.quick ? 32 : 64;
                final int fill = Math.max(1, memory / 2);
                final int hot = Math.max(1, Math.min(8, fill / 2));
                final String settings = String.format(Locale.ROOT, "QEMU TCG guest %d MiB (%d MiB filled, %d MiB " +
                    "dirtied at 1000 pages/s), ", memory, fill, hot) + Fig6Bench.describe(interDcRttMs, trigger);
                out.printf("[fig6] building the guest (%s)%n", settings);
                out.flush();
                final TestbedGuest guest = TestbedGuest.build(runDirectory.resolve("guest"), memory, fill, hot, 1000);
                final Fig6Bench bench = new Fig6Bench(guest, runDirectory, cleanup, out, interDcRttMs, trigger);
                final double[] rtts = dcRttMs != null ? dcRttMs :
                    common.quick ? new double[] {10, 100} : new double[] {10, 25, 50, 75, 100};
                final String[] cases = {"case 1", "case 2"};
                final double[][] xtrRtts = {{100, 10}, {50, 50}};
                final List<DowntimeRunResult> runs = new ArrayList<>();
                final int total = rtts.length * common.runs() * cases.length;
                for (int r = 1; r <= common.runs(); r++)
                {
                    for (int c = 0; c < cases.length; c++)
                    {
                        for (final double rtt : rtts)
                        {
                            out.printf(Locale.ROOT, "[fig6] %d/%d: %s (controller-xTR1 %.0f ms, controller-xTR2 " +
                                "%.0f ms), controller-DC2 %.0f ms, run %d%n", runs.size() + 1, total, cases[c],
                                xtrRtts[c][0], xtrRtts[c][1], rtt, r);
                            out.flush();
                            final DowntimeRunResult run = bench.migrate(cases[c], xtrRtts[c][0], xtrRtts[c][1], rtt, r);
                            runs.add(run);
                            out.println(run.completed() ? String.format(Locale.ROOT,
                                "[fig6]    downtime seen by the prober %.1f ms = DC part (pause to resume) %.1f ms " +
                                "+ control part %.1f ms (model %.0f ms)", run.observedDowntimeMs(),
                                run.pauseToResumeMs(), run.observedDowntimeMs() - run.pauseToResumeMs(),
                                run.modelDowntimeMs()) :
                                "[fig6]    FAILED: " + run.reason());
                            out.flush();
                        }
                    }
                }
                out.println();
                out.print(DowntimeReports.fig6(runs, common.out, settings));
                int failed = 0;
                for (final DowntimeRunResult run : runs)
                {
                    failed += run.completed() ? 0 : 1;
                }
                return failed;
            });
        }
    }

    /** Fig. 5: RTT user-service over a migration, in network namespaces. */
    @Command(name = "fig5", mixinStandardHelpOptions = true,
        description = "RTT between a mobile user and its service across a move and a migration, through TUN xTRs " +
            "in network namespaces (the paper's Fig. 5; needs root).")
    public static final class Fig5 implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Option(names = "--quick", description = "Short phases and a small guest, for CI (under a minute).")
        boolean quick;

        @Option(names = "--out", defaultValue = "testbed-out",
            description = "Directory for fig5.csv, fig5.svg and fig5-summary.txt (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--before-move-s", description = "Seconds of pings before the move (default: 20, or 5 " +
            "with --quick).")
        Double beforeMoveS;

        @Option(names = "--after-s", description = "Seconds of pings after the migration (default: 15, or 4 " +
            "with --quick).")
        Double afterS;

        @Option(names = "--memory-mib", description = "Guest RAM (default: 256, or 32 with --quick).")
        Integer memoryMib;

        @Option(names = "--inter-dc-rtt-ms", defaultValue = "10",
            description = "RTT of the migration link, ms (default: ${DEFAULT-VALUE}).")
        double interDcRttMs;

        @Option(names = "--switchover", defaultValue = "completed",
            description = "When the controller re-maps the EID: completed (the paper's prototype) or source-paused " +
                "(fmc4j's default) (default: ${DEFAULT-VALUE}).")
        String switchover;

        @Override
        public Integer call()
        {
            final Common common = new Common();
            common.quick = quick;
            common.out = out;
            return execute("fig5", spec, common, (progress, cleanup, runDirectory) ->
            {
                final int trigger = switchover(switchover);
                Fig5Bench.requireEnvironment();
                final int memory = memoryMib != null ? memoryMib : quick ? 32 : 256;
                if (memory < 16)
                {
                    throw new TestbedException("--memory-mib must be at least 16");
                }
                final int fill = memory * 3 / 4;
                final int hot = Math.max(1, Math.min(16, fill / 4));
                final Fig5Bench.Settings settings = new Fig5Bench.Settings(
                    beforeMoveS != null ? beforeMoveS : quick ? 5 : 20, afterS != null ? afterS : quick ? 4 : 15,
                    memory, fill, hot, interDcRttMs, trigger);
                if (settings.beforeMoveS() < 1 || settings.afterMoveS() < 1)
                {
                    throw new TestbedException("--before-move-s and --after-s must be at least 1");
                }
                progress.printf("[fig5] building the guest (%s)%n", settings.describe());
                progress.flush();
                final TestbedGuest guest = TestbedGuest.build(runDirectory.resolve("guest"), memory, fill, hot, 1000);
                final Fig5Result result = new Fig5Bench(settings, runDirectory, cleanup, progress).run(guest);
                progress.println();
                progress.print(result.write(out));
                progress.flush();
                return result.failedChecks().isEmpty() ? 0 : 1;
            });
        }
    }

    /** Fig. 7: migration duration vs inter-DC RTT. */
    @Command(name = "fig7", mixinStandardHelpOptions = true,
        description = "Migration duration vs inter-DC RTT at a 100 Mbit/s limit (the paper's Fig. 7).")
    public static final class Fig7 extends MigrationExperiment
    {
        @Option(names = "--rtt-ms", split = ",",
            description = "Inter-DC RTTs, ms (default: 1,5,10,25,50,100, or 1,100 with --quick).")
        double[] rttMs;

        @Override
        String label()
        {
            return "fig7";
        }

        @Override
        double[] rtts()
        {
            return rttMs != null ? rttMs : common.quick ? new double[] {1, 100} : new double[] {1, 5, 10, 25, 50, 100};
        }

        @Override
        String report(final List<MigrationRunResult> runs) throws IOException
        {
            return MigrationReports.fig7(runs, common.out, migration.describe(common.quick));
        }
    }

    /** Table 1: bandwidth used by a migration. */
    @Command(name = "table1", mixinStandardHelpOptions = true,
        description = "Bandwidth used by a migration, max/mean/min, at 10 ms RTT (the paper's Table 1).")
    public static final class Table1 extends MigrationExperiment
    {
        @Option(names = "--rtt-ms", defaultValue = "10", description = "Inter-DC RTT, ms (default: ${DEFAULT-VALUE}).")
        double rttMs;

        @Override
        String label()
        {
            return "table1";
        }

        @Override
        double[] rtts()
        {
            return new double[] {rttMs};
        }

        @Override
        String report(final List<MigrationRunResult> runs) throws IOException
        {
            return MigrationReports.table1(runs, common.out, migration.describe(common.quick) +
                String.format(Locale.ROOT, ", RTT %.0f ms", rttMs));
        }
    }

    static int switchover(final String name) throws TestbedException
    {
        switch (name)
        {
            case "completed":
                return FmcController.SWITCHOVER_ON_COMPLETED;
            case "source-paused":
                return FmcController.SWITCHOVER_ON_SOURCE_PAUSED;
            default:
                throw new TestbedException("--switchover must be completed or source-paused, not " + name);
        }
    }

    static void deleteQuietly(final Path directory)
    {
        if (directory == null || !Files.exists(directory))
        {
            return;
        }
        try
        {
            Files.walkFileTree(directory, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException ex) throws IOException
                {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ignore)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
