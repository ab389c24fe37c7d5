/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A Map-Server and any number of xTRs on loopback UDP in one process ({@code 127.N.0.1} and {@code 127.N.0.x},
 * one common random port), each with its own map-cache, all driven by one thread that calls every agent's
 * {@code doWork} in turn. Test and benchmark fixture.
 */
public final class XtrTestbed implements AutoCloseable
{
    /** The key every site shares with the Map-Server. */
    public static final byte[] SECRET = "fmc4j-test-key".getBytes(StandardCharsets.US_ASCII);

    private final int net;
    private final int port;
    private final long seed;
    private final double lossRate;
    private final List<Node> nodes = new ArrayList<>();
    private final List<LossyPacketIo> lossy = new ArrayList<>();
    /** Map-Server: the small loopback fixture with pub/sub. */
    public static final int SERVER_LOOPBACK = 0;
    /** Map-Server: the loopback fixture without pub/sub, take-over notification or Map-Notify-Ack. */
    public static final int SERVER_LEGACY = 1;
    /** Map-Server: fmc4j's {@link MapServer} over a {@link MappingDatabase}. */
    public static final int SERVER_FMC4J = 2;

    private final LoopbackMapServer mapServer;
    private final MapServer realServer;
    private final MappingDatabase database;
    private final RegistrationView registration = new RegistrationView();
    private final PacketIo mapServerIo;

    /** One xTR of the testbed. */
    public static final class Node
    {
        private final XtrControlAgent agent;
        private final PacketIo io;
        private final ChronicleMapCache cache;
        private final MapCacheReader reader;
        private final MappingView view = new MappingView();
        private final int rloc;
        private boolean running = true;

        Node(final XtrControlAgent agent, final PacketIo io, final ChronicleMapCache cache, final int rloc)
        {
            this.agent = agent;
            this.io = io;
            this.cache = cache;
            this.reader = cache.newReader();
            this.rloc = rloc;
        }

        /**
         * The agent.
         *
         * @return the agent.
         */
        public XtrControlAgent agent()
        {
            return agent;
        }

        /**
         * The map-cache.
         *
         * @return the cache.
         */
        public ChronicleMapCache cache()
        {
            return cache;
        }

        /**
         * This xTR's RLOC.
         *
         * @return the IPv4 RLOC.
         */
        public int rloc()
        {
            return rloc;
        }

        /**
         * Looks an IPv4 EID up in this xTR's map-cache.
         *
         * @param eid the EID.
         * @return the view, or null when there is no mapping.
         */
        public MappingView lookup(final int eid)
        {
            return reader.lookupIpv4(0, eid, view) == MapCacheStatus.FOUND ? view : null;
        }

        /**
         * The preferred (lowest priority value, reachable first) RLOC cached for an IPv4 EID.
         *
         * @param eid the EID.
         * @return the RLOC, or 0 when there is no positive mapping.
         */
        public int preferredRloc(final int eid)
        {
            final MappingView v = lookup(eid);
            if (null == v || v.locatorCount() == 0)
            {
                return 0;
            }
            int best = -1;
            for (int i = 0; i < v.locatorCount(); i++)
            {
                if (best < 0 || v.locators().priority(i) < v.locators().priority(best))
                {
                    best = i;
                }
            }
            return v.locators().ipv4Address(best);
        }

        /**
         * Stops driving this xTR (as if it crashed: no withdrawal), keeping its socket open but unread.
         */
        public void halt()
        {
            running = false;
        }

        /**
         * Drives this xTR again after {@link #halt()}.
         */
        public void resume()
        {
            running = true;
        }
    }

    /**
     * A testbed with a Map-Server.
     *
     * @param seed     seeds addresses, nonces and loss.
     * @param lossRate fraction of control packets each endpoint loses on send.
     * @param legacy   whether the Map-Server behaves like a peer without pub/sub and Map-Notify-Ack.
     * @throws IOException when no socket can be bound.
     */
    public XtrTestbed(final long seed, final double lossRate, final boolean legacy) throws IOException
    {
        this(seed, lossRate, legacy ? SERVER_LEGACY : SERVER_LOOPBACK);
    }

