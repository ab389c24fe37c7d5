/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.datapath.DataPathEventQueue;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.MapCache;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.ip.IpUdp;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

/**
 * An xTR's data plane: N data-path threads, each an Agrona {@link AgentRunner} driving one {@link DataPathAgent}
 * with its own RLOC-side device and EID-side devices (opened by provider name through {@link PacketIoProviders}),
 * all sharing one {@link MapCache}, one table of pending Map-Requests and one {@link DataPathEventQueue} for the
 * control agent.
 * <pre>
 * XtrDataPlane xtr = XtrDataPlane.launch(new XtrDataPlane.Context()
 *     .mapCache(cache)
 *     .localRloc(InetAddress.getByName("192.0.2.1"))
 *     .rlocDevice("udp", t -&gt; new PacketIoConfig().localAddress(new InetSocketAddress("192.0.2.1", 4341)))
 *     .eidDevice(0, "tun", t -&gt; new PacketIoConfig().deviceName("fmc0").mtu(1400)));
 * // control agent: xtr.events().drain(handler, 64); counters: xtr.counter(DataPathCounters.ITR_MISS)
 * </pre>
 */
public final class XtrDataPlane implements AutoCloseable
{
    private final Context ctx;
    private final List<PacketIo> devices = new ArrayList<>();
    private final DataPathAgent[] agents;
    private final AgentRunner[] runners;
    private final DataPathCounters[] counters;
    private final DataPathEventRing events;
    private final PacketIo[] rlocDevices;
    private final PacketIo[][] eidDevices;

    private XtrDataPlane(final Context ctx) throws IOException
    {
        this.ctx = ctx;
        this.events = new DataPathEventRing(ctx.eventQueueCapacity());
        final PendingRequests pending = new PendingRequests(
            ctx.pendingRequestSlots(), ctx.mapRequestRetryMs(), ctx.mapRequestsPerSecond());
        final int threads = ctx.threads();
        agents = new DataPathAgent[threads];
        runners = new AgentRunner[threads];
        counters = new DataPathCounters[threads];
        rlocDevices = new PacketIo[threads];
        eidDevices = new PacketIo[threads][];
        try
        {
            final PacketIoProvider rlocProvider = PacketIoProviders.select(ctx.rlocProvider);
            for (int t = 0; t < threads; t++)
            {
                final PacketIo rloc = rlocProvider.open(withErrorHandler(ctx.rlocConfig.apply(t)));
                devices.add(rloc);
                rlocDevices[t] = rloc;
                final PacketIo[] eids = new PacketIo[ctx.eidProviders.size()];
                eidDevices[t] = eids;
                final int[] iids = new int[eids.length];
                for (int i = 0; i < eids.length; i++)
                {
                    eids[i] = PacketIoProviders.select(ctx.eidProviders.get(i))
                        .open(withErrorHandler(ctx.eidConfigs.get(i).apply(t)));
                    devices.add(eids[i]);
                    iids[i] = ctx.eidInstanceIds.get(i);
                }
                counters[t] = new DataPathCounters();
                agents[t] = new DataPathAgent(ctx, "fmc4j-datapath-" + t, rloc, eids, iids, counters[t], pending,
                    events);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(devices);
            throw ex;
        }
        for (int t = 0; t < threads; t++)
        {
            runners[t] = new AgentRunner(ctx.idleStrategySupplier().get(), ctx.errorHandler(), null, agents[t]);
        }
    }

    /**
     * Opens the devices, builds the agents and starts one thread per agent.
     *
     * @param ctx the configuration (concluded here).
     * @return the running data plane.
     * @throws IOException when a device cannot be opened (devices opened so far are closed again).
     * @throws io.fmc4j.api.spi.dataplane.NoPacketIoProviderException when a provider is missing or unavailable.
     */
    public static XtrDataPlane launch(final Context ctx) throws IOException
    {
        ctx.conclude().checkDevices();
        final XtrDataPlane xtr = new XtrDataPlane(ctx);
        for (final AgentRunner runner : xtr.runners)
        {
            AgentRunner.startOnThread(runner);
        }
        return xtr;
    }

    private PacketIoConfig withErrorHandler(final PacketIoConfig config)
    {
        if (config.errorHandler() == null && !config.isConcluded())
        {
            config.errorHandler(ctx.errorHandler());
        }
        return config;
    }

    /**
     * The queue the control agent drains.
     *
     * @return the event queue.
     */
    public DataPathEventQueue events()
    {
        return events;
    }

    /**
     * The per-thread counters.
     *
     * @return one instance per data-path thread.
     */
    public DataPathCounters[] counters()
    {
        return counters.clone();
    }

    /**
     * One counter summed over the threads.
     *
     * @param id a {@link DataPathCounters} id.
     * @return the total.
     */
    public long counter(final int id)
    {
        return DataPathCounters.sum(counters, id);
    }

    /**
     * The agents (for inspection; they run on their own threads).
     *
     * @return the agents.
     */
    public DataPathAgent[] agents()
    {
        return agents.clone();
    }

    /**
     * The RLOC-side device of a data-path thread, as its provider opened it: to read its
     * {@link io.fmc4j.api.spi.dataplane.PacketIoCounters}, its state or which backend it is. Owned by this data
     * plane (closed by {@link #close()}); only the thread's agent polls and offers on it.
     *
     * @param thread 0 to {@code threads - 1}.
     * @return the device.
     */
    public PacketIo rlocDevice(final int thread)
    {
        return rlocDevices[thread];
    }

    /**
     * An EID-side device of a data-path thread, in the order the {@code eidDevice} calls configured them.
     *
     * @param thread 0 to {@code threads - 1}.
     * @param index  0 to the number of EID-side devices - 1.
     * @return the device, owned by this data plane as {@link #rlocDevice(int)} is.
     */
    public PacketIo eidDevice(final int thread, final int index)
    {
        return eidDevices[thread][index];
    }

    /**
     * The configuration.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stops the threads, then closes every device. Idempotent.
     */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(runners);
        CloseHelper.quietCloseAll(devices);
    }

