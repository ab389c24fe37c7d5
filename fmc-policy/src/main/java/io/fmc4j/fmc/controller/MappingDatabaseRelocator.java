/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * An {@link EidRelocator} acting on an in-process {@link MappingDatabase}: the controller co-located with the
 * Map-Server. The database is single-threaded, so every change runs on the database's thread through the
 * {@link Context#executor(Executor) executor} given (the Map-Server agent's task queue); the futures complete on
 * that thread once {@link MappingDatabase#register} has returned, that is once the change events have been
 * delivered to the database's listeners (the Map-Server's pub/sub).
 * <p>
 * Registrations are made in the FMC {@link Context#site(Site) site} (which must allow the DC prefixes and accept
 * more-specifics) without the merge bit, so each replaces the host EID's whole registration; the registering
 * xTR is the DC xTR that hosts the VM (the source before the switchover, the destination after), the P bit is set
 * (the Map-Server answers Map-Requests for the host EID itself) and the record TTL is used (the controller owns
 * these registrations; they do not expire after three minutes).
 * <p>
 * State for rollback (the host EID's previous merged locator set and registrant, if it had one) lives on the
 * database thread until {@link #commit} or {@link #rollback}.
 */
public final class MappingDatabaseRelocator implements EidRelocator
{
    /** Default unicast priority of the locator traffic goes to. */
    public static final int DEFAULT_PRIMARY_PRIORITY = 1;
    /** Default unicast priority of the pre-registered destination (lower preference). */
    public static final int DEFAULT_BACKUP_PRIORITY = 2;
    /** Default record TTL of the host-EID registrations, in minutes (one day). */
    public static final int DEFAULT_TTL_MINUTES = 1440;
    private static final int WEIGHT = 100;

    private final MappingDatabase database;
    private final Site site;
    private final Executor executor;
    private final int primaryPriority;
    private final int backupPriority;
    private final int ttlMinutes;
    private final RegistrationBuilder registration = new RegistrationBuilder();
    private final RegistrationView view = new RegistrationView();
    private final UnsafeBuffer address = new UnsafeBuffer(new byte[Afi.IPV6_LENGTH]);
    private final Map<EidPrefix, Relocation> relocations = new HashMap<>();

    /**
     * Configuration: fluent setters, then {@link #conclude()}.
     */
    public static final class Context
    {
        private MappingDatabase database;
        private Site site;
        private Executor executor;
        private int primaryPriority = DEFAULT_PRIMARY_PRIORITY;
        private int backupPriority = DEFAULT_BACKUP_PRIORITY;
        private int ttlMinutes = DEFAULT_TTL_MINUTES;

        /**
         * The mapping database.
         *
         * @param database the database.
         * @return this.
         */
        public Context database(final MappingDatabase database)
        {
            this.database = database;
            return this;
        }

        /**
         * The site the host-EID registrations are made in.
         *
         * @param site a configured site of the database that allows the DC prefixes with more-specifics.
         * @return this.
         */
        public Context site(final Site site)
        {
            this.site = site;
            return this;
        }

        /**
         * Runs tasks on the database's thread (the only thread that may call it).
         *
         * @param executor the executor.
         * @return this.
         */
        public Context executor(final Executor executor)
        {
            this.executor = executor;
            return this;
        }

        /**
         * Priority of the locator in use.
         *
         * @param priority 0..254.
         * @return this.
         */
        public Context primaryPriority(final int priority)
        {
            this.primaryPriority = priority;
            return this;
        }

        /**
         * Priority of the pre-registered destination.
         *
         * @param priority greater than the primary priority, at most 254.
         * @return this.
         */
        public Context backupPriority(final int priority)
        {
            this.backupPriority = priority;
            return this;
        }

        /**
         * Record TTL of the registrations.
         *
         * @param minutes 1..65535.
         * @return this.
         */
        public Context ttlMinutes(final int minutes)
        {
            this.ttlMinutes = minutes;
            return this;
        }

        /**
         * Checks the configuration.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first problem.
         */
        public Context conclude()
        {
            if (database == null || site == null || executor == null)
            {
                throw new IllegalArgumentException("database, site and executor must be set");
            }
            if (database.site(site.name()) != site)
            {
                throw new IllegalArgumentException("site " + site.name() + " is not a site of the database");
            }
            if (!site.acceptMoreSpecifics())
            {
                throw new IllegalArgumentException("site " + site.name() + " must accept more-specifics");
            }
            if (primaryPriority < 0 || backupPriority <= primaryPriority || backupPriority >= Rloc.PRIORITY_UNUSABLE)
            {
                throw new IllegalArgumentException("priorities must satisfy 0 <= primary < backup < 255: " +
                    primaryPriority + ", " + backupPriority);
            }
            if (ttlMinutes < 1 || ttlMinutes > 0xFFFF)
            {
                throw new IllegalArgumentException("ttlMinutes must be 1..65535: " + ttlMinutes);
            }
            return this;
        }
    }

    private static final class Relocation
    {
        final Rloc source;
        final Rloc destination;
        final boolean existed;
        final byte[] oldLocators;
        final int oldCount;
        final Rloc oldRegistrant;
        final boolean oldProxyReply;

        Relocation(final Rloc source, final Rloc destination, final boolean existed, final byte[] oldLocators,
            final int oldCount, final Rloc oldRegistrant, final boolean oldProxyReply)
        {
            this.source = source;
            this.destination = destination;
            this.existed = existed;
            this.oldLocators = oldLocators;
            this.oldCount = oldCount;
            this.oldRegistrant = oldRegistrant;
            this.oldProxyReply = oldProxyReply;
        }
    }

    /**
     * A relocator; concludes the context.
     *
     * @param context the configuration.
     */
    public MappingDatabaseRelocator(final Context context)
    {
        context.conclude();
        database = context.database;
        site = context.site;
        executor = context.executor;
        primaryPriority = context.primaryPriority;
        backupPriority = context.backupPriority;
        ttlMinutes = context.ttlMinutes;
    }

    @Override
    public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        return run(() ->
        {
            requireHostEid(vmEid);
            final Relocation previous = relocations.get(vmEid);
            if (previous != null)
            {
                throw new RelocationException("a relocation of " + vmEid + " to " + previous.destination +
                    " is still open", RelocationException.NO_STATUS);
            }
            final Relocation relocation = snapshot(vmEid, source, destination);
            begin(vmEid, source);
            addLocator(source, primaryPriority);
            addLocator(destination, backupPriority);
            check(database.register(site, registration), "pre-register " + vmEid);
            relocations.put(vmEid, relocation);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> promote(final EidPrefix vmEid)
    {
        return run(() ->
        {
            final Relocation relocation = open(vmEid);
            begin(vmEid, relocation.destination);
            addLocator(relocation.destination, primaryPriority);
            check(database.register(site, registration), "promote " + vmEid);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> commit(final EidPrefix vmEid)
    {
        return run(() ->
        {
            open(vmEid);
            relocations.remove(vmEid);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> rollback(final EidPrefix vmEid)
    {
        return run(() ->
        {
            final Relocation relocation = open(vmEid);
            relocations.remove(vmEid);
            if (!relocation.existed)
            {
                final int status = database.withdraw(vmEid);
                if (status != MapCacheStatus.OK && status != MapCacheStatus.NOT_PRESENT)
                {
                    check(status, "roll back (withdraw) " + vmEid);
                }
                return null;
            }
            begin(vmEid, relocation.oldRegistrant);
            registration.proxyReply(relocation.oldProxyReply);
            registration.mapping().addLocators(new UnsafeBuffer(relocation.oldLocators), 0, relocation.oldCount);
            check(database.register(site, registration), "roll back (re-register) " + vmEid);
            return null;
        });
    }

    /**
     * The RLOC traffic for an address goes to now (longest-prefix match, then the preferred locator), read on the
     * database thread. For probers and diagnostics.
     *
     * @param address a host EID.
     * @return completes with the RLOC, or {@code null} when nothing usable maps the address.
     */
    public CompletableFuture<Rloc> resolve(final EidPrefix address)
    {
        return run(() ->
        {
            if (database.lookup(address.instanceId(), address.afi(), address.hi(), address.lo(), view) !=
                MapCacheStatus.FOUND)
            {
                return null;
            }
            final LocatorSetDecoder locators = view.locators();
            final int best = Rloc.preferredIndex(locators);
            return best == Rloc.NONE ? null : Rloc.of(locators, best);
        });
    }

    /**
     * Relocations pre-registered and not yet committed or rolled back, read on the database thread.
     *
     * @return completes with the count.
     */
    public CompletableFuture<Integer> openRelocations()
    {
        return run(relocations::size);
    }

    private Relocation snapshot(final EidPrefix vmEid, final Rloc source, final Rloc destination)
    {
        if (database.get(vmEid, view) != MapCacheStatus.FOUND)
        {
            return new Relocation(source, destination, false, null, 0, null, false);
        }
        final LocatorSetDecoder locators = view.locators();
        final byte[] bytes = new byte[locators.count() * LocatorSet.LOCATOR_LENGTH];
        locators.buffer().getBytes(locators.offset(), bytes);
        final Rloc registrant = view.registrantCount() > 0 ?
            new Rloc(view.xtrRlocAfi(0), view.xtrRlocHi(0), view.xtrRlocLo(0)) : source;
        return new Relocation(source, destination, true, bytes, locators.count(), registrant, view.proxyReply());
    }

    private Relocation open(final EidPrefix vmEid)
    {
        final Relocation relocation = relocations.get(vmEid);
        if (relocation == null)
        {
            throw new RelocationException("no open relocation of " + vmEid, RelocationException.NO_STATUS);
        }
        return relocation;
    }

    private void begin(final EidPrefix vmEid, final Rloc registrant)
    {
        registration.reset().eid(vmEid).xtrRloc(registrant.afi(), registrant.hi(), registrant.lo())
            .useRecordTtl(true).proxyReply(true);
        registration.mapping().ttlMinutes(ttlMinutes);
    }

    private void addLocator(final Rloc rloc, final int priority)
    {
        rloc.putAddress(address, 0);
        registration.mapping().addLocator(rloc.afi(), address, 0, LocatorSet.FLAG_REACHABLE, priority, WEIGHT,
            Rloc.PRIORITY_UNUSABLE, 0);
    }

    private static void requireHostEid(final EidPrefix vmEid)
    {
        if (vmEid.maskLength() != Afi.maxMaskLength(vmEid.afi()) ||
            (vmEid.afi() != Afi.IPV4 && vmEid.afi() != Afi.IPV6))
        {
            throw new RelocationException("a VM EID must be an IPv4 /32 or IPv6 /128: " + vmEid,
                RelocationException.NO_STATUS);
        }
    }

    private static void check(final int status, final String what)
    {
        if (status != MapCacheStatus.OK)
        {
            throw new RelocationException(what + " refused", status);
        }
    }

    private <T> CompletableFuture<T> run(final Supplier<T> task)
    {
        final CompletableFuture<T> future = new CompletableFuture<>();
        try
        {
            executor.execute(() ->
            {
                try
                {
                    future.complete(task.get());
                }
                catch (final RuntimeException ex)
                {
                    future.completeExceptionally(ex);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            future.completeExceptionally(new RelocationException("mapping database executor rejected the task: " +
                ex.getMessage(), RelocationException.NO_STATUS));
        }
        return future;
    }
}
