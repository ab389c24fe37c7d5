/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.samples.cli.Fmc4j;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TestbedCommandTest
{
    private final StringWriter out = new StringWriter();

    private int run(final String... args)
    {
        return new CommandLine(new Fmc4j()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
    }

    private static void assumeQemuAndBinutils()
    {
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        assumeTrue(QmpHypervisorProvider.findOnPath("as") != null && QmpHypervisorProvider.findOnPath("ld") != null,
            "GNU as/ld not installed (apt-get install binutils)");
    }

    private static double[] column(final Path csv, final String name) throws Exception
    {
        final List<String> lines = Files.readAllLines(csv);
        final List<String> header = List.of(lines.get(0).split(","));
        final int index = header.indexOf(name);
        assertTrue(index >= 0, name + " in " + header);
        final double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++)
        {
            values[i - 1] = Double.parseDouble(lines.get(i).split(",")[index]);
        }
        return values;
    }

    @Test
    void shouldRegenerateFig7AndTable1QuicklyWithRealQemu(@TempDir final Path dir) throws Exception
    {
        assumeQemuAndBinutils();
        final Path outDir = dir.resolve("out");
        assertEquals(0, run("testbed", "fig7", "--quick", "--out", outDir.toString()), out.toString());
        final String text = out.toString();
        assertTrue(text.contains("[fig7] 4/4: RTT 100.0 ms, run 2"), "progress lines: " + text);
        assertTrue(text.contains("practically independent"), "the paper's Fig. 7 beside ours: " + text);
        final Path fig7 = outDir.resolve("fig7.csv");
        final double[] rtt = column(fig7, "rtt_ms");
        final double[] duration = column(fig7, "duration_mean_s");
        final double[] pauseToResume = column(fig7, "pause_to_resume_mean_ms");
        assertEquals(2, rtt.length);
        assertEquals(0, column(fig7, "failed")[0] + column(fig7, "failed")[1]);
        assertTrue(duration[1] >= duration[0] * 0.9,
            "duration does not shrink with RTT beyond noise: " + duration[0] + " s at 1 ms, " + duration[1] + " s");
        assertTrue(duration[0] > 1 && duration[1] < 60, "48 MiB at 100 Mbit/s takes seconds: " + text);
        assertTrue(pauseToResume[1] >= 50, "the last bytes cross the link's one-way delay of 50 ms: " + text);
        assertTrue(Files.readString(outDir.resolve("fig7.svg")).startsWith("<svg"));
        assertTrue(Files.exists(outDir.resolve("fig7-summary.txt")));

        out.getBuffer().setLength(0);
        assertEquals(0, run("testbed", "table1", "--quick", "--out", outDir.toString()), out.toString());
        final String table = out.toString();
        assertTrue(table.contains("paper (1 GiB VM, KVM, 10 ms)       92.938     86.335     68.449"), table);
        final double[] mean = column(outDir.resolve("table1.csv"), "mean_mbps");
        assertTrue(mean[1] > 30 && mean[1] < 100 * 1.15,
            "mean bandwidth below the 100 Mbit/s limit plus 15 % for QEMU's limiter: " + table);
        final double[] min = column(outDir.resolve("table1.csv"), "min_mbps");
        final double[] max = column(outDir.resolve("table1.csv"), "max_mbps");
        assertTrue(min[1] <= mean[1] && mean[1] <= max[1], table);
    }

    @Test
    void shouldRegenerateFig6QuicklyWithTheControllerAndRealQemu(@TempDir final Path dir) throws Exception
    {
        assumeQemuAndBinutils();
        final Path outDir = dir.resolve("out");
        assertEquals(0, run("testbed", "fig6", "--quick", "--runs", "1", "--out", outDir.toString()), out.toString());
        final String text = out.toString();
        assertTrue(text.contains("mapping-promoted") && text.contains("observed downtime"), "timelines: " + text);
        final Path runs = outDir.resolve("fig6-runs.csv");
        final double[] dcRtt = column(runs, "dc_rtt_ms");
        final double[] xtr2Rtt = column(runs, "xtr2_rtt_ms");
        final double[] downtime = column(runs, "observed_downtime_ms");
        assertEquals(4, downtime.length, "two cases, two controller-DC RTTs");
        for (int i = 0; i < downtime.length; i++)
        {
            final double model = dcRtt[i] / 2 + xtr2Rtt[i];
            assertTrue(downtime[i] >= model && downtime[i] < model + 2_000, "run " + i + ": the outage lasts at " +
                "least until the completion report and the xTR2 registration have crossed their RTTs (" + model +
                " ms): " + downtime[i] + " ms\n" + text);
        }
        assertTrue(Files.readString(outDir.resolve("fig6.svg")).contains("case 2"));
    }

    @Test
    void shouldRejectBadCountsWithAMessageNotAStackTrace()
    {
        assertEquals(1, run("testbed", "table1", "--runs", "0"));
        assertTrue(out.toString().contains("fmc4j testbed table1: error: --runs must be at least 1"), out.toString());
        assertFalse(out.toString().contains("Exception"), out.toString());
    }

    @Test
    void shouldRejectAnUnknownSwitchover()
    {
        assertEquals(1, run("testbed", "fig6", "--switchover", "later"));
        assertTrue(out.toString().contains("--switchover must be completed or source-paused, not later"),
            out.toString());
    }

    @Test
    void shouldRejectABadGuestShape(@TempDir final Path dir)
    {
        final TestbedException ex = org.junit.jupiter.api.Assertions.assertThrows(TestbedException.class,
            () -> TestbedGuest.build(dir, 64, 80, 8, 1000));
        assertTrue(ex.getMessage().contains("bad guest shape"), ex.getMessage());
    }

    @Test
    void shouldStopEveryQemuItStartedWhenInterrupted(@TempDir final Path dir) throws Exception
    {
        assumeQemuAndBinutils();
        final Process process = new ProcessBuilder(javaCommand("testbed", "table1", "--quick", "--runs", "1",
            "--memory-mib", "256", "--fill-mib", "200", "--out", dir.toString())).redirectErrorStream(true).start();
        final StringBuilder output = new StringBuilder();
        final Thread reader = new Thread(() ->
        {
            try
            {
                final byte[] buffer = new byte[4096];
                int n;
                while ((n = process.getInputStream().read(buffer)) > 0)
                {
                    synchronized (output)
                    {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
            catch (final java.io.IOException ignore)
            {
                // The process ended.
            }
        });
        reader.start();
        List<ProcessHandle> children = List.of();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            synchronized (output)
            {
                if (output.indexOf("pass 1") >= 0)
                {
                    break;
                }
            }
            Thread.sleep(50);
        }
        children = process.descendants().filter((p) -> p.info().command().orElse("").contains("qemu"))
            .collect(java.util.stream.Collectors.toList());
        assertEquals(2, children.size(), "source and destination QEMU run: " + output);
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command ends on SIGTERM");
        reader.join(5_000);
        for (final ProcessHandle child : children)
        {
            assertTrue(child.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS)
                .thenApply((ignored) -> !child.isAlive()).get(), "QEMU " + child.pid() + " was stopped: " + output);
        }
    }

    private static List<String> javaCommand(final String... args)
    {
        final List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-"))
            {
                argv.add(flag);
            }
        }
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Fmc4j.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    @Test
    void shouldSayWhatToInstallWhenQemuIsMissing(@TempDir final Path dir) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(javaCommand("testbed", "fig7", "--quick", "--out",
            dir.toString())).redirectErrorStream(true);
        builder.environment().put("PATH", dir.toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("qemu-system-x86_64 not found on PATH") &&
            output.contains("apt-get install qemu-system-x86"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }
}