    /**
     * Configuration of an xTR data plane, Aeron style: fluent setters, then {@link #conclude()} checks everything
     * once. Also the configuration a {@link DataPathAgent} built by hand takes.
     */
    public static final class Context
    {
        /** Default RLOC-side MTU. */
        public static final int DEFAULT_RLOC_MTU = 1500;
        /** Default time before a Map-Request for the same EID may be repeated. */
        public static final long DEFAULT_MAP_REQUEST_RETRY_MS = 1000;
        /** Default Map-Requests per second over all threads. */
        public static final int DEFAULT_MAP_REQUESTS_PER_SECOND = 100;
        /** Default pending-request table size. */
        public static final int DEFAULT_PENDING_SLOTS = 4096;
        /** Default packets per device per duty cycle. */
        public static final int DEFAULT_POLL_LIMIT = 32;
        /** Outer TTL value meaning "copy the inner TTL / hop limit" (RFC 9300 §5.3). */
        public static final int COPY_INNER_TTL = 0;

        private MapCache mapCache;
        private int rlocMode = RlocMode.UDP_SOCKET;
        private boolean hasIpv4Rloc;
        private int localRlocIpv4;
        private boolean hasIpv6Rloc;
        private long localRlocIpv6Hi;
        private long localRlocIpv6Lo;
        private int rlocMtu = DEFAULT_RLOC_MTU;
        private boolean nonce = true;
        private boolean mapVersioning;
        private int sourceMapVersion;
        private int locatorStatusBits = -1;
        private boolean udpChecksum;
        private int etrChecksumPolicy = IpUdp.CHECKSUM_VERIFY_ZERO_ALLOWED;
        private int outerTtl = COPY_INNER_TTL;
        private long mapRequestRetryMs = DEFAULT_MAP_REQUEST_RETRY_MS;
        private int mapRequestsPerSecond = DEFAULT_MAP_REQUESTS_PER_SECOND;
        private int pendingRequestSlots = DEFAULT_PENDING_SLOTS;
        private int eventQueueCapacity = DataPathEventRing.DEFAULT_CAPACITY;
        private int pollLimit = DEFAULT_POLL_LIMIT;
        private int threads = 1;
        private Supplier<IdleStrategy> idleStrategySupplier = () -> new BackoffIdleStrategy();
        private ErrorHandler errorHandler = Throwable::printStackTrace;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private String rlocProvider;
        private IntFunction<PacketIoConfig> rlocConfig;
        private final List<String> eidProviders = new ArrayList<>();
        private final List<IntFunction<PacketIoConfig>> eidConfigs = new ArrayList<>();
        private final List<Integer> eidInstanceIds = new ArrayList<>();
        private boolean forwardDeparted;
        private boolean concluded;

