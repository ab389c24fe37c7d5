/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import io.fmc4j.core.codec.ControlHeader;
import io.fmc4j.core.codec.EcmDecoder;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAddress;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapRecordEncoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapReply;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapReplyEncoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestDecoder;
import io.fmc4j.core.codec.MapRequestEncoder;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The xTR control plane as one Agrona {@link Agent} on the control port (UDP 4342) of a {@link PacketIo}:
 * <ul>
 *     <li>registers its EID prefixes with every Map-Server (authenticated Map-Register with M and I/xTR-ID, one
 *     record per message), every {@code registerRetry} until a valid Map-Notify (nonce, HMAC and records
 *     checked), then every {@code registerInterval}; withdraws with TTL 0 on removal and on close;</li>
 *     <li>resolves the data path's misses: Map-Request in an ECM to a Map-Resolver, nonce checked, retries with
 *     exponential back-off moving to the next resolver, new lookups rate-limited; installs positive and negative
 *     replies into the map-cache (a negative prefix that does not cover the requested EID is installed for the
 *     EID alone);</li>
 *     <li>answers Map-Requests and RLOC probes for its own EIDs (authoritative Map-Reply), probes the locators of
 *     what it caches and marks them up or down;</li>
 *     <li>sends SMRs to the ITRs that asked for an EID whose locators changed; answers an SMR with an SMR-invoked
 *     Map-Request;</li>
 *     <li>subscribes to what it resolves (RFC 9437) and applies, then acknowledges, the Map-Server's Map-Notify
 *     updates; drops a local EID when the Map-Server says it moved to another xTR (EID mobility).</li>
 * </ul>
 * <b>Threads.</b> {@link #doWork()} runs on one thread, which is also the map-cache's single writer. The other
 * public methods may be called from any thread: they queue a command the duty cycle runs. Per-message handling
 * allocates nothing; first contact with a new peer registers a next hop (allocates once per peer).
 */
public final class XtrControlAgent implements Agent
{
    private static final int POLL_LIMIT = 64;
    private static final int MISS_LIMIT = 64;
    private static final int TX_CAPACITY = 4096;
    private static final int MAX_LOCATORS = LocatorSet.MAX_LOCATORS;
    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long EXPIRE_EVERY_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MISSING = -1L;

    private final XtrContext ctx;
    private final PacketIo io;
    private final ChronicleMapCache cache;
    private final MissQueue missQueue;
    private final NanoClock clock;
    private final XtrCounters counters = new XtrCounters();
    private final int rloc;
    private final int localPort;
    /** How long a departed EID's new mapping is kept (minutes): long enough for the traffic still in flight. */
    static final long DEPARTED_TTL_MINUTES = 1;

    private final UnsafeBuffer tx = new UnsafeBuffer(BufferUtil.allocateDirectAligned(TX_CAPACITY, 64));
    /**
     * Local EIDs answered in one Map-Reply: a local record (an IPv6 EID in an Instance-ID LCAF, one locator) takes
     * at most 64 bytes, so 16 fit a 1500-byte datagram with room to spare.
     */
    private final LocalEidState[] answeredOwners = new LocalEidState[16];
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final MapReplyDecoder replyDecoder = new MapReplyDecoder();
    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final EcmDecoder ecmDecoder = new EcmDecoder();
    private final MapRequestEncoder requestEncoder = new MapRequestEncoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final MapRegisterEncoder registerEncoder = new MapRegisterEncoder();
    private final EcmEncoder ecmEncoder = new EcmEncoder();
    private final MappingBuilder mapping = new MappingBuilder();
    private final PacketHandler packetHandler = this::onPacket;
    private final MissHandler missHandler = this::onMiss;
    private final Long2LongHashMap peerHops = new Long2LongHashMap(MISSING);
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(1024);

    private final int mapServerCount;
    private final int[] msIpv4;
    private final int[] msPort;
    private final int[] msHop;
    private final LispAuthenticator[] msAuth;
    private final long[] msLastNotifyNonce;
    private final boolean[] msLastNotifyValid;

    private final int[] resolverHop;
    private int preferredResolver;

    private final List<LocalEidState> locals = new ArrayList<>();
    private final List<PendingSmr> smrs = new ArrayList<>();

    private final EidIndex pending;
    private final long[] pendingNonce;
    private final int[] pendingAttempts;
    private final long[] pendingNextNs;
    private final int[] pendingResolver;
    private final boolean[] pendingSubscribe;
    private final boolean[] pendingSmrInvoked;
    private final Long2LongHashMap nonceToPending = new Long2LongHashMap(MISSING);

    private final EidIndex cached;
    private final boolean[] cachedSubscribed;
    private final int[] cachedLocatorCount;
    private final int[] cachedLocatorIpv4;
    private final int[] cachedLocatorMisses;
    private final boolean[] cachedLocatorDown;
    private final long[] cachedProbeNonce;
    private final long[] cachedExpiryNs;
    private final Long2LongHashMap probeNonces = new Long2LongHashMap(MISSING);

    /** An SMR still to be repeated (allocated per ITR when a mapping changes: an event, not per message). */
    private final class PendingSmr
    {
        final EidPrefix prefix;
        final int ipv4;
        final int port;
        int remaining = ctx.smrAttempts();
        long nextNs;

        PendingSmr(final EidPrefix prefix, final int ipv4, final int port)
        {
            this.prefix = prefix;
            this.ipv4 = ipv4;
            this.port = port;
        }
    }

    private long tokens;
    private long lastRefillNs;
    private long nextTickNs;
    private long nextProbeNs;
    private long nextExpireNs;
    private long nonceState;
    private boolean closed;

    private int parsedInstanceId;
    private int parsedAfi;
    private int parsedMaskLength;
    private long parsedHi;
    private long parsedLo;

    /**
     * An agent over an open control-port device.
     *
     * @param ctx       the configuration (concluded here).
     * @param io        the control-port device (UDP bound to {@link XtrContext#controlAddress()} in production).
     * @param cache     the map-cache this agent writes (it must be its only writer).
     * @param missQueue where the data path leaves misses, or null.
     */
    public XtrControlAgent(
        final XtrContext ctx, final PacketIo io, final ChronicleMapCache cache, final MissQueue missQueue)
    {
        this.ctx = ctx.conclude();
        this.io = io;
        this.cache = cache;
        this.missQueue = missQueue;
        this.clock = ctx.clock();
        this.rloc = ctx.rlocIpv4();
        this.localPort = ctx.controlAddress().getPort();

        final List<XtrContext.MapServer> servers = ctx.mapServers();
        mapServerCount = servers.size();
        msIpv4 = new int[mapServerCount];
        msPort = new int[mapServerCount];
        msHop = new int[mapServerCount];
        msAuth = new LispAuthenticator[mapServerCount];
        msLastNotifyNonce = new long[mapServerCount];
        msLastNotifyValid = new boolean[mapServerCount];
        for (int i = 0; i < mapServerCount; i++)
        {
            final InetSocketAddress address = servers.get(i).address();
            msIpv4[i] = ipv4Of(address.getAddress());
            msPort[i] = address.getPort();
            msHop[i] = hop(msIpv4[i], msPort[i]);
            msAuth[i] = servers.get(i).newAuthenticator();
        }
        final List<InetSocketAddress> resolvers = ctx.mapResolvers();
        resolverHop = new int[resolvers.size()];
        for (int i = 0; i < resolverHop.length; i++)
        {
            resolverHop[i] = hop(ipv4Of(resolvers.get(i).getAddress()), resolvers.get(i).getPort());
        }

        final int maxPending = ctx.maxPending();
        pending = new EidIndex(maxPending);
        pendingNonce = new long[maxPending];
        pendingAttempts = new int[maxPending];
        pendingNextNs = new long[maxPending];
        pendingResolver = new int[maxPending];
        pendingSubscribe = new boolean[maxPending];
        pendingSmrInvoked = new boolean[maxPending];

        final int maxCached = ctx.maxCacheEntries();
        cached = new EidIndex(maxCached);
        cachedSubscribed = new boolean[maxCached];
        cachedLocatorCount = new int[maxCached];
        cachedLocatorIpv4 = new int[maxCached * MAX_LOCATORS];
        cachedLocatorMisses = new int[maxCached * MAX_LOCATORS];
        cachedLocatorDown = new boolean[maxCached * MAX_LOCATORS];
        cachedProbeNonce = new long[maxCached * MAX_LOCATORS];
        cachedExpiryNs = new long[maxCached];

        nonceState = ctx.nonceSeed() != 0 ? ctx.nonceSeed() : new SecureRandom().nextLong();
        final long now = clock.nanoTime();
        tokens = ctx.requestsPerSecond() * NANOS_PER_SECOND;
        lastRefillNs = now;
        nextProbeNs = now + TimeUnit.MILLISECONDS.toNanos(ctx.probeIntervalMs());
        nextExpireNs = now + EXPIRE_EVERY_NS;
        for (final XtrContext.LocalEid eid : ctx.eids())
        {
            addLocal(eid.prefix(), eid.priority(), eid.weight(), false, now);
        }
    }

    /**
     * This agent's counters.
     *
     * @return the counters, readable from any thread.
     */
    public XtrCounters counters()
    {
        return counters;
    }

    /**
     * The configuration.
     *
     * @return the concluded context.
     */
    public XtrContext context()
    {
        return ctx;
    }

    @Override
    public String roleName()
    {
        return "xtr-control";
    }

    // ------------------------------------------------------------------ commands (any thread)

    /**
     * Starts serving an EID prefix (a VM arrived), or changes the priority and weight of one already served. The
     * Map-Register goes out at once. With {@code merge} the registration asks the Map-Server to merge it with the
     * other xTRs' registrations of the prefix (make-before-break pre-registration at a low priority); without it
     * the registration replaces them (and the Map-Server tells the previous xTR the EID left). ITRs that asked for
     * the prefix get an SMR when its locators change.
     *
     * @param prefix   the prefix, e.g. a VM's /32.
     * @param priority this xTR's RLOC priority for it (0..255, lower preferred; 255 = do not use).
     * @param weight   the RLOC weight.
     * @param merge    whether to ask for merge semantics.
     * @return false when the command queue is full (try again).
     */
    public boolean addEid(final EidPrefix prefix, final int priority, final int weight, final boolean merge)
    {
        XtrContext.checkEid(new XtrContext.LocalEid(prefix, priority, weight));
        return commands.offer(() -> addLocal(prefix, priority, weight, merge, clock.nanoTime()));
    }

    /**
     * Make-before-break switch-over: gives an EID prefix this xTR pre-registered (with merge, at a worse priority)
     * its final priority in one Map-Register without the merge bit, which replaces every other registration of the
     * prefix (the Map-Server tells the previous xTR; subscribers hear of it). Later refreshes carry the merge bit
     * again, so that the next pre-registration elsewhere is merged rather than displaced.
     *
     * @param prefix   the prefix.
     * @param priority the new priority (0..255).
     * @param weight   the new weight.
     * @return false when the command queue is full.
     */
    public boolean promoteEid(final EidPrefix prefix, final int priority, final int weight)
    {
        XtrContext.checkEid(new XtrContext.LocalEid(prefix, priority, weight));
        return commands.offer(() -> promoteLocal(prefix, priority, weight, clock.nanoTime()));
    }

    /**
     * Stops serving an EID prefix (the VM left): withdraws it from every Map-Server (TTL 0, retransmitted until
     * confirmed, three times at most) and SMRs the ITRs that asked for it.
     *
     * @param prefix the prefix.
     * @return false when the command queue is full.
     */
    public boolean removeEid(final EidPrefix prefix)
    {
        return commands.offer(() -> withdrawLocal(prefix, clock.nanoTime()));
    }

    /**
     * Resolves an EID now (as if the data path had missed it), bypassing the rate limit.
     *
     * @param eid a host or prefix.
     * @return false when the command queue is full.
     */
    public boolean resolve(final EidPrefix eid)
    {
        return commands.offer(() -> startLookup(eid.instanceId(), eid.afi(), eid.maskLength(), eid.hi(), eid.lo(),
            false, false, clock.nanoTime()));
    }

    /**
     * Whether every Map-Server has confirmed the current registration of a prefix (agent-thread view; from other
     * threads use it only for tests and diagnostics).
     *
     * @param prefix the prefix.
     * @return true when confirmed by all.
     */
    public boolean isRegistered(final EidPrefix prefix)
    {
        final LocalEidState local = findLocal(prefix.word0(), prefix.hi(), prefix.lo());
        return null != local && !local.withdrawing && local.confirmedByAll();
    }

    /**
     * Whether this xTR currently serves a prefix.
     *
     * @param prefix the prefix.
     * @return true when it registers it.
     */
    public boolean servesEid(final EidPrefix prefix)
    {
        final LocalEidState local = findLocal(prefix.word0(), prefix.hi(), prefix.lo());
        return null != local && !local.withdrawing;
    }

    // ------------------------------------------------------------------ duty cycle

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable command;
        while (null != (command = commands.poll()))
        {
            command.run();
            work++;
        }
        work += io.poll(packetHandler, POLL_LIMIT);
        if (null != missQueue)
        {
            work += missQueue.drain(missHandler, MISS_LIMIT);
        }
        final long now = clock.nanoTime();
        if (now - nextTickNs >= 0)
        {
            nextTickNs = now + TICK_NS;
            work += onTimers(now);
        }
        return work;
    }

    /**
     * Withdraws every registration (one TTL-0 Map-Register per prefix and Map-Server).
     */
    @Override
    public void onClose()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final long now = clock.nanoTime();
        for (final LocalEidState local : locals)
        {
            for (int m = 0; m < mapServerCount; m++)
            {
                sendRegister(local, m, 0, now);
            }
            counters.increment(XtrCounters.WITHDRAWALS_SENT);
        }
        locals.clear();
    }

    private int onTimers(final long now)
    {
        int work = 0;
        for (int i = locals.size() - 1; i >= 0; i--)
        {
            final LocalEidState local = locals.get(i);
            if (local.withdrawing)
            {
                work += withdrawTimers(local, i, now);
                continue;
            }
            for (int m = 0; m < mapServerCount; m++)
            {
                if (now - local.nextSendNs[m] >= 0)
                {
                    sendRegister(local, m, ctx.mappingTtlMinutes(), now);
                    local.nextSendNs[m] = now + TimeUnit.MILLISECONDS.toNanos(
                        local.confirmed[m] ? ctx.registerIntervalMs() : ctx.registerRetryMs());
                    work++;
                }
            }
        }
        if (pending.size() > 0)
        {
            work += retryLookups(now);
        }
        if (!smrs.isEmpty())
        {
            work += retrySmrs(now);
        }
        if (ctx.probeIntervalMs() > 0 && now - nextProbeNs >= 0)
        {
            nextProbeNs = now + TimeUnit.MILLISECONDS.toNanos(ctx.probeIntervalMs());
            work += probe(now);
        }
        if (now - nextExpireNs >= 0)
        {
            nextExpireNs = now + EXPIRE_EVERY_NS;
            work += cache.expire();
        }
        return work;
    }

    private int withdrawTimers(final LocalEidState local, final int index, final long now)
    {
        if (local.confirmedByAll())
        {
            locals.remove(index);
            return 1;
        }
        int work = 0;
        boolean due = false;
        for (int m = 0; m < mapServerCount; m++)
        {
            due |= !local.confirmed[m] && now - local.nextSendNs[m] >= 0;
        }
        if (!due)
        {
            return 0;
        }
        if (local.withdrawAttempts >= LocalEidState.WITHDRAW_ATTEMPTS)
        {
            locals.remove(index);
            return 1;
        }
        local.withdrawAttempts++;
        counters.increment(XtrCounters.WITHDRAWALS_SENT);
        for (int m = 0; m < mapServerCount; m++)
        {
            if (!local.confirmed[m])
            {
                sendRegister(local, m, 0, now);
                local.nextSendNs[m] = now + TimeUnit.MILLISECONDS.toNanos(ctx.registerRetryMs());
                work++;
            }
        }
        return work;
    }

    // ------------------------------------------------------------------ receive

    private void onPacket(
        final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress source)
    {
        if (source.family() != PeerAddress.FAMILY_IPV4)
        {
            counters.increment(XtrCounters.DROP_UNKNOWN_SOURCE);
            return;
        }
        if (ControlHeader.validate(buffer, offset, length) < 0)
        {
            counters.increment(XtrCounters.DROP_MALFORMED);
            return;
        }
        final long now = clock.nanoTime();
        switch (ControlHeader.type(buffer, offset))
        {
            case MessageType.MAP_REPLY:
                onMapReply(buffer, offset, now);
                break;
            case MessageType.MAP_NOTIFY:
                onMapNotify(buffer, offset, source.ipv4(), source.port(), now);
                break;
            case MessageType.MAP_REQUEST:
                onMapRequest(buffer, offset, source.ipv4(), source.port(), now);
                break;
            case MessageType.ECM:
                onEcm(buffer, offset, source.ipv4(), now);
                break;
            default:
                counters.increment(XtrCounters.DROP_UNEXPECTED_TYPE);
                break;
        }
    }

    private void onMapReply(final DirectBuffer buffer, final int offset, final long now)
    {
        final MapReplyDecoder reply = replyDecoder.wrap(buffer, offset);
        final long nonce = reply.nonce();
        if (reply.probe())
        {
            onProbeReply(nonce);
            return;
        }
        final long found = nonceToPending.get(nonce);
        if (found == MISSING)
        {
            counters.increment(XtrCounters.DROP_UNKNOWN_NONCE);
            return;
        }
        final int id = (int)found;
        final MapRecordDecoder records = reply.records();
        while (records.hasNext())
        {
            install(records.next(), id, pendingSubscribe[id], now, Long.MAX_VALUE);
        }
        preferredResolver = pendingResolver[id];
        finishLookup(id);
    }

    private void onMapNotify(
        final DirectBuffer buffer, final int offset, final int sourceIpv4, final int sourcePort, final long now)
    {
        final int m = mapServerOf(sourceIpv4, sourcePort);
        if (m < 0)
        {
            counters.increment(XtrCounters.DROP_UNKNOWN_SOURCE);
            return;
        }
        final MapRegisterDecoder notify = registerDecoder.wrap(buffer, offset);
        final int length = notify.encodedLength();
        if (notify.keyIdField() != msAuth[m].keyIdField() ||
            !msAuth[m].verify(buffer, offset, length, MapRegister.AUTH_OFFSET, notify.authLength()))
        {
            counters.increment(XtrCounters.DROP_BAD_AUTH);
            return;
        }
        final long nonce = notify.nonce();
        for (int i = 0, n = locals.size(); i < n; i++)
        {
            final LocalEidState local = locals.get(i);
            if (local.awaiting[m] && local.nonce[m] == nonce)
            {
                confirmRegistration(notify, local, m, now);
                return;
            }
        }
        if (msLastNotifyValid[m] && msLastNotifyNonce[m] == nonce)
        {
            sendNotifyAck(buffer, offset, length, m);
            return;
        }
        int applied = 0;
        final MapRecordDecoder records = notify.records();
        while (records.hasNext())
        {
            final MapRecordDecoder record = records.next();
            if (!parsePrefix(record))
            {
                continue;
            }
            final long word0 = EidKey.word0(parsedInstanceId, parsedAfi, parsedMaskLength);
            final LocalEidState local = findLocal(word0, parsedHi, parsedLo);
            if (null != local)
            {
                if (!local.withdrawing && !containsRloc(record, rloc))
                {
                    eidLeft(local, now);
                    // Traffic for the EID keeps arriving here for a while (ITRs not yet updated, packets in
                    // flight): cache where it went, as for a host of a covering prefix below.
                    if (record.locatorCount() > 0 && install(record, -1, false, now, DEPARTED_TTL_MINUTES))
                    {
                        counters.increment(XtrCounters.DEPARTED_INSTALLED);
                    }
                }
                applied++;
            }
            else if (subscribedCovering(word0, parsedHi, parsedLo))
            {
                if (record.locatorCount() == 0)
                {
                    forgetWithdrawn(word0, now);
                    counters.increment(XtrCounters.NOTIFY_UPDATES_APPLIED);
                }
                else if (install(record, -1, true, now, Long.MAX_VALUE))
                {
                    counters.increment(XtrCounters.NOTIFY_UPDATES_APPLIED);
                }
                applied++;
            }
            else if (record.locatorCount() > 0 && !containsRloc(record, rloc) &&
                null != findLocalCovering(parsedInstanceId, parsedAfi, parsedHi, parsedLo))
            {
                // A host of one of our prefixes now lives behind another xTR (a VM moved away; the Map-Server tells
                // the xTR it left). Cached for a short while, so that a data path forwarding departed EIDs can send
                // the traffic still arriving here on to the new RLOC instead of into an empty LAN.
                if (install(record, -1, false, now, DEPARTED_TTL_MINUTES))
                {
                    counters.increment(XtrCounters.DEPARTED_INSTALLED);
                }
                applied++;
            }
        }
        if (applied == 0)
        {
            counters.increment(XtrCounters.DROP_BAD_RECORDS);
            return;
        }
        msLastNotifyNonce[m] = nonce;
        msLastNotifyValid[m] = true;
        sendNotifyAck(buffer, offset, length, m);
    }

    /**
     * A published record without locators: the mapping was withdrawn or expired at the Map-Server. Caching it as a
     * negative entry would hide the covering prefix (a VM's /32 rolled back to its DC's /24) until it expired, so the
     * entry is dropped and the EID resolved again: the Map-Server answers with whatever covers it now. Cold path.
     */
    private void forgetWithdrawn(final long word0, final long now)
    {
        final int id = cached.find(word0, parsedHi, parsedLo);
        if (id >= 0)
        {
            untrack(id);
        }
        cache.remove(EidPrefix.of(parsedInstanceId, parsedAfi, parsedMaskLength, parsedHi, parsedLo));
        startLookup(parsedInstanceId, parsedAfi, parsedMaskLength, parsedHi, parsedLo, false, false, now);
    }

    private void confirmRegistration(
        final MapRegisterDecoder notify, final LocalEidState local, final int m, final long now)
    {
        final MapRecordDecoder records = notify.records();
        boolean echoed = false;
        while (records.hasNext())
        {
            if (!parsePrefix(records.next()) ||
                !local.is(EidKey.word0(parsedInstanceId, parsedAfi, parsedMaskLength), parsedHi, parsedLo))
            {
                counters.increment(XtrCounters.DROP_BAD_RECORDS);
                return;
            }
            echoed = true;
        }
        if (!echoed)
        {
            counters.increment(XtrCounters.DROP_BAD_RECORDS);
            return;
        }
        local.awaiting[m] = false;
        local.confirmed[m] = true;
        if (!local.withdrawing)
        {
            // After a replacing promotion, re-register with the merge bit at once: the Map-Server keeps only
            // merging registrants when the next pre-registration arrives.
            local.nextSendNs[m] = local.replaceOnce[m] && local.merge ? now :
                now + TimeUnit.MILLISECONDS.toNanos(ctx.registerIntervalMs());
        }
        local.replaceOnce[m] = false;
        counters.increment(XtrCounters.REGISTRATIONS_CONFIRMED);
    }

    private void onMapRequest(
        final DirectBuffer buffer, final int offset, final int sourceIpv4, final int sourcePort, final long now)
    {
        final MapRequestDecoder request = requestDecoder.wrap(buffer, offset);
        if (request.smr() && !request.probe())
        {
            onSmr(request, now);
            return;
        }
        answer(request, request.probe() ? sourceIpv4 : firstIpv4ItrRloc(request, sourceIpv4), sourcePort);
    }

    private void onEcm(final DirectBuffer buffer, final int offset, final int sourceIpv4, final long now)
    {
        final EcmDecoder ecm = ecmDecoder.wrap(buffer, offset);
        final int inner = ecm.messageOffset();
        if (ControlHeader.type(buffer, inner) != MessageType.MAP_REQUEST)
        {
            counters.increment(XtrCounters.DROP_UNEXPECTED_TYPE);
            return;
        }
        final MapRequestDecoder request = requestDecoder.wrap(buffer, inner);
        answer(request, firstIpv4ItrRloc(request, sourceIpv4), ecm.innerSourcePort());
    }

    private void answer(final MapRequestDecoder request, final int replyIpv4, final int replyPort)
    {
        // Every record this ETR owns is answered, each local EID once, as many as fit one datagram (a Map-Server
        // forwards a multi-record request unchanged to each ETR concerned; the others' records are not ours).
        final boolean probe = request.probe();
        final DirectBuffer buffer = request.buffer();
        int owners = 0;
        int record = request.recordsOffset();
        for (int i = 0, n = request.recordCount(); i < n && owners < answeredOwners.length; i++,
            record = request.nextRecord(record))
        {
            if (parseAddress(buffer, record + 2, request.maskLength(record)))
            {
                final LocalEidState owner = findLocalCovering(parsedInstanceId, parsedAfi, parsedHi, parsedLo);
                if (null != owner && !answered(owner, owners))
                {
                    answeredOwners[owners++] = owner;
                }
            }
        }
        if (owners == 0 && !probe)
        {
            counters.increment(XtrCounters.DROP_NOT_OWNER);
            return;
        }
        final MapReplyEncoder reply = replyEncoder.wrap(tx, 0).nonce(request.nonce());
        if (probe)
        {
            reply.flags(MapReply.FLAG_P);
        }
        for (int i = 0; i < owners; i++)
        {
            final LocalEidState owner = answeredOwners[i];
            answeredOwners[i] = null;
            writeLocalRecord(reply.addRecord(), owner, ctx.mappingTtlMinutes());
            if (!probe)
            {
                owner.addRequester(replyIpv4, replyPort);
            }
        }
        if (send(replyIpv4, replyPort, reply.encodedLength()))
        {
            counters.increment(XtrCounters.REPLIES_SENT);
        }
    }

    private boolean answered(final LocalEidState owner, final int owners)
    {
        for (int i = 0; i < owners; i++)
        {
            if (answeredOwners[i] == owner)
            {
                return true;
            }
        }
        return false;
    }

    private void onSmr(final MapRequestDecoder request, final long now)
    {
        final DirectBuffer buffer = request.buffer();
        int record = request.recordsOffset();
        boolean acted = false;
        for (int i = 0, n = request.recordCount(); i < n; i++, record = request.nextRecord(record))
        {
            if (!parseAddress(buffer, record + 2, request.maskLength(record)))
            {
                continue;
            }
            final int id = cachedCovering(parsedInstanceId, parsedAfi, parsedMaskLength, parsedHi, parsedLo);
            if (id >= 0)
            {
                final long word0 = cached.word0(id);
                startLookup(EidKey.instanceId(word0), EidKey.afi(word0), EidKey.maskLength(word0), cached.hi(id),
                    cached.lo(id), true, false, now);
                acted = true;
            }
        }
        counters.increment(acted ? XtrCounters.SMRS_RECEIVED : XtrCounters.DROP_BAD_RECORDS);
    }

    // ------------------------------------------------------------------ resolution

    private void onMiss(final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        counters.increment(XtrCounters.MISSES);
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            counters.increment(XtrCounters.DROP_MALFORMED);
            return;
        }
        startLookup(instanceId, afi, maskLength, hi, lo, false, true, clock.nanoTime());
    }

    private void startLookup(
        final int instanceId,
        final int afi,
        final int maskLength,
        final long hi,
        final long lo,
        final boolean smrInvoked,
        final boolean rateLimited,
        final long now)
    {
        if (EidKey.validate(instanceId, afi, maskLength, hi, lo) != MapCacheStatus.OK)
        {
            counters.increment(XtrCounters.DROP_MALFORMED);
            return;
        }
        final long word0 = EidKey.word0(instanceId, afi, maskLength);
        if (pending.find(word0, hi, lo) >= 0)
        {
            counters.increment(XtrCounters.MISSES_PENDING);
            return;
        }
        if ((rateLimited && !takeToken(now)) || resolverHop.length == 0)
        {
            counters.increment(XtrCounters.MISSES_RATE_LIMITED);
            return;
        }
        final int id = pending.add(word0, hi, lo);
        if (id < 0)
        {
            counters.increment(XtrCounters.MISSES_RATE_LIMITED);
            return;
        }
        final long nonce = nextNonce();
        pendingNonce[id] = nonce;
        nonceToPending.put(nonce, id);
        pendingAttempts[id] = 1;
        pendingResolver[id] = preferredResolver;
        pendingSubscribe[id] = ctx.subscribe();
        pendingSmrInvoked[id] = smrInvoked;
        pendingNextNs[id] = now + TimeUnit.MILLISECONDS.toNanos(ctx.requestRetryMs());
        sendRequest(id);
    }

    private boolean takeToken(final long now)
    {
        final long rate = ctx.requestsPerSecond();
        final long capacity = rate * NANOS_PER_SECOND;
        final long elapsed = now - lastRefillNs;
        lastRefillNs = now;
        if (elapsed > 0)
        {
            tokens = elapsed >= NANOS_PER_SECOND ? capacity : Math.min(capacity, tokens + elapsed * rate);
        }
        if (tokens >= NANOS_PER_SECOND)
        {
            tokens -= NANOS_PER_SECOND;
            return true;
        }
        return false;
    }

    private int retryLookups(final long now)
    {
        int work = 0;
        for (int id = 0, n = pending.capacity(); id < n; id++)
        {
            if (!pending.inUse(id) || now - pendingNextNs[id] < 0)
            {
                continue;
            }
            work++;
            if (pendingAttempts[id] >= ctx.requestMaxAttempts())
            {
                counters.increment(XtrCounters.REQUESTS_TIMED_OUT);
                finishLookup(id);
                continue;
            }
            final int attempts = pendingAttempts[id]++;
            if (resolverHop.length > 1)
            {
                pendingResolver[id] = (pendingResolver[id] + 1) % resolverHop.length;
                counters.increment(XtrCounters.RESOLVER_FAILOVERS);
            }
            final long backOff = Math.min(ctx.requestMaxRetryMs(), ctx.requestRetryMs() << Math.min(attempts, 20));
            pendingNextNs[id] = now + TimeUnit.MILLISECONDS.toNanos(backOff);
            counters.increment(XtrCounters.REQUEST_RETRIES);
            sendRequest(id);
        }
        return work;
    }

    private void finishLookup(final int id)
    {
        nonceToPending.remove(pendingNonce[id]);
        pending.remove(id);
    }

    private void sendRequest(final int id)
    {
        final long word0 = pending.word0(id);
        final int afi = EidKey.afi(word0);
        final int instanceId = EidKey.instanceId(word0);
        final int maskLength = EidKey.maskLength(word0);
        final long hi = pending.hi(id);
        final long lo = pending.lo(id);
        final boolean subscribe = pendingSubscribe[id];
        if (afi == Afi.IPV4)
        {
            ecmEncoder.wrap(tx, 0).innerIpv4(rloc, (int)(hi >>> 32), localPort, LispPorts.CONTROL);
        }
        else
        {
            ecmEncoder.wrap(tx, 0).innerIpv6(0, 0xFFFF_0000_0000L | (rloc & 0xFFFF_FFFFL), hi, lo, localPort,
                LispPorts.CONTROL);
        }
        final MapRequestEncoder request = requestEncoder.wrap(tx, ecmEncoder.messageOffset())
            .flags(pendingSmrInvoked[id] ? MapRequest.FLAG_SMR_INVOKED : 0)
            .nonce(pendingNonce[id])
            .sourceEidNone()
            .itrRlocIpv4(rloc);
        if (afi == Afi.IPV4)
        {
            request.eidRecordIpv4(subscribe, instanceId, maskLength, (int)(hi >>> 32));
        }
        else
        {
            request.eidRecordIpv6(subscribe, instanceId, maskLength, hi, lo);
        }
        if (subscribe)
        {
            request.xtrId(ctx.xtrIdHigh(), ctx.xtrIdLow(), ctx.siteId());
        }
        final int length = ecmEncoder.finish(request.encodedLength());
        if (sendHop(resolverHop[pendingResolver[id]], length))
        {
            counters.increment(XtrCounters.REQUESTS_SENT);
        }
    }

    /**
     * Installs one record into the map-cache.
     *
     * @param record     the record.
     * @param pendingId  the lookup it answers (negative narrowing is checked against it), or -1.
     * @param subscribed whether the mapping is subscribed to.
     * @param now        the time.
     * @param maxTtl     the longest TTL to keep it for, in minutes.
     * @return whether it was installed.
     */
    private boolean install(
        final MapRecordDecoder record, final int pendingId, final boolean subscribed, final long now,
        final long maxTtl)
    {
        if (!parsePrefix(record))
        {
            counters.increment(XtrCounters.DROP_BAD_RECORDS);
            return false;
        }
        int maskLength = parsedMaskLength;
        long hi = parsedHi;
        long lo = parsedLo;
        final int instanceId = parsedInstanceId;
        final int afi = parsedAfi;
        final DirectBuffer buffer = record.buffer();
        final long ttl = Math.min(record.ttl(), maxTtl);
        mapping.reset().ttlMinutes((int)ttl).mapVersion(record.mapVersion())
            .flags(record.authoritative() ? Mapping.FLAG_AUTHORITATIVE : 0);
        final int locatorCount = record.locatorCount();
        if (locatorCount == 0)
        {
            mapping.action(record.action() & MapAction.MAX_VALUE);
            if (pendingId >= 0)
            {
                final long requested0 = pending.word0(pendingId);
                final int requestedLength = EidKey.maskLength(requested0);
                final long requestedHi = pending.hi(pendingId);
                final long requestedLo = pending.lo(pendingId);
                final boolean covers = EidKey.instanceId(requested0) == instanceId &&
                    EidKey.afi(requested0) == afi && maskLength <= requestedLength &&
                    (requestedHi & EidKey.maskHi(maskLength)) == hi && (requestedLo & EidKey.maskLo(maskLength)) == lo;
                if (!covers)
                {
                    maskLength = requestedLength;
                    hi = requestedHi;
                    lo = requestedLo;
                    counters.increment(XtrCounters.NEGATIVE_NARROWED);
                }
            }
        }
        else
        {
            mapping.action(MapAction.NO_ACTION);
            final LocatorDecoder locators = record.locators();
            while (locators.hasNext())
            {
                locators.next();
                final int locatorAfi = locators.afi();
                if (locatorAfi == Afi.IPV4 || locatorAfi == Afi.IPV6)
                {
                    mapping.addLocator(locatorAfi, buffer, locators.addressOffset() + LispAddress.AFI_LENGTH,
                        locators.reachable() ? LocatorSet.FLAG_REACHABLE : 0, locators.priority(), locators.weight(),
                        locators.multicastPriority(), locators.multicastWeight());
                }
            }
            if (mapping.locatorCount() == 0)
            {
                counters.increment(XtrCounters.DROP_BAD_RECORDS);
                return false;
            }
        }
        final int status = cache.put(instanceId, afi, maskLength, hi, lo, mapping);
        if (status != MapCacheStatus.OK)
        {
            counters.increment(XtrCounters.CACHE_REFUSED);
            return false;
        }
        counters.increment(locatorCount == 0 ? XtrCounters.NEGATIVE_INSTALLED : XtrCounters.POSITIVE_INSTALLED);
        track(EidKey.word0(instanceId, afi, maskLength), hi, lo, subscribed, locatorCount == 0 ? null : record,
            ttl, now);
        return true;
    }

    private void track(
        final long word0,
        final long hi,
        final long lo,
        final boolean subscribed,
        final MapRecordDecoder record,
        final long ttlMinutes,
        final long now)
    {
        final int id = cached.add(word0, hi, lo);
        if (id < 0)
        {
            return;
        }
        cachedSubscribed[id] = subscribed;
        cachedExpiryNs[id] = ttlMinutes == MapRecord.TTL_FOREVER ? Long.MAX_VALUE / 2 + now :
            now + TimeUnit.MINUTES.toNanos(ttlMinutes);
        final int base = id * MAX_LOCATORS;
        for (int i = 0; i < MAX_LOCATORS; i++)
        {
            if (cachedProbeNonce[base + i] != 0)
            {
                probeNonces.remove(cachedProbeNonce[base + i]);
            }
            cachedProbeNonce[base + i] = 0;
            cachedLocatorMisses[base + i] = 0;
            cachedLocatorDown[base + i] = false;
            cachedLocatorIpv4[base + i] = 0;
        }
        int count = 0;
        if (null != record)
        {
            final LocatorDecoder locators = record.locators();
            while (locators.hasNext() && count < MAX_LOCATORS)
            {
                locators.next();
                final int afi = locators.afi();
                if (afi == Afi.IPV4 || afi == Afi.IPV6)
                {
                    cachedLocatorIpv4[base + count] = afi == Afi.IPV4 ? locators.ipv4() : 0;
                    cachedLocatorDown[base + count] = !locators.reachable();
                    count++;
                }
            }
        }
        cachedLocatorCount[id] = count;
    }

    private boolean subscribedCovering(final long word0, final long hi, final long lo)
    {
        final int instanceId = EidKey.instanceId(word0);
        final int afi = EidKey.afi(word0);
        for (int length = EidKey.maskLength(word0); length >= 0; length--)
        {
            final int id = cached.find(EidKey.word0(instanceId, afi, length), hi & EidKey.maskHi(length),
                lo & EidKey.maskLo(length));
            if (id >= 0 && cachedSubscribed[id])
            {
                return true;
            }
        }
        return false;
    }

    private int cachedCovering(
        final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        for (int length = maskLength; length >= 0; length--)
        {
            final int id = cached.find(EidKey.word0(instanceId, afi, length), hi & EidKey.maskHi(length),
                lo & EidKey.maskLo(length));
            if (id >= 0)
            {
                return id;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ RLOC probing

    private int probe(final long now)
    {
        int work = 0;
        for (int id = 0, n = cached.capacity(); id < n; id++)
        {
            if (!cached.inUse(id))
            {
                continue;
            }
            if (now - cachedExpiryNs[id] >= 0)
            {
                untrack(id);
                continue;
            }
            final int base = id * MAX_LOCATORS;
            for (int i = 0, count = cachedLocatorCount[id]; i < count; i++)
            {
                final int address = cachedLocatorIpv4[base + i];
                if (address == 0)
                {
                    continue;
                }
                final long previous = cachedProbeNonce[base + i];
                if (previous != 0)
                {
                    probeNonces.remove(previous);
                    if (++cachedLocatorMisses[base + i] >= ctx.probeMissesDown() && !cachedLocatorDown[base + i])
                    {
                        cachedLocatorDown[base + i] = true;
                        setLocatorState(id, i, 0);
                        counters.increment(XtrCounters.LOCATORS_DOWN);
                    }
                }
                final long nonce = nextNonce();
                cachedProbeNonce[base + i] = nonce;
                probeNonces.put(nonce, base + i);
                sendProbe(id, address, nonce);
                work++;
            }
        }
        return work;
    }

    private void untrack(final int id)
    {
        final int base = id * MAX_LOCATORS;
        for (int i = 0; i < MAX_LOCATORS; i++)
        {
            if (cachedProbeNonce[base + i] != 0)
            {
                probeNonces.remove(cachedProbeNonce[base + i]);
                cachedProbeNonce[base + i] = 0;
            }
        }
        cached.remove(id);
    }

    private void sendProbe(final int id, final int address, final long nonce)
    {
        final MapRequestEncoder request = requestEncoder.wrap(tx, 0)
            .flags(MapRequest.FLAG_P)
            .nonce(nonce)
            .sourceEidNone()
            .itrRlocIpv4(rloc);
        writeRequestRecord(request, cached.word0(id), cached.hi(id), cached.lo(id));
        if (send(address, ctx.peerControlPort(), request.encodedLength()))
        {
            counters.increment(XtrCounters.PROBES_SENT);
        }
    }

    private void onProbeReply(final long nonce)
    {
        final long found = probeNonces.remove(nonce);
        if (found == MISSING)
        {
            counters.increment(XtrCounters.DROP_UNKNOWN_NONCE);
            return;
        }
        final int index = (int)found;
        cachedProbeNonce[index] = 0;
        cachedLocatorMisses[index] = 0;
        if (cachedLocatorDown[index])
        {
            cachedLocatorDown[index] = false;
            setLocatorState(index / MAX_LOCATORS, index % MAX_LOCATORS, LocatorSet.FLAG_REACHABLE);
            counters.increment(XtrCounters.LOCATORS_UP);
        }
    }

    private void setLocatorState(final int id, final int locator, final int state)
    {
        final long word0 = cached.word0(id);
        final EidPrefix prefix = EidPrefix.of(EidKey.instanceId(word0), EidKey.afi(word0), EidKey.maskLength(word0),
            cached.hi(id), cached.lo(id));
        if (cache.locatorState(prefix, locator, state) != MapCacheStatus.OK)
        {
            counters.increment(XtrCounters.CACHE_REFUSED);
        }
    }

    // ------------------------------------------------------------------ local EIDs, registration, SMR

    private void addLocal(
        final EidPrefix prefix, final int priority, final int weight, final boolean merge, final long now)
    {
        final boolean changed = updateLocal(prefix, priority, weight, merge, now);
        onTimers(now);
        if (changed)
        {
            sendSmrs(findLocal(prefix.word0(), prefix.hi(), prefix.lo()));
        }
    }

    private boolean updateLocal(
        final EidPrefix prefix, final int priority, final int weight, final boolean merge, final long now)
    {
        LocalEidState local = findLocal(prefix.word0(), prefix.hi(), prefix.lo());
        final boolean changed;
        if (null == local)
        {
            local = new LocalEidState(prefix, priority, weight, merge, mapServerCount, ctx.maxRequestersPerEid());
            locals.add(local);
            changed = false;
        }
        else
        {
            changed = local.priority != priority || local.weight != weight || local.withdrawing;
            local.priority = priority;
            local.weight = weight;
            local.merge = merge;
            local.withdrawing = false;
        }
        for (int m = 0; m < mapServerCount; m++)
        {
            local.confirmed[m] = false;
            local.replaceOnce[m] = false;
            local.nextSendNs[m] = now;
        }
        return changed;
    }

    private void promoteLocal(final EidPrefix prefix, final int priority, final int weight, final long now)
    {
        final boolean changed = updateLocal(prefix, priority, weight, true, now);
        final LocalEidState local = findLocal(prefix.word0(), prefix.hi(), prefix.lo());
        for (int m = 0; m < mapServerCount; m++)
        {
            local.replaceOnce[m] = true;
        }
        onTimers(now);
        if (changed)
        {
            sendSmrs(local);
        }
    }

    private void withdrawLocal(final EidPrefix prefix, final long now)
    {
        final LocalEidState local = findLocal(prefix.word0(), prefix.hi(), prefix.lo());
        if (null == local || local.withdrawing)
        {
            return;
        }
        local.withdrawing = true;
        local.withdrawAttempts = 0;
        for (int m = 0; m < mapServerCount; m++)
        {
            local.confirmed[m] = false;
            local.nextSendNs[m] = now;
        }
        onTimers(now);
        sendSmrs(local);
    }

    private void eidLeft(final LocalEidState local, final long now)
    {
        locals.remove(local);
        counters.increment(XtrCounters.EIDS_LEFT);
        sendSmrs(local);
    }

    private void sendRegister(final LocalEidState local, final int m, final long ttlMinutes, final long now)
    {
        final LispAuthenticator auth = msAuth[m];
        final long nonce = nextNonce();
        local.nonce[m] = nonce;
        local.awaiting[m] = true;
        final MapRegisterEncoder register = registerEncoder.wrap(tx, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M | (local.merge && !local.replaceOnce[m] ? MapRegister.FLAG_MERGE : 0))
            .nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        writeLocalRecord(register.addRecord(), local, ttlMinutes);
        register.xtrId(ctx.xtrIdHigh(), ctx.xtrIdLow(), ctx.siteId());
        final int length = register.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        if (sendHop(msHop[m], length))
        {
            counters.increment(XtrCounters.REGISTERS_SENT);
        }
    }

    private void writeLocalRecord(final MapRecordEncoder record, final LocalEidState local, final long ttlMinutes)
    {
        final EidPrefix prefix = local.prefix;
        record.ttl(ttlMinutes).authoritative(true);
        if (prefix.afi() == Afi.IPV4)
        {
            record.eidIpv4(prefix.instanceId(), prefix.maskLength(), (int)(prefix.hi() >>> 32));
        }
        else
        {
            record.eidIpv6(prefix.instanceId(), prefix.maskLength(), prefix.hi(), prefix.lo());
        }
        record.locatorIpv4(local.priority, local.weight, 255, 0, MapRecord.LOCATOR_FLAG_L | MapRecord.LOCATOR_FLAG_R,
            rloc);
    }

    private void writeRequestRecord(final MapRequestEncoder request, final long word0, final long hi, final long lo)
    {
        if (EidKey.afi(word0) == Afi.IPV4)
        {
            request.eidRecordIpv4(false, EidKey.instanceId(word0), EidKey.maskLength(word0), (int)(hi >>> 32));
        }
        else
        {
            request.eidRecordIpv6(false, EidKey.instanceId(word0), EidKey.maskLength(word0), hi, lo);
        }
    }

    private void sendSmrs(final LocalEidState local)
    {
        final long now = clock.nanoTime();
        for (int i = 0; i < local.requesterCount; i++)
        {
            final PendingSmr smr = new PendingSmr(local.prefix, local.requesterIpv4[i], local.requesterPort[i]);
            sendSmr(smr, now);
            if (smr.remaining > 0)
            {
                smrs.add(smr);
            }
        }
    }

    private int retrySmrs(final long now)
    {
        int work = 0;
        for (int i = smrs.size() - 1; i >= 0; i--)
        {
            final PendingSmr smr = smrs.get(i);
            if (now - smr.nextNs >= 0)
            {
                sendSmr(smr, now);
                if (smr.remaining == 0)
                {
                    smrs.remove(i);
                }
                work++;
            }
        }
        return work;
    }

    private void sendSmr(final PendingSmr smr, final long now)
    {
        final EidPrefix prefix = smr.prefix;
        final MapRequestEncoder request = requestEncoder.wrap(tx, 0)
            .flags(MapRequest.FLAG_S)
            .nonce(nextNonce())
            .sourceEidNone()
            .itrRlocIpv4(rloc);
        writeRequestRecord(request, prefix.word0(), prefix.hi(), prefix.lo());
        if (send(smr.ipv4, smr.port, request.encodedLength()))
        {
            counters.increment(XtrCounters.SMRS_SENT);
        }
        smr.remaining--;
        smr.nextNs = now + TimeUnit.MILLISECONDS.toNanos(ctx.requestRetryMs());
    }

    private void sendNotifyAck(final DirectBuffer buffer, final int offset, final int length, final int m)
    {
        if (!ctx.notifyAck())
        {
            return;
        }
        tx.putBytes(0, buffer, offset, length);
        tx.putByte(0, (byte)((MessageType.MAP_NOTIFY_ACK << 4) | (buffer.getByte(offset) & 0x0F)));
        msAuth[m].sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        if (send(msIpv4[m], msPort[m], length))
        {
            counters.increment(XtrCounters.NOTIFY_ACKS_SENT);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean parsePrefix(final MapRecordDecoder record)
    {
        return parseAddress(record.buffer(), record.eidOffset(), record.maskLength());
    }

    private boolean parseAddress(final DirectBuffer buffer, final int addressOffset, final int maskLength)
    {
        final long instanceId = LispAddress.instanceId(buffer, addressOffset);
        final int inner = LispAddress.innermostOffset(buffer, addressOffset);
        final int afi = LispAddress.afi(buffer, inner);
        if ((afi != Afi.IPV4 && afi != Afi.IPV6) || instanceId > EidKey.MAX_INSTANCE_ID ||
            maskLength > (afi == Afi.IPV4 ? 32 : 128))
        {
            return false;
        }
        parsedInstanceId = (int)instanceId;
        parsedAfi = afi;
        parsedMaskLength = maskLength;
        parsedHi = EidKey.readHi(afi, buffer, inner + LispAddress.AFI_LENGTH) & EidKey.maskHi(maskLength);
        parsedLo = EidKey.readLo(afi, buffer, inner + LispAddress.AFI_LENGTH) & EidKey.maskLo(maskLength);
        return true;
    }

    private static boolean containsRloc(final MapRecordDecoder record, final int address)
    {
        final LocatorDecoder locators = record.locators();
        while (locators.hasNext())
        {
            locators.next();
            if (locators.afi() == Afi.IPV4 && locators.ipv4() == address)
            {
                return true;
            }
        }
        return false;
    }

    private static int firstIpv4ItrRloc(final MapRequestDecoder request, final int fallback)
    {
        final DirectBuffer buffer = request.buffer();
        int position = request.itrRlocOffset();
        for (int i = 0, n = request.itrRlocCount(); i < n; i++)
        {
            if (LispAddress.afi(buffer, position) == Afi.IPV4)
            {
                return buffer.getInt(position + LispAddress.AFI_LENGTH, java.nio.ByteOrder.BIG_ENDIAN);
            }
            position += LispAddress.encodedLength(buffer, position);
        }
        return fallback;
    }

    private LocalEidState findLocal(final long word0, final long hi, final long lo)
    {
        for (int i = 0, n = locals.size(); i < n; i++)
        {
            final LocalEidState local = locals.get(i);
            if (local.is(word0, hi, lo))
            {
                return local;
            }
        }
        return null;
    }

    private LocalEidState findLocalCovering(final int instanceId, final int afi, final long hi, final long lo)
    {
        LocalEidState best = null;
        for (int i = 0, n = locals.size(); i < n; i++)
        {
            final LocalEidState local = locals.get(i);
            if (!local.withdrawing && local.covers(instanceId, afi, hi, lo) &&
                (null == best || local.prefix.maskLength() > best.prefix.maskLength()))
            {
                best = local;
            }
        }
        return best;
    }

    private int mapServerOf(final int ipv4, final int port)
    {
        for (int m = 0; m < mapServerCount; m++)
        {
            if (msIpv4[m] == ipv4 && msPort[m] == port)
            {
                return m;
            }
        }
        return -1;
    }

    private long nextNonce()
    {
        long z;
        do
        {
            nonceState += 0x9E37_79B9_7F4A_7C15L;
            z = nonceState;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            z = z ^ (z >>> 31);
        }
        while (z == 0);
        return z;
    }

    private boolean send(final int ipv4, final int port, final int length)
    {
        final int hop = hop(ipv4, port);
        return hop >= 0 && sendHop(hop, length);
    }

    private boolean sendHop(final int hop, final int length)
    {
        if (io.offer(tx, 0, length, hop) < 0)
        {
            counters.increment(XtrCounters.SEND_FAILURES);
            return false;
        }
        return true;
    }

    private int hop(final int ipv4, final int port)
    {
        final long key = ((ipv4 & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF);
        final long known = peerHops.get(key);
        if (known != MISSING)
        {
            return (int)known;
        }
        try
        {
            final byte[] bytes = {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
            final int hop = io.registerNextHop(new InetSocketAddress(InetAddress.getByAddress(bytes), port));
            peerHops.put(key, hop);
            return hop;
        }
        catch (final UnknownHostException | RuntimeException ex)
        {
            counters.increment(XtrCounters.SEND_FAILURES);
            return -1;
        }
    }

    private static int ipv4Of(final InetAddress address)
    {
        final byte[] a = address.getAddress();
        return ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
    }
}
