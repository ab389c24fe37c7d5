/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
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
import io.fmc4j.core.msdb.Site;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An xTR embedded in a host application, with a packet-I/O backend of the application's own.
 * <p>
 * The backend is {@link InProcessUdpProvider} ({@code inproc-udp}): an in-process "UDP network" written in this
 * package against fmc4j's packet-I/O SPI and registered in this jar's
 * {@code META-INF/services/io.fmc4j.api.spi.dataplane.PacketIoProvider}. Nothing here names its class: fmc4j
 * finds it by name through {@link PacketIoProviders}, exactly as it finds {@code udp}, {@code tun} or
 * {@code dpdk}. Swap the name for {@code udp} and real addresses and the same program runs on sockets.
 * <p>
 * What runs, all in this JVM:
 * <pre>
 *  host A --memory-- xTR A ==== inproc-udp network "embedded-xtr" ==== xTR B --memory-- host B
 *  10.1.0.5          RLOC 192.0.2.10          |                  RLOC 192.0.2.20          10.2.0.9
 *                    EIDs 10.1.0.0/24    Map-Server/Map-Resolver EIDs 10.2.0.0/24
 *                                        192.0.2.1:4342
 * </pre>
 * Each xTR is fmc4j's data plane ({@link XtrDataPlane}: the ITR and ETR on one thread) plus its control agent
 * ({@link XtrControlAgent}: registration, resolution). Host A sends UDP datagrams to host B; the first ones miss
 * the map-cache, which makes xTR A resolve 10.2.0.9 through the Map-Resolver; once the Map-Reply is installed the
 * datagrams are encapsulated, carried over {@code inproc-udp} to xTR B, decapsulated and delivered to host B,
 * which echoes them back the same way.
 * <p>
 * Run it: {@code java @samples/target/jvm.flags -cp samples/target/fmc4j.jar io.fmc4j.samples.embed.EmbeddedXtr}.
 * It exits 0 once host A has its echoes back, 1 if it did not within the time limit.
 */
public final class EmbeddedXtr
{
    /** The {@code inproc-udp} network everything in this program is attached to. */
    public static final String NETWORK = "embedded-xtr";
    /** The echoes host A waits for before the program stops. */
    public static final int ECHOES_WANTED = 3;

    private static final InetSocketAddress MAP_SERVER = socket("192.0.2.1", LispPorts.CONTROL);
    private static final byte[] SECRET_A = "site-a secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_B = "site-b secret".getBytes(StandardCharsets.US_ASCII);
    private static final int HOST_A = 0x0A01_0005;          // 10.1.0.5
    private static final int HOST_B = 0x0A02_0009;          // 10.2.0.9
    private static final int ECHO_PORT = 7;
    private static final long TIME_LIMIT_NS = TimeUnit.SECONDS.toNanos(20);

    /**
     * What one run observed.
     *
     * @param rlocProvider      the provider of the RLOC-side device xTR A's ITR sent through.
     * @param datagramsSent     datagrams host A sent.
     * @param datagramsAtB      datagrams host B received (decapsulated by xTR B).
     * @param echoesAtA         echoes host A received back.
     * @param itrMissesA        datagrams xTR A dropped as map-cache misses while resolving.
     * @param encapsulatedA     datagrams xTR A encapsulated.
     * @param decapsulatedB     datagrams xTR B decapsulated.
     * @param rlocDatagramsB    datagrams xTR B's RLOC-side {@code inproc-udp} device received.
     * @param networkDelivered  datagrams the {@code inproc-udp} network carried in all (control and data).
     * @param mappingAtA        xTR A's map-cache entry for host B, as text.
     */
    public record Result(
        String rlocProvider,
        int datagramsSent,
        int datagramsAtB,
        int echoesAtA,
        long itrMissesA,
        long encapsulatedA,
        long decapsulatedB,
        long rlocDatagramsB,
        long networkDelivered,
        String mappingAtA)
    {
        /**
         * Did the exchange work end to end?
         *
         * @return true when host A got its echoes back.
         */
        public boolean succeeded()
        {
            return echoesAtA >= ECHOES_WANTED;
        }
    }