        /**
         * The map-cache the ITR looks up (shared by all threads; each gets its own reader).
         *
         * @param mapCache the cache.
         * @return this.
         */
        public Context mapCache(final MapCache mapCache)
        {
            checkNotConcluded();
            this.mapCache = mapCache;
            return this;
        }

        /**
         * The map-cache.
         *
         * @return the cache.
         */
        public MapCache mapCache()
        {
            return mapCache;
        }

        /**
         * What the RLOC-side device carries.
         *
         * @param rlocMode {@link RlocMode#UDP_SOCKET} (default) or {@link RlocMode#IP}.
         * @return this.
         */
        public Context rlocMode(final int rlocMode)
        {
            checkNotConcluded();
            this.rlocMode = rlocMode;
            return this;
        }

        /**
         * What the RLOC-side device carries.
         *
         * @return the mode.
         */
        public int rlocMode()
        {
            return rlocMode;
        }

        /**
         * A local RLOC: the outer source address in {@link RlocMode#IP}, and in every mode the statement that this
         * xTR can send to RLOCs of that family. Call once per family.
         *
         * @param address an IPv4 or IPv6 address.
         * @return this.
         */
        public Context localRloc(final InetAddress address)
        {
            checkNotConcluded();
            final byte[] b = address.getAddress();
            if (address instanceof Inet4Address)
            {
                hasIpv4Rloc = true;
                localRlocIpv4 = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            }
            else if (address instanceof Inet6Address)
            {
                hasIpv6Rloc = true;
                localRlocIpv6Hi = 0;
                localRlocIpv6Lo = 0;
                for (int i = 0; i < 8; i++)
                {
                    localRlocIpv6Hi = (localRlocIpv6Hi << 8) | (b[i] & 0xFF);
                    localRlocIpv6Lo = (localRlocIpv6Lo << 8) | (b[8 + i] & 0xFF);
                }
            }
            return this;
        }

        /**
         * Is an IPv4 local RLOC configured?
         *
         * @return true when IPv4 RLOCs are usable.
         */
        public boolean hasIpv4Rloc()
        {
            return hasIpv4Rloc;
        }

        /**
         * The local IPv4 RLOC.
         *
         * @return big-endian address.
         */
        public int localRlocIpv4()
        {
            return localRlocIpv4;
        }

        /**
         * Is an IPv6 local RLOC configured?
         *
         * @return true when IPv6 RLOCs are usable.
         */
        public boolean hasIpv6Rloc()
        {
            return hasIpv6Rloc;
        }

        /**
         * The local IPv6 RLOC's high word.
         *
         * @return the first 8 bytes.
         */
        public long localRlocIpv6Hi()
        {
            return localRlocIpv6Hi;
        }

        /**
         * The local IPv6 RLOC's low word.
         *
         * @return the last 8 bytes.
         */
        public long localRlocIpv6Lo()
        {
            return localRlocIpv6Lo;
        }

        /**
         * MTU of the RLOC-side path: the largest outer IP packet (outer IP + UDP + LISP + inner) the ITR sends.
         *
         * @param rlocMtu 576..65535.
         * @return this.
         */
        public Context rlocMtu(final int rlocMtu)
        {
            checkNotConcluded();
            this.rlocMtu = rlocMtu;
            return this;
        }

