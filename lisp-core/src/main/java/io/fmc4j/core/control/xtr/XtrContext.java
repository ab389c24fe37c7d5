/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.codec.LispAuthenticator;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Configuration of an {@link XtrControlAgent}, in Aeron's {@code Context} style: fluent setters, then
 * {@link #conclude()} checks everything once at startup. Cold path.
 */
public final class XtrContext
{
    /** A Map-Server this xTR registers with, and the key it shares with it. */
    public static final class MapServer
    {
        private final InetSocketAddress address;
        private final int algorithmId;
        private final int keyId;
        private final byte[] secret;

        /**
         * A Map-Server entry.
         *
         * @param address     the Map-Server's control address (IPv4) and port.
         * @param algorithmId {@link LispAuthenticator#HMAC_SHA_1} or {@link LispAuthenticator#HMAC_SHA_256}.
         * @param keyId       the Key-ID byte (0 for peers that read one 16-bit key id).
         * @param secret      the shared secret.
         */
        public MapServer(final InetSocketAddress address, final int algorithmId, final int keyId, final byte[] secret)
        {
            this.address = address;
            this.algorithmId = algorithmId;
            this.keyId = keyId;
            this.secret = secret.clone();
        }

        /**
         * The Map-Server's address.
         *
         * @return the address.
         */
        public InetSocketAddress address()
        {
            return address;
        }

        /**
         * A new authenticator for this Map-Server's key.
         *
         * @return the authenticator.
         */
        public LispAuthenticator newAuthenticator()
        {
            return new LispAuthenticator(algorithmId, keyId, secret);
        }

        @Override
        public String toString()
        {
            return address + (algorithmId == LispAuthenticator.HMAC_SHA_1 ? " sha1" : " sha256");
        }
    }

    /** An EID prefix this xTR is the ETR for. */
    public static final class LocalEid
    {
        private final EidPrefix prefix;
        private final int priority;
        private final int weight;

        /**
         * An EID prefix entry.
         *
         * @param prefix   the prefix.
         * @param priority the unicast priority of this xTR's RLOC for it (0..255, lower preferred).
         * @param weight   the unicast weight (0..255).
         */
        public LocalEid(final EidPrefix prefix, final int priority, final int weight)
        {
            this.prefix = prefix;
            this.priority = priority;
            this.weight = weight;
        }

        /**
         * The prefix.
         *
         * @return the prefix.
         */
        public EidPrefix prefix()
        {
            return prefix;
        }

        /**
         * The RLOC priority.
         *
         * @return 0..255.
         */
        public int priority()
        {
            return priority;
        }

        /**
         * The RLOC weight.
         *
         * @return 0..255.
         */
        public int weight()
        {
            return weight;
        }
    }

    private long xtrIdHigh;
    private long xtrIdLow;
    private long siteId;
    private InetSocketAddress controlAddress;
    private int rlocIpv4;
    private int peerControlPort = LispPorts.CONTROL;
    private final List<MapServer> mapServers = new ArrayList<>();
    private final List<InetSocketAddress> mapResolvers = new ArrayList<>();
    private final List<LocalEid> eids = new ArrayList<>();
    private long registerIntervalMs = 60_000;
    private long registerRetryMs = 3_000;
    private long mappingTtlMinutes = 1_440;
    private long requestRetryMs = 2_000;
    private long requestMaxRetryMs = 30_000;
    private int requestMaxAttempts = 5;
    private int requestsPerSecond = 100;
    private long probeIntervalMs = 30_000;
    private int probeMissesDown = 3;
    private int smrAttempts = 3;
    private boolean subscribe = true;
    private boolean notifyAck = true;
    private int maxPending = 1024;
    private int maxCacheEntries = 4096;
    private int maxRequestersPerEid = 1024;
    private long nonceSeed;
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private boolean concluded;

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("XtrContext is concluded and read-only");
        }
    }

    /**
     * The 128-bit xTR-ID sent with registrations and subscriptions.
     *
     * @param high high 64 bits.
     * @param low  low 64 bits.
     * @return this.
     */
    public XtrContext xtrId(final long high, final long low)
    {
        checkNotConcluded();
        this.xtrIdHigh = high;
        this.xtrIdLow = low;
        return this;
    }

    /**
     * The high half of the xTR-ID.
     *
     * @return 64 bits.
     */
    public long xtrIdHigh()
    {
        return xtrIdHigh;
    }

    /**
     * The low half of the xTR-ID.
     *
     * @return 64 bits.
     */
    public long xtrIdLow()
    {
        return xtrIdLow;
    }

    /**
     * The Site-ID sent with the xTR-ID.
     *
     * @param siteId 64 bits.
     * @return this.
     */
    public XtrContext siteId(final long siteId)
    {
        checkNotConcluded();
        this.siteId = siteId;
        return this;
    }

    /**
     * The Site-ID.
     *
     * @return 64 bits.
     */
    public long siteId()
    {
        return siteId;
    }

    /**
     * Where the control socket binds (normally the RLOC and port 4342).
     *
     * @param controlAddress a resolved IPv4 address and port.
     * @return this.
     */
    public XtrContext controlAddress(final InetSocketAddress controlAddress)
    {
        checkNotConcluded();
        this.controlAddress = controlAddress;
        return this;
    }

    /**
     * Where the control socket binds.
     *
     * @return the address.
     */
    public InetSocketAddress controlAddress()
    {
        return controlAddress;
    }

    /**
     * This xTR's RLOC (registered as the locator of its EIDs, sent as ITR-RLOC).
     *
     * @param ipv4 the IPv4 RLOC, first octet in the high byte.
     * @return this.
     */
    public XtrContext rlocIpv4(final int ipv4)
    {
        checkNotConcluded();
        this.rlocIpv4 = ipv4;
        return this;
    }

    /**
     * This xTR's RLOC.
     *
     * @return the IPv4 RLOC.
     */
    public int rlocIpv4()
    {
        return rlocIpv4;
    }

    /**
     * The control port of peers addressed by RLOC alone (RLOC probes, SMRs, replies to an ITR-RLOC whose port is
     * not known). 4342 in production; tests running several xTRs on one host use another common port.
     *
     * @param port 1..65535.
     * @return this.
     */
    public XtrContext peerControlPort(final int port)
    {
        checkNotConcluded();
        this.peerControlPort = port;
        return this;
    }

    /**
     * The control port of peers addressed by RLOC alone.
     *
     * @return the port.
     */
    public int peerControlPort()
    {
        return peerControlPort;
    }

    /**
     * Adds a Map-Server to register with.
     *
     * @param mapServer the entry.
     * @return this.
     */
    public XtrContext addMapServer(final MapServer mapServer)
    {
        checkNotConcluded();
        mapServers.add(mapServer);
        return this;
    }

    /**
     * The Map-Servers.
     *
     * @return an unmodifiable list.
     */
    public List<MapServer> mapServers()
    {
        return Collections.unmodifiableList(mapServers);
    }

    /**
     * Adds a Map-Resolver; the first is preferred, the others take over when it stops answering.
     *
     * @param resolver a resolved IPv4 address and port.
     * @return this.
     */
    public XtrContext addMapResolver(final InetSocketAddress resolver)
    {
        checkNotConcluded();
        mapResolvers.add(resolver);
        return this;
    }

    /**
     * The Map-Resolvers.
     *
     * @return an unmodifiable list.
     */
    public List<InetSocketAddress> mapResolvers()
    {
        return Collections.unmodifiableList(mapResolvers);
    }

    /**
     * Adds an EID prefix this xTR serves from the start (more can be added at run time).
     *
     * @param eid the entry.
     * @return this.
     */
    public XtrContext addEid(final LocalEid eid)
    {
        checkNotConcluded();
        eids.add(eid);
        return this;
    }

    /**
     * The configured EID prefixes.
     *
     * @return an unmodifiable list.
     */
    public List<LocalEid> eids()
    {
        return Collections.unmodifiableList(eids);
    }

    /**
     * Interval between Map-Registers once a Map-Notify confirmed the registration.
     *
     * @param ms milliseconds (60 s by default).
     * @return this.
     */
    public XtrContext registerIntervalMs(final long ms)
    {
        checkNotConcluded();
        this.registerIntervalMs = ms;
        return this;
    }

    /**
     * Interval between Map-Registers once confirmed.
     *
     * @return milliseconds.
     */
    public long registerIntervalMs()
    {
        return registerIntervalMs;
    }

    /**
     * Interval between Map-Registers while no valid Map-Notify has arrived.
     *
     * @param ms milliseconds (3 s by default).
     * @return this.
     */
    public XtrContext registerRetryMs(final long ms)
    {
        checkNotConcluded();
        this.registerRetryMs = ms;
        return this;
    }

    /**
     * Interval between unconfirmed Map-Registers.
     *
     * @return milliseconds.
     */
    public long registerRetryMs()
    {
        return registerRetryMs;
    }

    /**
     * TTL of the mappings this xTR registers and answers with.
     *
     * @param minutes 1..{@code 0xFFFFFFFF} (one day by default).
     * @return this.
     */
    public XtrContext mappingTtlMinutes(final long minutes)
    {
        checkNotConcluded();
        this.mappingTtlMinutes = minutes;
        return this;
    }

    /**
     * TTL of the mappings this xTR registers.
     *
     * @return minutes.
     */
    public long mappingTtlMinutes()
    {
        return mappingTtlMinutes;
    }

    /**
     * First Map-Request retry interval; doubled on every retry up to {@link #requestMaxRetryMs(long)}.
     *
     * @param ms milliseconds (2 s by default).
     * @return this.
     */
    public XtrContext requestRetryMs(final long ms)
    {
        checkNotConcluded();
        this.requestRetryMs = ms;
        return this;
    }

    /**
     * First Map-Request retry interval.
     *
     * @return milliseconds.
     */
    public long requestRetryMs()
    {
        return requestRetryMs;
    }

    /**
     * Longest interval between Map-Request retries.
     *
     * @param ms milliseconds (30 s by default).
     * @return this.
     */
    public XtrContext requestMaxRetryMs(final long ms)
    {
        checkNotConcluded();
        this.requestMaxRetryMs = ms;
        return this;
    }

    /**
     * Longest retry interval.
     *
     * @return milliseconds.
     */
    public long requestMaxRetryMs()
    {
        return requestMaxRetryMs;
    }

    /**
     * Map-Requests sent per lookup before it is abandoned.
     *
     * @param attempts 1..64 (5 by default).
     * @return this.
     */
    public XtrContext requestMaxAttempts(final int attempts)
    {
        checkNotConcluded();
        this.requestMaxAttempts = attempts;
        return this;
    }

    /**
     * Map-Requests sent per lookup.
     *
     * @return the attempts.
     */
    public int requestMaxAttempts()
    {
        return requestMaxAttempts;
    }

    /**
     * Rate limit of new lookups (token bucket, burst of one second's worth); retries are not limited.
     *
     * @param perSecond 1..1000000 (100 by default).
     * @return this.
     */
    public XtrContext requestsPerSecond(final int perSecond)
    {
        checkNotConcluded();
        this.requestsPerSecond = perSecond;
        return this;
    }

    /**
     * Rate limit of new lookups.
     *
     * @return per second.
     */
    public int requestsPerSecond()
    {
        return requestsPerSecond;
    }

    /**
     * Interval between RLOC probes of each cached locator; 0 turns probing off.
     *
     * @param ms milliseconds (30 s by default).
     * @return this.
     */
    public XtrContext probeIntervalMs(final long ms)
    {
        checkNotConcluded();
        this.probeIntervalMs = ms;
        return this;
    }

    /**
     * Interval between RLOC probes.
     *
     * @return milliseconds; 0 when off.
     */
    public long probeIntervalMs()
    {
        return probeIntervalMs;
    }

    /**
     * Consecutive unanswered probes after which a locator is marked down.
     *
     * @param misses 1..100 (3 by default).
     * @return this.
     */
    public XtrContext probeMissesDown(final int misses)
    {
        checkNotConcluded();
        this.probeMissesDown = misses;
        return this;
    }

    /**
     * Unanswered probes before a locator is marked down.
     *
     * @return the count.
     */
    public int probeMissesDown()
    {
        return probeMissesDown;
    }

    /**
     * SMRs sent to each ITR per change, one {@link #requestRetryMs()} apart: the SMR-invoked Map-Request goes to
     * the Map-Resolver, not back to this xTR, so a lost SMR cannot be detected and is covered by repetition.
     *
     * @param attempts 1..16 (3 by default).
     * @return this.
     */
    public XtrContext smrAttempts(final int attempts)
    {
        checkNotConcluded();
        this.smrAttempts = attempts;
        return this;
    }

    /**
     * SMRs sent per ITR per change.
     *
     * @return the attempts.
     */
    public int smrAttempts()
    {
        return smrAttempts;
    }

    /**
     * Whether Map-Requests subscribe to the mapping (RFC 9437: I bit with xTR-ID, N bit on the record).
     *
     * @param subscribe true by default.
     * @return this.
     */
    public XtrContext subscribe(final boolean subscribe)
    {
        checkNotConcluded();
        this.subscribe = subscribe;
        return this;
    }

    /**
     * Whether Map-Requests subscribe.
     *
     * @return the flag.
     */
    public boolean subscribe()
    {
        return subscribe;
    }

    /**
     * Whether Map-Notifies the Map-Server sends on its own (pub/sub updates, EID left) are acknowledged with a
     * Map-Notify-Ack. Peers that do not implement it ignore the ack.
     *
     * @param notifyAck true by default.
     * @return this.
     */
    public XtrContext notifyAck(final boolean notifyAck)
    {
        checkNotConcluded();
        this.notifyAck = notifyAck;
        return this;
    }

    /**
     * Whether unsolicited Map-Notifies are acknowledged.
     *
     * @return the flag.
     */
    public boolean notifyAck()
    {
        return notifyAck;
    }

    /**
     * Most lookups in flight at once.
     *
     * @param maxPending 1..65536 (1024 by default).
     * @return this.
     */
    public XtrContext maxPending(final int maxPending)
    {
        checkNotConcluded();
        this.maxPending = maxPending;
        return this;
    }

    /**
     * Most lookups in flight.
     *
     * @return the bound.
     */
    public int maxPending()
    {
        return maxPending;
    }

    /**
     * Most map-cache entries the agent tracks for probing, SMR and subscriptions (the map-cache's own capacity
     * bounds what is cached).
     *
     * @param max 1..2^20 (4096 by default).
     * @return this.
     */
    public XtrContext maxCacheEntries(final int max)
    {
        checkNotConcluded();
        this.maxCacheEntries = max;
        return this;
    }

    /**
     * Most tracked map-cache entries.
     *
     * @return the bound.
     */
    public int maxCacheEntries()
    {
        return maxCacheEntries;
    }

    /**
     * Most ITRs remembered per local EID (those that asked for it and get an SMR when it changes).
     *
     * @param max 1..65536 (1024 by default).
     * @return this.
     */
    public XtrContext maxRequestersPerEid(final int max)
    {
        checkNotConcluded();
        this.maxRequestersPerEid = max;
        return this;
    }

    /**
     * Most ITRs remembered per local EID.
     *
     * @return the bound.
     */
    public int maxRequestersPerEid()
    {
        return maxRequestersPerEid;
    }

    /**
     * Seed of the nonce generator; 0 (the default) seeds from {@link java.security.SecureRandom}.
     *
     * @param seed the seed.
     * @return this.
     */
    public XtrContext nonceSeed(final long seed)
    {
        checkNotConcluded();
        this.nonceSeed = seed;
        return this;
    }

    /**
     * Seed of the nonce generator.
     *
     * @return the seed; 0 for a random one.
     */
    public long nonceSeed()
    {
        return nonceSeed;
    }

    /**
     * The clock for all timers.
     *
     * @param clock a nano clock.
     * @return this.
     */
    public XtrContext clock(final NanoClock clock)
    {
        checkNotConcluded();
        this.clock = clock;
        return this;
    }

    /**
     * The clock.
     *
     * @return the clock.
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * Checks the settings once; afterwards the context is read-only.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public XtrContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (controlAddress == null || controlAddress.isUnresolved())
        {
            throw new IllegalArgumentException("controlAddress must be set and resolved: " + controlAddress);
        }
        if (rlocIpv4 == 0)
        {
            final InetAddress bound = controlAddress.getAddress();
            if (!(bound instanceof Inet4Address) || bound.isAnyLocalAddress())
            {
                throw new IllegalArgumentException("rloc must be set (control address " + controlAddress +
                    " is not a usable IPv4 RLOC)");
            }
            final byte[] a = controlAddress.getAddress().getAddress();
            rlocIpv4 = ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
        }
        checkRange("peerControlPort", peerControlPort, 1, 65535);
        for (final MapServer ms : mapServers)
        {
            checkIpv4("map-server", ms.address);
            ms.newAuthenticator();
        }
        for (final InetSocketAddress mr : mapResolvers)
        {
            checkIpv4("map-resolver", mr);
        }
        for (final LocalEid eid : eids)
        {
            checkEid(eid);
        }
        checkRange("requestMaxAttempts", requestMaxAttempts, 1, 64);
        checkRange("smrAttempts", smrAttempts, 1, 16);
        checkRange("requestsPerSecond", requestsPerSecond, 1, 1_000_000);
        checkRange("probeMissesDown", probeMissesDown, 1, 100);
        checkRange("maxPending", maxPending, 1, 65_536);
        checkRange("maxCacheEntries", maxCacheEntries, 1, 1 << 20);
        checkRange("maxRequestersPerEid", maxRequestersPerEid, 1, 65_536);
        if (registerIntervalMs <= 0 || registerRetryMs <= 0 || requestRetryMs <= 0 || requestMaxRetryMs <= 0 ||
            probeIntervalMs < 0)
        {
            throw new IllegalArgumentException("timer intervals must be positive (probe interval 0 = off)");
        }
        if (mappingTtlMinutes < 1 || mappingTtlMinutes > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("mappingTtlMinutes must be in 1..0xFFFFFFFF: " + mappingTtlMinutes);
        }
        if (clock == null)
        {
            throw new IllegalArgumentException("clock must be set");
        }
        concluded = true;
        return this;
    }

    static void checkEid(final LocalEid eid)
    {
        if (eid.prefix.afi() != Afi.IPV4 && eid.prefix.afi() != Afi.IPV6)
        {
            throw new IllegalArgumentException("EID prefix must be IPv4 or IPv6: " + eid.prefix);
        }
        checkRange("priority of " + eid.prefix, eid.priority, 0, 255);
        checkRange("weight of " + eid.prefix, eid.weight, 0, 255);
    }

    private static void checkIpv4(final String what, final InetSocketAddress address)
    {
        if (address == null || address.isUnresolved() || !(address.getAddress() instanceof Inet4Address))
        {
            throw new IllegalArgumentException(what + " must be a resolved IPv4 address: " + address);
        }
    }

    private static void checkRange(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
    }
}
