/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import io.fmc4j.api.Afi;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PendingRequestsTest
{
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void shouldGrantOneRequestPerKeyUntilTheRetryIntervalPasses()
    {
        final PendingRequests pending = new PendingRequests(64, 1000, 1000);
        final long key = PendingRequests.key(1, Afi.IPV4, 32, 0x0A00_0001L << 32, 0);
        assertEquals(PendingRequests.REQUEST, pending.tryRequest(key, NOW));
        assertEquals(PendingRequests.PENDING, pending.tryRequest(key, NOW + 500));
        assertEquals(PendingRequests.PENDING, pending.tryRequest(key, NOW + 990));
        assertEquals(PendingRequests.REQUEST, pending.tryRequest(key, NOW + 1010));
        pending.release(key, NOW + 1010);
        assertEquals(PendingRequests.REQUEST, pending.tryRequest(key, NOW + 1011), "released: ask again at once");
    }

    @Test
    void shouldReportAFullNeighbourhoodAndReuseExpiredSlots()
    {
        final PendingRequests pending = new PendingRequests(8, 100, 1_000_000);
        for (int i = 0; i < 8; i++)
        {
            assertEquals(PendingRequests.REQUEST, pending.tryRequest(PendingRequests.key(1, Afi.IPV4, 32, i, 0), NOW));
        }
        final long ninth = PendingRequests.key(1, Afi.IPV4, 32, 99, 0);
        assertEquals(PendingRequests.TABLE_FULL, pending.tryRequest(ninth, NOW));
        assertEquals(PendingRequests.REQUEST, pending.tryRequest(ninth, NOW + 200), "an expired slot is taken over");
    }

    @Test
    void shouldRefuseBadSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new PendingRequests(100, 1000, 10));
        assertThrows(IllegalArgumentException.class, () -> new PendingRequests(64, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PendingRequests(64, 1000, 0));
    }

    @Test
    void shouldGrantExactlyOneRequestWhenThreadsMissOnTheSameEidTogether() throws Exception
    {
        for (int round = 0; round < 200; round++)
        {
            final PendingRequests pending = new PendingRequests(1024, 1000, 1_000_000);
            final long key = PendingRequests.key(3, Afi.IPV4, 32, (long)round << 32, 0);
            final AtomicInteger granted = new AtomicInteger();
            final int threads = 4;
            final CyclicBarrier barrier = new CyclicBarrier(threads);
            final Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() ->
                {
                    try
                    {
                        barrier.await();
                    }
                    catch (final Exception ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                    for (int i = 0; i < 100; i++)
                    {
                        if (pending.tryRequest(key, NOW) == PendingRequests.REQUEST)
                        {
                            granted.incrementAndGet();
                        }
                    }
                });
                workers[t].start();
            }
            for (final Thread worker : workers)
            {
                worker.join();
            }
            assertEquals(1, granted.get());
        }
    }
}