    private EmbeddedXtr()
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
     * Builds the deployment, exchanges datagrams, prints what happens, and tears everything down.
     *
     * @param out where to print.
     * @return what was observed.
     * @throws Exception when something cannot start.
     */
    public static Result run(final PrintStream out) throws Exception
    {
        // An application embedding fmc4j sets these before any Chronicle class loads (see the root README).
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        final ErrorHandler errors = (throwable) -> out.println("error: " + throwable);

        // 1. Our backend is on the class path through META-INF/services; select it by name, as fmc4j does
        //    for its own. An unknown or unavailable name would fail here, listing every provider found.
        out.println(PacketIoProviders.describe("packet-I/O backends on the class path", PacketIoProviders.load(null)));
        final PacketIoProvider inproc = PacketIoProviders.select(InProcessUdpProvider.NAME);
        out.println("chosen: " + inproc.name());

        // 2. The Map-Server/Map-Resolver: a mapping database with one site per customer (prefix + key), and the
        //    MapServer agent on its own device of the same network, port 4342.
        final MappingDatabase database = new MappingDatabase(new MappingDatabase.Context().capacity(1024)
            .site(Site.builder("site-a").key(new AuthKey(0, AuthKey.HMAC_SHA_256_128, SECRET_A))
                .allow("10.1.0.0/24").build())
            .site(Site.builder("site-b").key(new AuthKey(0, AuthKey.HMAC_SHA_256_128, SECRET_B))
                .allow("10.2.0.0/24").build()));
        final PacketIo mapServerIo = inproc.open(new PacketIoConfig().deviceName(NETWORK).localAddress(MAP_SERVER));
        final MapServer mapServer = new MapServer(new MapServer.Context().packetIo(mapServerIo).database(database)
            .errorHandler(errors));
        final AgentRunner mapServerRunner = new AgentRunner(idle(), errors, null, mapServer);
        AgentRunner.startOnThread(mapServerRunner);

        Xtr xtrA = null;
        Xtr xtrB = null;
        try
        {
            // 3. Two xTRs, each registering its site's EID prefix.
            final long start = System.nanoTime();
            xtrA = new Xtr("xTR A", 0xA, "192.0.2.10", "10.1.0.0/24", SECRET_A, "site-a-lan", errors);
            xtrB = new Xtr("xTR B", 0xB, "192.0.2.20", "10.2.0.0/24", SECRET_B, "site-b-lan", errors);
            awaitRegistered(xtrA, start, out);
            awaitRegistered(xtrB, start, out);

            // 4. The hosts: host A sends to host B every 20 ms, host B echoes, until A has its echoes back.
            final Result result = exchange(xtrA, xtrB, out);

            // 5. What the xTRs, the backend and the Map-Server counted.
            out.println("xTR A data path: " + xtrA.dataPlane.counters()[0]);
            out.println("xTR B data path: " + xtrB.dataPlane.counters()[0]);
            out.println("xTR A control:   " + xtrA.agent.counters());
            out.println("xTR B control:   " + xtrB.agent.counters());
            out.println("network " + NETWORK + ": " + result.networkDelivered() + " datagrams carried, " +
                InProcessUdpNetwork.named(NETWORK).lostNoReceiver() + " lost (no receiver), bound " +
                InProcessUdpNetwork.named(NETWORK).boundAddresses());
            out.println("Map-Server: " + mapServer.appendCounters(new StringBuilder()));
            out.println(result.succeeded() ? "OK: " + result.echoesAtA() + " echoes back at host A" :
                "FAILED: host A got " + result.echoesAtA() + " echoes");
            return result;
        }
        finally
        {
            // 6. Stop the xTRs first (their agents withdraw their registrations), then the Map-Server.
            CloseHelper.quietCloseAll(xtrA, xtrB);
            CloseHelper.quietCloseAll(mapServerRunner, mapServerIo, database);
        }
    }