        /**
         * MTU of the RLOC-side path.
         *
         * @return bytes.
         */
        public int rlocMtu()
        {
            return rlocMtu;
        }

        /**
         * Whether the ITR sets the N bit with a random nonce in each packet (default true). Ignored with
         * {@link #mapVersioning(boolean)}, as N and V exclude each other.
         *
         * @param nonce true to send nonces.
         * @return this.
         */
        public Context nonce(final boolean nonce)
        {
            checkNotConcluded();
            this.nonce = nonce;
            return this;
        }

        /**
         * Whether nonces are sent.
         *
         * @return the setting.
         */
        public boolean nonce()
        {
            return nonce;
        }

        /**
         * Whether the ITR sends map versions (V bit): the source version configured here and the destination
         * version of the mapping used.
         *
         * @param mapVersioning true for the V bit.
         * @return this.
         */
        public Context mapVersioning(final boolean mapVersioning)
        {
            checkNotConcluded();
            this.mapVersioning = mapVersioning;
            return this;
        }

        /**
         * Whether map versions are sent.
         *
         * @return the setting.
         */
        public boolean mapVersioning()
        {
            return mapVersioning;
        }

        /**
         * This site's map version, sent as the source map version.
         *
         * @param sourceMapVersion 0..4095.
         * @return this.
         */
        public Context sourceMapVersion(final int sourceMapVersion)
        {
            checkNotConcluded();
            this.sourceMapVersion = sourceMapVersion;
            return this;
        }

        /**
         * This site's map version.
         *
         * @return 12 bits.
         */
        public int sourceMapVersion()
        {
            return sourceMapVersion;
        }

        /**
         * The Locator-Status-Bits sent (L bit): 8 bits when the instance ID is not 0, 32 otherwise; -1 (default)
         * sends none.
         *
         * @param locatorStatusBits the bits, or -1.
         * @return this.
         */
        public Context locatorStatusBits(final int locatorStatusBits)
        {
            checkNotConcluded();
            this.locatorStatusBits = locatorStatusBits;
            return this;
        }

        /**
         * The Locator-Status-Bits sent.
         *
         * @return the bits, or -1 for none.
         */
        public int locatorStatusBits()
        {
            return locatorStatusBits;
        }

        /**
         * Whether the ITR computes the outer UDP checksum in {@link RlocMode#IP} (default false: zero, as
         * RFC 9300 §5.3 recommends for both families).
         *
         * @param udpChecksum true to compute it.
         * @return this.
         */
        public Context udpChecksum(final boolean udpChecksum)
        {
            checkNotConcluded();
            this.udpChecksum = udpChecksum;
            return this;
        }

        /**
         * Whether the outer UDP checksum is computed.
         *
         * @return the setting.
         */
        public boolean udpChecksum()
        {
            return udpChecksum;
        }

        /**
         * How the ETR checks outer checksums in {@link RlocMode#IP}.
         *
         * @param policy an {@code IpUdp.CHECKSUM_*} policy (default: verify, zero accepted for both families).
         * @return this.
         */
        public Context etrChecksumPolicy(final int policy)
        {
            checkNotConcluded();
            this.etrChecksumPolicy = policy;
            return this;
        }

        /**
         * How the ETR checks outer checksums.
         *
         * @return the policy.
         */
        public int etrChecksumPolicy()
        {
            return etrChecksumPolicy;
        }

        /**
         * Outer TTL / hop limit in {@link RlocMode#IP}.
         *
         * @param outerTtl 1..255, or {@link #COPY_INNER_TTL} (default).
         * @return this.
         */
        public Context outerTtl(final int outerTtl)
        {
            checkNotConcluded();
            this.outerTtl = outerTtl;
            return this;
        }

        /**
         * Outer TTL.
         *
         * @return the TTL or {@link #COPY_INNER_TTL}.
         */
        public int outerTtl()
        {
            return outerTtl;
        }

