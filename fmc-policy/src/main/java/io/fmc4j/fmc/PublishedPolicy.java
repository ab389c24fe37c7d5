/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link MigrationPolicy} whose table is replaced while deciders keep reading: deciders do one volatile read of
 * an immutable {@link PolicyTable} and never block; solvers publish a new table with a single atomic store.
 * <p>
 * Re-solving runs off the decider threads through {@link #resolveAsync(Supplier, Executor)}. Each request takes a
 * ticket; a solution is published only if no later request has been published already, so a slow solve of old
 * parameters never overwrites a newer table. A solve that throws leaves the current table in place and fails the
 * returned future.
 */
public final class PublishedPolicy implements MigrationPolicy
{
    private final AtomicReference<Versioned> current;
    private final AtomicLong tickets = new AtomicLong();

    private static final class Versioned
    {
        final PolicyTable table;
        final long ticket;

        Versioned(final PolicyTable table, final long ticket)
        {
            this.table = table;
            this.ticket = ticket;
        }
    }

    /**
     * A published policy starting with a table.
     *
     * @param initial the first table; deciders never see {@code null}.
     */
    public PublishedPolicy(final PolicyTable initial)
    {
        current = new AtomicReference<>(new Versioned(Objects.requireNonNull(initial, "initial"), 0));
    }

    @Override
    public int targetDistance(final int distance)
    {
        return current.get().table.targetDistance(distance);
    }

    /**
     * The table deciders currently read.
     *
     * @return the current table.
     */
    public PolicyTable table()
    {
        return current.get().table;
    }

    /**
     * Number of the request whose table is current (0 for the initial table).
     *
     * @return the current ticket.
     */
    public long version()
    {
        return current.get().ticket;
    }

    /**
     * Publishes a table now, superseding every earlier request.
     *
     * @param table the new table.
     * @return the ticket it was published under.
     */
    public long publish(final PolicyTable table)
    {
        final long ticket = tickets.incrementAndGet();
        publishIfNewer(Objects.requireNonNull(table, "table"), ticket);
        return ticket;
    }

    /**
     * Solves on {@code executor} and publishes the result unless a newer request got published first.
     *
     * @param solver   the cold-path solve, for example {@code () -> FastPolicyIteration.solve(model).toTable()}.
     * @param executor where to run it; never a decider thread.
     * @return completes with the solved table (published or superseded), or exceptionally if the solve failed.
     */
    public CompletableFuture<PolicyTable> resolveAsync(final Supplier<PolicyTable> solver, final Executor executor)
    {
        final long ticket = tickets.incrementAndGet();
        return CompletableFuture.supplyAsync(
            () ->
            {
                final PolicyTable table = Objects.requireNonNull(solver.get(), "solver returned null");
                publishIfNewer(table, ticket);
                return table;
            },
            executor);
    }

    private void publishIfNewer(final PolicyTable table, final long ticket)
    {
        final Versioned next = new Versioned(table, ticket);
        while (true)
        {
            final Versioned seen = current.get();
            if (seen.ticket > ticket)
            {
                return;
            }
            if (current.compareAndSet(seen, next))
            {
                return;
            }
        }
    }
}
