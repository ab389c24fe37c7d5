/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.xtr.DataPathMissQueue;
import io.fmc4j.core.control.xtr.XtrContext;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.control.xtr.XtrCounters;
import io.fmc4j.core.datapath.RlocMode;
import io.fmc4j.core.datapath.XtrDataPlane;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.fmc.controller.EidRelocator;
import io.fmc4j.fmc.controller.FmcController;
import io.fmc4j.fmc.controller.MappingDatabaseRelocator;
import io.fmc4j.fmc.controller.MigrationTimeline;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.Topology;
import io.fmc4j.spi.dataplane.emulation.EmulatedPathPacketIoProvider;
import io.fmc4j.spi.hypervisor.sim.SimulatedCloud;
import io.fmc4j.spi.hypervisor.sim.SimulatedHypervisor;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The seed paper's scenario (Fig. 2 and 5) in one process, everything real except the wide area and the hypervisor:
 * a Map-Server/Map-Resolver with the FMC controller beside it, two access xTRs (subnets 1 and 2), two data centres
 * each with an xTR and a simulated hypervisor, all on loopback UDP with the paper's link delays emulated per path
 * ({@code emulated} packet-I/O provider), fmc4j data paths encapsulating the user's pings to the VM.
 * <p>
 * The user (EID 10.1.0.7) starts at subnet 1, 6 ms from DC1 where its service VM (EID 10.100.0.5) runs, and pings it
 * every 100 ms. At t = 55 s / speed it moves to subnet 2 (125 ms from DC1, 1.5 ms from DC2): its new xTR registers
 * its EID, the Map-Server tells the old xTR it left and publishes the change to the DC xTRs; the controller learns
 * the move from the mapping database, decides with the MDP policy, pre-registers the VM's EID at DC2 as a backup,
 * live-migrates the VM and promotes DC2 when the source pauses; the user's xTR learns it by pub/sub. See
 * {@code samples/README-demo.md}.
 */
public final class FmcDemo
{
    /** The user's EID. */
    public static final String USER_EID = "10.1.0.7/32";
    /** The service VM's EID. */
    public static final String VM_EID = "10.100.0.5/32";
    private static final EidPrefix USER = EidPrefix.parse(USER_EID);
    private static final EidPrefix VM = EidPrefix.parse(VM_EID);
    /** The time of the move in the paper's Fig. 5, in seconds. */
    public static final double PAPER_MOVE_SECONDS = 55;
    /** The length of the paper's Fig. 5 run, in seconds. */
    public static final double PAPER_RUN_SECONDS = 100;
    /** The VM's memory at speed 1, chosen so that a migration at 100 Mbit/s takes about the paper's 26 s. */
    public static final int VM_MEMORY_MIB_AT_SPEED_1 = 300;

    /** The Map-Server's Map-Notify retransmission interval. */
    static final long NOTIFY_RETRANSMIT_MS = 200;

    static final String[] XTRS = {"xtr1", "xtr2", "dc1", "dc2"};
    static final int XTR1 = 0;
    static final int XTR2 = 1;
    static final int DC1 = 2;
    static final int DC2 = 3;
    static final int MS_HOST = 1;
    static final int[] XTR_HOSTS = {11, 12, 21, 22};
    static final String[] XTR_EIDS = {"10.1.0.0/16", "10.2.0.0/16", "10.100.0.0/24", "10.101.0.0/24"};
    private static final byte[] SECRET = "fmc4j-demo-key".getBytes(StandardCharsets.US_ASCII);

    private final DemoSettings settings;
    private final PrintWriter out;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final ErrorHandler errorHandler = errors::add;
    private final int net;
    private final int port;

    /**
     * A demo run.
     *
     * @param settings what to run (concluded here).
     * @param out      progress and the report; null for none.
     */
    public FmcDemo(final DemoSettings settings, final PrintWriter out)
    {
        this.settings = settings.conclude();
        this.out = out;
        final SplittableRandom random = new SplittableRandom(settings.seed() ^ System.nanoTime());
        this.net = 16 + random.nextInt(200);
        this.port = 20_000 + random.nextInt(40_000);
    }

