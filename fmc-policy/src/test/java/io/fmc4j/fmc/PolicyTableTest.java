/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc;

import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PolicyTableTest
{
    private final PolicyTable table = new PolicyTable("t", new int[] {0, 1, 2, 0, 1}, null, 0);

    @Test
    void shouldLookUpTargets()
    {
        assertEquals(2, table.targetDistance(2));
        assertEquals(0, table.targetDistance(3));
        assertEquals(1, table.targetDistance(4));
        assertFalse(table.shouldMigrate(2));
        assertTrue(table.shouldMigrate(3));
        assertTrue(Double.isNaN(table.value(0)));
    }

    @Test
    void shouldDecideBeyondTheHorizonAndFlagNegativeDistances()
    {
        assertEquals(0, table.targetDistance(5));
        assertEquals(0, table.targetDistance(Integer.MAX_VALUE));
        assertEquals(MigrationPolicy.INVALID_DISTANCE, table.targetDistance(-1));
        assertEquals(MigrationPolicy.INVALID_DISTANCE, table.targetDistance(Integer.MIN_VALUE));
        assertFalse(table.shouldMigrate(-1));
    }

    @Test
    void shouldRejectTargetsFartherThanTheDistance()
    {
        assertThrows(IllegalArgumentException.class, () -> new PolicyTable("x", new int[] {0, 2}, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolicyTable("x", new int[] {-1}, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolicyTable("x", new int[0], null, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolicyTable("x", new int[] {0, 1}, new double[1], 0));
        assertThrows(IllegalArgumentException.class, () -> new PolicyTable("x", new int[] {0, 1}, null, 2));
    }

    @Test
    void shouldNotShareItsArrays()
    {
        final int[] targets = {0, 1};
        final PolicyTable t = new PolicyTable("x", targets, null, 0);
        targets[1] = 0;
        assertEquals(1, t.targetDistance(1));
        t.targets()[1] = 0;
        assertEquals(1, t.targetDistance(1));
    }

    @Test
    @Tag("alloc")
    void shouldDecideWithoutAllocating()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemoryEnabled(), "allocation counter disabled");
        final PolicyTable solved = FastPolicyIteration.solve(
            new WangRingModel(new WangRingModel.Context().rings(10).moveProbability(0.1))).toTable();
        final PublishedPolicy published = new PublishedPolicy(solved);
        long sink = 0;
        for (int i = 0; i < 20; i++)
        {
            sink += decideMany(solved, published, 100_000);
        }
        final long id = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(id);
        final long before = threads.getThreadAllocatedBytes(id);
        sink += decideMany(solved, published, 1_000_000);
        final long after = threads.getThreadAllocatedBytes(id);
        assertTrue(sink != 42, "keeps the loop alive");
        assertEquals(0, after - before, "bytes allocated by 2e6 decisions");
    }

    private static long decideMany(final MigrationPolicy a, final MigrationPolicy b, final int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            final int d = i & 15;
            sum += a.targetDistance(d) + b.targetDistance(d);
        }
        return sum;
    }
}