        /**
         * How long a Map-Request for an EID stays outstanding before a packet to it may trigger another.
         *
         * @param retryMs milliseconds.
         * @return this.
         */
        public Context mapRequestRetryMs(final long retryMs)
        {
            checkNotConcluded();
            this.mapRequestRetryMs = retryMs;
            return this;
        }

        /**
         * Map-Request retry interval.
         *
         * @return milliseconds.
         */
        public long mapRequestRetryMs()
        {
            return mapRequestRetryMs;
        }

        /**
         * Most new Map-Request events per second over all threads.
         *
         * @param perSecond the rate.
         * @return this.
         */
        public Context mapRequestsPerSecond(final int perSecond)
        {
            checkNotConcluded();
            this.mapRequestsPerSecond = perSecond;
            return this;
        }

        /**
         * Map-Request rate limit.
         *
         * @return per second.
         */
        public int mapRequestsPerSecond()
        {
            return mapRequestsPerSecond;
        }

        /**
         * Size of the pending-request table.
         *
         * @param slots a power of two.
         * @return this.
         */
        public Context pendingRequestSlots(final int slots)
        {
            checkNotConcluded();
            this.pendingRequestSlots = slots;
            return this;
        }

        /**
         * Size of the pending-request table.
         *
         * @return slots.
         */
        public int pendingRequestSlots()
        {
            return pendingRequestSlots;
        }

        /**
         * Bytes of the event queue.
         *
         * @param capacity a power of two, at least 1024.
         * @return this.
         */
        public Context eventQueueCapacity(final int capacity)
        {
            checkNotConcluded();
            this.eventQueueCapacity = capacity;
            return this;
        }

        /**
         * Bytes of the event queue.
         *
         * @return the capacity.
         */
        public int eventQueueCapacity()
        {
            return eventQueueCapacity;
        }

        /**
         * Packets taken from each device per duty cycle.
         *
         * @param pollLimit 1..1024.
         * @return this.
         */
        public Context pollLimit(final int pollLimit)
        {
            checkNotConcluded();
            this.pollLimit = pollLimit;
            return this;
        }

        /**
         * Packets per device per duty cycle.
         *
         * @return the limit.
         */
        public int pollLimit()
        {
            return pollLimit;
        }

        /**
         * Data-path threads; each opens its own devices (the config functions get the thread index).
         *
         * @param threads 1..64.
         * @return this.
         */
        public Context threads(final int threads)
        {
            checkNotConcluded();
            this.threads = threads;
            return this;
        }

        /**
         * Data-path threads.
         *
         * @return the count.
         */
        public int threads()
        {
            return threads;
        }

        /**
         * Idle strategy of each data-path thread (one new instance per thread).
         *
         * @param supplier makes the strategy.
         * @return this.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> supplier)
        {
            checkNotConcluded();
            this.idleStrategySupplier = supplier;
            return this;
        }

        /**
         * Idle strategy supplier.
         *
         * @return the supplier.
         */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * Receives exceptions escaping a duty cycle and device failures.
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            checkNotConcluded();
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * The error handler.
         *
         * @return the handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Clock read once per duty cycle (expiry, Map-Request deadlines).
         *
         * @param epochClock the clock.
         * @return this.
         */
        public Context epochClock(final EpochClock epochClock)
        {
            checkNotConcluded();
            this.epochClock = epochClock;
            return this;
        }

        /**
         * The clock.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * The RLOC-side device of each thread, for {@link XtrDataPlane#launch}.
         *
         * @param providerName a packet-I/O provider name (e.g. {@code udp}) or {@code auto}.
         * @param config       the configuration for thread {@code t}.
         * @return this.
         */
        public Context rlocDevice(final String providerName, final IntFunction<PacketIoConfig> config)
        {
            checkNotConcluded();
            this.rlocProvider = providerName;
            this.rlocConfig = config;
            return this;
        }

