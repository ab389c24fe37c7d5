/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc;

import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedPolicyTest
{
    private static PolicyTable stayUntil(final int migrateAt)
    {
        final int[] targets = new int[11];
        for (int d = 0; d <= 10; d++)
        {
            targets[d] = d < migrateAt ? d : 0;
        }
        return new PolicyTable("stay-until-" + migrateAt, targets, null, 0);
    }

    @Test
    void shouldPublishAndDecideFromTheNewTable()
    {
        final PublishedPolicy policy = new PublishedPolicy(stayUntil(10));
        assertEquals(5, policy.targetDistance(5));
        final long ticket = policy.publish(stayUntil(3));
        assertEquals(0, policy.targetDistance(5));
        assertEquals(ticket, policy.version());
    }

    @Test
    void shouldNotLetAnOlderSlowSolveOverwriteANewerTable() throws Exception
    {
        final PublishedPolicy policy = new PublishedPolicy(stayUntil(10));
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try
        {
            final CountDownLatch release = new CountDownLatch(1);
            final PolicyTable old = stayUntil(7);
            final PolicyTable newer = stayUntil(2);
            final CompletableFuture<PolicyTable> slow = policy.resolveAsync(() ->
            {
                await(release);
                return old;
            }, executor);
            final CompletableFuture<PolicyTable> fast = policy.resolveAsync(() -> newer, executor);
            assertSame(newer, fast.get(5, TimeUnit.SECONDS));
            release.countDown();
            assertSame(old, slow.get(5, TimeUnit.SECONDS));
            assertSame(newer, policy.table());
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldKeepTheCurrentTableWhenASolveFails()
    {
        final PolicyTable initial = stayUntil(10);
        final PublishedPolicy policy = new PublishedPolicy(initial);
        final CompletableFuture<PolicyTable> failed = policy.resolveAsync(
            () -> FastPolicyIteration.solve(new WangRingModel(new WangRingModel.Context().moveProbability(0.5)))
                .toTable(),
            Runnable::run);
        final ExecutionException e = assertThrows(ExecutionException.class, failed::get);
        assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
        assertSame(initial, policy.table());
    }

    @Test
    void shouldNeverShowDecidersAMixOfTwoTables() throws Exception
    {
        // Tables A (stay below 10) and B (migrate from 1): a decider must see a consistent table per read.
        final PolicyTable a = stayUntil(10);
        final PolicyTable b = stayUntil(1);
        final PublishedPolicy policy = new PublishedPolicy(a);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong bad = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final Thread decider = new Thread(() ->
        {
            long n = 0;
            while (!stop.get())
            {
                final PolicyTable seen = policy.table();
                if ((seen.targetDistance(5) == 5) != (seen.targetDistance(9) == 9))
                {
                    bad.incrementAndGet();
                }
                final int t = policy.targetDistance(7);
                if (t != 7 && t != 0)
                {
                    bad.incrementAndGet();
                }
                n++;
            }
            reads.set(n);
        });
        decider.start();
        for (int i = 0; i < 20_000; i++)
        {
            policy.publish((i & 1) == 0 ? b : a);
        }
        stop.set(true);
        decider.join(10_000);
        assertEquals(0, bad.get());
        assertTrue(reads.get() > 0);
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
