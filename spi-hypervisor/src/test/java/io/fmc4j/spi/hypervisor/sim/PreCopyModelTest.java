/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreCopyModelTest
{
    private static final long MIB = 1024L * 1024L;
    private static final long MS = 1_000_000L;

    private static PreCopyModel gigabyteAt100Mbps()
    {
        return new PreCopyModel()
            .memoryBytes(1024 * MIB)
            .dirtyRateBytesPerSecond(2 * MIB)
            .workingSetBytes(64 * MIB)
            .linkBitsPerSecond(1_000_000_000L)
            .bandwidthLimitBitsPerSecond(100_000_000L)
            .rttNanos(10 * MS)
            .downtimeLimitNanos(300 * MS);
    }

    @Test
    void shouldSendAllMemoryInFirstPassThenOnlyDirtiedPages()
    {
        final PreCopyPlan plan = gigabyteAt100Mbps().plan();
        assertEquals(1024 * MIB, plan.passes().get(0).bytes());
        assertTrue(plan.passes().size() >= 3, "passes " + plan.passes());
        final PreCopyPlan.Pass second = plan.passes().get(1);
        assertEquals(64 * MIB, second.bytes(), "the working set caps what one long pass dirties");
        final double secondSeconds = second.durationNanos() / 1e9;
        assertEquals(2 * MIB * secondSeconds, plan.passes().get(2).bytes(), 4096.0 * 2);
        assertTrue(plan.passes().get(plan.passes().size() - 1).stopAndCopy());
        assertTrue(plan.converged());
    }

    @Test
    void shouldKeepDowntimeWithinLimitWhenConverged()
    {
        final PreCopyPlan plan = gigabyteAt100Mbps().plan();
        assertTrue(plan.downtimeNanos() <= 300 * MS + 5 * MS + 2 * MS, "downtime " + plan.downtimeNanos());
        assertTrue(plan.pausedAtNanos() < plan.resumedAtNanos());
        assertTrue(plan.resumedAtNanos() < plan.completedAtNanos());
    }

    @Test
    void shouldTakeAboutMemoryOverBandwidthForAnIdleGuest()
    {
        final PreCopyPlan plan = gigabyteAt100Mbps().dirtyRateBytesPerSecond(0).plan();
        final double expectedSeconds = 1024.0 * MIB * 8 / 100e6;
        assertEquals(expectedSeconds, plan.completedAtNanos() / 1e9, 0.1);
        assertEquals(2, plan.passes().size(), "one live pass, then an empty stop-and-copy");
        assertEquals(0, plan.passes().get(1).bytes());
    }

    @Test
    void shouldForceStopAndCopyAtMaxPassesWhenDirtyRateOutrunsBandwidth()
    {
        final PreCopyPlan plan = gigabyteAt100Mbps()
            .dirtyRateBytesPerSecond(50 * MIB).workingSetBytes(512 * MIB).maxPasses(5).plan();
        assertEquals(5, plan.passes().size());
        assertFalse(plan.converged());
        assertTrue(plan.downtimeNanos() > 300 * MS);
    }

    @Test
    void shouldGrowWithRttWhenTcpWindowLimitsTheRate()
    {
        long previous = 0;
        for (final long rttMs : new long[] {1, 10, 50, 100, 200})
        {
            final PreCopyPlan plan = gigabyteAt100Mbps().tcpWindowBytes(MIB).rttNanos(rttMs * MS).plan();
            assertTrue(plan.completedAtNanos() > previous, "rtt " + rttMs);
            previous = plan.completedAtNanos();
        }
        assertEquals(8.0 * MIB * 1e9 / (200 * MS),
            gigabyteAt100Mbps().tcpWindowBytes(MIB).rttNanos(200 * MS).effectiveBitsPerSecond(), 1.0);
    }

    @Test
    void shouldRejectBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new PreCopyModel().conclude());
        assertThrows(IllegalArgumentException.class, () -> gigabyteAt100Mbps().maxPasses(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> gigabyteAt100Mbps().pageSize(1000).conclude());
        assertThrows(IllegalArgumentException.class, () -> gigabyteAt100Mbps().workingSetBytes(2048 * MIB).conclude());
        assertThrows(IllegalArgumentException.class, () -> gigabyteAt100Mbps().downtimeLimitNanos(0).conclude());
    }

    @Property(tries = 300)
    void shouldProduceAConsistentScheduleForAnyInput(
        @ForAll @LongRange(min = 1, max = 4096) final long memoryMiB,
        @ForAll @LongRange(min = 0, max = 200) final long dirtyMiBps,
        @ForAll @LongRange(min = 1, max = 10_000) final long mbps,
        @ForAll @LongRange(min = 0, max = 300) final long rttMs,
        @ForAll @LongRange(min = 1, max = 1000) final long downtimeMs,
        @ForAll @IntRange(min = 1, max = 40) final int maxPasses)
    {
        final PreCopyPlan plan = new PreCopyModel()
            .memoryBytes(memoryMiB * MIB).dirtyRateBytesPerSecond(dirtyMiBps * MIB)
            .linkBitsPerSecond(mbps * 1_000_000L).rttNanos(rttMs * MS).downtimeLimitNanos(downtimeMs * MS)
            .maxPasses(maxPasses).plan();
        assertTrue(plan.passes().size() <= maxPasses);
        long sum = 0;
        long time = plan.setupNanos();
        for (final PreCopyPlan.Pass pass : plan.passes())
        {
            assertEquals(time, pass.startNanos());
            assertTrue(pass.bytes() <= memoryMiB * MIB);
            sum += pass.bytes();
            time += pass.durationNanos();
        }
        assertEquals(sum, plan.bytesTransferred());
        assertTrue(plan.passes().get(plan.passes().size() - 1).stopAndCopy());
        assertTrue(plan.setupNanos() <= plan.pausedAtNanos());
        assertTrue(plan.pausedAtNanos() < plan.resumedAtNanos());
        assertTrue(plan.resumedAtNanos() <= plan.completedAtNanos());
    }
}
