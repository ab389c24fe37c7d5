/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Live migration between two real QEMU processes (TCG) over loopback TCP, with a guest that keeps dirtying memory.
 */
class QmpHypervisorTest
{
    private static final long MIB = 1024L * 1024L;

    @TempDir
    static Path buildDirectory;
    private static Path kernel;

    @TempDir
    Path runDirectory;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildGuest() throws Exception
    {
        assumeTrue(QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) != null,
            "qemu-system-x86_64 not installed (apt-get install qemu-system-x86): QEMU migration tests skipped");
        final StringBuilder why = new StringBuilder();
        kernel = DirtyingGuest.build(buildDirectory, why);
        assumeTrue(kernel != null, "cannot build the test guest: " + why);
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final AutoCloseable closeable : cleanup)
        {
            closeable.close();
        }
    }

    private QmpHypervisor hypervisor(final boolean launchDestinations)
    {
        final LocalQemuLauncher launcher = new LocalQemuLauncher(runDirectory, 10_000);
        final QmpHypervisor hypervisor = new QmpHypervisor("src", launchDestinations ? launcher : null, 5_000, 100,
            false);
        cleanup.add(hypervisor);
        return hypervisor;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static MigrationParameters parameters(final long mbitPerSecond)
    {
        return new MigrationParameters().bandwidthLimitBitsPerSecond(mbitPerSecond * 1_000_000L).downtimeLimitMs(50)
            .timeoutMs(60_000).conclude();
    }

    /** Wait until the guest has written the last page of its fill region (read through HMP {@code xp}). */
    private static void awaitGuestFilled(final QmpHypervisor hypervisor) throws Exception
    {
        final long lastPage = 0x200000L + DirtyingGuest.FILL_MB * MIB - 4096;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline)
        {
            text = hypervisor.execute("guest", "human-monitor-command", QmpClient.arguments()
                .put("command-line", "xp /1wx 0x" + Long.toHexString(lastPage))).asText();
            if (text.contains("5a5a5a5a"))
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the guest did not fill its memory: " + text);
    }

    @Test
    void shouldMigrateADirtyingGuestInSeveralPassesWithEventsInOrder() throws Exception
    {
        final QmpHypervisor hypervisor = hypervisor(true);
        final QemuProcess source = hypervisor.start("guest", "10.1.0.5/32", DirtyingGuest.commandLine(kernel));
        cleanup.add(source);
        awaitGuestFilled(hypervisor);
        final VmInfo before = hypervisor.describe("guest");
        assertEquals(VmState.RUNNING, before.state());
        assertEquals(DirtyingGuest.MEMORY_MB * MIB, before.memoryBytes());
        assertEquals("10.1.0.5/32", before.eid());

        final MigrationHandle handle = hypervisor.migrate("guest",
            new MigrationTarget("dst", "tcp:127.0.0.1:" + freePort()), parameters(256), events::add);
        final MigrationResult result = handle.await(60, TimeUnit.SECONDS);
        System.out.println("QMP migration: " + result);
        events.forEach((event) -> System.out.println("  " + event));
        assertTrue(result.isCompleted(), result + " events " + events);
        assertEquals("dst", result.runningOn());

        final int[] types = events.stream().mapToInt(MigrationEvent::type).toArray();
        final int n = types.length;
        assertEquals(MigrationEventType.STARTED, types[0]);
        assertEquals(MigrationEventType.COMPLETED, types[n - 1]);
        assertEquals(MigrationEventType.DESTINATION_RESUMED, types[n - 2]);
        int paused = -1;
        int lastPass = 0;
        for (int i = 1; i < n; i++)
        {
            final MigrationEvent event = events.get(i);
            assertTrue(event.timeNanos() >= events.get(i - 1).timeNanos(), "time goes back: " + events);
            if (event.type() == MigrationEventType.PASS)
            {
                assertEquals(lastPass + 1, event.pass(), "pass numbers " + events);
                lastPass = event.pass();
            }
            else if (event.type() == MigrationEventType.SOURCE_PAUSED)
            {
                paused = i;
            }
        }
        assertTrue(paused > 1 && paused < n - 2, "source paused before the end: " + events);
        assertTrue(lastPass >= 3, "several passes expected: " + events);
        assertTrue(events.get(1).type() == MigrationEventType.PASS);
        assertTrue(events.get(2).dirtyPages() > 0 || events.get(2).type() != MigrationEventType.PASS,
            "pass 2 resends dirtied pages: " + events);

        final MigrationStatistics stats = result.statistics();
        final JsonNode finalStatus = ((QmpMigration)handle).finalStatus();
        assertNotNull(finalStatus);
        assertEquals(finalStatus.path("total-time").asLong(), stats.totalTimeMs());
        assertEquals(finalStatus.path("downtime").asLong(), stats.downtimeMs());
        assertEquals(finalStatus.path("setup-time").asLong(), stats.setupTimeMs());
        assertEquals(finalStatus.path("ram").path("transferred").asLong(), stats.bytesTransferred());
        assertEquals(lastPass, stats.passes());
        assertTrue(stats.bytesTransferred() > DirtyingGuest.FILL_MB * MIB, stats.toString());
        assertTrue(stats.bandwidthMinBitsPerSecond() <= stats.bandwidthMeanBitsPerSecond() * 1.01, stats.toString());
        assertTrue(stats.bandwidthMeanBitsPerSecond() <= stats.bandwidthMaxBitsPerSecond() * 1.01, stats.toString());
        assertTrue(stats.bandwidthMaxBitsPerSecond() < 256e6 * 1.5, "the limit holds: " + stats);

        // The source QEMU is kept (quitSource=false) and its monitor released: ask it directly.
        try (QmpClient client = QmpClient.connect("unix:" + runDirectory.resolve(
            source.qmpAddress().substring("unix:".length())).toString(), 5_000))
        {
            final JsonNode status = client.execute("query-migrate", null, 5_000);
            assertEquals("completed", status.path("status").asText());
            assertEquals(stats.totalTimeMs(), status.path("total-time").asLong());
            assertEquals(stats.bytesTransferred(), status.path("ram").path("transferred").asLong());
            assertEquals("postmigrate", client.execute("query-status", null, 5_000).path("status").asText());
        }
        final VmInfo after = hypervisor.describe("guest");
        assertEquals(VmState.RUNNING, after.state());
        assertEquals("dst", after.host());
    }

    @Test
    void shouldFailCleanlyWhenTheDestinationRefusesAndKeepTheSourceRunning() throws Exception
    {
        final QemuProcess source = new LocalQemuLauncher(runDirectory, 10_000)
            .launch("guest", DirtyingGuest.commandLine(kernel), null);
        cleanup.add(source);
        final QmpHypervisor hypervisor = hypervisor(false).register("guest", source.qmpAddress(), null, null);
        final MigrationResult result = hypervisor.migrate("guest",
            new MigrationTarget("dst", "tcp:127.0.0.1:" + freePort()), parameters(256), events::add)
            .await(30, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome(), result.toString());
        assertEquals("src", result.runningOn());
        assertTrue(result.reason().toLowerCase().contains("refused"), result.reason());
        assertEquals(MigrationEventType.FAILED, events.get(events.size() - 1).type());
        assertFalse(events.stream().anyMatch((e) -> e.type() == MigrationEventType.SOURCE_PAUSED));
        assertEquals(VmState.RUNNING, hypervisor.describe("guest").state());
        assertTrue(source.process().isAlive());
    }

    @Test
    void shouldCancelAMigrationAndKeepTheSourceRunning() throws Exception
    {
        final QmpHypervisor hypervisor = hypervisor(true);
        cleanup.add(hypervisor.start("guest", null, DirtyingGuest.commandLine(kernel)));
        awaitGuestFilled(hypervisor);
        final CountDownLatch firstPass = new CountDownLatch(1);
        final MigrationHandle handle = hypervisor.migrate("guest",
            new MigrationTarget("dst", "tcp:127.0.0.1:" + freePort()), parameters(16), (event) ->
            {
                events.add(event);
                if (event.type() == MigrationEventType.PASS)
                {
                    firstPass.countDown();
                }
            });
        assertTrue(firstPass.await(20, TimeUnit.SECONDS), "no pass started: " + events);
        assertTrue(handle.cancel());
        final MigrationResult result = handle.await(20, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.CANCELLED, result.outcome(), result.toString());
        assertEquals("src", result.runningOn());
        assertEquals(MigrationEventType.CANCELLED, events.get(events.size() - 1).type());
        final VmInfo info = hypervisor.describe("guest");
        assertEquals(VmState.RUNNING, info.state());
        assertEquals("src", info.host());
        assertTrue(result.statistics().bytesTransferred() < DirtyingGuest.FILL_MB * MIB, result.toString());
    }

    private static ProcessHandle qemuChild(final String argument)
    {
        return ProcessHandle.current().descendants()
            .filter((process) -> process.info().arguments().map((args) -> List.of(args).contains(argument))
                .orElse(false))
            .findFirst().orElseThrow(() -> new AssertionError("no QEMU child with " + argument));
    }

    private MigrationHandle migrateSlowly(final QmpHypervisor hypervisor, final CountDownLatch firstPass)
        throws Exception
    {
        return hypervisor.migrate("guest", new MigrationTarget("dst", "tcp:127.0.0.1:" + freePort()), parameters(16),
            (event) ->
            {
                events.add(event);
                if (event.type() == MigrationEventType.PASS)
                {
                    firstPass.countDown();
                }
            });
    }

    @Test
    void shouldFailCleanlyWhenTheDestinationDiesMidMigration() throws Exception
    {
        final QmpHypervisor hypervisor = hypervisor(true);
        cleanup.add(hypervisor.start("guest", null, DirtyingGuest.commandLine(kernel)));
        awaitGuestFilled(hypervisor);
        final CountDownLatch firstPass = new CountDownLatch(1);
        final MigrationHandle handle = migrateSlowly(hypervisor, firstPass);
        assertTrue(firstPass.await(20, TimeUnit.SECONDS), "no pass started: " + events);
        qemuChild("-incoming").destroyForcibly();
        final MigrationResult result = handle.await(30, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome(), result.toString());
        assertEquals("src", result.runningOn());
        assertTrue(result.reason().startsWith("QEMU: "), result.reason());
        assertEquals(VmState.RUNNING, hypervisor.describe("guest").state());
        assertEquals("src", hypervisor.describe("guest").host());
    }

    @Test
    void shouldSayWhereTheVmRunsIsUnknownWhenTheSourceDiesMidMigration() throws Exception
    {
        final QmpHypervisor hypervisor = hypervisor(true);
        final QemuProcess source = hypervisor.start("guest", null, DirtyingGuest.commandLine(kernel));
        cleanup.add(source);
        awaitGuestFilled(hypervisor);
        final CountDownLatch firstPass = new CountDownLatch(1);
        final MigrationHandle handle = migrateSlowly(hypervisor, firstPass);
        assertTrue(firstPass.await(20, TimeUnit.SECONDS), "no pass started: " + events);
        source.process().destroyForcibly();
        final MigrationResult result = handle.await(30, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome(), result.toString());
        assertEquals(null, result.runningOn(), result.toString());
        assertTrue(result.reason().contains("source QMP connection lost"), result.reason());
        assertTrue(result.reason().contains("unknown"), result.reason());
        assertEquals(VmState.UNKNOWN, hypervisor.describe("guest").state());
    }

    @Test
    void shouldMigrateToADestinationStartedElsewhereAndDropTheVm() throws Exception
    {
        final LocalQemuLauncher launcher = new LocalQemuLauncher(runDirectory, 10_000);
        final QemuProcess source = launcher.launch("guest", DirtyingGuest.commandLine(kernel), null);
        cleanup.add(source);
        final int port = freePort();
        final QemuProcess destination =
            launcher.launch("guest", DirtyingGuest.commandLine(kernel), "tcp:127.0.0.1:" + port);
        cleanup.add(destination);
        final QmpHypervisor hypervisor = hypervisor(false).register("guest", source.qmpAddress(), null, null);
        awaitGuestFilled(hypervisor);
        final MigrationResult result = hypervisor.migrate("guest",
            new MigrationTarget("dst", "tcp:127.0.0.1:" + port), parameters(512), events::add)
            .await(60, TimeUnit.SECONDS);
        assertTrue(result.isCompleted(), result.toString());
        final MigrationEvent resumed = events.get(events.size() - 2);
        assertEquals(MigrationEventType.DESTINATION_RESUMED, resumed.type());
        assertEquals("inferred: source reports completed", resumed.detail());
        assertEquals(null, hypervisor.describe("guest"), "the VM left this host");
        assertTrue(hypervisor.listVms().isEmpty());
        try (QmpClient client = QmpClient.connect(destination.qmpAddress(), 5_000))
        {
            assertEquals("running", client.execute("query-status", null, 5_000).path("status").asText());
        }
    }
}
