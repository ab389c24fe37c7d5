/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.api.spi.hypervisor.ForwardingHypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.fmc.controller.FmcController;
import io.fmc4j.fmc.controller.MigrationTimeline;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.Topology;
import io.fmc4j.samples.cli.Fmc4j;
import io.fmc4j.spi.dataplane.emulation.EmulatedPathPacketIoProvider;
import io.fmc4j.spi.dataplane.tun.TunPacketIoProvider;
import io.fmc4j.spi.hypervisor.qmp.LocalQemuLauncher;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisor;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The Fig. 5 run: the paper's Fig. 2 topology in network namespaces (see {@link Fig5Topology}), four
 * {@code fmc4j xtr} processes with TUN EID interfaces and emulated-delay UDP RLOC sockets, the Map-Server and the
 * FMC controller in this JVM (root namespace, on the RLOC bridge), the service a QEMU TCG guest migrated by the
 * {@code qmp} backend through a {@link DelayingTcpRelay}, and the user pinging the service's EID every 100 ms
 * with the system's {@code ping} from its own namespace.
 *
 * <p>The service's EID is an address of the DC namespace where the guest runs: it is added to DC2's namespace when
 * the destination QEMU reports {@code RESUME} and removed from DC1's when the source reports {@code STOP}, so the
 * kernel of the DC where the VM runs answers the pings (the guest itself has no network stack). The user moves by
 * switching its default route from access xTR 1 to access xTR 2 (its link to xTR 1 goes down), and xTR 2
 * registers the user's EID; the controller, a listener of the Map-Server's database, decides, migrates and re-maps
 * the VM's EID through the DC xTRs ({@link WireRelocator}).
 */
public final class Fig5Bench
{
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final String VM = "svc";
    private static final String IP = "/usr/sbin/ip";
    private static final double PING_INTERVAL_S = 0.1;
    /** Longer than any RTT of the scenario (about 260 ms): an unanswered ping sent later is not judged. */
    static final double REPLY_GRACE_S = 1.0;

    private final Settings settings;
    private final Path runDirectory;
    private final Cleanup cleanup;
    private final PrintWriter out;
    private final Fig5Topology topology;
    private final long nanoOrigin = System.nanoTime();
    private final double epochOrigin = epochNow();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private double t0 = Double.NaN;

    /**
     * The shape of a run.
     *
     * @param beforeMoveS   pinging before the user moves.
     * @param afterMoveS    pinging after the migration ended.
     * @param memoryMib     guest RAM.
     * @param fillMib       guest memory filled at boot.
     * @param hotMib        guest working set.
     * @param interDcRttMs  RTT of the migration link.
     * @param switchover    when the controller promotes the mapping ({@code FmcController.SWITCHOVER_ON_*}).
     */
    public record Settings(double beforeMoveS, double afterMoveS, int memoryMib, int fillMib, int hotMib,
        double interDcRttMs, int switchover)
    {
        /**
         * One line describing the settings.
         *
         * @return the text.
         */
        public String describe()
        {
            return String.format(Locale.ROOT, "QEMU TCG guest %d MiB (%d MiB filled, %d MiB dirtied at 1000 " +
                "pages/s), QEMU max-bandwidth 100 Mbit/s, inter-DC RTT %.0f ms; user moves %.0f s after the first " +
                "ping, pings go on %.0f s after the migration; ping every 100 ms; the controller re-maps the EID %s",
                memoryMib, fillMib, hotMib, interDcRttMs, beforeMoveS, afterMoveS,
                switchover == FmcController.SWITCHOVER_ON_COMPLETED ? "when the migration completes (as the " +
                "paper's prototype)" : "when the source pauses (fmc4j's default)");
        }
    }

    /**
     * A bench.
     *
     * @param settings     the run's shape.
     * @param runDirectory a temporary directory for configurations, logs and QEMU.
     * @param cleanup      registry of everything started.
     * @param out          progress lines.
     */
    public Fig5Bench(final Settings settings, final Path runDirectory, final Cleanup cleanup, final PrintWriter out)
    {
        this.settings = settings;
        this.runDirectory = runDirectory;
        this.cleanup = cleanup;
        this.out = out;
        this.topology = new Fig5Topology(ProcessHandle.current().pid());
    }

    /**
     * The topology of this run (names include the pid).
     *
     * @return the topology.
     */
    public Fig5Topology topology()
    {
        return topology;
    }

