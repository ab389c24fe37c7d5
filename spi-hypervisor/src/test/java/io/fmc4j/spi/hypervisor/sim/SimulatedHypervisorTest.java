/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedHypervisorTest
{
    private static final long MIB = 1024L * 1024L;
    private static final long MS = 1_000_000L;

    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();

    private static SimulatedCloud cloud(final SimClock clock)
    {
        return new SimulatedCloud(clock)
            .addHost("dc1").addHost("dc2")
            .link("dc1", "dc2", new SimulatedCloud.Link(20 * MS, 1_000_000_000L, 0))
            .addVm("dc1", new SimulatedVm("web", "10.1.0.5/32", 1024 * MIB, 2 * MIB, 64 * MIB));
    }

    private static MigrationParameters at100Mbps()
    {
        return new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).downtimeLimitMs(300).conclude();
    }

    @Test
    void shouldMigrateWithEventsInOrderAndMoveTheVm() throws Exception
    {
        final SimulatedCloud cloud = cloud(SimClock.virtual());
        final SimulatedHypervisor dc1 = cloud.control("dc1");
        final MigrationHandle handle = dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), events::add);
        final MigrationResult result = handle.await(10, TimeUnit.SECONDS);

        assertTrue(result.isCompleted(), result.toString());
        assertEquals("dc2", result.runningOn());
        assertNull(dc1.describe("web"));
        assertEquals(VmState.RUNNING, cloud.control("dc2").describe("web").state());
        assertEquals("10.1.0.5/32", cloud.control("dc2").describe("web").eid());

        final int n = events.size();
        assertEquals(MigrationEventType.STARTED, events.get(0).type());
        assertEquals(MigrationEventType.PASS, events.get(1).type());
        assertEquals(MigrationEventType.SOURCE_PAUSED, events.get(n - 4).type());
        assertEquals(MigrationEventType.PASS, events.get(n - 3).type());
        assertEquals(MigrationEventType.DESTINATION_RESUMED, events.get(n - 2).type());
        assertEquals(MigrationEventType.COMPLETED, events.get(n - 1).type());
        for (int i = 1; i < n; i++)
        {
            assertTrue(events.get(i).timeNanos() >= events.get(i - 1).timeNanos(), "timestamps at " + i);
        }
        final MigrationStatistics stats = result.statistics();
        final long downtimeNanos = events.get(n - 2).timeNanos() - events.get(n - 4).timeNanos();
        assertEquals(Math.round(downtimeNanos / 1e6), stats.downtimeMs());
        assertEquals(Math.round((events.get(n - 1).timeNanos() - events.get(0).timeNanos()) / 1e6),
            stats.totalTimeMs());
        assertEquals(n - 4, stats.passes());
        assertEquals(events.get(n - 2).bytesTransferred(), stats.bytesTransferred());
        assertTrue(stats.downtimeMs() <= 300 + 10 + 2, stats.toString());
    }

    @Test
    void shouldReportBandwidthMinMeanMaxAsInTableOne() throws Exception
    {
        final MigrationResult result = cloud(SimClock.virtual()).control("dc1")
            .migrate("web", MigrationTarget.host("dc2"), at100Mbps(), null).await(10, TimeUnit.SECONDS);
        final MigrationStatistics stats = result.statistics();
        assertEquals(100e6, stats.bandwidthMaxBitsPerSecond(), 2e6, stats.toString());
        assertTrue(stats.bandwidthMeanBitsPerSecond() < stats.bandwidthMaxBitsPerSecond(), stats.toString());
        assertTrue(stats.bandwidthMinBitsPerSecond() < stats.bandwidthMeanBitsPerSecond(), stats.toString());
        assertEquals(stats.bytesTransferred() * 8.0 / ((stats.totalTimeMs() - stats.setupTimeMs()) / 1e3),
            stats.bandwidthMeanBitsPerSecond(), stats.bandwidthMeanBitsPerSecond() * 0.01);
    }

    @Test
    void shouldFailToAnUnknownHostAndLeaveTheVmRunningAtTheSource() throws Exception
    {
        final SimulatedHypervisor dc1 = cloud(SimClock.virtual()).control("dc1");
        final MigrationResult result = dc1.migrate("web", MigrationTarget.host("dc9"), at100Mbps(), events::add)
            .await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertTrue(result.reason().contains("connection refused"), result.reason());
        assertEquals("dc1", result.runningOn());
        assertEquals(VmState.RUNNING, dc1.describe("web").state());
        assertEquals(MigrationEventType.FAILED, events.get(events.size() - 1).type());
    }

    @Test
    void shouldFailMidMigrationOnInjectedErrorAndAllowARetry() throws Exception
    {
        final SimulatedCloud cloud = cloud(SimClock.virtual()).injectFailure("web", 2, "destination disk full");
        final SimulatedHypervisor dc1 = cloud.control("dc1");
        final MigrationResult failed = dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), events::add)
            .await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, failed.outcome());
        assertTrue(failed.reason().contains("destination disk full"), failed.reason());
        assertEquals(1024 * MIB, failed.statistics().bytesTransferred());
        assertEquals(VmState.RUNNING, dc1.describe("web").state());
        assertTrue(events.stream().noneMatch((e) -> e.type() == MigrationEventType.SOURCE_PAUSED));

        final MigrationResult retry = dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), null)
            .await(10, TimeUnit.SECONDS);
        assertTrue(retry.isCompleted(), retry.toString());
    }

    @Test
    void shouldCancelARunningMigrationInScaledTime() throws Exception
    {
        final SimulatedCloud cloud = cloud(SimClock.scaled(1.0));
        final SimulatedHypervisor dc1 = cloud.control("dc1");
        final CountDownLatch firstPass = new CountDownLatch(1);
        final MigrationHandle handle = dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), (event) ->
        {
            events.add(event);
            if (event.type() == MigrationEventType.PASS)
            {
                firstPass.countDown();
            }
        });
        assertTrue(firstPass.await(5, TimeUnit.SECONDS));
        assertTrue(handle.cancel());
        final MigrationResult result = handle.await(5, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.CANCELLED, result.outcome());
        assertEquals("dc1", result.runningOn());
        assertEquals(VmState.RUNNING, dc1.describe("web").state());
        assertEquals(MigrationEventType.CANCELLED, events.get(events.size() - 1).type());
        assertTrue(result.statistics().totalTimeMs() < 5_000, result.toString());
        assertEquals(false, handle.cancel());
    }

    @Test
    void shouldFailWhenTheTimeoutPasses() throws Exception
    {
        final MigrationParameters parameters = new MigrationParameters()
            .bandwidthLimitBitsPerSecond(100_000_000L).timeoutMs(2_000).conclude();
        final MigrationResult result = cloud(SimClock.virtual()).control("dc1")
            .migrate("web", MigrationTarget.host("dc2"), parameters, null).await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertTrue(result.reason().contains("timed out"), result.reason());
        assertEquals(2_000, result.statistics().totalTimeMs());
    }

    @Test
    void shouldRejectASecondMigrationOfTheSameVmAndUnknownVms() throws Exception
    {
        final SimulatedHypervisor dc1 = cloud(SimClock.scaled(1.0)).control("dc1");
        final MigrationHandle first = dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), null);
        assertThrows(IllegalStateException.class,
            () -> dc1.migrate("web", MigrationTarget.host("dc2"), at100Mbps(), null));
        assertThrows(IllegalArgumentException.class,
            () -> dc1.migrate("nope", MigrationTarget.host("dc2"), at100Mbps(), null));
        assertThrows(IllegalArgumentException.class,
            () -> dc1.migrate("web", MigrationTarget.host("dc2"), new MigrationParameters(), null));
        dc1.close();
        assertEquals(MigrationOutcome.CANCELLED, first.await(5, TimeUnit.SECONDS).outcome());
    }

    @Test
    void shouldShieldTheMigrationFromListenerExceptions() throws Exception
    {
        final MigrationHandle handle = cloud(SimClock.virtual()).control("dc1")
            .migrate("web", MigrationTarget.host("dc2"), at100Mbps(), (event) ->
            {
                throw new IllegalStateException("listener bug");
            });
        assertTrue(handle.await(10, TimeUnit.SECONDS).isCompleted());
        assertTrue(((SimulatedMigration)handle).listenerErrors() >= 5);
    }
}
