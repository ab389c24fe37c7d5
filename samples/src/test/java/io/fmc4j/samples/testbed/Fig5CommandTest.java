/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.samples.cli.Fmc4j;
import io.fmc4j.spi.dataplane.tun.TunPacketIoProvider;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisorProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code fmc4j testbed fig5 --quick} end to end: namespaces, four {@code fmc4j xtr} processes with TUN devices,
 * pings, the user's move, the controller's QEMU migration. Needs root, {@code ip}, {@code ping}, the TUN backend,
 * QEMU and binutils; skips with the reason otherwise. The SIGTERM test (about 20 s) is tagged slow ({@code -Pslow}).
 */
class Fig5CommandTest
{
    private final StringWriter out = new StringWriter();

    private int run(final String... args)
    {
        return new CommandLine(new Fmc4j()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
    }

    @Test
    void shouldPingThroughTheXtrsAcrossTheMoveAndTheMigration(@TempDir final Path dir) throws Exception
    {
        assumeTrue(isRoot(), "fig5 needs root (network namespaces, veth links, TUN devices)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "fig5 needs ip (iproute2)");
        assumeTrue(QmpHypervisorProvider.findOnPath("ping") != null, "fig5 needs ping (iputils-ping)");
        final Throwable tun = new TunPacketIoProvider().unavailabilityCause();
        assumeTrue(tun == null, () -> "TUN backend unavailable: " + tun.getMessage());
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        assumeTrue(QmpHypervisorProvider.findOnPath("as") != null && QmpHypervisorProvider.findOnPath("ld") != null,
            "GNU as/ld not installed (apt-get install binutils)");

        final Path outDir = dir.resolve("out");
        final int exit = run("testbed", "fig5", "--quick", "--before-move-s", "4", "--after-s", "3", "--out",
            outDir.toString());
        final String text = out.toString();
        assertEquals(0, exit, text);
        assertTrue(text.contains("the user moves from subnet 1 (a1) to subnet 2 (a2)"), text);
        assertTrue(text.contains("controller tells dc2's xTR: promote 10.100.0.5/32 1 100"), text);
        assertTrue(text.contains("checks: all passed"), text);

        // The RTT phases from the CSV: before the move (DC1), after it until DC2 answers, and DC2's.
        final List<String> rows = Files.readAllLines(outDir.resolve("fig5.csv"));
        final List<Double> before = new ArrayList<>();
        final List<Double> afterMove = new ArrayList<>();
        final List<Double> dc2 = new ArrayList<>();
        boolean dc1AfterDc2 = false;
        boolean lostSeen = false;
        for (final String row : rows.subList(1, rows.size()))
        {
            final String[] cells = row.split(",");
            if ("lost".equals(cells[3]))
            {
                lostSeen |= !before.isEmpty();
                continue;
            }
            final double rtt = Double.parseDouble(cells[2]);
            if ("dc2".equals(cells[3]))
            {
                dc2.add(rtt);
            }
            else if (!dc2.isEmpty())
            {
                dc1AfterDc2 = true;
            }
            else if (rtt > 100 || !afterMove.isEmpty())
            {
                afterMove.add(rtt);
            }
            else
            {
                before.add(rtt);
            }
        }
        assertFalse(dc1AfterDc2, "once DC2 answers, DC1 does not any more");
        assertTrue(before.size() >= 20, "pings answered before the move: " + before.size());
        assertTrue(dc2.size() >= 10, "pings answered by DC2 after the migration: " + dc2.size());
        assertFalse(afterMove.isEmpty(), "pings answered by DC1 after the move");
        final double medianBefore = median(before);
        final double medianAfter = median(afterMove);
        final double medianDc2 = median(dc2);
        assertTrue(medianBefore < medianAfter && medianDc2 < medianAfter,
            "before " + medianBefore + " < after the move " + medianAfter + " > DC2 " + medianDc2);
        assertTrue(medianBefore >= 12 && medianAfter >= 250 && medianDc2 >= 3,
            "each RTT at least the emulated one: " + medianBefore + ", " + medianAfter + ", " + medianDc2);
        final String summary = Files.readString(outDir.resolve("fig5-summary.txt"));
        assertTrue(summary.contains("| VM's EID mapped to (Map-Server, at the end)") &&
            summary.contains("| dc2; guest: running at dc2"), summary);
        assertTrue(Files.readString(outDir.resolve("fig5.svg")).startsWith("<svg"));
        System.out.println(summary + (lostSeen ? "" : "(no ping lost after the first answer)"));

        final String prefix = "fmc4j-f5-" + new Fig5Topology(ProcessHandle.current().pid()).id() + "-";
        assertFalse(Fig5Bench.run(10, "/usr/sbin/ip", "netns", "list").contains(prefix),
            "every namespace of the run is gone");
        assertFalse(Fig5Bench.run(10, "/usr/sbin/ip", "link", "show").contains(
            new Fig5Topology(ProcessHandle.current().pid()).bridge() + ":"), "the bridge is gone");
    }

    @Test
    @Tag("slow")
    void shouldRemoveEveryNamespaceAndProcessWhenTerminated(@TempDir final Path dir) throws Exception
    {
        assumeTrue(isRoot(), "fig5 needs root (network namespaces, veth links, TUN devices)");
        assumeTrue(new TunPacketIoProvider().unavailabilityCause() == null, "TUN backend unavailable");
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        assumeTrue(QmpHypervisorProvider.findOnPath("as") != null,
            "GNU as/ld not installed (apt-get install binutils)");
        final Process process = new ProcessBuilder(javaCommand("testbed", "fig5", "--quick", "--before-move-s", "60",
            "--out", dir.toString())).redirectErrorStream(true).start();
        final StringBuilder output = new StringBuilder();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    synchronized (output)
                    {
                        output.append(line).append('\n');
                    }
                }
            }
            catch (final IOException ignore)
            {
                // The process ended.
            }
        });
        reader.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean pinging = false;
        while (!pinging && System.nanoTime() < deadline && process.isAlive())
        {
            Thread.sleep(100);
            synchronized (output)
            {
                pinging = output.indexOf("first echo reply") >= 0;
            }
        }
        assertTrue(pinging, "the run reached its pings: " + output);
        final List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        assertTrue(children.size() >= 6, "four xTRs, QEMU and ping run: " + children.size());
        final String prefix = "fmc4j-f5-" + new Fig5Topology(process.pid()).id() + "-";
        assertTrue(Fig5Bench.run(10, "/usr/sbin/ip", "netns", "list").contains(prefix));
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends on SIGTERM: " + output);
        reader.join(5_000);
        for (final ProcessHandle child : children)
        {
            assertTrue(child.onExit().toCompletableFuture().completeOnTimeout(null, 15, TimeUnit.SECONDS)
                .thenApply((ignored) -> !child.isAlive()).get(),
                child.info().commandLine().orElse("?") + " was stopped: " + output);
        }
        assertFalse(Fig5Bench.run(10, "/usr/sbin/ip", "netns", "list").contains(prefix),
            "every namespace of the run is gone: " + output);
        assertFalse(Fig5Bench.run(10, "/usr/sbin/ip", "link", "show").contains(
            new Fig5Topology(process.pid()).bridge() + ":"), "the bridge is gone");
    }

    @Test
    void shouldSayWhatIsMissingInOneLine(@TempDir final Path dir) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(javaCommand("testbed", "fig5", "--quick", "--out",
            dir.toString())).redirectErrorStream(true);
        builder.environment().put("PATH", dir.toString());
        final Process process = builder.start();
        final String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), text);
        assertTrue(text.startsWith("fmc4j testbed fig5: error: "), text);
        assertTrue(text.contains("not found") || text.contains("needs root"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }

    private static List<String> javaCommand(final String... args)
    {
        final List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle."))
            {
                argv.add(flag);
            }
        }
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Fmc4j.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static double median(final List<Double> values)
    {
        final List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static boolean isRoot()
    {
        try
        {
            return "0".equals(Fig5Bench.run(10, "id", "-u").trim());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