    /**
     * Checks what the run needs: root, {@code ip}, {@code ping}, {@code stdbuf}, the TUN backend and QEMU.
     *
     * @throws TestbedException naming what is missing.
     */
    public static void requireEnvironment() throws TestbedException
    {
        if (!Files.isExecutable(Path.of(IP)))
        {
            throw new TestbedException(IP + " not found: this experiment builds network namespaces (Debian: " +
                "apt-get install iproute2)");
        }
        if (which("ping") == null || which("stdbuf") == null)
        {
            throw new TestbedException("ping or stdbuf not found: the user host pings its service (Debian: " +
                "apt-get install iputils-ping coreutils)");
        }
        final String uid;
        try
        {
            uid = run(10, "id", "-u").trim();
        }
        catch (final IOException ex)
        {
            throw new TestbedException("cannot tell whether this runs as root: " + ex.getMessage(), ex);
        }
        if (!"0".equals(uid))
        {
            throw new TestbedException("needs root (network namespaces, veth links, TUN devices); run it with sudo");
        }
        final Throwable tun = new TunPacketIoProvider().unavailabilityCause();
        if (tun != null)
        {
            throw new TestbedException("the TUN backend is unavailable here: " + tun.getMessage());
        }
        TestbedGuest.requireQemu();
    }

