/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.fmc.MigrationPolicy;
import io.fmc4j.fmc.controller.DataCentre;
import io.fmc4j.fmc.controller.FmcController;
import io.fmc4j.fmc.controller.MappingDatabaseRelocator;
import io.fmc4j.fmc.controller.MigrationTimeline;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.Topology;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.hypervisor.sim.SimulatedHypervisor;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A Follow Me Cloud controller embedded in an operator's application, with a migration policy of its own.
 * <p>
 * The policy ({@link RttThresholdPolicy}) is the kind of rule an operator writes: "move the user's VM to the
 * nearest data centre once the round trip from the user to it exceeds 60 ms, otherwise leave it". The
 * controller asks it on every move of the user; everything else (learning the move from the mapping database,
 * choosing the destination, live migration through the hypervisor SPI, moving the VM's EID make-before-break,
 * rollback on failure, the timeline) is fmc4j's.
 * <p>
 * What runs, in this JVM: fmc4j's Map-Server agent (its device on an {@code inproc-udp} network, see
 * {@link InProcessUdpProvider}; no xTR talks to it here, the moves are registered in its database directly), the
 * controller, and fmc4j's simulated hypervisor ({@code sim}, selected by name like any
 * hypervisor backend) with two data centres. The user, alice, starts at access network xtr1 next to dc1, where
 * her VM {@code web} runs. She moves to xtr3 (40 ms from dc1: the policy says stay), then to xtr2 (250 ms from
 * dc1, 3 ms from dc2: the policy says migrate); the VM follows to dc2 and its EID is re-mapped there. A prober
 * checks throughout that the VM's EID leads to a data centre where the VM runs, which gives the downtime.
 * <p>
 * Run it: {@code java @samples/target/jvm.flags -cp samples/target/fmc4j.jar
 * io.fmc4j.samples.embed.EmbeddedController}. It exits 0 when the VM ended at dc2 after exactly one migration.
 */
public final class EmbeddedController
{
    /** The {@code inproc-udp} network the Map-Server's device is on (nothing else talks to it here). */
    public static final String NETWORK = "embedded-controller";

    private static final String USER = "alice";
    private static final String VM = "web";
    private static final EidPrefix USER_EID = EidPrefix.parse("10.1.0.7/32");
    private static final EidPrefix VM_EID = EidPrefix.parse("10.100.0.5/32");
    private static final long TIMEOUT_S = 20;

    /**
     * Migrate to the nearest data centre once the round trip from the user's access network to the VM's data
     * centre exceeds a threshold; otherwise stay.
     * <p>
     * fmc4j's policies speak in distances (service areas); the topology turns round-trip times into distances
     * with its {@code rtt-per-area}, so a distance {@code d} stands for about {@code d * msPerArea} ms. The
     * decision is arithmetic on the controller's thread: no allocation, no lock.
     *
     * @param thresholdMs the largest acceptable round trip, in ms.
     * @param msPerArea   the topology's milliseconds per distance unit.
     */
    public record RttThresholdPolicy(double thresholdMs, double msPerArea) implements MigrationPolicy
    {
        /**
         * Checks the parameters.
         *
         * @param thresholdMs the largest acceptable round trip, in ms, positive.
         * @param msPerArea   milliseconds per distance unit, positive.
         */
        public RttThresholdPolicy
        {
            if (!(thresholdMs > 0) || !(msPerArea > 0))
            {
                throw new IllegalArgumentException("thresholdMs and msPerArea must be positive: " + thresholdMs +
                    ", " + msPerArea);
            }
        }

        @Override
        public int targetDistance(final int distance)
        {
            if (distance < 0)
            {
                return INVALID_DISTANCE;
            }
            return distance * msPerArea > thresholdMs ? 0 : distance;     // 0: the nearest data centre
        }
    }

    /**
     * What one run observed.
     *
     * @param vmLocation          where the controller says the VM runs at the end.
     * @param runningAt           where the simulated cloud runs it at the end.
     * @param mappedTo            the data centre whose xTR the VM's EID maps to at the end.
     * @param decisionsToStay     moves after which the policy kept the VM.
     * @param migrationsCompleted migrations that completed.
     * @param timeline            the migration's timeline as text (empty when none ran).
     */
    public record Result(String vmLocation, String runningAt, String mappedTo, long decisionsToStay,
        long migrationsCompleted, String timeline)
    {
        /**
         * Did the VM follow its user to dc2, once, after one move it sat out?
         *
         * @return true when it did.
         */
        public boolean succeeded()
        {
            return "dc2".equals(vmLocation) && "dc2".equals(runningAt) && "dc2".equals(mappedTo) &&
                decisionsToStay == 1 && migrationsCompleted == 1;
        }
    }

    private EmbeddedController()
    {
    }

