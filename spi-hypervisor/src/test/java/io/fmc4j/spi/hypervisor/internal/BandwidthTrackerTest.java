/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandwidthTrackerTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldReportMinMeanMaxOverIntervals()
    {
        final BandwidthTracker tracker = new BandwidthTracker(SECOND);
        tracker.sample(0, 0);
        tracker.sample(SECOND, 12_500_000);
        tracker.sample(2 * SECOND, 20_000_000);
        tracker.finish();
        assertEquals(2, tracker.intervals());
        assertEquals(100e6, tracker.maxBitsPerSecond(), 1);
        assertEquals(60e6, tracker.minBitsPerSecond(), 1);
        assertEquals(80e6, tracker.meanBitsPerSecond(), 1);
    }

    @Test
    void shouldMergeShortSpansAndFoldTheRemainder()
    {
        final BandwidthTracker tracker = new BandwidthTracker(SECOND);
        tracker.sample(0, 0);
        tracker.sample(SECOND / 10, 5_000_000);
        assertEquals(0, tracker.intervals(), "a 100 ms burst does not count alone");
        tracker.sample(SECOND, 12_500_000);
        assertEquals(1, tracker.intervals());
        tracker.sample(SECOND + SECOND / 10, 12_500_000);
        tracker.finish();
        assertEquals(1, tracker.intervals(), "the trailing 100 ms joins the last interval");
        assertEquals(12_500_000 * 8.0 / 1.1, tracker.meanBitsPerSecond(), 1);
    }

    @Test
    void shouldIgnoreSamplesGoingBackAndReportNothingWithoutIntervals()
    {
        final BandwidthTracker tracker = new BandwidthTracker(SECOND);
        assertEquals(0, tracker.minBitsPerSecond());
        assertEquals(0, tracker.meanBitsPerSecond());
        tracker.sample(5 * SECOND, 100);
        tracker.sample(4 * SECOND, 200);
        tracker.sample(6 * SECOND, 50);
        tracker.finish();
        assertEquals(0, tracker.intervals());
        tracker.interval(0, 10);
        tracker.interval(SECOND, -1);
        assertEquals(0, tracker.intervals());
        assertThrows(IllegalArgumentException.class, () -> new BandwidthTracker(0));
    }

    @Property(tries = 200)
    void shouldKeepMeanBetweenMinAndMax(
        @ForAll @Size(min = 2, max = 60) final List<@IntRange(min = 0, max = 2_000) Integer> millisBetween,
        @ForAll @IntRange(min = 1, max = 1_000) final int minIntervalMs)
    {
        final BandwidthTracker tracker = new BandwidthTracker(minIntervalMs * 1_000_000L);
        long time = 0;
        long bytes = 0;
        tracker.sample(0, 0);
        for (final int millis : millisBetween)
        {
            time += millis * 1_000_000L;
            bytes += millis * 1_000L + (bytes % 7) * 10_000;
            tracker.sample(time, bytes);
        }
        tracker.finish();
        if (tracker.intervals() > 0)
        {
            assertTrue(tracker.minBitsPerSecond() <= tracker.meanBitsPerSecond() * (1 + 1e-9));
            assertTrue(tracker.meanBitsPerSecond() <= tracker.maxBitsPerSecond() * (1 + 1e-9));
            assertEquals(bytes * 8.0 * 1e9 / time, tracker.meanBitsPerSecond(), 1e-6 * tracker.meanBitsPerSecond());
        }
    }
}