    private static Result exchange(final Xtr xtrA, final Xtr xtrB, final PrintStream out)
    {
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[2048]);
        final UnsafeBuffer echo = new UnsafeBuffer(new byte[2048]);
        final int[] counts = new int[3];                 // sent, received at B, echoes at A
        // Host B: every datagram that arrives is printed and sent back with addresses and ports swapped.
        final PacketHandler hostB = (buffer, offset, length, source) ->
        {
            counts[1]++;
            out.println("  host B got '" + payload(buffer, offset, length) + "' from " +
                ipv4Text(buffer.getInt(offset + Ipv4Header.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN)));
            final int payloadLength = length - IpUdp.IPV4_UDP_LENGTH;
            echo.putBytes(IpUdp.IPV4_UDP_LENGTH, buffer, offset + IpUdp.IPV4_UDP_LENGTH, payloadLength);
            IpUdp.writeIpv4Udp(echo, 0, HOST_B, HOST_A, ECHO_PORT, 5000, payloadLength, 64, true);
            xtrB.hostSide.offer(echo, 0, length, PacketIo.NO_NEXT_HOP);
        };
        final PacketHandler hostA = (buffer, offset, length, source) ->
        {
            counts[2]++;
            out.println("  host A got echo '" + payload(buffer, offset, length) + "'");
        };
        final long start = System.nanoTime();
        long nextSend = start;
        while (counts[2] < ECHOES_WANTED && System.nanoTime() - start < TIME_LIMIT_NS)
        {
            if (System.nanoTime() - nextSend >= 0)
            {
                nextSend += TimeUnit.MILLISECONDS.toNanos(20);
                final byte[] text = ("ping " + (++counts[0])).getBytes(StandardCharsets.US_ASCII);
                tx.putBytes(IpUdp.IPV4_UDP_LENGTH, text);
                IpUdp.writeIpv4Udp(tx, 0, HOST_A, HOST_B, 5000, ECHO_PORT, text.length, 64, true);
                xtrA.hostSide.offer(tx, 0, IpUdp.IPV4_UDP_LENGTH + text.length, PacketIo.NO_NEXT_HOP);
                if (counts[0] <= 3 || counts[0] % 25 == 0)
                {
                    out.println("host A sent 'ping " + counts[0] + "' to 10.2.0.9 (xTR A misses so far: " +
                        xtrA.dataPlane.counter(DataPathCounters.ITR_MISS) + ")");
                }
            }
            final int work = xtrB.hostSide.poll(hostB, 16) + xtrA.hostSide.poll(hostA, 16);
            if (work == 0)
            {
                sleepQuietly(1);
            }
        }
        final MappingView view = new MappingView();
        final MapCacheReader reader = xtrA.cache.newReader();
        final String mapping = reader.lookupIpv4(0, HOST_B, view) == MapCacheStatus.FOUND ? view.toString() : "none";
        out.println("xTR A map-cache for 10.2.0.9: " + mapping);
        // The data plane opened its devices itself; it hands them out for counters and diagnostics.
        final PacketIo rlocB = xtrB.dataPlane.rlocDevice(0);
        out.println("xTR B RLOC device: " + rlocB.description() + ", " + rlocB.counters());
        return new Result(
            rlocB.providerName(),
            counts[0], counts[1], counts[2],
            xtrA.dataPlane.counter(DataPathCounters.ITR_MISS),
            xtrA.dataPlane.counter(DataPathCounters.ITR_ENCAPSULATED),
            xtrB.dataPlane.counter(DataPathCounters.ETR_DECAPSULATED),
            rlocB.counters().get(PacketIoCounters.RX_PACKETS),
            InProcessUdpNetwork.named(NETWORK).delivered(),
            mapping);
    }

    /**
     * One xTR: a map-cache, the data plane (RLOC side on {@code inproc-udp} port 4341, EID side on an in-memory
     * link whose other end is the host), and the control agent (on {@code inproc-udp} port 4342).
     */
    private static final class Xtr implements AutoCloseable
    {
        private final ChronicleMapCache cache;
        private final XtrDataPlane dataPlane;
        private final XtrControlAgent agent;
        private final AgentRunner agentRunner;
        private final PacketIo controlIo;
        private final PacketIo hostSide;
        private final String name;
        private final EidPrefix eid;

        Xtr(final String name, final long id, final String rloc, final String eidPrefix, final byte[] secret,
            final String lan, final ErrorHandler errors) throws IOException
        {
            this.name = name;
            this.eid = EidPrefix.parse(eidPrefix);
            // The map-cache: the control agent writes it, the data path reads it (off-heap, lock-free reads).
            cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(1024));

            // The data plane opens its devices by provider name. RLOC side: our backend, in UDP_SOCKET mode
            // (the device carries UDP payloads, so the ITR writes only the LISP header). EID side: fmc4j's
            // "memory" link; this program opens the link's other end below and plays the hosts behind the xTR.
            dataPlane = XtrDataPlane.launch(new XtrDataPlane.Context()
                .mapCache(cache)
                .localRloc(InetAddress.getByName(rloc))
                .rlocMode(RlocMode.UDP_SOCKET)
                .rlocDevice(InProcessUdpProvider.NAME, thread -> new PacketIoConfig().deviceName(NETWORK)
                    .localAddress(socket(rloc, LispPorts.DATA)))
                .eidDevice(0, "memory", thread -> new PacketIoConfig().deviceName(lan))
                .mapRequestRetryMs(200)
                .idleStrategySupplier(EmbeddedXtr::idle)
                .errorHandler(errors));
            hostSide = PacketIoProviders.select("memory").open(new PacketIoConfig().deviceName(lan));

            // The control agent: registers the site's prefix with the Map-Server (HMAC-SHA-256), resolves the
            // data path's misses through the Map-Resolver and answers Map-Requests for its own EIDs. Its
            // control device is the same backend, selected by name again.
            final XtrContext ctx = new XtrContext()
                .xtrId(0x0F0F_0000_0000_0000L, id)            // 128-bit xTR-ID, unique per xTR
                .siteId(id)
                .controlAddress(socket(rloc, LispPorts.CONTROL))
                .addMapServer(new XtrContext.MapServer(MAP_SERVER, LispAuthenticator.HMAC_SHA_256, 0, secret))
                .addMapResolver(MAP_SERVER)
                .addEid(new XtrContext.LocalEid(eid, 1, 100))
                .registerRetryMs(200)
                .requestRetryMs(200)
                .probeIntervalMs(0);
            controlIo = PacketIoProviders.select(InProcessUdpProvider.NAME).open(
                new PacketIoConfig().deviceName(NETWORK).localAddress(ctx.controlAddress()));
            agent = new XtrControlAgent(ctx, controlIo, cache, new DataPathMissQueue(dataPlane.events()));
            agentRunner = new AgentRunner(idle(), errors, null, agent);
            AgentRunner.startOnThread(agentRunner);
        }

        @Override
        public void close()
        {
            CloseHelper.quietCloseAll(agentRunner, controlIo, dataPlane, hostSide, cache);
        }
    }

    private static void awaitRegistered(final Xtr xtr, final long start, final PrintStream out)
    {
        // The counters are readable from any thread; the agent's own state belongs to its thread.
        while (xtr.agent.counters().get(XtrCounters.REGISTRATIONS_CONFIRMED) == 0)
        {
            if (System.nanoTime() - start > TIME_LIMIT_NS)
            {
                throw new IllegalStateException(xtr.name + ": registration not confirmed: " + xtr.agent.counters());
            }
            sleepQuietly(5);
        }
        out.printf("%s registered %s (confirmed by a Map-Notify at +%.1f ms)%n", xtr.name, xtr.eid,
            (System.nanoTime() - start) / 1e6);
    }

    private static BackoffIdleStrategy idle()
    {
        return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static String payload(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset + IpUdp.IPV4_UDP_LENGTH, length - IpUdp.IPV4_UDP_LENGTH);
    }

    private static String ipv4Text(final int address)
    {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." +
            (address & 0xFF);
    }

    private static InetSocketAddress socket(final String address, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(address, ex);
        }
    }

    private static void sleepQuietly(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
