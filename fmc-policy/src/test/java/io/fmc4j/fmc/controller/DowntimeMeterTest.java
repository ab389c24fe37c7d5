/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DowntimeMeterTest
{
    private static final EidPrefix EID = EidPrefix.parse("10.0.0.1/32");

    /** A clock that advances 1 ms per reading: deterministic timing. */
    private static final class SteppingClock
    {
        final AtomicLong now = new AtomicLong();

        long read()
        {
            return now.addAndGet(1_000_000L);
        }
    }

    @Test
    void shouldMeasureTheLongestOutageFromLastToNextSuccess() throws Exception
    {
        final SteppingClock clock = new SteppingClock();
        final AtomicLong calls = new AtomicLong();
        // probes 1-3 ok, 4-8 fail, 9-10 ok, 11-12 fail, then ok
        final ServiceProber prober = (vm, eid) ->
        {
            final long n = calls.incrementAndGet();
            return !(n >= 4 && n <= 8) && !(n >= 11 && n <= 12);
        };
        final DowntimeMeter meter = new DowntimeMeter(prober, "vm", EID, 1, 0, clock::read).start();
        while (calls.get() < 20)
        {
            Thread.sleep(1);
        }
        final DowntimeMeter.Result result = meter.stop().get(5, TimeUnit.SECONDS);
        assertTrue(result.recovered());
        assertEquals(7, result.failedProbes());
        assertTrue(result.probes() >= 20);
        // each probe iteration reads the clock 3 times (start, end, wait): 5 failed probes span 6 iterations
        assertEquals(6 * 3 * 1_000_000L, result.longestOutageNanos());
    }

    @Test
    void shouldReportAServiceThatNeverCameBack() throws Exception
    {
        final DowntimeMeter meter = new DowntimeMeter((vm, eid) -> false, "vm", EID, 1_000_000L, 5_000_000L,
            System::nanoTime).start();
        Thread.sleep(5);
        final DowntimeMeter.Result result = meter.stop().get(5, TimeUnit.SECONDS);
        assertFalse(result.recovered());
        assertEquals(result.probes(), result.failedProbes());
        assertTrue(result.longestOutageNanos() >= 5_000_000L);
    }

    @Test
    void shouldReportZeroWhenEveryProbeSucceeds() throws Exception
    {
        final DowntimeMeter meter = new DowntimeMeter((vm, eid) -> true, "vm", EID, 1_000_000L, 0,
            System::nanoTime).start();
        Thread.sleep(3);
        final DowntimeMeter.Result result = meter.stop().get(5, TimeUnit.SECONDS);
        assertEquals(0, result.longestOutageNanos());
        assertEquals(0, result.failedProbes());
    }

    @Test
    void shouldFailTheResultWhenTheProberThrows() throws Exception
    {
        final DowntimeMeter meter = new DowntimeMeter((vm, eid) ->
        {
            throw new IllegalStateException("prober bug");
        }, "vm", EID, 1_000_000L, 0, System::nanoTime).start();
        final var ex = assertThrows(java.util.concurrent.ExecutionException.class,
            () -> meter.result().get(5, TimeUnit.SECONDS));
        assertEquals("prober bug", ex.getCause().getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DowntimeMeter((vm, eid) -> true, "vm", EID, 0, 0,
            System::nanoTime));
    }
}
