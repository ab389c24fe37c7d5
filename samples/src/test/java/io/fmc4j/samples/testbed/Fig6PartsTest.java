/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.fmc.controller.EidRelocator;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.spi.hypervisor.qmp.QemuLauncher;
import io.fmc4j.spi.hypervisor.qmp.QemuProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Fig6PartsTest
{
    private static final long MS = 1_000_000L;

    /** Records when each call reaches the mapping system. */
    private static final class RecordingRelocator implements EidRelocator
    {
        final Map<String, Long> landed = new ConcurrentHashMap<>();

        private CompletableFuture<Void> land(final String what)
        {
            landed.put(what, System.nanoTime());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
        {
            return land("preRegister");
        }

        @Override
        public CompletableFuture<Void> promote(final EidPrefix vmEid)
        {
            return land("promote");
        }

        @Override
        public CompletableFuture<Void> commit(final EidPrefix vmEid)
        {
            return land("commit");
        }

        @Override
        public CompletableFuture<Void> rollback(final EidPrefix vmEid)
        {
            return land("rollback");
        }
    }

    @Test
    void shouldLandEachChangeOneRttToTheXtrThatMakesItLater() throws Exception
    {
        final RecordingRelocator recorder = new RecordingRelocator();
        final DelayingRelocator relocator = new DelayingRelocator(recorder, 80 * MS, 30 * MS);
        final EidPrefix eid = EidPrefix.parse("10.100.0.5/32");
        final Rloc a = Rloc.parse("198.51.100.1");
        final Rloc b = Rloc.parse("198.51.100.2");
        long start = System.nanoTime();
        relocator.preRegister(eid, a, b).get(5, TimeUnit.SECONDS);
        assertTrue(recorder.landed.get("preRegister") - start >= 80 * MS, "source xTR (xTR1) RTT");
        start = System.nanoTime();
        relocator.promote(eid).get(5, TimeUnit.SECONDS);
        final long promote = recorder.landed.get("promote") - start;
        assertTrue(promote >= 30 * MS && promote < 80 * MS, "destination xTR (xTR2) RTT: " + promote / MS + " ms");
        start = System.nanoTime();
        relocator.commit(eid).get(5, TimeUnit.SECONDS);
        assertTrue(recorder.landed.get("commit") - start < 20 * MS, "commit is the controller's own bookkeeping");
        start = System.nanoTime();
        relocator.rollback(eid).get(5, TimeUnit.SECONDS);
        assertTrue(recorder.landed.get("rollback") - start >= 80 * MS);
    }

    @Test
    void shouldDeliverEveryEventAndTheResultOneWayLateInOrder() throws Exception
    {
        final HypervisorConfig config = new HypervisorConfig().host("dc1").property("sim.hosts", "dc2")
            .property("sim.vm.web", "host=dc1,memoryMiB=64,dirtyMiBps=4,workingSetMiB=8");
        try (HypervisorControl sim = HypervisorProviders.select("sim").open(config.conclude());
            DelayingHypervisorControl remote = new DelayingHypervisorControl(sim, 60 * MS))
        {
            assertEquals("sim", remote.providerName());
            assertEquals("web", remote.describe("web").name());
            final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
            final List<Long> arrivals = new CopyOnWriteArrayList<>();
            final long start = System.nanoTime();
            final MigrationHandle handle = remote.migrate("web", MigrationTarget.host("dc2"),
                new MigrationParameters().bandwidthLimitBitsPerSecond(1_000_000_000L).conclude(), (event) ->
                {
                    arrivals.add(System.nanoTime() - start);
                    events.add(event);
                });
            final MigrationResult result = handle.await(10, TimeUnit.SECONDS);
            final long resultAt = System.nanoTime() - start;
            assertTrue(result.isCompleted(), result.toString());
            assertTrue(resultAt >= 60 * MS, "the result crosses the link too");
            assertTrue(handle.isDone());
            Thread.sleep(100);
            assertEquals(MigrationEventType.STARTED, events.get(0).type());
            assertEquals(MigrationEventType.COMPLETED, events.get(events.size() - 1).type());
            for (int i = 0; i < arrivals.size(); i++)
            {
                assertTrue(arrivals.get(i) >= 60 * MS, "event " + i + " arrived after " + arrivals.get(i) / MS);
                if (i > 0)
                {
                    assertTrue(events.get(i).timeNanos() >= events.get(i - 1).timeNanos(), "in order");
                }
            }
        }
    }

    @Test
    void shouldPutARelayInFrontOfEveryDestination(@TempDir final Path dir) throws Exception
    {
        final List<String> incoming = new ArrayList<>();
        final List<ServerSocket> destinations = new ArrayList<>();
        final QemuLauncher fake = (name, commandLine, incomingUri) ->
        {
            incoming.add(incomingUri);
            if (incomingUri != null)
            {
                final int port = Integer.parseInt(incomingUri.substring(incomingUri.lastIndexOf(':') + 1));
                destinations.add(new ServerSocket(port, 5, InetAddress.getLoopbackAddress()));
            }
            return new QemuProcess(new ProcessBuilder("true").start(), "unix:" + dir.resolve("x.qmp"),
                dir.resolve("x.log"));
        };
        try (Cleanup cleanup = new Cleanup())
        {
            final RelayingQemuLauncher launcher = new RelayingQemuLauncher(fake, cleanup, 20 * MS, 0, 1 << 20);
            launcher.launch("vm", List.of("qemu"), null).close();
            assertEquals(null, incoming.get(0), "a source boots without a relay");
            assertEquals(0, cleanup.size());
            final int relayPort = RelayingQemuLauncher.freePort();
            launcher.launch("vm", List.of("qemu"), "tcp:127.0.0.1:" + relayPort).close();
            assertTrue(incoming.get(1).startsWith("tcp:127.0.0.1:") && !incoming.get(1).endsWith(":" + relayPort),
                "QEMU listens on another port: " + incoming.get(1));
            assertEquals(1, cleanup.size(), "the relay is registered for cleanup");
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relayPort);
                Socket accepted = destinations.get(0).accept())
            {
                client.getOutputStream().write(42);
                assertEquals(42, accepted.getInputStream().read(), "the relay forwards to QEMU's port");
            }
            assertThrows(IOException.class, () -> launcher.launch("vm", List.of("qemu"), "tcp:10.0.0.2:4444"));
            assertThrows(IOException.class, () -> launcher.launch("vm", List.of("qemu"), "tcp:127.0.0.1:x"));
        }
        finally
        {
            for (final ServerSocket socket : destinations)
            {
                socket.close();
            }
        }
    }

    @Test
    void shouldAggregateFig6PerCaseAndRttAndWriteItsFiles(@TempDir final Path out) throws Exception
    {
        final List<DowntimeRunResult> runs = List.of(
            new DowntimeRunResult("case 1", 100, 10, 10, 1, true, null, 30, 5, 12, 11, 0.5, 2),
            new DowntimeRunResult("case 1", 100, 10, 100, 1, true, null, 70, 6, 12, 11, 0.5, 2),
            new DowntimeRunResult("case 2", 50, 50, 10, 1, true, null, 62, 5, 10, 51, 0.5, 2),
            new DowntimeRunResult("case 2", 50, 50, 10, 2, true, null, 66, 5, 6, 51, 0.7, 3),
            new DowntimeRunResult("case 2", 50, 50, 100, 1, false, "QEMU: boom", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0.5, 2));
        final List<DowntimeReports.Point> points = DowntimeReports.aggregate(runs);
        assertEquals(4, points.size());
        assertEquals("case 1", points.get(0).caseName());
        assertEquals(15.0, points.get(0).modelMs());
        assertEquals(64.0, points.get(2).observed().mean(), 1e-9);
        assertEquals(8.0, points.get(2).pauseToResume().mean(), 1e-9);
        assertEquals(56.0, points.get(2).control().mean(), 1e-9);
        assertEquals(2, points.get(2).runs().size());
        assertEquals(1, points.get(3).failed());
        assertEquals(0, points.get(3).observed().count());
        final String summary = DowntimeReports.fig6(runs, out, "test settings");
        assertTrue(summary.contains("case 2      50/50     10    2      0      64.0     2.8    62.0    66.0    64.0 " +
            "     8.0     56.0     55.0    0.6"), summary);
        assertTrue(summary.contains("proportional to the RTT"), summary);
        assertEquals(6, Files.readAllLines(out.resolve("fig6-runs.csv")).size());
        assertEquals(5, Files.readAllLines(out.resolve("fig6.csv")).size());
        final String svg = Files.readString(out.resolve("fig6.svg"));
        assertTrue(svg.contains("case 1 (xTR1 100 / xTR2 10 ms)") && svg.contains("case 2 (xTR1 50 / xTR2 50 ms)"));
    }
}
