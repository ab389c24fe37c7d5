/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fig. 7's setting on real QEMU, scaled down: a 256 MiB guest migrated at a 100 Mbit/s limit through a delay line
 * of 0, 100 and 200 ms one way with a 1 MiB window (a cap of about 84 and 42 Mbit/s). Slow (about
 * two minutes).
 */
@Tag("slow")
class QmpRttSweepTest
{
    private static final int MEMORY_MB = 256;
    private static final int FILL_MB = 192;

    @Test
    void shouldTakeLongerAsTheDelayGrows(@TempDir final Path directory) throws Exception
    {
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        final StringBuilder why = new StringBuilder();
        final Path kernel = DirtyingGuest.build(directory.resolve("build"), why, FILL_MB, 16, 1000);
        assumeTrue(kernel != null, "cannot build the test guest: " + why);
        long previous = 0;
        for (final long delayMs : new long[] {0, 100, 200})
        {
            final long total = migrate(directory.resolve("run-" + delayMs), kernel, delayMs);
            assertTrue(total > previous, "delay " + delayMs + " ms: " + total + " ms after " + previous + " ms");
            previous = total;
        }
    }

    private static long migrate(final Path runDirectory, final Path kernel, final long delayMs) throws Exception
    {
        final LocalQemuLauncher launcher = new LocalQemuLauncher(runDirectory, 20_000);
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        try (QmpHypervisor hypervisor = new QmpHypervisor("src", null, 10_000, 100, true);
            QemuProcess source = launcher.launch("guest", DirtyingGuest.commandLine(kernel, MEMORY_MB), null);
            QemuProcess destination = launcher.launch("guest", DirtyingGuest.commandLine(kernel, MEMORY_MB),
                "tcp:127.0.0.1:" + port);
            DelayLineProxy proxy = new DelayLineProxy(port, delayMs, 1 << 20))
        {
            hypervisor.register("guest", source.qmpAddress(), null, null);
            final String lastPage = Long.toHexString(0x200000L + FILL_MB * 1024L * 1024L - 4096);
            while (!hypervisor.execute("guest", "human-monitor-command",
                QmpClient.arguments().put("command-line", "xp /1wx 0x" + lastPage)).asText().contains("5a5a5a5a"))
            {
                Thread.sleep(100);
            }
            final MigrationResult result = hypervisor.migrate("guest",
                new MigrationTarget("dst", "tcp:127.0.0.1:" + proxy.port()),
                new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).downtimeLimitMs(300)
                    .timeoutMs(300_000).conclude(), null)
                .await(300, TimeUnit.SECONDS);
            System.out.println("one-way delay " + delayMs + " ms, window 1 MiB: " + result);
            assertTrue(result.isCompleted(), result.toString());
            assertTrue(destination.process().isAlive(), "the destination runs the guest");
            return result.statistics().totalTimeMs();
        }
    }
}