    /**
     * Runs the program and exits 0 on success.
     *
     * @param args none.
     * @throws Exception when something cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Result result = run(System.out);
        System.exit(result.succeeded() ? 0 : 1);
    }

    /**
     * Builds the deployment, moves the user twice, prints the decisions and the migration's timeline.
     *
     * @param out where to print.
     * @return what was observed.
     * @throws Exception when something cannot start.
     */
    public static Result run(final PrintStream out) throws Exception
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");

        // 1. The topology, in code: three access networks, two data centres, and the round-trip times between
        //    them. Distances (the policy's unit) are derived from the RTTs at 10 ms per area.
        final double msPerArea = 10;
        final Topology topology = new Topology(new Topology.Context()
            .accessXtr("xtr1", "192.0.2.1", "10.1.0.0/16")
            .accessXtr("xtr2", "192.0.2.2", "10.2.0.0/16")
            .accessXtr("xtr3", "192.0.2.3", "10.3.0.0/16")
            .dataCentre("dc1", "198.51.100.1", "10.100.0.0/24", "sim", "dc1")
            .dataCentre("dc2", "198.51.100.2", "10.101.0.0/24", "sim", "dc2")
            .rttMs("xtr1", "dc1", 12).rttMs("xtr1", "dc2", 250)
            .rttMs("xtr2", "dc1", 250).rttMs("xtr2", "dc2", 3)
            .rttMs("xtr3", "dc1", 40).rttMs("xtr3", "dc2", 200)
            .rttMs("dc1", "dc2", 10)
            .rttPerAreaMs(msPerArea));
        final RttThresholdPolicy policy = new RttThresholdPolicy(60, msPerArea);

        // 2. The Map-Server, co-located with the controller (the paper's Fig. 2): its mapping database belongs to
        //    the Map-Server agent's thread, and mapServer.executor() runs other threads' work there. The FMC
        //    site lets the data centres register host routes (more-specifics) for VMs away from their prefix.
        final Site site = Site.builder("fmc").key(new AuthKey(1, AuthKey.HMAC_SHA_256_128,
            "fmc secret".getBytes(StandardCharsets.US_ASCII))).allow("10.0.0.0/8").acceptMoreSpecifics(true).build();
        final MappingDatabase database = new MappingDatabase(new MappingDatabase.Context().capacity(1024).site(site));
        final PacketIo mapServerIo = PacketIoProviders.select(InProcessUdpProvider.NAME).open(new PacketIoConfig()
            .deviceName(NETWORK).localAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.100"), 4342)));
        final MapServer mapServer = new MapServer(new MapServer.Context().packetIo(mapServerIo).database(database));
        final AgentRunner mapServerRunner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace,
            null, mapServer);
        AgentRunner.startOnThread(mapServerRunner);
        final Executor mapServerThread = mapServer.executor();
        final Registrar registrar = new Registrar(database, site, mapServerThread);
        for (final DataCentre dc : topology.dataCentres().values())
        {
            registrar.register(dc.prefix(), dc.rloc());             // what each DC's xTR registers at start
        }

        // 3. The hypervisors: fmc4j's simulated cloud, selected by name; one cloud holds both data centres, so a
        //    VM migrated from dc1 shows up in dc2's control. Real time, a 32 MiB VM over a 1 Gbit/s, 10 ms link.
        final HypervisorControl dc1 = HypervisorProviders.select("sim").open(new HypervisorConfig().host("dc1")
            .property("sim.speed", "1")
            .property("sim.hosts", "dc2")
            .property("sim.link.default", "rttMs=10,mbps=1000")
            .property("sim.vm." + VM, "host=dc1,memoryMiB=32,dirtyMiBps=4,workingSetMiB=4")
            .conclude());
        final HypervisorControl dc2 = ((SimulatedHypervisor)dc1).cloud().control("dc2");

