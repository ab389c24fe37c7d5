/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The paper's Table 1 setting on real QEMU: a 1 GiB guest migrated at a 100 Mbit/s limit (about 90 s, so slow).
 */
@Tag("slow")
class QmpLargeGuestTest
{
    private static final int MEMORY_MB = 1024;
    private static final int FILL_MB = 960;
    private static final int HOT_MB = 64;
    private static final int PAGES_PER_SECOND = 1000;

    @Test
    void shouldMigrateAOneGigabyteGuestAtOneHundredMegabits(@TempDir final Path directory) throws Exception
    {
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        final StringBuilder why = new StringBuilder();
        final Path kernel = DirtyingGuest.build(directory.resolve("build"), why, FILL_MB, HOT_MB, PAGES_PER_SECOND);
        assumeTrue(kernel != null, "cannot build the test guest: " + why);

        final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        try (QmpHypervisor hypervisor = new QmpHypervisor("src",
            new LocalQemuLauncher(directory.resolve("run"), 20_000), 10_000, 100, true))
        {
            hypervisor.start("guest", null, DirtyingGuest.commandLine(kernel, MEMORY_MB));
            final String lastPage = Long.toHexString(0x200000L + FILL_MB * 1024L * 1024L - 4096);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!hypervisor.execute("guest", "human-monitor-command",
                QmpClient.arguments().put("command-line", "xp /1wx 0x" + lastPage)).asText().contains("5a5a5a5a"))
            {
                assertTrue(System.nanoTime() < deadline, "the guest did not fill its memory");
                Thread.sleep(100);
            }
            final int port;
            try (ServerSocket socket = new ServerSocket(0))
            {
                port = socket.getLocalPort();
            }
            final MigrationResult result = hypervisor.migrate("guest",
                new MigrationTarget("dst", "tcp:127.0.0.1:" + port),
                new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).downtimeLimitMs(300)
                    .timeoutMs(300_000).conclude(), events::add)
                .await(300, TimeUnit.SECONDS);
            System.out.println("1 GiB guest at 100 Mbit/s: " + result);
            events.forEach((event) -> System.out.println("  " + event));
            assertTrue(result.isCompleted(), result.toString());
            final MigrationStatistics stats = result.statistics();
            assertTrue(stats.bytesTransferred() > FILL_MB * 1024L * 1024L, stats.toString());
            assertTrue(stats.passes() >= 3, stats.toString());
            assertTrue(stats.bandwidthMaxBitsPerSecond() < 150e6, stats.toString());
            assertTrue(stats.bandwidthMeanBitsPerSecond() > 50e6, stats.toString());
            assertEquals(MigrationEventType.COMPLETED, events.get(events.size() - 1).type());
        }
    }
}