    /**
     * Runs the scenario to its end and returns what was measured. Every thread, socket and store it opened is
     * closed when it returns or throws.
     *
     * @return the measurements.
     * @throws Exception when the set-up fails or a step does not happen in time (the message says which).
     */
    public DemoResult run() throws Exception
    {
        try
        {
            return runScenario();
        }
        finally
        {
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
        }
    }

    private DemoResult runScenario() throws Exception
    {
        final double speed = settings.speed();
        progress("fmc4j demo: the LISP Follow Me Cloud scenario on loopback (127.%d.0.0/16), speed %.1f", net, speed);

        // The Map-Server's site: every xTR and the controller use one key; DC prefixes take more-specifics.
        final Site site = Site.builder("fmc").key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, SECRET))
            .allow("10.0.0.0/8").acceptMoreSpecifics(true).proxyReply(true).build();
        final MappingDatabase database = register(new MappingDatabase(
            new MappingDatabase.Context().capacity(4096).site(site)));
        final FaultyLink msLink = new FaultyLink(register(openControl(MS_HOST)));
        final MapServer mapServer = register(new MapServer(new MapServer.Context()
            .packetIo(msLink)
            .database(database)
            .controlPort(port)
            .errorHandler(errorHandler)
            .notifyRetransmit(NOTIFY_RETRANSMIT_MS, 10)
            .sweepIntervalMs(100)));
        final Executor msExecutor = mapServer.executor();
        start(mapServer, "fmc-demo-map-server");

        // Four xTRs: a map-cache, a data path (memory link on the EID side, emulated WAN on the RLOC side) and a
        // control agent each. The control agents share one thread.
        final XtrControlAgent[] agents = new XtrControlAgent[XTRS.length];
        final ChronicleMapCache[] caches = new ChronicleMapCache[XTRS.length];
        final XtrDataPlane[] dataPlanes = new XtrDataPlane[XTRS.length];
        for (int x = 0; x < XTRS.length; x++)
        {
            final int xtr = x;
            caches[x] = register(new ChronicleMapCache(new ChronicleMapCache.Context().capacity(1024)));
            final XtrDataPlane dataPlane = dataPlanes[x] = register(XtrDataPlane.launch(new XtrDataPlane.Context()
                .mapCache(caches[x])
                .localRloc(InetAddress.getByAddress(bytes(address(XTR_HOSTS[x]))))
                .rlocMode(RlocMode.UDP_SOCKET)
                .rlocDevice(EmulatedPathPacketIoProvider.NAME, t -> wan(XTR_HOSTS[xtr], 4341))
                .eidDevice(0, "memory", t -> new PacketIoConfig().deviceName(eidLink(xtr)))
                .mapRequestRetryMs(100)
                .mapRequestsPerSecond(1000)
                .forwardDeparted(true)
                .errorHandler(errorHandler)
                .idleStrategySupplier(DemoIdle::strategy)));
            final XtrContext ctx = new XtrContext()
                .xtrId(0xF3C4_0000L + x, settings.seed())
                .siteId(1 + x)
                .rlocIpv4(address(XTR_HOSTS[x]))
                .controlAddress(socket(XTR_HOSTS[x]))
                .peerControlPort(port)
                .addMapServer(new XtrContext.MapServer(socket(MS_HOST), LispAuthenticator.HMAC_SHA_256, 1, SECRET))
                .addMapResolver(socket(MS_HOST))
                .addEid(new XtrContext.LocalEid(EidPrefix.parse(XTR_EIDS[x]), 1, 100))
                .registerRetryMs(500)
                .requestRetryMs(200)
                .requestMaxRetryMs(1000)
                .probeIntervalMs(0)
                .subscribe(true);
            if (x == XTR1)
            {
                ctx.addEid(new XtrContext.LocalEid(USER, 1, 100));
            }
            agents[x] = new XtrControlAgent(ctx, register(openControl(XTR_HOSTS[x])), caches[x],
                new DataPathMissQueue(dataPlane.events()));
        }
        start(new CompositeAgent(agents), "fmc-demo-xtr-control");

        // Two data centres with a simulated pre-copy hypervisor each, 10 ms RTT and 100 Mbit/s between them.
        final int vmMemoryMiB = Math.max(8, (int)Math.round(VM_MEMORY_MIB_AT_SPEED_1 / speed));
        final SimulatedHypervisor dc1 = register((SimulatedHypervisor)HypervisorProviders.select("sim").open(
            new HypervisorConfig().host("dc1")
                .property("sim.speed", "1")
                .property("sim.hosts", "dc2")
                .property("sim.link.default", "rttMs=10,mbps=1000")
                .property("sim.vm.vm1", "host=dc1,memoryMiB=" + vmMemoryMiB +
                    ",dirtyMiBps=2,workingSetMiB=8,eid=10.100.0.5")
                .conclude()));
        final SimulatedCloud cloud = dc1.cloud();
        final SimulatedHypervisor dc2 = cloud.control("dc2");
        if (settings.fault() == DemoSettings.FAULT_HYPERVISOR)
        {
            cloud.injectFailure("vm1", 2, "injected: the destination lost its storage");
        }

        // The controller beside the Map-Server: it reads moves from the database and relocates EIDs in it.
        final Topology topology = Topology.parse(topology());
        final MappingDatabaseRelocator relocator = new MappingDatabaseRelocator(new MappingDatabaseRelocator.Context()
            .database(database).site(site).executor(msExecutor));
        final InetAddress userXtr = ipv4(address(XTR_HOSTS[XTR2]));
        final EidRelocator faultingRelocator = new EidRelocator()
        {
            @Override
            public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
            {
                return relocator.preRegister(vmEid, source, destination);
            }

            @Override
            public CompletableFuture<Void> promote(final EidPrefix vmEid)
            {
                if (settings.fault() == DemoSettings.FAULT_MS_OUTAGE)
                {
                    msLink.blackout(TimeUnit.MILLISECONDS.toNanos(DemoSettings.MS_OUTAGE_MS));
                }
                else if (settings.fault() == DemoSettings.FAULT_LOST_NOTIFY)
                {
                    msLink.dropNotifies(userXtr, 1);
                }
                return relocator.promote(vmEid);
            }

            @Override
            public CompletableFuture<Void> commit(final EidPrefix vmEid)
            {
                return relocator.commit(vmEid);
            }

            @Override
            public CompletableFuture<Void> rollback(final EidPrefix vmEid)
            {
                return relocator.rollback(vmEid);
            }
        };
        final CompletableFuture<MigrationTimeline> migrationEnded = new CompletableFuture<>();
        final FmcController controller = register(new FmcController(new FmcController.Context()
            .topology(topology)
            .relocator(faultingRelocator)
            .hypervisor("dc1", dc1)
            .hypervisor("dc2", dc2)
            .migrationParameters(new MigrationParameters()
                .bandwidthLimitBitsPerSecond(100_000_000L).downtimeLimitMs(10).conclude())
            .onMigrationEnded(migrationEnded::complete)));
        onMapServer(msExecutor, () ->
        {
            mapServer.addListener(controller);
            return null;
        });
        controller.registerUser("user", USER, "xtr1");
        controller.registerVm("user", "vm1", VM, "dc1");

        // The hosts: the user on xtr1's EID link, the VM's stack on each DC's.
        final PacketIo[] userLinks = {openHostLink(XTR1), openHostLink(XTR2)};
        final PacketIo[] dcLinks = {openHostLink(DC1), openHostLink(DC2)};
        final String[] dcNames = {"dc1", "dc2"};
        final SimulatedHypervisor[] dcControls = {dc1, dc2};
        final DemoHosts hosts = new DemoHosts(userLinks, dcLinks,
            dc -> runsAt(dcControls[dc], "vm1", dcNames[dc]),
            (int)(USER.hi() >>> 32), (int)(VM.hi() >>> 32));
        final AgentRunner hostsRunner = start(hosts, "fmc-demo-hosts");

        // Warm-up: registrations in, the DC xTRs know where the user is (they resolve and subscribe to the user's
        // EID, as xTRs serving the controller's users do), and a ping is answered by DC1.
        final long setupStart = System.nanoTime();
        final RegistrationView registration = new RegistrationView();
        await("every xTR registered its prefixes", () -> onMapServer(msExecutor, () ->
        {
            for (int x = 0; x < XTRS.length; x++)
            {
                if (database.get(EidPrefix.parse(XTR_EIDS[x]), registration) != MapCacheStatus.OK)
                {
                    return false;
                }
            }
            return database.get(USER, registration) == MapCacheStatus.OK;
        }), 20_000);
        agents[DC1].resolve(USER);
        agents[DC2].resolve(USER);
        hosts.start(System.nanoTime());
        await("DC1 answers the user's pings", () -> hosts.lastReplyServedBy() == 0, 20_000);
        await("DC2's xTR knows the user's EID", () -> caches[DC2].size() > 0, 20_000);
        final long t0 = System.nanoTime();
        final int firstPing = hosts.pingsSent();
        progress("set up in %.1f s: map-server + controller, xtr1, xtr2, dc1, dc2 (VM vm1 %d MiB at dc1); " +
            "t = 0 now", (t0 - setupStart) / 1e9, vmMemoryMiB);

        // The move, scaled by the speed.
        final long moveAt = t0 + seconds(PAPER_MOVE_SECONDS / speed);
        final long runEndsAt = t0 + seconds(PAPER_RUN_SECONDS / speed);
        sleepUntil(moveAt, hosts, t0);
        hosts.probing(true);
        hosts.attach(XTR2);
        final long movedAt = System.nanoTime();
        agents[XTR2].addEid(USER, 1, 100, false);
        progress("%6.2f s  user moves from subnet 1 (xtr1) to subnet 2 (xtr2); xtr2 registers %s",
            (movedAt - t0) / 1e9, USER_EID);

        final MigrationTimeline timeline;
        try
        {
            timeline = migrationEnded.get(seconds(120 + 60 / speed), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("the migration did not end in time; controller timelines: " +
                controller.timelines(), ex);
        }
        final long endedAt = System.nanoTime();
        progress("%6.2f s  migration %s: vm1 %s -> %s", (endedAt - t0) / 1e9,
            timeline.succeeded() ? "completed" : "FAILED (" + timeline.failure() + ")", timeline.sourceDc(),
            timeline.destinationDc());
        // Probe until the service has answered a probe sent after the end (its outage is over), then stop and
        // let the last answers come back.
        final int probesAtEnd = hosts.probesSent();
        final long probeDeadline = endedAt + seconds(10);
        while (hosts.lastAnsweredProbe() < probesAtEnd && System.nanoTime() - probeDeadline < 0)
        {
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), hosts, t0);
        }
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500), hosts, t0);
        hosts.probing(false);
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600), hosts, t0);
        final double faultSeconds = settings.fault() == DemoSettings.FAULT_MS_OUTAGE ?
            (DemoSettings.MS_OUTAGE_MS + NOTIFY_RETRANSMIT_MS) / 1000.0 :
            settings.fault() == DemoSettings.FAULT_LOST_NOTIFY ? NOTIFY_RETRANSMIT_MS / 1000.0 : 0;
        sleepUntil(Math.max(runEndsAt, endedAt + seconds(Math.max(3, 10 / speed) + faultSeconds)), hosts, t0);

        final boolean xtr1StillServes = agents[XTR1].servesEid(USER);
        final String vmHost = describeHost(dcControls, "vm1");
        // Where the mapping system and the user's xTR send the VM's traffic now, against where it runs.
        final Rloc msMapsVm = relocator.resolve(VM).get(10, TimeUnit.SECONDS);
        final Rloc itrMapsVm = preferred(caches[XTR2], (int)(VM.hi() >>> 32));
        final Rloc vmRloc = "dc1".equals(vmHost) ? Rloc.ipv4(address(XTR_HOSTS[DC1])) :
            "dc2".equals(vmHost) ? Rloc.ipv4(address(XTR_HOSTS[DC2])) : null;
        final long faultDrops = msLink.dropped();
        final long departed = agents[DC1].counters().get(XtrCounters.DEPARTED_INSTALLED);
        final long redirected = dataPlanes[DC1].counter(DataPathCounters.ETR_REDIRECTED);
        // Stop the hosts first so that their arrays are final when read.
        closeables.remove(hostsRunner);
        hostsRunner.close();
        final List<Throwable> seenErrors = new ArrayList<>(errors);
        return DemoResult.of(settings, hosts, firstPing, t0, movedAt, timeline, vmHost, xtr1StillServes,
            vmMemoryMiB, seenErrors,
            new DemoResult.Mappings(vmRloc, msMapsVm, itrMapsVm, faultDrops, departed, redirected));
    }

    private AgentRunner start(final Agent agent, final String name)
    {
        final AgentRunner runner = new AgentRunner(DemoIdle.strategy(), errorHandler, null, agent);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        closeables.add(runner);
        return runner;
    }

    private static Rloc preferred(final ChronicleMapCache cache, final int address)
    {
        final MappingView view = new MappingView();
        if (cache.newReader().lookupIpv4(0, address, view) != MapCacheStatus.FOUND || view.locatorCount() == 0)
        {
            return null;
        }
        final int index = Rloc.preferredIndex(view.locators());
        return index < 0 ? null : Rloc.of(view.locators(), index);
    }

    /** Whether the VM runs on a DC's host now (the hypervisor knows it there, running, not paused). */
    private static boolean runsAt(final SimulatedHypervisor control, final String vm, final String dc)
    {
        final VmInfo info = control.describe(vm);
        return info != null && dc.equals(info.host()) && info.state() == VmState.RUNNING;
    }

    private static String describeHost(final SimulatedHypervisor[] controls, final String vm)
    {
        for (final SimulatedHypervisor control : controls)
        {
            final VmInfo info = control.describe(vm);
            if (info != null)
            {
                return info.host();
            }
        }
        return "unknown";
    }

    private void sleepUntil(final long deadline, final DemoHosts hosts, final long t0) throws InterruptedException
    {
        long nextLine = System.nanoTime() + seconds(settings.progressIntervalSeconds());
        while (System.nanoTime() - deadline < 0)
        {
            checkErrors();
            Thread.sleep(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() - nextLine >= 0)
            {
                nextLine += seconds(settings.progressIntervalSeconds());
                final long rtt = hosts.lastReplyRttNanos();
                final int dc = hosts.lastReplyServedBy();
                progress("%6.2f s  ping rtt %s, served by %s", (System.nanoTime() - t0) / 1e9,
                    rtt < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", rtt / 1e6),
                    dc == EchoPacket.NOT_SERVED ? "-" : "dc" + (dc + 1));
            }
        }
    }

    private void checkErrors()
    {
        final Throwable error = errors.peek();
        if (error != null)
        {
            throw new IllegalStateException("a demo component failed: " + error, error);
        }
    }

    /** Waits for a condition; one that fails or times out on the Map-Server's thread counts as not yet true. */
    private void await(final String what, final Callable<Boolean> condition, final long timeoutMs) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!holds(condition))
        {
            checkErrors();
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("set-up step did not happen within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static boolean holds(final Callable<Boolean> condition) throws Exception
    {
        try
        {
            return condition.call();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return false;
        }
    }

    /** Runs a task on the Map-Server's thread (the database is single-threaded) and waits for its result. */
    private static <T> T onMapServer(final Executor executor, final Supplier<T> task) throws Exception
    {
        return CompletableFuture.supplyAsync(task, executor).get(10, TimeUnit.SECONDS);
    }

    private PacketIo openHostLink(final int xtr) throws IOException
    {
        return register(PacketIoProviders.select("memory").open(new PacketIoConfig().deviceName(eidLink(xtr))));
    }

    private String eidLink(final int xtr)
    {
        return "fmc-demo-" + net + "-" + XTRS[xtr];
    }

    private PacketIo openControl(final int host) throws IOException
    {
        return PacketIoProviders.select(EmulatedPathPacketIoProvider.NAME).open(wan(host, port));
    }

    /**
     * The emulated WAN device of a node: bound to its address, each peer at the paper's one-way delay.
     */
    private PacketIoConfig wan(final int host, final int localPort)
    {
        final PacketIoConfig config = new PacketIoConfig()
            .localAddress(new InetSocketAddress(ipv4(address(host)), localPort))
            .errorHandler(errorHandler)
            .property(EmulatedPathPacketIoProvider.DELEGATE, "udp");
        for (final int peer : allHosts())
        {
            if (peer != host)
            {
                config.property(EmulatedPathPacketIoProvider.DELAY_MS + "." + ipv4(address(peer)).getHostAddress(),
                    Double.toString(DemoLinks.oneWayMs(host, peer)));
            }
        }
        return config;
    }

    private static int[] allHosts()
    {
        return new int[] {MS_HOST, XTR_HOSTS[0], XTR_HOSTS[1], XTR_HOSTS[2], XTR_HOSTS[3]};
    }

    private String topology()
    {
        return "access xtr1 rloc=" + dotted(XTR_HOSTS[XTR1]) + " subnets=10.1.0.0/16\n" +
            "access xtr2 rloc=" + dotted(XTR_HOSTS[XTR2]) + " subnets=10.2.0.0/16\n" +
            "dc dc1 rloc=" + dotted(XTR_HOSTS[DC1]) + " prefix=10.100.0.0/24 provider=sim host=dc1\n" +
            "dc dc2 rloc=" + dotted(XTR_HOSTS[DC2]) + " prefix=10.101.0.0/24 provider=sim host=dc2\n" +
            "rtt xtr1 dc1 " + DemoLinks.rttMs(XTR_HOSTS[XTR1], XTR_HOSTS[DC1]) + "\n" +
            "rtt xtr1 dc2 " + DemoLinks.rttMs(XTR_HOSTS[XTR1], XTR_HOSTS[DC2]) + "\n" +
            "rtt xtr2 dc1 " + DemoLinks.rttMs(XTR_HOSTS[XTR2], XTR_HOSTS[DC1]) + "\n" +
            "rtt xtr2 dc2 " + DemoLinks.rttMs(XTR_HOSTS[XTR2], XTR_HOSTS[DC2]) + "\n" +
            "rtt dc1 dc2 " + DemoLinks.rttMs(XTR_HOSTS[DC1], XTR_HOSTS[DC2]) + "\n" +
            "rtt-per-area 80\n";
    }

    private String dotted(final int host)
    {
        return ipv4(address(host)).getHostAddress();
    }

    private int address(final int host)
    {
        return (127 << 24) | (net << 16) | host;
    }

    private InetSocketAddress socket(final int host)
    {
        return new InetSocketAddress(ipv4(address(host)), port);
    }

    private static InetAddress ipv4(final int address)
    {
        try
        {
            return InetAddress.getByAddress(bytes(address));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] bytes(final int ipv4)
    {
        return new byte[] {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
    }

    private static long seconds(final double seconds)
    {
        return Math.round(seconds * 1e9);
    }

    private <T extends AutoCloseable> T register(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    private void progress(final String format, final Object... args)
    {
        if (out != null)
        {
            out.println(String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }

    /** Idle strategy of every demo thread: sub-millisecond wake-ups, since the emulated links release on time. */
    static final class DemoIdle
    {
        private DemoIdle()
        {
        }

        static IdleStrategy strategy()
        {
            return new BackoffIdleStrategy(10, 5, TimeUnit.MICROSECONDS.toNanos(10),
                TimeUnit.MICROSECONDS.toNanos(200));
        }
    }
}
