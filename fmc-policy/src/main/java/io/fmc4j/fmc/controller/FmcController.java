/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeListener;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.fmc.MigrationPolicy;
import io.fmc4j.fmc.PolicyTable;
import io.fmc4j.fmc.mdp.FmcDistanceModel;
import io.fmc4j.fmc.mdp.PolicyIteration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Follow Me Cloud controller (FMCC): learns from the Map-Server's mapping database that a user moved, asks a
 * {@link MigrationPolicy} whether the user's service VMs should follow, and if so migrates them through the
 * hypervisor SPI while an {@link EidRelocator} moves each VM's EID to the destination data centre
 * make-before-break.
 * <p>
 * <b>Learning moves.</b> Register the controller as a {@link MappingChangeListener} of the mapping database. A
 * {@link MappingChangeType#UPDATED} (or {@code REGISTERED}) change of a registered user's EID whose preferred new
 * locator is another access xTR's RLOC is a move. No polling. The listener runs on the database thread, copies
 * what it needs and hands the move to the controller thread.
 * <p>
 * <b>Deciding.</b> On the controller thread, for each VM of the user: {@code d} = distance (topology) between the
 * user's new access xTR and the VM's data centre; {@code t = policy.targetDistance(d)}; when {@code t < d} the
 * destination is {@link Topology#chooseDataCentre}.
 * <p>
 * <b>Migrating.</b> Pre-register the destination as a backup locator of the VM's EID, start the migration on the
 * source DC's hypervisor, promote the destination at the configured switchover event
 * ({@link #SWITCHOVER_ON_SOURCE_PAUSED} by default: the mapping update overlaps the stop-and-copy), and commit when
 * the hypervisor reports completion. A migration that fails or is cancelled leaves the VM at the source
 * (hypervisor SPI contract) and the mapping is rolled back to what it was.
 * <p>
 * <b>A second move during a migration</b> is deferred: the user's location is updated at once, the running
 * migration is not cancelled or re-targeted, and when it ends (completed or failed) the VM is decided again
 * against the user's latest location, which may start a second migration. Only the latest location counts;
 * intermediate moves are coalesced.
 * <p>
 * <b>Threads.</b> One controller thread owns users, VMs and decisions. Hypervisor events arrive on the backends'
 * threads and only append to timelines and request the promotion. Mapping changes run where the relocator runs
 * them (for {@link MappingDatabaseRelocator}, the database thread).
 */
public final class FmcController implements MappingChangeListener, AutoCloseable
{
    /** Promote the EID when the source pauses (switchover begins): hides the mapping latency in the downtime. */
    public static final int SWITCHOVER_ON_SOURCE_PAUSED = 1;
    /** Promote the EID when the destination resumes. */
    public static final int SWITCHOVER_ON_DESTINATION_RESUMED = 2;
    /** Promote the EID when the hypervisor reports completion (the paper's prototype). */
    public static final int SWITCHOVER_ON_COMPLETED = 3;

    /** Counter: moves of registered users seen. */
    public static final int MOVES = 0;
    /** Counter: mapping changes of registered users whose locator is no access xTR of the topology. */
    public static final int UNKNOWN_LOCATORS = 1;
    /** Counter: mapping changes that were not about a registered user, or not a registration or update. */
    public static final int CHANGES_IGNORED = 2;
    /** Counter: decisions to keep a VM where it is. */
    public static final int DECISIONS_STAY = 3;
    /** Counter: migrations started (decided to migrate). */
    public static final int MIGRATIONS_STARTED = 4;
    /** Counter: migrations completed with the mapping promoted. */
    public static final int MIGRATIONS_COMPLETED = 5;
    /** Counter: migrations that failed, were cancelled or could not start. */
    public static final int MIGRATIONS_FAILED = 6;
    /** Counter: decisions deferred because the VM was migrating. */
    public static final int DECISIONS_DEFERRED = 7;
    /** Counter: mapping rollbacks done. */
    public static final int ROLLBACKS = 8;
    /** Counter: mapping changes that failed. */
    public static final int MAPPING_ERRORS = 9;
    /** Number of counters. */
    public static final int COUNTERS = 10;

    private static final System.Logger LOGGER = System.getLogger(FmcController.class.getName());

    private final Topology topology;
    private final MigrationPolicy policy;
    private final EidRelocator relocator;
    private final Map<String, HypervisorControl> hypervisors;
    private final List<HypervisorControl> owned = new ArrayList<>();
    private final MigrationParameters parameters;
    private final int switchover;
    private final ServiceProber prober;
    private final long probeIntervalNanos;
    private final long probeSettleNanos;
    private final LongSupplier clock;
    private final Consumer<MigrationTimeline> onEnded;
    private final ExecutorService executor;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private volatile EidKeyTable<User> usersByEid = EidKeyTable.empty();
    private final Map<String, Vm> vms = new ConcurrentHashMap<>();
    private final List<MigrationTimeline> timelines = new ArrayList<>();
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
    private final Set<DowntimeMeter> meters = ConcurrentHashMap.newKeySet();
    private long nextId;

    /**
     * Configuration: fluent setters, then {@link #conclude()}.
     */
    public static final class Context
    {
        private Topology topology;
        private MigrationPolicy policy;
        private EidRelocator relocator;
        private final Map<String, HypervisorControl> hypervisors = new HashMap<>();
        private MigrationParameters parameters;
        private int switchover = SWITCHOVER_ON_SOURCE_PAUSED;
        private ServiceProber prober;
        private long probeIntervalNanos = 1_000_000L;
        private long probeSettleNanos = 2_000_000_000L;
        private LongSupplier clock = System::nanoTime;
        private Consumer<MigrationTimeline> onEnded;

        /**
         * The topology.
         *
         * @param topology access xTRs, data centres, distances.
         * @return this.
         */
        public Context topology(final Topology topology)
        {
            this.topology = topology;
            return this;
        }

        /**
         * The migration policy (default: {@link FmcController#defaultPolicy(Topology)}).
         *
         * @param policy the policy; a {@link io.fmc4j.fmc.PublishedPolicy} may be re-solved while running.
         * @return this.
         */
        public Context policy(final MigrationPolicy policy)
        {
            this.policy = policy;
            return this;
        }

        /**
         * Moves the VMs' EIDs (required).
         *
         * @param relocator for example a {@link MappingDatabaseRelocator}.
         * @return this.
         */
        public Context relocator(final EidRelocator relocator)
        {
            this.relocator = relocator;
            return this;
        }

        /**
         * The hypervisor control of a data centre, already open (otherwise the controller opens one from the DC's
         * provider, host and properties, and closes it on {@link FmcController#close()}). Controls given here are
         * not closed by the controller.
         *
         * @param dc      data centre name.
         * @param control its control.
         * @return this.
         */
        public Context hypervisor(final String dc, final HypervisorControl control)
        {
            hypervisors.put(dc, Objects.requireNonNull(control, "control"));
            return this;
        }

        /**
         * Migration parameters (default: the SPI defaults).
         *
         * @param parameters concluded parameters.
         * @return this.
         */
        public Context migrationParameters(final MigrationParameters parameters)
        {
            this.parameters = parameters;
            return this;
        }

        /**
         * When the VM's EID is promoted to the destination.
         *
         * @param trigger {@link #SWITCHOVER_ON_SOURCE_PAUSED}, {@link #SWITCHOVER_ON_DESTINATION_RESUMED} or
         *                {@link #SWITCHOVER_ON_COMPLETED}.
         * @return this.
         */
        public Context switchover(final int trigger)
        {
            this.switchover = trigger;
            return this;
        }

        /**
         * Measures the downtime of each migration with this prober (default: none).
         *
         * @param prober the prober.
         * @return this.
         */
        public Context prober(final ServiceProber prober)
        {
            this.prober = prober;
            return this;
        }

        /**
         * Probe interval.
         *
         * @param nanos {@code > 0}, default 1 ms.
         * @return this.
         */
        public Context probeIntervalNanos(final long nanos)
        {
            this.probeIntervalNanos = nanos;
            return this;
        }

        /**
         * How long to keep probing a service that is still down after its migration ended.
         *
         * @param nanos {@code >= 0}, default 2 s.
         * @return this.
         */
        public Context probeSettleNanos(final long nanos)
        {
            this.probeSettleNanos = nanos;
            return this;
        }

        /**
         * The controller clock, for timelines and probing; must advance at the real-time rate.
         *
         * @param clock nanoseconds, default {@code System.nanoTime}.
         * @return this.
         */
        public Context clock(final LongSupplier clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * Called on the controller thread when a migration record closes.
         *
         * @param onEnded the callback; its exceptions are logged and ignored.
         * @return this.
         */
        public Context onMigrationEnded(final Consumer<MigrationTimeline> onEnded)
        {
            this.onEnded = onEnded;
            return this;
        }

        /**
         * Checks the configuration once.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first problem.
         */
        public Context conclude()
        {
            if (topology == null || relocator == null)
            {
                throw new IllegalArgumentException("topology and relocator must be set");
            }
            for (final String dc : hypervisors.keySet())
            {
                if (topology.dataCentre(dc) == null)
                {
                    throw new IllegalArgumentException("hypervisor given for unknown data centre: " + dc);
                }
            }
            if (switchover < SWITCHOVER_ON_SOURCE_PAUSED || switchover > SWITCHOVER_ON_COMPLETED)
            {
                throw new IllegalArgumentException("unknown switchover trigger: " + switchover);
            }
            if (parameters == null)
            {
                parameters = new MigrationParameters().conclude();
            }
            if (!parameters.isConcluded())
            {
                throw new IllegalArgumentException("migration parameters must be concluded");
            }
            if (probeIntervalNanos <= 0 || probeSettleNanos < 0 || clock == null)
            {
                throw new IllegalArgumentException("probe interval must be > 0, settle >= 0, clock set");
            }
            if (policy == null)
            {
                policy = defaultPolicy(topology);
            }
            return this;
        }
    }

    private static final class User
    {
        final String id;
        final EidPrefix eid;
        final List<Vm> vms = new ArrayList<>();
        volatile AccessXtr access;

        User(final String id, final EidPrefix eid, final AccessXtr access)
        {
            this.id = id;
            this.eid = eid;
            this.access = access;
        }
    }

    private static final class Vm
    {
        final String name;
        final EidPrefix eid;
        final User user;
        volatile DataCentre dc;
        Run migration;
        boolean reevaluate;

        Vm(final String name, final EidPrefix eid, final User user, final DataCentre dc)
        {
            this.name = name;
            this.eid = eid;
            this.user = user;
            this.dc = dc;
        }
    }

    private static final class Run
    {
        final Vm vm;
        final DataCentre source;
        final DataCentre destination;
        final MigrationTimeline timeline;
        final DowntimeMeter meter;
        final AtomicReference<CompletableFuture<Void>> promotion = new AtomicReference<>();

        Run(final Vm vm, final DataCentre source, final DataCentre destination, final MigrationTimeline timeline,
            final DowntimeMeter meter)
        {
            this.vm = vm;
            this.source = source;
            this.destination = destination;
            this.timeline = timeline;
            this.meter = meter;
        }
    }

    /**
     * A controller; concludes the context and opens the hypervisor controls it was not given.
     *
     * @param context the configuration.
     * @throws IOException when a hypervisor control cannot be opened (the ones opened are closed again).
     */
    public FmcController(final Context context) throws IOException
    {
        context.conclude();
        topology = context.topology;
        policy = context.policy;
        relocator = context.relocator;
        parameters = context.parameters;
        switchover = context.switchover;
        prober = context.prober;
        probeIntervalNanos = context.probeIntervalNanos;
        probeSettleNanos = context.probeSettleNanos;
        clock = context.clock;
        onEnded = context.onEnded;
        hypervisors = new LinkedHashMap<>(context.hypervisors);
        try
        {
            for (final DataCentre dc : topology.dataCentres().values())
            {
                if (!hypervisors.containsKey(dc.name()))
                {
                    final HypervisorControl control = HypervisorProviders.select(dc.provider()).open(
                        new HypervisorConfig().host(dc.host()).properties(dc.hypervisorProperties()).conclude());
                    owned.add(control);
                    hypervisors.put(dc.name(), control);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            closeOwned();
            throw ex;
        }
        executor = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "fmc4j-controller");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The default policy: the FMC 1-D distance MDP ({@link FmcDistanceModel}, move-away probability 0.3,
     * {@code tau} 0.1, discount 0.9) with a horizon of at least 10 areas and at least the topology's largest
     * distance, solved by policy iteration. With these parameters it migrates from distance 2 on.
     *
     * @param topology the topology.
     * @return the solved table.
     */
    public static PolicyTable defaultPolicy(final Topology topology)
    {
        final FmcDistanceModel model = new FmcDistanceModel(new FmcDistanceModel.Context()
            .threshold(Math.max(FmcDistanceModel.DEFAULT_THRESHOLD, topology.maxDistance()))
            .awayProbability(0.3).tau(0.1).discount(FmcDistanceModel.DEFAULT_DISCOUNT));
        return PolicyIteration.solve(model).toTable();
    }

    /**
     * Registers a user and where it is attached now.
     *
     * @param userId    unique id.
     * @param userEid   the EID the access xTRs register for the user (usually a /32 or /128).
     * @param accessXtr name of the access xTR it is behind.
     * @throws IllegalArgumentException for a duplicate id or EID, or an unknown access xTR.
     */
    public void registerUser(final String userId, final EidPrefix userEid, final String accessXtr)
    {
        final AccessXtr access = topology.accessXtr(accessXtr);
        if (access == null)
        {
            throw new IllegalArgumentException("unknown access xTR: " + accessXtr);
        }
        onControllerThread(() ->
        {
            if (users.containsKey(userId) || usersByEid.get(userEid) != null)
            {
                throw new IllegalArgumentException("user or user EID already registered: " + userId + " " + userEid);
            }
            final User user = new User(userId, userEid, access);
            users.put(userId, user);
            usersByEid = usersByEid.with(userEid, user);
        });
    }

    /**
     * Registers a service VM of a user and the data centre it runs in now.
     *
     * @param userId the user.
     * @param vmName the VM's name at the hypervisors.
     * @param vmEid  the VM's host EID (/32 or /128), which it keeps wherever it runs.
     * @param dc     the data centre it runs in.
     * @throws IllegalArgumentException for an unknown user or data centre, or a duplicate VM.
     */
    public void registerVm(final String userId, final String vmName, final EidPrefix vmEid, final String dc)
    {
        final DataCentre centre = topology.dataCentre(dc);
        if (centre == null)
        {
            throw new IllegalArgumentException("unknown data centre: " + dc);
        }
        onControllerThread(() ->
        {
            final User user = users.get(userId);
            if (user == null)
            {
                throw new IllegalArgumentException("unknown user: " + userId);
            }
            if (vms.containsKey(vmName))
            {
                throw new IllegalArgumentException("VM already registered: " + vmName);
            }
            final Vm vm = new Vm(vmName, vmEid, user, centre);
            vms.put(vmName, vm);
            user.vms.add(vm);
        });
    }

    /**
     * Mapping-database change (database thread): a move of a registered user is handed to the controller thread
     * (one task object); every other change is counted and dropped without allocating.
     *
     * @param change the change, valid during the call.
     */
    @Override
    public void onMappingChange(final MappingChange change)
    {
        final int type = change.type();
        if (type != MappingChangeType.UPDATED && type != MappingChangeType.REGISTERED)
        {
            counters.incrementAndGet(CHANGES_IGNORED);
            return;
        }
        final User user = usersByEid.get(change.eidWord0(), change.eidHi(), change.eidLo());
        if (user == null)
        {
            counters.incrementAndGet(CHANGES_IGNORED);
            return;
        }
        final LocatorSetDecoder locators = change.newLocators();
        final int best = Rloc.preferredIndex(locators);
        final AccessXtr access = best == Rloc.NONE ? null : topology.accessXtrAt(locators, best);
        if (access == null)
        {
            counters.incrementAndGet(UNKNOWN_LOCATORS);
            return;
        }
        execute(() -> userAt(user, access));
    }

    /**
     * Reports a move directly (for callers that learn moves some other way than the mapping database).
     *
     * @param userId    the user.
     * @param accessXtr the access xTR it is now behind.
     * @throws IllegalArgumentException for an unknown user or access xTR.
     */
    public void userMoved(final String userId, final String accessXtr)
    {
        final User user = users.get(userId);
        final AccessXtr access = topology.accessXtr(accessXtr);
        if (user == null || access == null)
        {
            throw new IllegalArgumentException("unknown user or access xTR: " + userId + ", " + accessXtr);
        }
        execute(() -> userAt(user, access));
    }

    /**
     * Completes once every task queued on the controller thread before the call has run.
     *
     * @return the future.
     */
    public CompletableFuture<Void> sync()
    {
        return CompletableFuture.runAsync(() ->
        {
        }, executor);
    }

    /**
     * The data centre a VM runs in, as far as the controller knows (updated when a migration completes).
     *
     * @param vmName the VM.
     * @return the data centre name, or {@code null} for an unknown VM.
     */
    public String vmLocation(final String vmName)
    {
        final Vm vm = vms.get(vmName);
        return vm == null ? null : vm.dc.name();
    }

    /**
     * The access xTR a user is behind.
     *
     * @param userId the user.
     * @return the access xTR name, or {@code null} for an unknown user.
     */
    public String userLocation(final String userId)
    {
        final User user = users.get(userId);
        return user == null ? null : user.access.name();
    }

    /**
     * Every migration decided so far, oldest first.
     *
     * @return a snapshot.
     */
    public List<MigrationTimeline> timelines()
    {
        synchronized (timelines)
        {
            return List.copyOf(timelines);
        }
    }

    /**
     * Completes when every migration open at the call has ended (a deferred move may start another one after).
     * Use before {@link #close()} to leave no relocation half done.
     *
     * @return the future.
     */
    public CompletableFuture<Void> idle()
    {
        final List<CompletableFuture<MigrationTimeline>> open = new ArrayList<>();
        for (final MigrationTimeline timeline : timelines())
        {
            if (!timeline.isEnded())
            {
                open.add(timeline.ended());
            }
        }
        return CompletableFuture.allOf(open.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * The migrations of one VM, oldest first.
     *
     * @param vmName the VM.
     * @return a snapshot.
     */
    public List<MigrationTimeline> timelines(final String vmName)
    {
        final List<MigrationTimeline> result = new ArrayList<>();
        for (final MigrationTimeline timeline : timelines())
        {
            if (timeline.vm().equals(vmName))
            {
                result.add(timeline);
            }
        }
        return result;
    }

    /**
     * A counter.
     *
     * @param counter {@link #MOVES} .. {@link #MAPPING_ERRORS}.
     * @return its value.
     */
    public long counter(final int counter)
    {
        return counters.get(counter);
    }

    /**
     * The topology.
     *
     * @return it.
     */
    public Topology topology()
    {
        return topology;
    }

    /**
     * Stops the controller thread (running migrations are left to the hypervisors) and closes the hypervisor
     * controls the controller opened.
     */
    @Override
    public void close()
    {
        for (final DowntimeMeter meter : meters)
        {
            meter.stop();
        }
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        closeOwned();
    }

    private void closeOwned()
    {
        for (final HypervisorControl control : owned)
        {
            try
            {
                control.close();
            }
            catch (final RuntimeException ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "closing hypervisor control of " + control.host(), ex);
            }
        }
        owned.clear();
    }

    private void onControllerThread(final Runnable task)
    {
        try
        {
            CompletableFuture.runAsync(task, executor).join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)ex.getCause();
            }
            throw ex;
        }
    }

    private void execute(final Runnable task)
    {
        try
        {
            executor.execute(() ->
            {
                try
                {
                    task.run();
                }
                catch (final RuntimeException ex)
                {
                    LOGGER.log(System.Logger.Level.ERROR, "controller task failed", ex);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            LOGGER.log(System.Logger.Level.DEBUG, "controller closed; task dropped");
        }
    }

    private void userAt(final User user, final AccessXtr access)
    {
        if (user.access == access)
        {
            return;
        }
        user.access = access;
        counters.incrementAndGet(MOVES);
        for (final Vm vm : user.vms)
        {
            evaluate(vm);
        }
    }

    private void evaluate(final Vm vm)
    {
        if (vm.migration != null)
        {
            vm.reevaluate = true;
            counters.incrementAndGet(DECISIONS_DEFERRED);
            return;
        }
        final AccessXtr access = vm.user.access;
        final DataCentre source = vm.dc;
        final int distance = topology.distance(access.name(), source.name());
        final int target = policy.targetDistance(distance);
        final DataCentre destination = target >= 0 && target < distance ?
            topology.chooseDataCentre(access.name(), target, distance) : null;
        if (destination == null)
        {
            counters.incrementAndGet(DECISIONS_STAY);
            return;
        }
        counters.incrementAndGet(MIGRATIONS_STARTED);
        final MigrationTimeline timeline = new MigrationTimeline(++nextId, vm.user.id, vm.name, source.name(),
            destination.name(), access.name(), distance, target);
        timeline.add(TimelineEvent.DECISION, clock.getAsLong(), -1, "user at " + access.name() + ", distance " +
            distance + " to " + source.name() + ", target distance " + target + ": migrate to " + destination.name() +
            " (distance " + topology.distance(access.name(), destination.name()) + ")");
        synchronized (timelines)
        {
            timelines.add(timeline);
        }
        final DowntimeMeter meter = prober == null ? null :
            new DowntimeMeter(prober, vm.name, vm.eid, probeIntervalNanos, probeSettleNanos, clock).start();
        if (meter != null)
        {
            meters.add(meter);
        }
        final Run run = new Run(vm, source, destination, timeline, meter);
        vm.migration = run;
        relocator.preRegister(vm.eid, source.rloc(), destination.rloc())
            .whenCompleteAsync((ignored, ex) -> afterPreRegister(run, ex), executor);
    }

    private void afterPreRegister(final Run run, final Throwable error)
    {
        final MigrationTimeline timeline = run.timeline;
        if (error != null)
        {
            counters.incrementAndGet(MAPPING_ERRORS);
            final String reason = "pre-registration failed: " + message(error);
            timeline.add(TimelineEvent.MAPPING_ERROR, clock.getAsLong(), -1, reason);
            finish(run, null, reason);
            return;
        }
        timeline.add(TimelineEvent.MAPPING_PRE_REGISTERED, clock.getAsLong(), -1,
            run.vm.eid + " -> " + run.source.rloc() + " (primary), " + run.destination.rloc() + " (backup)");
        final HypervisorControl control = hypervisors.get(run.source.name());
        final MigrationHandle handle;
        try
        {
            timeline.add(TimelineEvent.MIGRATION_REQUESTED, clock.getAsLong(), -1,
                control.providerName() + " " + run.source.host() + " -> " + run.destination.host());
            handle = control.migrate(run.vm.name,
                new MigrationTarget(run.destination.host(), run.destination.migrationAddress()), parameters,
                event -> onHypervisorEvent(run, event));
        }
        catch (final IOException | RuntimeException ex)
        {
            final String reason = "hypervisor refused the migration: " + ex;
            timeline.add(TimelineEvent.FAILED, clock.getAsLong(), -1, reason);
            rollback(run, null, reason);
            return;
        }
        handle.completion().whenCompleteAsync((result, ex) -> onResult(run, result, ex), executor);
    }

    private void onHypervisorEvent(final Run run, final MigrationEvent event)
    {
        final int type;
        switch (event.type())
        {
            case MigrationEventType.STARTED:
                type = TimelineEvent.STARTED;
                break;
            case MigrationEventType.PASS:
                type = TimelineEvent.PASS;
                break;
            case MigrationEventType.SOURCE_PAUSED:
                type = TimelineEvent.SOURCE_PAUSED;
                break;
            case MigrationEventType.DESTINATION_RESUMED:
                type = TimelineEvent.DESTINATION_RESUMED;
                break;
            case MigrationEventType.COMPLETED:
                type = TimelineEvent.COMPLETED;
                break;
            case MigrationEventType.FAILED:
                type = TimelineEvent.FAILED;
                break;
            case MigrationEventType.CANCELLED:
                type = TimelineEvent.CANCELLED;
                break;
            default:
                return;
        }
        final String detail = event.type() == MigrationEventType.PASS ?
            "pass " + event.pass() + ", sent " + event.bytesTransferred() + ", remaining " + event.remainingBytes() +
            (event.detail() == null ? "" : ", " + event.detail()) : event.detail();
        run.timeline.add(type, clock.getAsLong(), event.timeNanos(), detail);
        if ((event.type() == MigrationEventType.SOURCE_PAUSED && switchover == SWITCHOVER_ON_SOURCE_PAUSED) ||
            (event.type() == MigrationEventType.DESTINATION_RESUMED &&
            switchover <= SWITCHOVER_ON_DESTINATION_RESUMED) ||
            event.type() == MigrationEventType.COMPLETED)
        {
            promote(run);
        }
    }

    private CompletableFuture<Void> promote(final Run run)
    {
        final CompletableFuture<Void> fresh = new CompletableFuture<>();
        if (!run.promotion.compareAndSet(null, fresh))
        {
            return run.promotion.get();
        }
        run.timeline.add(TimelineEvent.MAPPING_PROMOTE_REQUESTED, clock.getAsLong(), -1, null);
        relocator.promote(run.vm.eid).whenComplete((ignored, ex) ->
        {
            if (ex == null)
            {
                run.timeline.add(TimelineEvent.MAPPING_PROMOTED, clock.getAsLong(), -1,
                    run.vm.eid + " -> " + run.destination.rloc());
                fresh.complete(null);
            }
            else
            {
                counters.incrementAndGet(MAPPING_ERRORS);
                run.timeline.add(TimelineEvent.MAPPING_ERROR, clock.getAsLong(), -1, "promotion failed: " +
                    message(ex));
                fresh.completeExceptionally(ex);
            }
        });
        return fresh;
    }

    private void onResult(final Run run, final MigrationResult result, final Throwable error)
    {
        if (error != null || result == null)
        {
            final String reason = "hypervisor result unavailable: " + (error == null ? "null" : message(error));
            run.timeline.add(TimelineEvent.FAILED, clock.getAsLong(), -1, reason);
            rollback(run, result, reason);
            return;
        }
        if (result.outcome() != MigrationOutcome.COMPLETED)
        {
            rollback(run, result, MigrationOutcome.name(result.outcome()) + ": " + result.reason());
            return;
        }
        promote(run).handleAsync((ignored, ex) ->
        {
            if (ex == null)
            {
                committed(run, result);
                return null;
            }
            // The VM runs at the destination: the mapping must follow it. One retry, then report.
            relocator.promote(run.vm.eid).whenCompleteAsync((ignored2, ex2) ->
            {
                if (ex2 == null)
                {
                    run.timeline.add(TimelineEvent.MAPPING_PROMOTED, clock.getAsLong(), -1, "on retry");
                    committed(run, result);
                }
                else
                {
                    counters.incrementAndGet(MAPPING_ERRORS);
                    run.vm.dc = run.destination;
                    final String reason = "VM runs at " + run.destination.name() + " but its EID was not promoted: " +
                        message(ex2);
                    run.timeline.add(TimelineEvent.MAPPING_ERROR, clock.getAsLong(), -1, reason);
                    // The pre-registered destination stays as a backup locator; close the relocation so that the
                    // next migration of this VM can start.
                    relocator.commit(run.vm.eid);
                    finish(run, result, reason);
                }
            }, executor);
            return null;
        }, executor);
    }

    private void committed(final Run run, final MigrationResult result)
    {
        run.vm.dc = run.destination;
        relocator.commit(run.vm.eid).whenComplete((ignored, ex) ->
        {
            if (ex != null)
            {
                counters.incrementAndGet(MAPPING_ERRORS);
                run.timeline.add(TimelineEvent.MAPPING_ERROR, clock.getAsLong(), -1, "commit failed: " +
                    message(ex));
            }
        });
        finish(run, result, null);
    }

    private void rollback(final Run run, final MigrationResult result, final String reason)
    {
        final CompletableFuture<Void> promotion = run.promotion.get();
        final CompletableFuture<Void> before = promotion == null ? CompletableFuture.completedFuture(null) :
            promotion.exceptionally(ex -> null);
        before.thenCompose(ignored -> relocator.rollback(run.vm.eid)).whenCompleteAsync((ignored, ex) ->
        {
            if (ex == null)
            {
                counters.incrementAndGet(ROLLBACKS);
                run.timeline.add(TimelineEvent.MAPPING_ROLLED_BACK, clock.getAsLong(), -1,
                    run.vm.eid + " back to " + run.source.name());
            }
            else
            {
                counters.incrementAndGet(MAPPING_ERRORS);
                run.timeline.add(TimelineEvent.MAPPING_ERROR, clock.getAsLong(), -1, "rollback failed: " +
                    message(ex));
            }
            finish(run, result, reason);
        }, executor);
    }

    private void finish(final Run run, final MigrationResult result, final String failure)
    {
        final Vm vm = run.vm;
        vm.migration = null;
        counters.incrementAndGet(failure == null ? MIGRATIONS_COMPLETED : MIGRATIONS_FAILED);
        final CompletableFuture<DowntimeMeter.Result> measured = run.meter == null ?
            CompletableFuture.completedFuture(null) : run.meter.stop();
        if (run.meter != null)
        {
            measured.whenComplete((ignored, ex) -> meters.remove(run.meter));
        }
        measured.whenCompleteAsync((downtime, ex) ->
        {
            if (downtime != null)
            {
                run.timeline.observedDowntimeNanos(downtime.longestOutageNanos());
            }
            run.timeline.end(result, failure, clock.getAsLong());
            if (onEnded != null)
            {
                try
                {
                    onEnded.accept(run.timeline);
                }
                catch (final RuntimeException callbackError)
                {
                    LOGGER.log(System.Logger.Level.WARNING, "migration-ended callback failed", callbackError);
                }
            }
        }, executor);
        if (vm.reevaluate)
        {
            vm.reevaluate = false;
            evaluate(vm);
        }
    }

    private static String message(final Throwable error)
    {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null ?
            error.getCause() : error;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
