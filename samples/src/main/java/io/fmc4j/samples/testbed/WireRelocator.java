/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.fmc.controller.EidRelocator;
import io.fmc4j.fmc.controller.RelocationException;
import io.fmc4j.fmc.controller.Rloc;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An {@link EidRelocator} whose changes travel as in a deployment: the controller tells the DC xTRs (their
 * {@code fmc4j xtr --commands} input, one controller-xTR one-way delay after it decides), and the xTRs register
 * with the Map-Server in signed Map-Registers over UDP. The Map-Server's own machinery then does the rest: the
 * mobility Map-Notify to the xTR the EID left, the publications to subscribers, the SMRs.
 * <ul>
 * <li>{@link #preRegister}: the source xTR registers the VM's /32 at priority 1, then (once the Map-Server has it)
 * the destination xTR at priority 2, both with the merge bit (the Map-Server merges them). In this order: a
 * destination registering the /32 first would take the host EID over from the source's covering prefix, and the
 * Map-Server would tell the source the EID left;</li>
 * <li>{@link #promote}: the destination xTR registers it at priority 1 without the merge bit, replacing the
 * source's registration;</li>
 * <li>{@link #rollback}: both withdraw the /32 (traffic follows the source DC's covering prefix again; the VM's
 * host EID was not registered before the migration in the testbed);</li>
 * <li>{@link #commit}: nothing to tell anyone.</li>
 * </ul>
 * A future completes when the Map-Server's database shows the change (read on the Map-Server's thread every
 * millisecond), and fails with a {@link RelocationException} when a command cannot be delivered or the change is
 * not seen within the timeout.
 */
public final class WireRelocator implements EidRelocator, AutoCloseable
{
    /** Priority of the locator in use. */
    public static final int PRIMARY_PRIORITY = 1;
    /** Priority of the pre-registered destination. */
    public static final int BACKUP_PRIORITY = 2;
    private static final int WEIGHT = 100;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Where commands for one xTR go. */
    @FunctionalInterface
    public interface XtrCommands
    {
        /**
         * Delivers one command line (e.g. {@code add 10.100.0.5/32 1 100 merge}).
         *
         * @param line the command.
         * @throws IOException when the xTR cannot be told.
         */
        void send(String line) throws IOException;
    }

    private final Map<Rloc, XtrCommands> xtrs;
    private final Map<Rloc, Long> oneWayNanos;
    private final MappingDatabase database;
    private final Executor databaseThread;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private final Map<EidPrefix, Rloc[]> open = new HashMap<>();
    private final RegistrationView view = new RegistrationView();

    /**
     * A relocator.
     *
     * @param xtrs           the DC xTRs by RLOC, and how to tell each.
     * @param oneWayNanos    controller-to-xTR one-way delay by RLOC (absent: none).
     * @param database       the Map-Server's database, read to confirm each change.
     * @param databaseThread runs tasks on the database's thread (the Map-Server's executor).
     * @param timeoutNanos   how long a change may take to show in the database.
     */
    public WireRelocator(final Map<Rloc, XtrCommands> xtrs, final Map<Rloc, Long> oneWayNanos,
        final MappingDatabase database, final Executor databaseThread, final long timeoutNanos)
    {
        this.xtrs = Map.copyOf(xtrs);
        this.oneWayNanos = Map.copyOf(oneWayNanos);
        this.database = Objects.requireNonNull(database, "database");
        this.databaseThread = Objects.requireNonNull(databaseThread, "databaseThread");
        this.timeoutNanos = timeoutNanos;
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (r) ->
        {
            final Thread thread = new Thread(r, "fmc4j-wire-relocator");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer = executor;
    }

    @Override
    public synchronized CompletableFuture<Void> preRegister(
        final EidPrefix vmEid, final Rloc source, final Rloc destination)
    {
        if (open.containsKey(vmEid))
        {
            return CompletableFuture.failedFuture(new RelocationException("a relocation of " + vmEid +
                " is still open", RelocationException.NO_STATUS));
        }
        open.put(vmEid, new Rloc[] {source, destination});
        // The source first: were the destination's /32 registered before it, the Map-Server would see the host EID
        // pass from the covering prefix's xTR (the source) to the destination and tell the source it left.
        return tell(source, "add " + vmEid + " " + PRIMARY_PRIORITY + " " + WEIGHT + " merge")
            .thenCompose((ignored) -> confirm(vmEid, "pre-register at the source", (locators) ->
                has(locators, source, PRIMARY_PRIORITY)))
            .thenCompose((ignored) -> tell(destination, "add " + vmEid + " " + BACKUP_PRIORITY + " " + WEIGHT +
                " merge"))
            .thenCompose((ignored) -> confirm(vmEid, "pre-register", (locators) ->
                has(locators, source, PRIMARY_PRIORITY) && has(locators, destination, BACKUP_PRIORITY)));
    }

    @Override
    public synchronized CompletableFuture<Void> promote(final EidPrefix vmEid)
    {
        final Rloc[] relocation = open.get(vmEid);
        if (relocation == null)
        {
            return noRelocation(vmEid);
        }
        final Rloc destination = relocation[1];
        return tell(destination, "promote " + vmEid + " " + PRIMARY_PRIORITY + " " + WEIGHT)
            .thenCompose((ignored) -> confirm(vmEid, "promote", (locators) ->
                locators.count() == 1 && has(locators, destination, PRIMARY_PRIORITY)));
    }

    @Override
    public synchronized CompletableFuture<Void> commit(final EidPrefix vmEid)
    {
        return open.remove(vmEid) == null ? noRelocation(vmEid) : CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> rollback(final EidPrefix vmEid)
    {
        final Rloc[] relocation = open.remove(vmEid);
        if (relocation == null)
        {
            return noRelocation(vmEid);
        }
        return tell(relocation[1], "remove " + vmEid)
            .thenCombine(tell(relocation[0], "remove " + vmEid), (a, b) -> (Void)null)
            .thenCompose((ignored) -> confirm(vmEid, "roll back", null));
    }

    /**
     * Relocations pre-registered and not yet committed or rolled back.
     *
     * @return the count.
     */
    public synchronized int openRelocations()
    {
        return open.size();
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }

    private static CompletableFuture<Void> noRelocation(final EidPrefix vmEid)
    {
        return CompletableFuture.failedFuture(new RelocationException("no open relocation of " + vmEid,
            RelocationException.NO_STATUS));
    }

    private CompletableFuture<Void> tell(final Rloc xtr, final String line)
    {
        final CompletableFuture<Void> told = new CompletableFuture<>();
        final XtrCommands commands = xtrs.get(xtr);
        if (commands == null)
        {
            told.completeExceptionally(new RelocationException("no xTR with RLOC " + xtr + " to tell '" + line + "'",
                RelocationException.NO_STATUS));
            return told;
        }
        final Runnable send = () ->
        {
            try
            {
                commands.send(line);
                told.complete(null);
            }
            catch (final IOException | RuntimeException ex)
            {
                told.completeExceptionally(new RelocationException("cannot tell the xTR at " + xtr + " '" + line +
                    "': " + ex.getMessage(), RelocationException.NO_STATUS));
            }
        };
        try
        {
            timer.schedule(send, oneWayNanos.getOrDefault(xtr, 0L), TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            told.completeExceptionally(new RelocationException("relocator closed", RelocationException.NO_STATUS));
        }
        return told;
    }

    /** Polls the database until the EID's locators pass the test (or, with a null test, the EID is gone). */
    private CompletableFuture<Void> confirm(
        final EidPrefix vmEid, final String what, final Predicate<LocatorSetDecoder> test)
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final long deadline = System.nanoTime() + timeoutNanos;
        poll(vmEid, what, test, done, deadline);
        return done;
    }

    private void poll(final EidPrefix vmEid, final String what, final Predicate<LocatorSetDecoder> test,
        final CompletableFuture<Void> done, final long deadline)
    {
        try
        {
            databaseThread.execute(() ->
            {
                final int status = database.get(vmEid, view);
                final boolean reached = test == null ? status != MapCacheStatus.FOUND :
                    status == MapCacheStatus.FOUND && test.test(view.locators());
                if (reached)
                {
                    done.complete(null);
                }
                else if (System.nanoTime() - deadline > 0)
                {
                    done.completeExceptionally(new RelocationException(what + " of " + vmEid + " not seen at the " +
                        "Map-Server within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (now: " +
                        (status == MapCacheStatus.FOUND ? view.locators().toString() : MapCacheStatus.name(status)) +
                        ")", status));
                }
                else
                {
                    schedule(() -> poll(vmEid, what, test, done, deadline), done);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            done.completeExceptionally(new RelocationException("the Map-Server's thread rejected the check of " +
                vmEid, RelocationException.NO_STATUS));
        }
    }

    private void schedule(final Runnable task, final CompletableFuture<Void> done)
    {
        try
        {
            timer.schedule(task, POLL_NANOS, TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            done.completeExceptionally(new RelocationException("relocator closed", RelocationException.NO_STATUS));
        }
    }

    private static boolean has(final LocatorSetDecoder locators, final Rloc rloc, final int priority)
    {
        for (int i = 0; i < locators.count(); i++)
        {
            if (rloc.matches(locators, i) && locators.priority(i) == priority)
            {
                return true;
            }
        }
        return false;
    }
}