        // 4. The relocator moves the VM's EID in the database (on the database's thread) and the controller
        //    drives everything; it learns moves as a listener of the database.
        final MappingDatabaseRelocator relocator = new MappingDatabaseRelocator(new MappingDatabaseRelocator.Context()
            .database(database).site(site).executor(mapServerThread));
        final FmcController.Context context = new FmcController.Context()
            .topology(topology)
            .policy(policy)
            .relocator(relocator)
            .hypervisor("dc1", dc1)
            .hypervisor("dc2", dc2)
            .prober((vmName, vmEid) -> probe(relocator, topology, dc1, dc2, vmName, vmEid))
            .probeIntervalNanos(TimeUnit.MILLISECONDS.toNanos(2));
        try (FmcController controller = new FmcController(context))
        {
            registrar.call(() ->
            {
                database.addListener(controller);
                return null;
            });
            controller.registerUser(USER, USER_EID, "xtr1");
            controller.registerVm(USER, VM, VM_EID, "dc1");
            registrar.register(USER_EID, topology.accessXtr("xtr1").rloc());
            out.printf("policy: migrate when the RTT to the VM's data centre exceeds %.0f ms%n", policy.thresholdMs());
            out.println(USER + " at xtr1 (RTT to dc1 12 ms); VM " + VM + " " + VM_EID + " runs at dc1");

            // 5. First move: alice's EID is registered by xtr3's xTR. The controller sees the change in the
            //    database, asks the policy (40 ms < 60 ms: stay) and does nothing else.
            registrar.register(USER_EID, topology.accessXtr("xtr3").rloc());
            await(() -> controller.counter(FmcController.DECISIONS_STAY) == 1, "the decision to stay");
            out.println(USER + " moved to xtr3 (RTT to dc1 40 ms): policy says stay; VM at " +
                controller.vmLocation(VM));

            // 6. Second move, to xtr2 (250 ms from dc1): the policy says migrate; the controller picks dc2
            //    (3 ms), pre-registers the EID at both DCs, live-migrates, promotes dc2, commits.
            registrar.register(USER_EID, topology.accessXtr("xtr2").rloc());
            out.println(USER + " moved to xtr2 (RTT to dc1 250 ms, to dc2 3 ms): policy says migrate");
            await(() -> !controller.timelines(VM).isEmpty(), "the migration to start");
            final MigrationTimeline timeline = controller.timelines(VM).get(0).ended().get(TIMEOUT_S, TimeUnit.SECONDS);
            out.println(timeline);

            final Rloc mapped = relocator.resolve(VM_EID).get(TIMEOUT_S, TimeUnit.SECONDS);
            final DataCentre mappedDc = mapped == null ? null : topology.dataCentreByRloc(mapped);
            final Result result = new Result(controller.vmLocation(VM), runningAt(dc1, dc2),
                mappedDc == null ? String.valueOf(mapped) : mappedDc.name(),
                controller.counter(FmcController.DECISIONS_STAY),
                controller.counter(FmcController.MIGRATIONS_COMPLETED), timeline.toString());
            out.println("VM " + VM + ": controller says " + result.vmLocation() + ", cloud runs it at " +
                result.runningAt() + ", its EID maps to " + result.mappedTo() + "; decisions to stay " +
                result.decisionsToStay() + ", migrations completed " + result.migrationsCompleted());
            out.println(result.succeeded() ? "OK: the VM followed its user to dc2" : "FAILED");
            return result;
        }
        finally
        {
            dc1.close();
            CloseHelper.quietCloseAll(mapServerRunner, mapServerIo, database);
        }
    }

    /**
     * The prober: does the VM's EID lead to a data centre where the VM is running? (A product pings the EID
     * through its data path instead.)
     */
    private static boolean probe(final MappingDatabaseRelocator relocator, final Topology topology,
        final HypervisorControl dc1, final HypervisorControl dc2, final String vmName, final EidPrefix vmEid)
    {
        try
        {
            final Rloc rloc = relocator.resolve(vmEid).get(1, TimeUnit.SECONDS);
            final DataCentre dc = rloc == null ? null : topology.dataCentreByRloc(rloc);
            if (dc == null)
            {
                return false;
            }
            final VmInfo info = ("dc1".equals(dc.name()) ? dc1 : dc2).describe(vmName);
            return info != null && info.state() == VmState.RUNNING;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    private static String runningAt(final HypervisorControl dc1, final HypervisorControl dc2) throws IOException
    {
        for (final HypervisorControl control : List.of(dc1, dc2))
        {
            final VmInfo info = control.describe(VM);
            if (info != null && info.state() == VmState.RUNNING)
            {
                return control == dc1 ? "dc1" : "dc2";
            }
        }
        return "nowhere";
    }

    /**
     * Registers prefixes in the database on its thread, as a Map-Server does when an xTR's Map-Register arrives
     * (one locator, priority 1, weight 100, TTL one day).
     */
    private static final class Registrar
    {
        private final MappingDatabase database;
        private final Site site;
        private final Executor thread;
        private final RegistrationBuilder registration = new RegistrationBuilder();
        private final UnsafeBuffer address = new UnsafeBuffer(new byte[16]);

        Registrar(final MappingDatabase database, final Site site, final Executor thread)
        {
            this.database = database;
            this.site = site;
            this.thread = thread;
        }

        void register(final EidPrefix eid, final Rloc rloc) throws Exception
        {
            final int status = call(() ->
            {
                registration.reset().eid(eid).xtrRloc(rloc.afi(), rloc.hi(), rloc.lo()).useRecordTtl(true);
                registration.mapping().ttlMinutes(1440);
                rloc.putAddress(address, 0);
                registration.mapping().addLocator(Afi.IPV4, address, 0, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
                return database.register(site, registration);
            });
            if (status != MapCacheStatus.OK)
            {
                throw new IllegalStateException("registration of " + eid + " refused: " + MapCacheStatus.name(status));
            }
        }

        <T> T call(final Callable<T> task) throws Exception
        {
            final CompletableFuture<T> result = new CompletableFuture<>();
            thread.execute(() ->
            {
                try
                {
                    result.complete(task.call());
                }
                catch (final Exception ex)
                {
                    result.completeExceptionally(ex);
                }
            });
            return result.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