    /**
     * A testbed with the chosen Map-Server.
     *
     * @param seed     seeds addresses, nonces and loss.
     * @param lossRate fraction of control packets each endpoint loses on send.
     * @param server   {@link #SERVER_LOOPBACK}, {@link #SERVER_LEGACY} or {@link #SERVER_FMC4J}.
     * @throws IOException when no socket can be bound.
     */
    public XtrTestbed(final long seed, final double lossRate, final int server) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed ^ System.nanoTime());
        this.seed = seed;
        this.lossRate = lossRate;
        this.net = 16 + random.nextInt(200);
        this.port = 20_000 + random.nextInt(40_000);
        this.mapServerIo = open(address(1));
        if (server == SERVER_FMC4J)
        {
            this.mapServer = null;
            this.database = new MappingDatabase(new MappingDatabase.Context().capacity(4096)
                .site(Site.builder("testbed").key(new AuthKey(0, AuthKey.HMAC_SHA_256_128, SECRET))
                    .allow("10.0.0.0/8").acceptMoreSpecifics(true).build()));
            this.realServer = new MapServer(new MapServer.Context().packetIo(mapServerIo).database(database)
                .controlPort(port).notifyRetransmit(50, 20).requestRateLimit(100_000, 100_000).sweepIntervalMs(10));
        }
        else
        {
            this.database = null;
            this.realServer = null;
            this.mapServer = new LoopbackMapServer(mapServerIo, authenticator(), seed).legacy(server == SERVER_LEGACY);
        }
    }

    /**
     * The merged RLOCs the Map-Server holds for a prefix, whichever server runs.
     *
     * @param prefix the prefix.
     * @return the RLOCs, empty when unregistered.
     */
    public int[] registeredLocators(final EidPrefix prefix)
    {
        if (null != mapServer)
        {
            return mapServer.locators(prefix);
        }
        if (database.get(prefix, registration) != MapCacheStatus.OK)
        {
            return new int[0];
        }
        final LocatorSetDecoder locators = registration.locators();
        final int[] result = new int[locators.count()];
        for (int i = 0; i < result.length; i++)
        {
            result[i] = locators.ipv4Address(i);
        }
        return result;
    }

    /**
     * fmc4j's Map-Server, when the testbed runs it.
     *
     * @return the server, or null.
     */
    public MapServer realServer()
    {
        return realServer;
    }

    /**
     * The Map-Server.
     *
     * @return the server.
     */
    public LoopbackMapServer mapServer()
    {
        return mapServer;
    }

    /**
     * The Map-Server's device (for sending hand-made messages from its address).
     *
     * @return the device.
     */
    public PacketIo mapServerIo()
    {
        return mapServerIo;
    }

    /**
     * The control port every node uses.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * The address of host {@code x} of the testbed's loopback net.
     *
     * @param host 1..254.
     * @return the IPv4 address.
     */
    public int address(final int host)
    {
        return (127 << 24) | (net << 16) | host;
    }

    /**
     * A new authenticator for the shared key.
     *
     * @return HMAC-SHA-256 with key id 0.
     */
    public static LispAuthenticator authenticator()
    {
        return new LispAuthenticator(LispAuthenticator.HMAC_SHA_256, 0, SECRET);
    }

    /**
     * Adds an xTR at host {@code 10 + index}.
     *
     * @param customize adjusts its context (EIDs, timers) before it starts.
     * @return the node.
     * @throws IOException when its socket cannot be bound.
     */
    public Node addXtr(final Consumer<XtrContext> customize) throws IOException
    {
        return addXtr(customize, null);
    }

    /**
     * Adds an xTR at host {@code 10 + index} that drains a miss queue. Its Map-Resolver is the testbed's Map-Server
     * unless {@code customize} adds resolvers itself.
     *
     * @param customize adjusts its context (EIDs, timers, resolvers) before it starts.
     * @param misses    the data path's miss queue, or null.
     * @return the node.
     * @throws IOException when its socket cannot be bound.
     */
    public Node addXtr(final Consumer<XtrContext> customize, final MissQueue misses) throws IOException
    {
        final int host = 10 + nodes.size();
        final int rloc = address(host);
        final InetSocketAddress control = socket(rloc);
        final XtrContext ctx = new XtrContext()
            .xtrId(0x1000 + host, seed)
            .siteId(host)
            .controlAddress(control)
            .peerControlPort(port)
            .addMapServer(new XtrContext.MapServer(socket(address(1)), LispAuthenticator.HMAC_SHA_256, 0, SECRET))
            .registerRetryMs(100)
            .registerIntervalMs(5_000)
            .requestRetryMs(100)
            .requestMaxRetryMs(400)
            .requestMaxAttempts(30)
            .requestsPerSecond(10_000)
            .smrAttempts(5)
            .probeIntervalMs(0)
            .nonceSeed(seed * 31 + host);
        customize.accept(ctx);
        if (ctx.mapResolvers().isEmpty())
        {
            ctx.addMapResolver(socket(address(1)));
        }
        final PacketIo io = open(rloc);
        final ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(1024));
        final Node node = new Node(new XtrControlAgent(ctx, io, cache, misses), io, cache, rloc);
        nodes.add(node);
        return node;
    }

    /**
     * Adds a correspondent xTR with a site of its own ({@code 10.100.x.0/24}, x its host number) that it registers:
     * a Map-Server only accepts subscriptions from xTR-IDs that have authenticated a Map-Register.
     *
     * @param subscribe whether its Map-Requests subscribe (RFC 9437).
     * @return the node.
     * @throws IOException when its socket cannot be bound.
     */
    public Node addCorrespondent(final boolean subscribe) throws IOException
    {
        final int host = 10 + nodes.size();
        final EidPrefix site = EidPrefix.ipv4(0, (10 << 24) | (100 << 16) | (host << 8), 24);
        return addXtr(ctx -> ctx.subscribe(subscribe).addEid(new XtrContext.LocalEid(site, 1, 100)));
    }

    /**
     * Calls every running agent's {@code doWork} once.
     *
     * @return the work done.
     */
    public int step()
    {
        int work = null != mapServer ? mapServer.doWork() : realServer.doWork();
        for (int i = 0, n = nodes.size(); i < n; i++)
        {
            final Node node = nodes.get(i);
            if (node.running)
            {
                work += node.agent.doWork();
            }
        }
        return work;
    }

    /**
     * Steps until a condition holds.
     *
     * @param condition the condition.
     * @param timeoutMs how long to try.
     * @return whether it held in time.
     */
    public boolean runUntil(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            if (step() == 0)
            {
                Thread.onSpinWait();
            }
        }
        return true;
    }

    /**
     * Steps for a while.
     *
     * @param ms how long.
     */
    public void runFor(final long ms)
    {
        runUntil(() -> false, ms);
    }

    /**
     * Changes the loss rate of every endpoint.
     *
     * @param rate 0..1.
     */
    public void lossRate(final double rate)
    {
        for (final LossyPacketIo io : lossy)
        {
            io.lossRate(rate);
        }
    }

    /**
     * Packets lost on purpose so far.
     *
     * @return the count.
     */
    public long dropped()
    {
        return lossy.stream().mapToLong(LossyPacketIo::dropped).sum();
    }

    /**
     * A socket address on the testbed's port.
     *
     * @param ipv4 the address.
     * @return the socket address.
     * @throws IOException never for four bytes.
     */
    public InetSocketAddress socket(final int ipv4) throws IOException
    {
        final byte[] a = {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
        return new InetSocketAddress(InetAddress.getByAddress(a), port);
    }

    private PacketIo open(final int ipv4) throws IOException
    {
        final PacketIo io = PacketIoProviders.select("udp").open(new PacketIoConfig()
            .localAddress(socket(ipv4))
            .property("udp.rcvbuf", "4194304")
            .conclude());
        final LossyPacketIo wrapped = new LossyPacketIo(io, lossRate, seed + ipv4);
        lossy.add(wrapped);
        return wrapped;
    }

    @Override
    public void close()
    {
        for (final Node node : nodes)
        {
            if (node.running)
            {
                node.agent.onClose();
                step();
            }
        }
        for (final Node node : nodes)
        {
            CloseHelper.quietClose(node.io);
            CloseHelper.quietClose(node.cache);
        }
        CloseHelper.quietClose(realServer);
        CloseHelper.quietClose(database);
        CloseHelper.quietClose(mapServerIo);
    }
}