        /**
         * Whether the ETR forwards the traffic of departed EIDs: a decapsulated IPv4 packet whose destination the
         * map-cache maps to other RLOCs only (the control agent caches, for a minute, where a host of one of its
         * prefixes went when the Map-Server says it left) is re-encapsulated there, its inner TTL decremented,
         * instead of being delivered into a LAN the host has left. Packets in flight to a data centre when a VM
         * leaves it then reach the VM at its new place. Off by default: it costs one map-cache lookup per
         * decapsulated IPv4 packet.
         *
         * @param forward true to forward.
         * @return this.
         */
        public Context forwardDeparted(final boolean forward)
        {
            checkNotConcluded();
            this.forwardDeparted = forward;
            return this;
        }

        /**
         * Whether the ETR forwards the traffic of departed EIDs.
         *
         * @return the setting.
         */
        public boolean forwardDeparted()
        {
            return forwardDeparted;
        }

        /**
         * Adds an EID-side device of each thread, for {@link XtrDataPlane#launch}.
         *
         * @param instanceId   the instance ID of the packets it carries.
         * @param providerName a packet-I/O provider name (e.g. {@code tun}).
         * @param config       the configuration for thread {@code t}.
         * @return this.
         */
        public Context eidDevice(final int instanceId, final String providerName,
            final IntFunction<PacketIoConfig> config)
        {
            checkNotConcluded();
            eidInstanceIds.add(instanceId);
            eidProviders.add(providerName);
            eidConfigs.add(config);
            return this;
        }

        /**
         * Has {@link #conclude()} run?
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return concluded;
        }

        /**
         * Checks the settings once. Device settings are checked only when {@link XtrDataPlane#launch} uses
         * them.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            require(mapCache != null, "mapCache is required");
            require(rlocMode == RlocMode.UDP_SOCKET || rlocMode == RlocMode.IP, "unknown rlocMode " + rlocMode);
            require(hasIpv4Rloc || hasIpv6Rloc, "at least one localRloc (IPv4 or IPv6) is required");
            require(rlocMtu >= 576 && rlocMtu <= 65535, "rlocMtu must be in 576..65535: " + rlocMtu);
            require((sourceMapVersion & ~0xFFF) == 0, "sourceMapVersion must fit 12 bits: " + sourceMapVersion);
            require(outerTtl >= 0 && outerTtl <= 255, "outerTtl must be in 0..255: " + outerTtl);
            require(etrChecksumPolicy >= IpUdp.CHECKSUM_IGNORE && etrChecksumPolicy <=
                IpUdp.CHECKSUM_VERIFY_ZERO_ALLOWED, "unknown etrChecksumPolicy " + etrChecksumPolicy);
            require(pollLimit >= 1 && pollLimit <= 1024, "pollLimit must be in 1..1024: " + pollLimit);
            require(threads >= 1 && threads <= 64, "threads must be in 1..64: " + threads);
            require(idleStrategySupplier != null, "idleStrategySupplier is required");
            require(errorHandler != null, "errorHandler is required");
            require(epochClock != null, "epochClock is required");
            for (final int iid : eidInstanceIds)
            {
                require((iid & ~EidKey.MAX_INSTANCE_ID) == 0, "instance ID must fit 24 bits: " + iid);
            }
            require(eidInstanceIds.stream().distinct().count() == eidInstanceIds.size(),
                "each instance ID may have one EID-side device: " + eidInstanceIds);
            // Fail now rather than on the first thread.
            new PendingRequests(pendingRequestSlots, mapRequestRetryMs, mapRequestsPerSecond);
            require(eventQueueCapacity >= 1024 && Integer.bitCount(eventQueueCapacity) == 1,
                "eventQueueCapacity must be a power of two >= 1024: " + eventQueueCapacity);
            concluded = true;
            return this;
        }

        /**
         * Checks that {@link XtrDataPlane#launch} has devices to open.
         *
         * @return this.
         */
        Context checkDevices()
        {
            require(rlocProvider != null && rlocConfig != null, "rlocDevice is required");
            require(!eidProviders.isEmpty(), "at least one eidDevice is required");
            return this;
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }

        private void checkNotConcluded()
        {
            if (concluded)
            {
                throw new IllegalStateException("context already concluded");
            }
        }
    }
}
