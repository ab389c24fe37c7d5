/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many users moving at random while their VMs migrate (simulated cloud at 50 times real time: a 32 MiB migration
 * takes about 6 ms, so moves keep arriving during migrations): whatever the interleaving, once the controller is
 * idle every VM runs where the controller says, its EID maps there, no relocation is left open, and, because a
 * deferred move is decided again, every VM is co-located with its user (the policy migrates at distance 3, the
 * only non-zero distance here).
 */
class FmcControllerRandomMovesTest
{
    private static final int USERS = 8;
    private static final int MOVES = 60;
    private static final String[] ACCESS = {"xtr1", "xtr2", "xtr3"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldEndConsistentAndCoLocatedWhateverTheInterleaving(final long seed) throws Exception
    {
        final String[] vms = new String[USERS];
        for (int u = 0; u < USERS; u++)
        {
            vms[u] = "vm" + u;
        }
        final TestBed bed = new TestBed(50, vms);
        final FmcController controller = bed.start(bed.controller());
        try
        {
            final String[] userEids = new String[USERS];
            for (int u = 0; u < USERS; u++)
            {
                userEids[u] = "10.1.1." + (u + 1) + "/32";
                bed.attach(userEids[u], "xtr1");
                controller.registerUser("u" + u, EidPrefix.parse(userEids[u]), "xtr1");
                controller.registerVm("u" + u, vms[u], EidPrefix.parse("10.100.0." + (u + 1) + "/32"), "dc1");
            }
            final SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < MOVES; i++)
            {
                bed.attach(userEids[random.nextInt(USERS)], ACCESS[random.nextInt(ACCESS.length)]);
                if (random.nextInt(4) == 0)
                {
                    Thread.sleep(random.nextInt(3));
                }
            }
            awaitQuiet(controller);

            for (int u = 0; u < USERS; u++)
            {
                final String dc = controller.vmLocation(vms[u]);
                final String access = controller.userLocation("u" + u);
                assertEquals(dc, bed.runningAt(vms[u]), vms[u]);
                assertEquals(dc, bed.mappedDc("10.100.0." + (u + 1)), vms[u]);
                assertEquals(0, bed.topology.distance(access, dc), vms[u] + " of u" + u + " at " + access);
            }
            // The run exercised the rule it checks: moves arrived while their users' VMs were migrating.
            assertTrue(controller.counter(FmcController.DECISIONS_DEFERRED) > 0);
            assertEquals(0, bed.relocator.openRelocations().get(5, TimeUnit.SECONDS));
            assertEquals(controller.counter(FmcController.MIGRATIONS_STARTED),
                controller.counter(FmcController.MIGRATIONS_COMPLETED));
            assertEquals(0, controller.counter(FmcController.MIGRATIONS_FAILED));
            assertEquals(0, controller.counter(FmcController.MAPPING_ERRORS));
            for (final MigrationTimeline timeline : controller.timelines())
            {
                assertTrue(timeline.succeeded(), timeline.toString());
            }
        }
        finally
        {
            controller.close();
            bed.close();
        }
    }

    /** Until a pass finds no migration running and nothing new started. */
    private static void awaitQuiet(final FmcController controller) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = -1;
        while (System.nanoTime() < deadline)
        {
            controller.sync().get(5, TimeUnit.SECONDS);
            controller.idle().get(30, TimeUnit.SECONDS);
            controller.sync().get(5, TimeUnit.SECONDS);
            final int now = controller.timelines().size();
            if (now == seen && controller.idle().isDone())
            {
                return;
            }
            seen = now;
        }
        throw new AssertionError("controller did not settle");
    }
}