    /**
     * Runs the experiment.
     *
     * @param guest the service VM.
     * @return what was measured.
     * @throws TestbedException     when the set-up fails (the message says which step).
     * @throws InterruptedException when interrupted.
     */
    public Fig5Result run(final TestbedGuest guest) throws TestbedException, InterruptedException
    {
        try
        {
            return scenario(guest);
        }
        catch (final IOException ex)
        {
            throw new TestbedException("Fig. 5 set-up failed: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new TestbedException("Fig. 5 run failed: " + ex, ex);
        }
    }

    private Fig5Result scenario(final TestbedGuest guest)
        throws IOException, TestbedException, InterruptedException
    {
        progress("building the topology: namespaces %s, bridge %s, RLOCs %s.0/24", String.join(", ",
            topology.namespaces()), topology.bridge(), topology.rlocNet());
        network();

        // The Map-Server in this JVM, on the bridge: emulated delays to each xTR, as the xTRs have to it.
        final Site site = Site.builder("fmc")
            .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, Fig5Topology.SECRET.getBytes(StandardCharsets.UTF_8)))
            .allow("10.0.0.0/8").acceptMoreSpecifics(true).proxyReply(true).build();
        final MappingDatabase database = cleanup.add(
            new MappingDatabase(new MappingDatabase.Context().capacity(1024).site(site)));
        final int msPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(
            InetAddress.getByName(topology.mapServerAddress()), 0)))
        {
            msPort = probe.getLocalPort();
        }
        final PacketIoConfig msConfig = new PacketIoConfig()
            .localAddress(new InetSocketAddress(InetAddress.getByName(topology.mapServerAddress()), msPort))
            .property(EmulatedPathPacketIoProvider.DELEGATE, "udp")
            .property("emulated.delay.ms", "5");
        for (int node = 0; node < Fig5Topology.NODES.length; node++)
        {
            msConfig.property("emulated.delay.ms." + topology.rloc(node),
                Double.toString(Fig5Topology.mapServerRttMs(node) / 2));
        }
        final PacketIo msIo = cleanup.add(PacketIoProviders.select(EmulatedPathPacketIoProvider.NAME).open(msConfig));
        final MapServer mapServer = new MapServer(new MapServer.Context().packetIo(msIo).database(database)
            .controlPort(4342).notifyRetransmit(200, 10).sweepIntervalMs(100)
            .errorHandler((ex) -> progress("map-server error: %s", ex)));
        final AgentRunner msRunner = new AgentRunner(new SleepingMillisIdleStrategy(1),
            (ex) -> progress("map-server error: %s", ex), null, mapServer);
        AgentRunner.startOnThread(msRunner, (r) ->
        {
            final Thread thread = new Thread(r, "fmc4j-fig5-map-server");
            thread.setDaemon(true);
            return thread;
        });
        cleanup.add(msRunner);
        progress("map-server on %s:%d", topology.mapServerAddress(), msPort);

        // The four xTRs, one process each in its namespace.
        final XtrProcess[] xtrs = new XtrProcess[Fig5Topology.NODES.length];
        for (int node = 0; node < xtrs.length; node++)
        {
            final Path config = runDirectory.resolve(Fig5Topology.NODES[node] + ".conf");
            Files.write(config, topology.xtrConfig(node, msPort), StandardCharsets.UTF_8);
            xtrs[node] = cleanup.add(XtrProcess.start(topology.namespace(node), config,
                runDirectory.resolve(Fig5Topology.NODES[node] + ".log")));
        }
        for (int node = 0; node < xtrs.length; node++)
        {
            final XtrProcess xtr = xtrs[node];
            final String ns = topology.namespace(node);
            await("the xTR of " + Fig5Topology.NODES[node] + " creates its TUN device", 60_000, () ->
                xtr.alive() && quietly(IP, "-n", ns, "link", "show", Fig5Topology.TUN), xtr);
            ip("-n", ns, "link", "set", Fig5Topology.TUN, "up");
            ip("-n", ns, "route", "add", "10.0.0.0/8", "dev", Fig5Topology.TUN);
        }
        final RegistrationView view = new RegistrationView();
        await("every xTR registers its prefix with the Map-Server" + bridgeFilterHint(), 30_000, () ->
        {
            for (final String prefix : Fig5Topology.PREFIXES)
            {
                if (!onMapServer(mapServer, () -> database.get(EidPrefix.parse(prefix), view) == MapCacheStatus.OK))
                {
                    return false;
                }
            }
            return onMapServer(mapServer, () ->
                database.get(EidPrefix.parse(Fig5Topology.USER_EID), view) == MapCacheStatus.OK);
        }, xtrs);
        // As xTRs serving the controller's users do, the DC xTRs resolve and subscribe to the user's EID.
        xtrs[Fig5Topology.DC1].send("resolve " + Fig5Topology.USER_EID);
        xtrs[Fig5Topology.DC2].send("resolve " + Fig5Topology.USER_EID);
        progress("xTRs up and registered: a1 %s, a2 %s, dc1 %s, dc2 %s", topology.rloc(Fig5Topology.A1),
            topology.rloc(Fig5Topology.A2), topology.rloc(Fig5Topology.DC1), topology.rloc(Fig5Topology.DC2));

        // The service: a QEMU guest at DC1, its EID answered by DC1's namespace.
        final int relayPort = RelayingQemuLauncher.freePort();
        final RelayingQemuLauncher launcher = new RelayingQemuLauncher(new LocalQemuLauncher(runDirectory, 30_000),
            cleanup, Math.round(settings.interDcRttMs() * NANOS_PER_MS), 0, 4 << 20);
        final QmpHypervisor qmp = cleanup.add(new QmpHypervisor("dc1", launcher, 10_000, 100, true));
        qmp.start(VM, Fig5Topology.VM_EID, guest.commandLine());
        Fig6Bench.awaitFilled(guest, qmp, VM);
        ip("-n", topology.namespace(Fig5Topology.DC1), "addr", "add", Fig5Topology.VM_EID, "dev", "lo");
        progress("service VM %s running at dc1 (QEMU, %d MiB), EID %s", VM, guest.memoryMb(), Fig5Topology.VM_EID);

        // The controller beside the Map-Server; it tells the DC xTRs over their command channel.
        final Topology fmc = Topology.parse(String.format(Locale.ROOT,
            "access a1 rloc=%s subnets=10.1.0.0/16%n" +
            "access a2 rloc=%s subnets=10.2.0.0/16%n" +
            "dc dc1 rloc=%s prefix=%s provider=qmp host=dc1%n" +
            "dc dc2 rloc=%s prefix=%s provider=qmp host=dc2 address=tcp:127.0.0.1:%d%n" +
            "distance a1 dc1 0%ndistance a1 dc2 3%ndistance a2 dc1 3%ndistance a2 dc2 0%n",
            topology.rloc(Fig5Topology.A1), topology.rloc(Fig5Topology.A2),
            topology.rloc(Fig5Topology.DC1), Fig5Topology.PREFIXES[Fig5Topology.DC1],
            topology.rloc(Fig5Topology.DC2), Fig5Topology.PREFIXES[Fig5Topology.DC2], relayPort));
        final Map<Rloc, WireRelocator.XtrCommands> commands = new HashMap<>();
        final Map<Rloc, Long> oneWay = new HashMap<>();
        for (final int dc : new int[] {Fig5Topology.DC1, Fig5Topology.DC2})
        {
            final Rloc rloc = Rloc.parse(topology.rloc(dc));
            final XtrProcess xtr = xtrs[dc];
            commands.put(rloc, (line) ->
            {
                event("controller tells " + Fig5Topology.NODES[dc] + "'s xTR: " + line);
                xtr.send(line);
            });
            oneWay.put(rloc, Math.round(Fig5Topology.mapServerRttMs(dc) / 2 * NANOS_PER_MS));
        }
        final WireRelocator relocator = cleanup.add(new WireRelocator(commands, oneWay, database,
            mapServer.executor(), TimeUnit.SECONDS.toNanos(10)));
        final Map<String, String> namespaces = Map.of("dc1", topology.namespace(Fig5Topology.DC1),
            "dc2", topology.namespace(Fig5Topology.DC2));
        final ServiceAddressMover mover = cleanup.add(new ServiceAddressMover(qmp, namespaces,
            Fig5Topology.VM_EID, runDirectory, this::event));
        final CompletableFuture<MigrationTimeline> ended = new CompletableFuture<>();
        final FmcController controller = cleanup.add(new FmcController(new FmcController.Context()
            .topology(fmc)
            .relocator(relocator)
            .hypervisor("dc1", mover).hypervisor("dc2", mover)
            .migrationParameters(new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L)
                .downtimeLimitMs(300).timeoutMs(600_000).conclude())
            .switchover(settings.switchover())
            .onMigrationEnded(ended::complete)));
        onMapServer(mapServer, () ->
        {
            mapServer.addListener(controller);
            return true;
        });
        controller.registerUser("user", EidPrefix.parse(Fig5Topology.USER_EID), "a1");
        controller.registerVm("user", VM, EidPrefix.parse(Fig5Topology.VM_EID), "dc1");

        // The user pings; t = 0 at its first echo request.
        final Pinger pinger = cleanup.add(Pinger.start(topology.userNamespace(), "10.100.0.5"));
        t0 = epochNow();
        event("the user starts pinging " + Fig5Topology.VM_EID + " every 100 ms");
        await("the service answers the user's pings through a1 and dc1", 30_000,
            () -> pinger.replies() > 0, xtrs);
        progress("first echo reply after %.1f s", epochNow() - t0);
        sleepWithProgress(t0 + settings.beforeMoveS(), pinger);

        // The move: the user's link to a1 goes down, it routes through a2, and a2 registers its EID.
        ip("-n", topology.namespace(Fig5Topology.A2), "route", "add", Fig5Topology.USER_EID, "dev", "user");
        ip("-n", topology.userNamespace(), "route", "replace", "default", "via", Fig5Topology.GATEWAYS[1], "dev", "a2",
            "onlink", "src", "10.1.0.7");
        // From here on the user's packets leave through a2: that is the time of the move.
        final double moveAt = epochNow();
        ip("-n", topology.userNamespace(), "link", "set", "a1", "down");
        xtrs[Fig5Topology.A2].send("add " + Fig5Topology.USER_EID + " 1 100");
        event("the user moves from subnet 1 (a1) to subnet 2 (a2); a2's xTR registers " + Fig5Topology.USER_EID);

        await("the controller decides to migrate the service after the user's move", 30_000,
            () -> !controller.timelines(VM).isEmpty(), xtrs);
        final MigrationTimeline timeline;
        try
        {
            sleepWithProgress(epochNow() + 600, pinger, ended::isDone);
            timeline = ended.get(1, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new TestbedException("the controller's migration did not end: " + ex + "; timelines: " +
                controller.timelines(), ex);
        }
        event("migration " + (timeline.succeeded() ? "completed" : "FAILED: " + timeline.failure()));
        out.print(indent(timeline.toString()));
        out.flush();
        final double endedAt = epochNow();
        sleepWithProgress(endedAt + settings.afterMoveS(), pinger);
        final double stopRequestedAt = epochNow();
        final Pinger.Output pings = pinger.stop();
        final double stoppedAt = epochNow();
        for (final String error : mover.errors())
        {
            events.add("  ip -batch: " + error);
        }
        // Where the mapping system sends the VM's traffic now, before the xTRs stop and withdraw.
        final Rloc mapped = onMapServer(mapServer, () ->
        {
            if (database.lookup(0, Afi.IPV4, EidPrefix.parse(Fig5Topology.VM_EID).hi(),
                EidPrefix.parse(Fig5Topology.VM_EID).lo(), view) != MapCacheStatus.FOUND)
            {
                return null;
            }
            final int best = Rloc.preferredIndex(view.locators());
            return best < 0 ? null : Rloc.of(view.locators(), best);
        });
        final String mappedTo = mapped == null ? "nothing" :
            mapped.equals(Rloc.parse(topology.rloc(Fig5Topology.DC2))) ? "dc2" :
            mapped.equals(Rloc.parse(topology.rloc(Fig5Topology.DC1))) ? "dc1" : mapped.toString();
        final VmInfo vm = qmp.describe(VM);
        for (int node = 0; node < xtrs.length; node++)
        {
            cleanup.closeNow(xtrs[node]);
            for (final String line : xtrs[node].finalCounters())
            {
                events.add("  " + Fig5Topology.NODES[node] + "'s xTR at the end, " + line);
            }
        }
        final Fig5Series series = new Fig5Series(pings.firstSendEpochS(t0), PING_INTERVAL_S,
            judged(pings, pings.firstSendEpochS(t0), stopRequestedAt), pings.replies(), Fig5Topology.DC_TTL[1] - 1);
        final double start = pings.firstSendEpochS(t0);
        final MigrationResult result = timeline.result();
        return new Fig5Result(settings.describe(), series, moveAt - start,
            rel(timeline, controllerEpochOfZero(), start), mover.pausedEpochS() - start,
            mover.resumedEpochS() - start, endedAt - start, stoppedAt - start, timeline.succeeded(),
            timeline.failure(), result == null ? -1 : result.statistics().totalTimeMs(),
            result == null ? -1 : result.statistics().downtimeMs(), mappedTo,
            vm == null ? "gone" : VmState.name(vm.state()) + " at " + vm.host(), List.copyOf(events));
    }

    /** Controller clock to epoch: the controller's clock is System.nanoTime. */
    private double controllerEpochOfZero()
    {
        return epochOrigin - nanoOrigin / 1e9;
    }

    private static Map<Integer, Double> rel(final MigrationTimeline timeline, final double epochOfZero,
        final double start)
    {
        final Map<Integer, Double> times = new HashMap<>();
        for (final MigrationTimeline.Entry entry : timeline.entries())
        {
            times.putIfAbsent(entry.type(), epochOfZero + entry.timeNanos() / 1e9 - start);
        }
        return times;
    }

    private void network() throws IOException
    {
        final String bridge = topology.bridge();
        ip("link", "add", bridge, "type", "bridge");
        cleanup.add(new Shell("bridge " + bridge, IP, "link", "del", bridge));
        ip("addr", "add", topology.mapServerAddress() + "/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (final String ns : topology.namespaces())
        {
            ip("netns", "add", ns);
            cleanup.add(new Shell("namespace " + ns, IP, "netns", "del", ns));
            ip("-n", ns, "link", "set", "lo", "up");
            run(10, IP, "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        }
        for (int node = 0; node < Fig5Topology.NODES.length; node++)
        {
            final String ns = topology.namespace(node);
            ip("link", "add", topology.rootVeth(node), "type", "veth", "peer", "name", Fig5Topology.RLOC_IF,
                "netns", ns);
            ip("link", "set", topology.rootVeth(node), "master", bridge, "up");
            ip("-n", ns, "addr", "add", topology.rloc(node) + "/24", "dev", Fig5Topology.RLOC_IF);
            ip("-n", ns, "link", "set", Fig5Topology.RLOC_IF, "up");
        }
        for (int dc = 0; dc < 2; dc++)
        {
            final String ns = topology.namespace(Fig5Topology.DC1 + dc);
            run(10, IP, "netns", "exec", ns, "sysctl", "-q", "-w",
                "net.ipv4.ip_default_ttl=" + Fig5Topology.DC_TTL[dc]);
            // The VM's address is local only where it runs; elsewhere its packets are dropped, not looped.
            ip("-n", ns, "route", "add", "blackhole", "10.100.0.0/16");
        }
        final String user = topology.userNamespace();
        ip("-n", user, "addr", "add", Fig5Topology.USER_EID, "dev", "lo");
        for (int a = 0; a < 2; a++)
        {
            final String access = topology.namespace(Fig5Topology.A1 + a);
            final String link = Fig5Topology.NODES[Fig5Topology.A1 + a];
            ip("-n", user, "link", "add", link, "type", "veth", "peer", "name", "user", "netns", access);
            ip("-n", user, "link", "set", link, "up");
            ip("-n", access, "addr", "add", Fig5Topology.GATEWAYS[a] + "/24", "dev", "user");
            ip("-n", access, "link", "set", "user", "up");
        }
        ip("-n", user, "route", "add", "default", "via", Fig5Topology.GATEWAYS[0], "dev", "a1", "onlink", "src",
            "10.1.0.7");
    }

    /**
     * With {@code br_netfilter} loaded, bridged packets traverse the root namespace's iptables (a host with Docker
     * drops forwarded packets by default), which would cut the RLOC bridge.
     */
    private static String bridgeFilterHint()
    {
        try
        {
            final Path sysctl = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");
            return Files.exists(sysctl) && "1".equals(Files.readString(sysctl).trim()) ?
                " (note: net.bridge.bridge-nf-call-iptables = 1 here, so the root namespace's iptables FORWARD rules " +
                "also filter the RLOC bridge; they must accept 198.18.0.0/15)" : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private void sleepWithProgress(final double untilEpochS, final Pinger pinger) throws InterruptedException
    {
        sleepWithProgress(untilEpochS, pinger, () -> false);
    }

    private void sleepWithProgress(final double untilEpochS, final Pinger pinger, final BooleanSupplier done)
        throws InterruptedException
    {
        double nextProgress = epochNow() + 2;
        while (epochNow() < untilEpochS && !done.getAsBoolean())
        {
            Thread.sleep(50);
            if (epochNow() >= nextProgress)
            {
                nextProgress += 2;
                final Fig5Series.Reply last = pinger.lastReply();
                progress("%6.1f s  %d pings answered%s", epochNow() - t0, pinger.replies(), last == null ? "" :
                    String.format(Locale.ROOT, ", last RTT %.1f ms (ttl %d)", last.rttMs(), last.ttl()));
            }
        }
    }

    private void event(final String text)
    {
        final double now = epochNow();
        final String line = Double.isNaN(t0) ? text : String.format(Locale.ROOT, "%6.2f s  %s", now - t0, text);
        events.add(line);
        progress("%s", line);
    }

    private void progress(final String format, final Object... args)
    {
        synchronized (out)
        {
            out.println("[fig5] " + String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }

    /**
     * The pings that can be judged: every ping answered, and every ping sent at least {@link #REPLY_GRACE_S} before
     * {@code ping} was stopped. An unanswered ping sent later may have had its reply in flight when {@code ping}
     * exited; counting it as lost would report an outage that the run's end made.
     */
    static int judged(final Pinger.Output pings, final double firstSendEpochS, final double stopEpochS)
    {
        int lastAnswered = 0;
        for (final Fig5Series.Reply reply : pings.replies())
        {
            lastAnswered = Math.max(lastAnswered, reply.seq());
        }
        final int sentBeforeGrace =
            (int)Math.floor((stopEpochS - REPLY_GRACE_S - firstSendEpochS) / PING_INTERVAL_S) + 1;
        return Math.min(pings.transmitted(), Math.max(lastAnswered, sentBeforeGrace));
    }

    private static double epochNow()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    private void await(final String what, final long timeoutMs, final Check condition, final XtrProcess... xtrs)
        throws TestbedException, InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMs * NANOS_PER_MS;
        while (true)
        {
            try
            {
                if (condition.test())
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                throw new TestbedException(what + ": " + ex.getMessage(), ex);
            }
            if (System.nanoTime() - deadline > 0)
            {
                final StringBuilder logs = new StringBuilder();
                for (final XtrProcess xtr : xtrs)
                {
                    logs.append(System.lineSeparator()).append(xtr.tail(15));
                }
                throw new TestbedException("timed out after " + timeoutMs / 1000 + " s waiting until " + what + logs);
            }
            Thread.sleep(20);
        }
    }

    /** A condition polled by {@link #await}. */
    @FunctionalInterface
    private interface Check
    {
        boolean test() throws IOException, InterruptedException;
    }

    private static <T> T onMapServer(final MapServer mapServer, final Callable<T> task) throws IOException
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        mapServer.executor().execute(() ->
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
        try
        {
            return result.get(5, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("map-server task failed: " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    private static void ip(final String... args) throws IOException
    {
        final String[] command = new String[args.length + 1];
        command[0] = IP;
        System.arraycopy(args, 0, command, 1, args.length);
        run(20, command);
    }

    private static boolean quietly(final String... command)
    {
        try
        {
            run(10, command);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static String run(final int timeoutSeconds, final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), ex);
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " +
                output.trim());
        }
        return output;
    }

    private static String which(final String name)
    {
        for (final String directory : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .split(File.pathSeparator))
        {
            final Path path = Path.of(directory, name);
            if (Files.isExecutable(path))
            {
                return path.toString();
            }
        }
        return null;
    }

    private static String indent(final String text)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String line : text.split("\n"))
        {
            sb.append("      ").append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** A command run when closed (deleting a namespace or a bridge); a failure is printed by {@link Cleanup}. */
    private static final class Shell implements AutoCloseable
    {
        private final String what;
        private final String[] command;

        Shell(final String what, final String... command)
        {
            this.what = what;
            this.command = command;
        }

        @Override
        public void close() throws IOException
        {
            run(20, command);
        }

        @Override
        public String toString()
        {
            return what;
        }
    }

    /** An {@code fmc4j xtr --commands} process in a namespace. */
    static final class XtrProcess implements AutoCloseable
    {
        private final String name;
        private final Process process;
        private final Writer stdin;
        private final Path log;
        private final List<String> command;

        private XtrProcess(final String name, final Process process, final Path log, final List<String> command)
        {
            this.command = command;
            this.name = name;
            this.process = process;
            this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.log = log;
        }

        static XtrProcess start(final String namespace, final Path config, final Path log) throws IOException
        {
            final List<String> command = new ArrayList<>(List.of(IP, "netns", "exec", namespace));
            command.addAll(javaCommand());
            command.addAll(List.of("xtr", "--config", config.toString(), "--commands", "--stats", "0"));
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            return new XtrProcess(namespace, process, log, command);
        }

        synchronized void send(final String line) throws IOException
        {
            if (!process.isAlive())
            {
                throw new IOException("the xTR process in " + name + " has exited: " + tail(10));
            }
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }

        boolean alive() throws IOException
        {
            if (!process.isAlive())
            {
                throw new IOException("the xTR process in " + name + " exited with " + process.exitValue() + " (" +
                    String.join(" ", command) + "): " + tail(20));
            }
            return true;
        }

        /** The counter lines the process printed when it stopped (control agent, map-cache, data path). */
        List<String> finalCounters()
        {
            try
            {
                final List<String> lines = new ArrayList<>();
                for (final String line : Files.readAllLines(log, StandardCharsets.UTF_8))
                {
                    if (line.startsWith("counters: ") || line.startsWith("map-cache: ") ||
                        line.startsWith("data path: ") && line.contains("="))
                    {
                        lines.add(line);
                    }
                }
                return lines;
            }
            catch (final IOException ex)
            {
                return List.of("log unreadable: " + ex.getMessage());
            }
        }

        String tail(final int lines)
        {
            try
            {
                final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return name + " log (last lines):" + System.lineSeparator() + "  " + String.join(
                    System.lineSeparator() + "  ", all.subList(Math.max(0, all.size() - lines), all.size()));
            }
            catch (final IOException ex)
            {
                return name + " log unreadable: " + ex.getMessage();
            }
        }

        @Override
        public void close()
        {
            try
            {
                stdin.close();
            }
            catch (final IOException ignore)
            {
                // The process is gone already.
            }
            try
            {
                if (!process.waitFor(3, TimeUnit.SECONDS))
                {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                        process.waitFor(5, TimeUnit.SECONDS);
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString()
        {
            return "xTR process in " + name;
        }

        /** Whether a jar is the CLI's (its manifest names the CLI's main class and carries the module flags). */
        private static boolean isCliJar(final String jar)
        {
            try (JarFile file = new JarFile(jar))
            {
                final Manifest manifest = file.getManifest();
                return manifest != null &&
                    Fmc4j.class.getName().equals(manifest.getMainAttributes().getValue("Main-Class"));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }

        /** This JVM's java, its module flags, and either its jar or its class path, then the CLI's main class. */
        private static List<String> javaCommand()
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
            command.add("-Xmx128m");
            command.add("-XX:+UseSerialGC");
            for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle."))
                {
                    command.add(arg);
                }
            }
            final String launched = System.getProperty("sun.java.command", "").split(" ")[0];
            if (launched.endsWith(".jar") && isCliJar(launched))
            {
                command.add("-jar");
                command.add(launched);
            }
            else
            {
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(Fmc4j.class.getName());
            }
            return command;
        }
    }

    /** The user's {@code ping -D -i 0.1}, in the user namespace, line-buffered and read as it runs. */
    static final class Pinger implements AutoCloseable
    {
        private final Process process;
        private final List<Fig5Series.Reply> replies = new ArrayList<>();
        private final List<String> other = new ArrayList<>();
        private final Thread reader;
        private volatile Fig5Series.Reply last;
        private volatile int transmitted = -1;

        /**
         * What ping printed.
         *
         * @param replies     the echo replies.
         * @param transmitted echo requests sent (from ping's statistics, or the highest sequence number).
         * @param other       the other lines.
         */
        record Output(List<Fig5Series.Reply> replies, int transmitted, List<String> other)
        {
            double firstSendEpochS(final double fallback)
            {
                double first = Double.NaN;
                for (final Fig5Series.Reply reply : replies)
                {
                    final double sent = reply.rxEpochS() - reply.rttMs() / 1000 - (reply.seq() - 1) * PING_INTERVAL_S;
                    first = Double.isNaN(first) ? sent : Math.min(first, sent);
                }
                return Double.isNaN(first) ? fallback : first;
            }
        }

        private Pinger(final Process process)
        {
            this.process = process;
            reader = new Thread(this::read, "fmc4j-fig5-ping");
            reader.setDaemon(true);
            reader.start();
        }

        static Pinger start(final String namespace, final String target) throws IOException
        {
            return new Pinger(new ProcessBuilder(IP, "netns", "exec", namespace, "stdbuf", "-oL", "ping", "-D", "-n",
                "-i", Double.toString(PING_INTERVAL_S), target).redirectErrorStream(true).start());
        }

        private void read()
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    final Fig5Series.Reply reply = Fig5Series.parse(line);
                    synchronized (this)
                    {
                        if (reply != null)
                        {
                            replies.add(reply);
                            last = reply;
                        }
                        else
                        {
                            other.add(line);
                            final int at = line.indexOf(" packets transmitted");
                            if (at > 0)
                            {
                                transmitted = Integer.parseInt(line.substring(0, at).trim());
                            }
                        }
                    }
                }
            }
            catch (final IOException | NumberFormatException ignore)
            {
                // The process ended.
            }
        }

        synchronized int replies()
        {
            return replies.size();
        }

        Fig5Series.Reply lastReply()
        {
            return last;
        }

        /** Stops ping with SIGINT (it prints its statistics) and returns everything it printed. */
        Output stop() throws InterruptedException
        {
            try
            {
                run(5, "kill", "-INT", Long.toString(process.pid()));
            }
            catch (final IOException ignore)
            {
                process.destroy();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
            reader.join(5_000);
            synchronized (this)
            {
                int sent = transmitted;
                for (final Fig5Series.Reply reply : replies)
                {
                    sent = Math.max(sent, reply.seq());
                }
                return new Output(List.copyOf(replies), sent, List.copyOf(other));
            }
        }

        @Override
        public void close()
        {
            process.destroyForcibly();
        }

        @Override
        public String toString()
        {
            return "ping process " + process.pid();
        }
    }

    /**
     * The service's EID follows the guest: added to the destination DC's namespace when the destination QEMU
     * resumes, removed from the source's when the source stops; event times kept for the report. Requests go to
     * the backend unchanged. Each namespace has one {@code ip -batch} process started in advance, so that a move
     * costs a line on a pipe rather than starting a process while the machine is busiest (which took up to 130 ms
     * here). Its error output goes to a log, read back by {@link #errors()}.
     */
    static final class ServiceAddressMover extends ForwardingHypervisorControl
    {
        private final Map<String, String> namespaces;
        private final Map<String, Process> batches = new HashMap<>();
        private final Map<String, Writer> inputs = new HashMap<>();
        private final Map<String, Path> logs = new HashMap<>();
        private final String eid;
        private final java.util.function.Consumer<String> log;
        private volatile double pausedEpochS = Double.NaN;
        private volatile double resumedEpochS = Double.NaN;

        ServiceAddressMover(final HypervisorControl delegate, final Map<String, String> namespaces, final String eid,
            final Path logDirectory, final java.util.function.Consumer<String> log) throws IOException
        {
            super(delegate);
            this.namespaces = Map.copyOf(namespaces);
            this.eid = eid;
            this.log = log;
            for (final Map.Entry<String, String> host : this.namespaces.entrySet())
            {
                final Path errors = logDirectory.resolve("ip-batch-" + host.getKey() + ".log");
                final Process process = new ProcessBuilder(IP, "-force", "-n", host.getValue(), "-batch", "-")
                    .redirectErrorStream(true).redirectOutput(errors.toFile()).start();
                batches.put(host.getValue(), process);
                inputs.put(host.getValue(), new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                    StandardCharsets.UTF_8)));
                logs.put(host.getValue(), errors);
            }
        }

        double pausedEpochS()
        {
            return pausedEpochS;
        }

        double resumedEpochS()
        {
            return resumedEpochS;
        }

        /**
         * What the {@code ip -batch} processes reported (errors), one line each.
         *
         * @return the lines, empty when every change went through.
         */
        List<String> errors()
        {
            final List<String> lines = new ArrayList<>();
            for (final Map.Entry<String, Path> entry : logs.entrySet())
            {
                try
                {
                    for (final String line : Files.readAllLines(entry.getValue(), StandardCharsets.UTF_8))
                    {
                        if (!line.isBlank())
                        {
                            lines.add(entry.getKey() + ": " + line);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    lines.add(entry.getKey() + ": " + ex.getMessage());
                }
            }
            return lines;
        }

        @Override
        public MigrationHandle migrate(final String vmName, final MigrationTarget target,
            final MigrationParameters parameters, final MigrationListener listener) throws IOException
        {
            final String source = namespaces.get(delegate.host());
            final String destination = namespaces.get(target.host());
            if (source == null || destination == null)
            {
                throw new IOException("no namespace for " + delegate.host() + " or " + target.host());
            }
            return delegate.migrate(vmName, target, parameters, (event) ->
            {
                onEvent(event, source, destination);
                if (listener != null)
                {
                    listener.onEvent(event);
                }
            });
        }

        private void onEvent(final MigrationEvent event, final String source, final String destination)
        {
            if (event.type() == MigrationEventType.SOURCE_PAUSED)
            {
                pausedEpochS = epochNow();
                address("delete", source);
                log.accept("the source QEMU reports STOP: " + eid + " removed from " + source);
            }
            else if (event.type() == MigrationEventType.DESTINATION_RESUMED)
            {
                resumedEpochS = epochNow();
                address("add", destination);
                log.accept("the destination QEMU reports RESUME: " + eid + " added in " + destination);
            }
        }

        private void address(final String verb, final String namespace)
        {
            final Writer input = inputs.get(namespace);
            try
            {
                synchronized (input)
                {
                    input.write("address " + verb + " " + eid + " dev lo\n");
                    input.flush();
                }
            }
            catch (final IOException ex)
            {
                log.accept("cannot " + verb + " " + eid + " in " + namespace + ": " + ex.getMessage());
            }
        }

        @Override
        public void close()
        {
            for (final Map.Entry<String, Process> entry : batches.entrySet())
            {
                try
                {
                    inputs.get(entry.getKey()).close();
                }
                catch (final IOException ignore)
                {
                    // The process is gone already.
                }
                try
                {
                    if (!entry.getValue().waitFor(5, TimeUnit.SECONDS))
                    {
                        entry.getValue().destroyForcibly();
                    }
                }
                catch (final InterruptedException ex)
                {
                    entry.getValue().destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String toString()
        {
            return "service address mover";
        }
    }
}
