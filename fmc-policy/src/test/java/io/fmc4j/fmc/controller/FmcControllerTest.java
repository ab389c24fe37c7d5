/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.fmc.PolicyTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FmcControllerTest
{
    private static final String USER = "10.1.0.7/32";
    private static final String VM_EID = "10.100.0.5/32";
    private static final long MS = 1_000_000L;

    private TestBed bed;
    private FmcController controller;

    @AfterEach
    void after() throws Exception
    {
        if (controller != null)
        {
            controller.close();
        }
        if (bed != null)
        {
            bed.close();
        }
    }

    private void startWithOneUser(final FmcController.Context context) throws Exception
    {
        controller = bed.start(context);
        bed.attach(USER, "xtr1");
        controller.registerUser("alice", EidPrefix.parse(USER), "xtr1");
        controller.registerVm("alice", "vm1", EidPrefix.parse(VM_EID), "dc1");
    }

    private MigrationTimeline awaitMigration(final String vm, final int index) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            final List<MigrationTimeline> list = controller.timelines(vm);
            if (list.size() > index)
            {
                return list.get(index).ended().get(20, TimeUnit.SECONDS);
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no migration " + index + " of " + vm + "; counters moves=" +
            controller.counter(FmcController.MOVES));
    }

    private static void assertOrdered(final MigrationTimeline timeline, final int... types)
    {
        long previous = Long.MIN_VALUE;
        for (final int type : types)
        {
            final long t = timeline.timeOf(type);
            assertTrue(t != MigrationTimeline.NOT_SEEN, "missing " + TimelineEvent.name(type) + "\n" + timeline);
            assertTrue(t >= previous, TimelineEvent.name(type) + " out of order\n" + timeline);
            previous = t;
        }
    }

    @Test
    void shouldMigrateVmWhenUserMovesAndMapItsEidToTheNewDc() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());
        assertEquals("dc1", bed.mappedDc("10.100.0.5"));

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertTrue(timeline.succeeded(), timeline.toString());
        assertEquals("dc1", timeline.sourceDc());
        assertEquals("dc2", timeline.destinationDc());
        assertEquals(3, timeline.distance());
        assertEquals(0, timeline.targetDistance());
        // The promotion races the end of the stop-and-copy: both orders of promoted/resumed/completed are valid.
        assertOrdered(timeline, TimelineEvent.DECISION, TimelineEvent.MAPPING_PRE_REGISTERED,
            TimelineEvent.STARTED, TimelineEvent.PASS, TimelineEvent.SOURCE_PAUSED,
            TimelineEvent.MAPPING_PROMOTE_REQUESTED, TimelineEvent.MAPPING_PROMOTED, TimelineEvent.ENDED);
        assertOrdered(timeline, TimelineEvent.SOURCE_PAUSED, TimelineEvent.DESTINATION_RESUMED,
            TimelineEvent.COMPLETED, TimelineEvent.ENDED);
        assertEquals("dc2", controller.vmLocation("vm1"));
        assertEquals("xtr2", controller.userLocation("alice"));
        assertEquals("dc2", bed.runningAt("vm1"));
        assertEquals("dc2", bed.mappedDc("10.100.0.5"));
        assertEquals("[198.51.100.2 p1]", bed.registration(VM_EID));
        assertEquals(List.of(
            "registered 10.100.0.5/32 [198.51.100.1 p1 198.51.100.2 p2]",
            "updated 10.100.0.5/32 [198.51.100.2 p1]"), bed.vmEidEvents);
        assertEquals(0, bed.relocator.openRelocations().get(5, TimeUnit.SECONDS));
        assertEquals(1, controller.counter(FmcController.MOVES));
        assertEquals(1, controller.counter(FmcController.MIGRATIONS_COMPLETED));
        assertEquals(MigrationOutcome.COMPLETED, timeline.result().outcome());
    }

    @Test
    void shouldMeasureDowntimeWithinTheHypervisorDowntimePlusProbeResolution() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller().prober(bed::probe).probeIntervalNanos(MS));
        assertTrue(bed.probe("vm1", EidPrefix.parse(VM_EID)));

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertTrue(timeline.succeeded(), timeline.toString());
        final long hypervisorDowntimeMs = timeline.result().statistics().downtimeMs();
        final long observed = timeline.observedDowntimeNanos();
        assertTrue(observed >= 0, timeline.toString());
        // Stated bound: the mapping is promoted while the source is paused, so users see the hypervisor's
        // downtime plus the prober's resolution (1 ms interval, one probe) and scheduling delays on a loaded
        // 2-core machine; 100 ms covers the latter.
        assertTrue(observed <= (hypervisorDowntimeMs + 100) * MS,
            "observed " + observed / 1e6 + " ms, hypervisor " + hypervisorDowntimeMs + " ms\n" + timeline);
        assertTrue(bed.probe("vm1", EidPrefix.parse(VM_EID)));
    }

    @Test
    void shouldSeeTheMappingLatencyInTheDowntimeWhenPromotingOnlyAtCompletion() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        final long latencyMs = 60;
        final EidRelocator slow = new DelayedRelocator(bed.relocator, latencyMs);
        startWithOneUser(bed.controller().relocator(slow).prober(bed::probe)
            .switchover(FmcController.SWITCHOVER_ON_COMPLETED));

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertTrue(timeline.succeeded(), timeline.toString());
        assertTrue(timeline.timeOf(TimelineEvent.MAPPING_PROMOTE_REQUESTED) >=
            timeline.timeOf(TimelineEvent.COMPLETED), timeline.toString());
        // The VM left dc1 at the destination resume; the EID points there until the late promotion lands.
        assertTrue(timeline.observedDowntimeNanos() >= latencyMs * MS, timeline.toString());
        assertEquals("dc2", bed.mappedDc("10.100.0.5"));
    }

    @Test
    void shouldHideTheMappingLatencyBehindTheStopAndCopyWhenPromotingAtSourcePause() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        final EidRelocator slow = new DelayedRelocator(bed.relocator, 60);
        startWithOneUser(bed.controller().relocator(slow).prober(bed::probe));

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertTrue(timeline.succeeded(), timeline.toString());
        assertTrue(timeline.timeOf(TimelineEvent.MAPPING_PROMOTE_REQUESTED) <=
            timeline.timeOf(TimelineEvent.DESTINATION_RESUMED), timeline.toString());
        // The outage runs from the promotion or the pause, whichever comes first, to the later of the two:
        // at most the latency plus the probe resolution, never the latency on top of the migration's end.
        assertTrue(timeline.observedDowntimeNanos() <= (60 + 100) * MS, timeline.toString());
    }

    @Test
    void shouldKeepTheVmAtTheSourceAndRollBackTheMappingWhenTheHypervisorFails() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());
        bed.cloud.injectFailure("vm1", 2, "link to dc2 lost");

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertFalse(timeline.succeeded());
        assertTrue(timeline.failure().contains("link to dc2 lost"), timeline.failure());
        assertOrdered(timeline, TimelineEvent.DECISION, TimelineEvent.MAPPING_PRE_REGISTERED,
            TimelineEvent.STARTED, TimelineEvent.FAILED, TimelineEvent.MAPPING_ROLLED_BACK, TimelineEvent.ENDED);
        assertFalse(timeline.has(TimelineEvent.MAPPING_PROMOTED));
        assertEquals("dc1", controller.vmLocation("vm1"));
        assertEquals("dc1", bed.runningAt("vm1"));
        assertEquals("absent", bed.registration(VM_EID));
        assertEquals("dc1", bed.mappedDc("10.100.0.5"));
        assertEquals(List.of(
            "registered 10.100.0.5/32 [198.51.100.1 p1 198.51.100.2 p2]",
            "withdrawn 10.100.0.5/32 []"), bed.vmEidEvents);
        assertEquals(1, controller.counter(FmcController.ROLLBACKS));
        assertEquals(1, controller.counter(FmcController.MIGRATIONS_FAILED));
        assertEquals(0, bed.relocator.openRelocations().get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldRollBackAPromotedMappingWhenTheMigrationFailsAfterTheSourcePaused() throws Exception
    {
        bed = new TestBed(0);
        startWithOneUser(bed.controller().hypervisor("dc1", new ScriptedHypervisor("dc1", MigrationOutcome.FAILED,
            MigrationEventType.STARTED, MigrationEventType.PASS, MigrationEventType.SOURCE_PAUSED,
            MigrationEventType.FAILED)));

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertFalse(timeline.succeeded());
        assertOrdered(timeline, TimelineEvent.SOURCE_PAUSED, TimelineEvent.FAILED, TimelineEvent.MAPPING_ROLLED_BACK,
            TimelineEvent.ENDED);
        assertOrdered(timeline, TimelineEvent.SOURCE_PAUSED, TimelineEvent.MAPPING_PROMOTED,
            TimelineEvent.MAPPING_ROLLED_BACK);
        assertEquals(List.of(
            "registered 10.100.0.5/32 [198.51.100.1 p1 198.51.100.2 p2]",
            "updated 10.100.0.5/32 [198.51.100.2 p1]",
            "withdrawn 10.100.0.5/32 []"), bed.vmEidEvents);
        assertEquals("dc1", bed.mappedDc("10.100.0.5"));
        assertEquals("dc1", controller.vmLocation("vm1"));
    }

    @Test
    void shouldRestoreThePreviousHostMappingWhenASecondMigrationFails() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());
        bed.attach(USER, "xtr2");
        assertTrue(awaitMigration("vm1", 0).succeeded());
        assertEquals("[198.51.100.2 p1]", bed.registration(VM_EID));

        bed.cloud.injectFailure("vm1", 1, "destination full");
        bed.attach(USER, "xtr3");
        final MigrationTimeline second = awaitMigration("vm1", 1);

        assertFalse(second.succeeded());
        assertEquals("dc2", second.sourceDc());
        assertEquals("dc3", second.destinationDc());
        assertEquals("dc2", controller.vmLocation("vm1"));
        assertEquals("dc2", bed.runningAt("vm1"));
        assertEquals("[198.51.100.2 p1]", bed.registration(VM_EID));
        assertEquals("dc2", bed.mappedDc("10.100.0.5"));
    }

    @Test
    void shouldDeferASecondMoveDuringAMigrationAndDecideAgainAtTheEnd() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());
        bed.attach(USER, "xtr2");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (controller.timelines("vm1").isEmpty() ||
            !controller.timelines("vm1").get(0).has(TimelineEvent.STARTED))
        {
            assertTrue(System.nanoTime() < deadline, "first migration did not start");
            Thread.sleep(1);
        }
        bed.attach(USER, "xtr1");      // back home, then on to xtr3, while the first migration runs
        bed.attach(USER, "xtr3");
        controller.sync().get(5, TimeUnit.SECONDS);
        final MigrationTimeline first = controller.timelines("vm1").get(0);
        assertFalse(first.isEnded(), "the first migration should still run: make the VM larger\n" + first);
        assertEquals(2, controller.counter(FmcController.DECISIONS_DEFERRED));
        assertEquals(1, controller.timelines("vm1").size());

        assertTrue(awaitMigration("vm1", 0).succeeded());
        final MigrationTimeline second = awaitMigration("vm1", 1);

        assertTrue(second.succeeded(), second.toString());
        assertEquals("dc2", second.sourceDc());
        assertEquals("dc3", second.destinationDc());
        assertEquals("xtr3", second.accessXtr());
        assertEquals("dc3", controller.vmLocation("vm1"));
        assertEquals("dc3", bed.runningAt("vm1"));
        assertEquals("dc3", bed.mappedDc("10.100.0.5"));
        assertEquals(2, controller.timelines("vm1").size());
        assertEquals(3, controller.counter(FmcController.MOVES));
    }

    @Test
    void shouldMigrateTheVmsOfSeveralUsersAtOnce() throws Exception
    {
        bed = new TestBed(1.0, "a1", "b1", "c1", "c2");
        controller = bed.start(bed.controller());
        final String[] users = {"alice", "bob", "carol"};
        final String[] eids = {"10.1.0.1/32", "10.1.0.2/32", "10.1.0.3/32"};
        for (int i = 0; i < users.length; i++)
        {
            bed.attach(eids[i], "xtr1");
            controller.registerUser(users[i], EidPrefix.parse(eids[i]), "xtr1");
        }
        controller.registerVm("alice", "a1", EidPrefix.parse("10.100.0.11/32"), "dc1");
        controller.registerVm("bob", "b1", EidPrefix.parse("10.100.0.21/32"), "dc1");
        controller.registerVm("carol", "c1", EidPrefix.parse("10.100.0.31/32"), "dc1");
        controller.registerVm("carol", "c2", EidPrefix.parse("10.100.0.32/32"), "dc1");

        bed.attach(eids[0], "xtr2");
        bed.attach(eids[1], "xtr3");
        bed.attach(eids[2], "xtr2");

        controller.sync().get(5, TimeUnit.SECONDS);
        controller.idle().get(20, TimeUnit.SECONDS);
        assertEquals(4, controller.timelines().size());
        for (final MigrationTimeline timeline : controller.timelines())
        {
            assertTrue(timeline.isEnded(), timeline.toString());
        }
        final String[] vms = {"a1", "b1", "c1", "c2"};
        final String[] expected = {"dc2", "dc3", "dc2", "dc2"};
        final String[] addresses = {"10.100.0.11", "10.100.0.21", "10.100.0.31", "10.100.0.32"};
        for (int i = 0; i < vms.length; i++)
        {
            final MigrationTimeline timeline = awaitMigration(vms[i], 0);
            assertTrue(timeline.succeeded(), timeline.toString());
            assertEquals(expected[i], controller.vmLocation(vms[i]));
            assertEquals(expected[i], bed.runningAt(vms[i]));
            assertEquals(expected[i], bed.mappedDc(addresses[i]));
        }
        // They ran concurrently: each started before any other completed.
        long lastStart = Long.MIN_VALUE;
        long firstCompletion = Long.MAX_VALUE;
        for (final MigrationTimeline timeline : controller.timelines())
        {
            lastStart = Math.max(lastStart, timeline.timeOf(TimelineEvent.STARTED));
            firstCompletion = Math.min(firstCompletion, timeline.timeOf(TimelineEvent.COMPLETED));
        }
        assertTrue(lastStart < firstCompletion, "migrations did not overlap");
        assertEquals(4, controller.counter(FmcController.MIGRATIONS_COMPLETED));
        assertEquals(0, bed.relocator.openRelocations().get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldAcceptMovesReportedDirectlyAndCallBackAtTheEnd() throws Exception
    {
        bed = new TestBed(0, "vm1");
        final CompletableFuture<MigrationTimeline> ended = new CompletableFuture<>();
        startWithOneUser(bed.controller().onMigrationEnded(ended::complete).policy(
            new PolicyTable("only-at-3", new int[] {0, 1, 2, 0}, null, 0)));
        controller.userMoved("alice", "xtr4");     // one area away: this policy keeps the VM
        controller.userMoved("alice", "xtr3");     // three areas away: it migrates to distance 0

        final MigrationTimeline timeline = ended.get(20, TimeUnit.SECONDS);
        assertTrue(timeline.succeeded(), timeline.toString());
        assertEquals("dc1", timeline.sourceDc());
        assertEquals(3, timeline.distance());
        assertEquals("dc3", timeline.destinationDc());
        assertEquals("dc3", bed.mappedDc("10.100.0.5"));
        assertEquals(1, controller.counter(FmcController.DECISIONS_STAY));
        assertEquals(2, controller.counter(FmcController.MOVES));
    }

    @Test
    void shouldKeepTheVmWhenThePolicySaysStay() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());

        bed.attach(USER, "xtr4");     // one area from dc1: the default policy migrates from two areas on
        controller.sync().get(5, TimeUnit.SECONDS);
        controller.sync().get(5, TimeUnit.SECONDS);

        assertEquals(1, controller.counter(FmcController.MOVES));
        assertEquals(1, controller.counter(FmcController.DECISIONS_STAY));
        assertTrue(controller.timelines().isEmpty());
        assertEquals("dc1", controller.vmLocation("vm1"));
        assertEquals("xtr4", controller.userLocation("alice"));
    }

    @Test
    void shouldIgnoreLocatorsOutsideTheTopologyAndOtherEids() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        startWithOneUser(bed.controller());

        bed.attachToRloc(USER, "203.0.113.9");
        bed.attach("10.1.0.99/32", "xtr2");   // not a registered user
        controller.sync().get(5, TimeUnit.SECONDS);

        assertEquals(1, controller.counter(FmcController.UNKNOWN_LOCATORS));
        assertEquals(0, controller.counter(FmcController.MOVES));
        assertTrue(controller.counter(FmcController.CHANGES_IGNORED) >= 1);
        assertTrue(controller.timelines().isEmpty());
        assertEquals("xtr1", controller.userLocation("alice"));
    }

    @Test
    void shouldFailCleanlyWhenTheHypervisorRefusesTheMigration() throws Exception
    {
        bed = new TestBed(1.0);       // the cloud has no VM "vm1": migrate() throws
        startWithOneUser(bed.controller());

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertFalse(timeline.succeeded());
        assertTrue(timeline.failure().contains("hypervisor refused"), timeline.failure());
        assertTrue(timeline.has(TimelineEvent.MAPPING_ROLLED_BACK), timeline.toString());
        assertEquals("absent", bed.registration(VM_EID));
        assertEquals("dc1", controller.vmLocation("vm1"));
    }

    @Test
    void shouldReportAFailedPreRegistrationWithoutStartingTheMigration() throws Exception
    {
        bed = new TestBed(1.0, "vm1");
        controller = bed.start(bed.controller());
        bed.attach(USER, "xtr1");
        controller.registerUser("alice", EidPrefix.parse(USER), "xtr1");
        controller.registerVm("alice", "vm1", EidPrefix.parse("192.168.0.5/32"), "dc1");   // outside the site

        bed.attach(USER, "xtr2");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);

        assertFalse(timeline.succeeded());
        assertTrue(timeline.failure().contains("not-allowed"), timeline.failure());
        assertFalse(timeline.has(TimelineEvent.STARTED));
        assertEquals("dc1", bed.runningAt("vm1"));
        assertEquals(1, controller.counter(FmcController.MAPPING_ERRORS));
    }

    @Test
    void shouldCompleteInVirtualTimeWithTheDefaultParameters() throws Exception
    {
        bed = new TestBed(0, "vm1");
        startWithOneUser(bed.controller().migrationParameters(
            new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).conclude()));
        bed.attach(USER, "xtr3");
        final MigrationTimeline timeline = awaitMigration("vm1", 0);
        assertTrue(timeline.succeeded(), timeline.toString());
        assertNotNull(timeline.result().statistics());
        assertEquals("dc3", bed.mappedDc("10.100.0.5"));
    }

    /** A relocator whose every change lands a fixed time late: the controller-to-Map-Server round trip. */
    static final class DelayedRelocator implements EidRelocator
    {
        private final EidRelocator inner;
        private final long delayMs;

        DelayedRelocator(final EidRelocator inner, final long delayMs)
        {
            this.inner = inner;
            this.delayMs = delayMs;
        }

        private CompletableFuture<Void> later()
        {
            return CompletableFuture.runAsync(() ->
            {
            }, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
        }

        @Override
        public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
        {
            return later().thenCompose(v -> inner.preRegister(vmEid, source, destination));
        }

        @Override
        public CompletableFuture<Void> promote(final EidPrefix vmEid)
        {
            return later().thenCompose(v -> inner.promote(vmEid));
        }

        @Override
        public CompletableFuture<Void> commit(final EidPrefix vmEid)
        {
            return inner.commit(vmEid);
        }

        @Override
        public CompletableFuture<Void> rollback(final EidPrefix vmEid)
        {
            return later().thenCompose(v -> inner.rollback(vmEid));
        }
    }
}
