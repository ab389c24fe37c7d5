/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.msdb.MappingChangeListener;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import io.fmc4j.core.codec.Ecm;
import io.fmc4j.core.codec.EcmDecoder;
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
import io.fmc4j.core.codec.MapReplyEncoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestDecoder;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The LISP Map-Server and Map-Resolver (RFC 9301), with publish/subscribe (RFC 9437) and EID-mobility
 * notifications (draft-ietf-lisp-eid-mobility), as one Agrona {@link Agent} that polls one {@link PacketIo}
 * (UDP 4342 in production, {@code memory} in tests) and answers on it.
 * <ul>
 * <li><b>Map-Register</b>: the site is chosen by the first record's EID (a configured site must allow it) and the
 * message's Key-ID/Algorithm field; the HMAC must verify with that site's key; a nonce already accepted from the
 * same registrant (xTR-ID, else RLOC) within the last {@value RegistrantTable#NONCE_WINDOW} registrations is a
 * replay. Each record goes to the {@link MappingDatabase} (allowed prefixes, merge, expiry). With the M bit, a
 * Map-Notify echoes the stored records with the same nonce, signed with the same key.</li>
 * <li><b>Map-Request</b> (in an ECM, or bare): rate-limited per source (one token per EID record); every EID
 * record is answered: a registration with proxy-reply by a record in the Map-Server's Map-Reply (several
 * Map-Replies with the same nonce when the records do not fit one datagram), otherwise the ECM is forwarded
 * unchanged, once per distinct ETR, to the registered ETR's RLOC on 4342; nothing registered gives a negative
 * record (15 minutes and natively-forward outside every configured prefix, 1 minute
 * and drop inside a configured but unregistered one), whose prefix covers neither a registered nor a configured
 * prefix.</li>
 * <li><b>Subscriptions</b>: a Map-Request with the I bit and the N bit in its EID record, from an xTR-ID that has
 * authenticated a Map-Register, subscribes its ITR-RLOC; every change of a covering or covered registration sends
 * it a Map-Notify, retransmitted until a Map-Notify-Ack.</li>
 * <li><b>Mobility</b>: when a host EID's best locators pass to a different xTR, the xTR that had them gets a
 * Map-Notify with the new mapping (signed with its own key, retransmitted until acknowledged). A pre-registration
 * with worse priority (make-before-break) does not move the EID; its promotion does.</li>
 * </ul>
 * Mapping changes also go to in-process {@link MappingChangeListener}s ({@link #addListener}). Request and
 * registration handling allocate nothing per message; subscribers of a change are found through an index.
 * <p>
 * <b>Threading.</b> One thread runs {@link #doWork()} (and so every listener); {@link #counter(int)} and
 * {@link #appendCounters(StringBuilder)} may be called from any thread (single writer, opaque stores and loads).
 */
public final class MapServer implements Agent, AutoCloseable
{
    private static final int MAX_MESSAGE = 1500;
    /** Largest Map-Reply: a 1500-byte IPv6 datagram less its IPv6 and UDP headers. */
    private static final int MAX_REPLY = 1500 - 40 - 8;
    /** The Map-Reply's 8-bit record count. */
    private static final int MAX_REPLY_RECORDS = 255;
    /** Offset of the Map-Reply's record count. */
    private static final int REPLY_COUNT_OFFSET = 3;
    private static final int NOTIFY_KIND_PUBLISH = 1;
    private static final int NOTIFY_KIND_MOBILITY = 2;
    private static final int KIND_XTR_ID = 1;
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * Configuration: fluent setters, then {@link #conclude()} (called by the constructor).
     */
    public static final class Context
    {
        private PacketIo packetIo;
        private MappingDatabase database;
        private EpochClock clock = SystemEpochClock.INSTANCE;
        private ErrorHandler errorHandler;
        private int requestRatePerSecond = 1000;
        private int requestBurst = 2000;
        private int rateLimiterSets = 4096;
        private long notifyRetransmitIntervalMs = 2000;
        private int notifyMaxTransmissions = 3;
        private int notifyCapacity = 1024;
        private int subscriptionCapacity = 4096;
        private long subscriptionLifetimeMs = 86_400_000L;
        private int peerCapacity = 8192;
        private int registrantCapacity = 8192;
        private int publishTtlMinutes = 1440;
        private boolean acceptZeroNonce = true;
        private int pollLimit = 32;
        private long sweepIntervalMs = 100;
        private int controlPort = LispPorts.CONTROL;

        /**
         * The device to receive on and answer through (required).
         *
         * @param packetIo an open device.
         * @return this.
         */
        public Context packetIo(final PacketIo packetIo)
        {
            this.packetIo = packetIo;
            return this;
        }

        /**
         * The mapping database with the configured sites (required; the Map-Server drives its expiry).
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
         * Clock (the database should use the same one).
         *
         * @param clock epoch milliseconds.
         * @return this.
         */
        public Context clock(final EpochClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * Receives exceptions caught in the duty cycle (default: none, they are only counted).
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Map-Requests per second allowed from one source, and the burst above it.
         *
         * @param perSecond sustained rate.
         * @param burst     bucket size.
         * @return this.
         */
        public Context requestRateLimit(final int perSecond, final int burst)
        {
            this.requestRatePerSecond = perSecond;
            this.requestBurst = burst;
            return this;
        }

        /**
         * Map-Notify retransmission (pub/sub and mobility).
         *
         * @param intervalMs       time between transmissions.
         * @param maxTransmissions transmissions in all before giving up.
         * @return this.
         */
        public Context notifyRetransmit(final long intervalMs, final int maxTransmissions)
        {
            this.notifyRetransmitIntervalMs = intervalMs;
            this.notifyMaxTransmissions = maxTransmissions;
            return this;
        }

        /**
         * Capacities of the fixed tables.
         *
         * @param notifies      outstanding Map-Notifys.
         * @param subscriptions subscriptions.
         * @param peers         distinct destinations (power of two).
         * @param registrants   distinct xTRs (power of two).
         * @return this.
         */
        public Context capacities(final int notifies, final int subscriptions, final int peers, final int registrants)
        {
            this.notifyCapacity = notifies;
            this.subscriptionCapacity = subscriptions;
            this.peerCapacity = peers;
            this.registrantCapacity = registrants;
            return this;
        }

        /**
         * Lifetime of a subscription after its last subscribing Map-Request.
         *
         * @param lifetimeMs milliseconds.
         * @return this.
         */
        public Context subscriptionLifetimeMs(final long lifetimeMs)
        {
            this.subscriptionLifetimeMs = lifetimeMs;
            return this;
        }

        /**
         * Accept Map-Registers with nonce 0 (no replay protection for them; some xTRs send 0 without the M bit).
         *
         * @param accept whether to accept.
         * @return this.
         */
        public Context acceptZeroNonce(final boolean accept)
        {
            this.acceptZeroNonce = accept;
            return this;
        }

        /**
         * Record TTL carried by published Map-Notifys.
         *
         * @param minutes TTL.
         * @return this.
         */
        public Context publishTtlMinutes(final int minutes)
        {
            this.publishTtlMinutes = minutes;
            return this;
        }

        /**
         * How often expiry and retransmissions are checked.
         *
         * @param intervalMs milliseconds.
         * @return this.
         */
        public Context sweepIntervalMs(final long intervalMs)
        {
            this.sweepIntervalMs = intervalMs;
            return this;
        }

        /**
         * UDP port of xTRs' control plane: destination of forwarded Map-Requests and of pub/sub and mobility
         * Map-Notifys (default 4342; tests on one host use others).
         *
         * @param port the port.
         * @return this.
         */
        public Context controlPort(final int port)
        {
            this.controlPort = port;
            return this;
        }

        /**
         * Checks the configuration.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (null == packetIo || null == database)
            {
                throw new IllegalArgumentException("packetIo and database are required");
            }
            if (requestRatePerSecond <= 0 || requestBurst <= 0)
            {
                throw new IllegalArgumentException("request rate limit must be positive: " + requestRatePerSecond +
                    "/s burst " + requestBurst);
            }
            if (notifyRetransmitIntervalMs <= 0 || notifyMaxTransmissions < 1)
            {
                throw new IllegalArgumentException("notify retransmission needs interval > 0 and >= 1 transmission");
            }
            if (controlPort <= 0 || controlPort > 0xFFFF)
            {
                throw new IllegalArgumentException("control port must be 1..65535: " + controlPort);
            }
            if (sweepIntervalMs <= 0 || subscriptionLifetimeMs <= 0)
            {
                throw new IllegalArgumentException("sweep interval and subscription lifetime must be positive");
            }
            return this;
        }
    }

    private final Context ctx;
    private final PacketIo io;
    private final MappingDatabase database;
    private final EpochClock clock;
    private final long[] counters = new long[MapServerCounters.COUNT];
    private final Site[] sites;
    private final Site[] siteOfKey;
    private final int[] keyField;
    private final LispAuthenticator[] authenticators;
    private final long[] configuredWord0;
    private final long[] configuredHi;
    private final long[] configuredLo;
    private final PeerTable peers;
    private final SourceRateLimiter rateLimiter;
    private final RegistrantTable registrants;
    private final Subscriptions subscriptions;
    private final NotifyQueue notifies;
    private final PacketHandler handler = this::onPacket;
    private final MappingChangeListener changeListener = this::onMappingChange;
    private final Subscriptions.MatchHandler publisher = this::publish;
    private MappingChange publishing;

    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final MapRegisterEncoder notifyEncoder = new MapRegisterEncoder();
    private final MapRegisterEncoder publishEncoder = new MapRegisterEncoder();
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final MapReplyEncoder scratchEncoder = new MapReplyEncoder();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_MESSAGE]);
    private final EcmDecoder ecmDecoder = new EcmDecoder();
    private final RegistrationBuilder registration = new RegistrationBuilder();
    private final RegistrationView view = new RegistrationView();
    private final RegistrationView previousView = new RegistrationView();
    private final UnsafeBuffer tx = new UnsafeBuffer(new byte[MAX_MESSAGE * 2]);
    /** Distinct ETR RLOCs one Map-Request was forwarded to (its record count is 8 bits). */
    private final int[] forwardAfi = new int[256];
    private final long[] forwardHi = new long[256];
    private final long[] forwardLo = new long[256];

    private int eidIid;
    private int eidAfi;
    private int eidMask;
    private long eidHi;
    private long eidLo;
    private int rlocAfi;
    private long rlocHi;
    /** True while this Map-Server writes a Map-Register's record: its own changes notify through mobility(). */
    private boolean registering;
    private long rlocLo;
    private long nextSweepMs;
    private long nonceState;
    private volatile boolean closed;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Executor executor = this::enqueue;

    /**
     * Builds the Map-Server and subscribes it to the database's changes.
     *
     * @param ctx configuration.
     */
    public MapServer(final Context ctx)
    {
        this.ctx = ctx.conclude();
        io = ctx.packetIo;
        database = ctx.database;
        clock = ctx.clock;
        final List<Site> siteList = database.sites();
        sites = siteList.toArray(new Site[0]);
        final List<Site> keySites = new ArrayList<>();
        final List<AuthKey> keys = new ArrayList<>();
        final List<EidPrefix> configured = new ArrayList<>();
        for (final Site s : sites)
        {
            for (final AuthKey k : s.keys())
            {
                if ((k.keyId() & ~0xFF) != 0)
                {
                    throw new IllegalArgumentException("site " + s.name() + ": key id must be 0..255 (the Key-ID " +
                        "byte of the Key-ID/Algorithm-ID field): " + k.keyId());
                }
                keySites.add(s);
                keys.add(k);
            }
            configured.addAll(s.allowedPrefixes());
        }
        siteOfKey = keySites.toArray(new Site[0]);
        keyField = new int[keys.size()];
        authenticators = new LispAuthenticator[keys.size()];
        for (int i = 0; i < keys.size(); i++)
        {
            final AuthKey k = keys.get(i);
            authenticators[i] = new LispAuthenticator(k.algorithm(), k.keyId(), k.secret());
            keyField[i] = authenticators[i].keyIdField();
        }
        configuredWord0 = new long[configured.size()];
        configuredHi = new long[configured.size()];
        configuredLo = new long[configured.size()];
        for (int i = 0; i < configured.size(); i++)
        {
            configuredWord0[i] = configured.get(i).word0();
            configuredHi[i] = configured.get(i).hi();
            configuredLo[i] = configured.get(i).lo();
        }
        peers = new PeerTable(io, ctx.peerCapacity);
        rateLimiter = new SourceRateLimiter(ctx.requestRatePerSecond, ctx.requestBurst, ctx.rateLimiterSets);
        registrants = new RegistrantTable(ctx.registrantCapacity);
        subscriptions = new Subscriptions(ctx.subscriptionCapacity);
        notifies = new NotifyQueue(ctx.notifyCapacity);
        nonceState = System.nanoTime() ^ 0x5DEECE66DL;
        database.addListener(changeListener);
    }

    @Override
    public String roleName()
    {
        return "lisp-map-server";
    }

    @Override
    public int doWork()
    {
        int work = runTasks();
        try
        {
            work += io.poll(handler, ctx.pollLimit);
            final long now = clock.time();
            if (now >= nextSweepMs)
            {
                nextSweepMs = now + ctx.sweepIntervalMs;
                work += database.expire();
                work += subscriptions.expire(now);
                work += retransmit(now);
            }
            io.flush();
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        close();
    }

    /**
     * Unsubscribes from the database. The device and the database stay open: they belong to the caller.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            runTasks();                                 // queued before the close: run, not dropped
            database.removeListener(changeListener);
        }
    }

    /**
     * An executor whose tasks run on this Map-Server's thread, at the start of the next {@link #doWork()}: the way
     * for other threads to read or change the {@link #database()} (which is single-threaded) while the agent runs,
     * e.g. the executor of an FMC controller's relocator co-located with this Map-Server. A task that throws is
     * counted in {@link MapServerCounters#ERRORS} and given to the error handler; the next task still runs. Cold
     * path: each task allocates a queue node.
     *
     * @return the executor; it rejects tasks once this Map-Server is closed.
     */
    public Executor executor()
    {
        return executor;
    }

    private void enqueue(final Runnable task)
    {
        if (closed)
        {
            throw new RejectedExecutionException("map-server closed");
        }
        tasks.offer(task);
    }

    private int runTasks()
    {
        int work = 0;
        Runnable task;
        while (null != (task = tasks.poll()))
        {
            work++;
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
        return work;
    }

    /**
     * A counter.
     *
     * @param id one of {@link MapServerCounters}.
     * @return its value.
     */
    public long counter(final int id)
    {
        return (long)COUNTERS.getOpaque(counters, id);
    }

    /**
     * Appends every non-zero counter as {@code name=value} pairs (cold path: printing).
     *
     * @param sb the builder.
     * @return {@code sb}.
     */
    public StringBuilder appendCounters(final StringBuilder sb)
    {
        boolean first = true;
        for (int i = 0; i < MapServerCounters.COUNT; i++)
        {
            final long value = counter(i);
            if (value != 0)
            {
                sb.append(first ? "" : " ").append(MapServerCounters.name(i)).append('=').append(value);
                first = false;
            }
        }
        return sb;
    }

    /**
     * Subscribes an in-process listener to mapping changes (registered, updated, withdrawn, expired). It runs on
     * the Map-Server's thread: it must not block, and must copy what it keeps.
     *
     * @param listener the listener.
     */
    public void addListener(final MappingChangeListener listener)
    {
        database.addListener(listener);
    }

    /**
     * Unsubscribes an in-process listener.
     *
     * @param listener a listener added before.
     * @return whether it was subscribed.
     */
    public boolean removeListener(final MappingChangeListener listener)
    {
        return database.removeListener(listener);
    }

    /**
     * The mapping database.
     *
     * @return the database.
     */
    public MappingDatabase database()
    {
        return database;
    }

    /**
     * Current subscriptions.
     *
     * @return the count.
     */
    public int subscriptionCount()
    {
        return subscriptions.size();
    }

    /**
     * Map-Notifys awaiting a Map-Notify-Ack.
     *
     * @return the count.
     */
    public int outstandingNotifies()
    {
        return notifies.size();
    }

    private void onPacket(final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress src)
    {
        increment(MapServerCounters.RX_PACKETS);
        if (length < 4)
        {
            increment(MapServerCounters.RX_UNKNOWN_TYPE);
            return;
        }
        try
        {
            switch (MessageType.of(buffer.getByte(offset) & 0xFF))
            {
                case MessageType.MAP_REGISTER:
                    onMapRegister(buffer, offset, length, src);
                    break;
                case MessageType.MAP_NOTIFY_ACK:
                    onMapNotifyAck(buffer, offset, length);
                    break;
                case MessageType.ECM:
                    onEcm(buffer, offset, length, src);
                    break;
                case MessageType.MAP_REQUEST:
                    onMapRequest(buffer, offset, length, src, -1, 0, src.port());
                    break;
                default:
                    increment(MapServerCounters.RX_UNKNOWN_TYPE);
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
    }

    private void onError(final RuntimeException ex)
    {
        increment(MapServerCounters.ERRORS);
        if (null != ctx.errorHandler)
        {
            ctx.errorHandler.onError(ex);
        }
    }

    // ---------------------------------------------------------------------------------------------- Map-Register

    private void onMapRegister(
        final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress src)
    {
        final int status = MapRegister.validate(buffer, offset, length);
        if (status != DecodeStatus.OK)
        {
            increment(status == DecodeStatus.BAD_AUTH_LENGTH ? MapServerCounters.REGISTER_AUTH_FAILED :
                MapServerCounters.RX_MALFORMED);
            return;
        }
        final MapRegisterDecoder reg = registerDecoder.wrap(buffer, offset);
        if (reg.type() != MessageType.MAP_REGISTER)
        {
            increment(MapServerCounters.RX_UNKNOWN_TYPE);
            return;
        }
        increment(MapServerCounters.REGISTER_RECEIVED);
        final MapRecordDecoder records = reg.records();
        if (!records.hasNext() || !readEid(records.next()))
        {
            increment(MapServerCounters.REGISTER_FOREIGN_PREFIX);
            return;
        }

        // Site by first EID and key id; then the HMAC.
        final int field = reg.keyIdField();
        boolean allowed = false;
        boolean keyKnown = false;
        int keyRef = -1;
        Site lastSite = null;
        boolean lastAllows = false;
        for (int k = 0; k < siteOfKey.length && keyRef < 0; k++)
        {
            final Site site = siteOfKey[k];
            if (site != lastSite)
            {
                lastSite = site;
                lastAllows = site.allows(eidIid, eidAfi, eidMask, eidHi, eidLo);
            }
            if (!lastAllows)
            {
                continue;
            }
            allowed = true;
            if (keyField[k] != field)
            {
                continue;
            }
            keyKnown = true;
            if (authenticators[k].verify(buffer, offset, length, MapRegister.AUTH_OFFSET, reg.authLength()))
            {
                keyRef = k;
            }
        }
        if (keyRef < 0)
        {
            increment(!allowed ? MapServerCounters.REGISTER_FOREIGN_PREFIX : !keyKnown ?
                MapServerCounters.REGISTER_UNKNOWN_KEY : MapServerCounters.REGISTER_AUTH_FAILED);
            return;
        }
        final Site site = siteOfKey[keyRef];

        // Registrant identity and replay check.
        registrantRloc(src);
        final boolean hasXtrId = reg.xtrIdPresent();
        final long xtrHi = hasXtrId ? reg.xtrIdHigh() : 0;
        final long xtrLo = hasXtrId ? reg.xtrIdLow() : 0;
        final long siteId = hasXtrId ? reg.siteId() : 0;
        final int slot = hasXtrId ? registrants.findOrAdd(KIND_XTR_ID, xtrHi, xtrLo) :
            rlocAfi == Afi.NONE ? RegistrantTable.ABSENT : registrants.findOrAdd(rlocAfi + 3, rlocHi, rlocLo);
        final long nonce = reg.nonce();
        if (nonce == 0 ? !ctx.acceptZeroNonce : slot >= 0 && registrants.seenNonce(slot, nonce))
        {
            increment(MapServerCounters.REGISTER_REPLAY);
            return;
        }

        final boolean wantNotify = reg.wantMapNotify();
        final int regFlags = reg.flags();
        final MapRegisterEncoder notify = wantNotify ? notifyEncoder.wrap(tx, 0, MessageType.MAP_NOTIFY)
            .nonce(nonce).authentication(field, authenticators[keyRef].macLength()) : null;
        int accepted = 0;
        final MapRecordDecoder each = reg.records();
        while (each.hasNext())
        {
            final MapRecordDecoder record = each.next();
            if (!readEid(record))
            {
                increment(MapServerCounters.RECORD_REFUSED);
                continue;
            }
            final boolean host = eidMask == Afi.maxMaskLength(eidAfi);
            final int previousOwner = host ? owner(previousView,
                database.lookup(eidIid, eidAfi, eidHi, eidLo, previousView)) : -1;
            buildRegistration(record, regFlags, hasXtrId, xtrHi, xtrLo, siteId);
            registering = true;
            final int result;
            try
            {
                result = database.register(site, registration);
            }
            finally
            {
                registering = false;
            }
            if (result != MapCacheStatus.OK && result != MapCacheStatus.NOT_PRESENT)
            {
                increment(MapServerCounters.RECORD_REFUSED);
                continue;
            }
            accepted++;
            if (null != notify)
            {
                notify.addRecord().copyOf(record);
            }
            if (previousOwner >= 0 && record.ttl() != 0)
            {
                mobility(previousOwner, hasXtrId, xtrHi, xtrLo);
            }
        }
        if (accepted == 0)
        {
            return;
        }
        increment(MapServerCounters.REGISTER_ACCEPTED);
        if (slot >= 0)
        {
            if (nonce != 0)
            {
                registrants.rememberNonce(slot, nonce);
            }
            registrants.keyRef(slot, keyRef);
        }
        if (null != notify)
        {
            if (hasXtrId)
            {
                notify.xtrId(xtrHi, xtrLo, siteId);
            }
            final int notifyLength = notify.encodedLength();
            authenticators[keyRef].sign(tx, 0, notifyLength, MapRegister.AUTH_OFFSET);
            if (send(tx, 0, notifyLength, peers.nextHop(src)))
            {
                increment(MapServerCounters.NOTIFY_REGISTER_SENT);
            }
        }
    }

    private void buildRegistration(
        final MapRecordDecoder record, final int regFlags, final boolean hasXtrId, final long xtrHi,
        final long xtrLo, final long siteId)
    {
        final RegistrationBuilder r = registration.reset()
            .eid(eidIid, eidAfi, eidMask, eidHi & EidKey.maskHi(eidMask), eidLo & EidKey.maskLo(eidMask))
            .xtrRloc(rlocAfi, rlocHi, rlocLo)
            .useRecordTtl((regFlags & MapRegister.FLAG_T) != 0)
            .merge((regFlags & MapRegister.FLAG_MERGE) != 0)
            .proxyReply((regFlags & MapRegister.FLAG_P) != 0)
            .wantMapNotify((regFlags & MapRegister.FLAG_M) != 0);
        if (hasXtrId)
        {
            r.xtrId(xtrHi, xtrLo).siteId(siteId);
        }
        r.mapping().ttlMinutes((int)record.ttl()).action(record.action()).mapVersion(record.mapVersion());
        final LocatorDecoder locators = record.locators();
        while (locators.hasNext())
        {
            final LocatorDecoder l = locators.next();
            r.mapping().addLocator(l.afi(), l.buffer(), l.addressOffset() + 2, l.flags() & 0x7, l.priority(),
                l.weight(), l.multicastPriority(), l.multicastWeight());
        }
    }

    /**
     * The xTR RLOC of a registration: the datagram's source, or on point-to-point devices (no source address) the
     * first locator of the first record.
     */
    private void registrantRloc(final PeerAddress src)
    {
        if (src.family() == PeerAddress.FAMILY_IPV4)
        {
            rlocAfi = Afi.IPV4;
            rlocHi = EidKey.ipv4Hi(src.ipv4());
            rlocLo = 0;
            return;
        }
        if (src.family() == PeerAddress.FAMILY_IPV6)
        {
            rlocAfi = Afi.IPV6;
            rlocHi = src.ipv6High();
            rlocLo = src.ipv6Low();
            return;
        }
        rlocAfi = Afi.NONE;
        rlocHi = 0;
        rlocLo = 0;
        final MapRecordDecoder first = registerDecoder.records();
        if (first.hasNext())
        {
            final LocatorDecoder locators = first.next().locators();
            if (locators.hasNext())
            {
                final LocatorDecoder l = locators.next();
                final int afi = l.afi();
                if (afi == Afi.IPV4 || afi == Afi.IPV6)
                {
                    rlocAfi = afi;
                    rlocHi = EidKey.readHi(afi, l.buffer(), l.addressOffset() + 2);
                    rlocLo = EidKey.readLo(afi, l.buffer(), l.addressOffset() + 2);
                }
            }
        }
    }

    /**
     * Reads a record's EID into the eid fields.
     *
     * @return false when the EID is not an IPv4/IPv6/MAC address (optionally in an Instance-ID LCAF).
     */
    private boolean readEid(final MapRecordDecoder record)
    {
        return readEid(record.buffer(), record.eidOffset(), record.maskLength());
    }

    private boolean readEid(final DirectBuffer buffer, final int addressOffset, final int maskLength)
    {
        final long iid = LispAddress.instanceId(buffer, addressOffset);
        final int inner = LispAddress.innermostOffset(buffer, addressOffset);
        final int afi = LispAddress.afi(buffer, inner);
        if (!EidKey.isEidAfi(afi) || iid > EidKey.MAX_INSTANCE_ID || maskLength > Afi.maxMaskLength(afi))
        {
            return false;
        }
        eidIid = (int)iid;
        eidAfi = afi;
        eidMask = maskLength;
        eidHi = EidKey.readHi(afi, buffer, inner + 2);
        eidLo = EidKey.readLo(afi, buffer, inner + 2);
        return true;
    }

    /**
     * The registrant holding the best (lowest priority value, reachable, below 255) locator of a lookup result.
     *
     * @return the registrant index, or -1.
     */
    private static int owner(final RegistrationView v, final int lookupStatus)
    {
        if (lookupStatus != MapCacheStatus.FOUND)
        {
            return -1;
        }
        int best = 255;
        int owner = -1;
        for (int i = 0; i < v.registrantCount(); i++)
        {
            final LocatorSetDecoder l = v.registrantLocators(i);
            for (int j = 0; j < l.count(); j++)
            {
                if (l.reachable(j) && l.priority(j) < best)
                {
                    best = l.priority(j);
                    owner = i;
                }
            }
        }
        return owner;
    }

    private static boolean sameXtr(
        final RegistrationView v, final int i, final boolean hasXtrId, final long xtrHi, final long xtrLo,
        final int afi, final long hi, final long lo)
    {
        if (hasXtrId || v.xtrIdHi(i) != 0 || v.xtrIdLo(i) != 0)
        {
            return v.xtrIdHi(i) == xtrHi && v.xtrIdLo(i) == xtrLo;
        }
        return v.xtrRlocAfi(i) == afi && v.xtrRlocHi(i) == hi && v.xtrRlocLo(i) == lo;
    }

    /**
     * After a host EID registration: when its best locators passed from another xTR to this registrant, tell the
     * previous holder (draft-ietf-lisp-eid-mobility).
     */
    private void mobility(final int previousOwner, final boolean hasXtrId, final long xtrHi, final long xtrLo)
    {
        if (sameXtr(previousView, previousOwner, hasXtrId, xtrHi, xtrLo, rlocAfi, rlocHi, rlocLo))
        {
            return;
        }
        final int now = owner(view, database.lookup(eidIid, eidAfi, eidHi, eidLo, view));
        if (now < 0 || !sameXtr(view, now, hasXtrId, xtrHi, xtrLo, rlocAfi, rlocHi, rlocLo))
        {
            return;
        }
        final int oldAfi = previousView.xtrRlocAfi(previousOwner);
        final long oldHi = previousView.xtrRlocHi(previousOwner);
        final long oldLo = previousView.xtrRlocLo(previousOwner);
        int keyRef = -1;
        final long oldXtrHi = previousView.xtrIdHi(previousOwner);
        final long oldXtrLo = previousView.xtrIdLo(previousOwner);
        final int slot = oldXtrHi != 0 || oldXtrLo != 0 ? registrants.find(KIND_XTR_ID, oldXtrHi, oldXtrLo) :
            registrants.find(oldAfi + 3, oldHi, oldLo);
        if (slot >= 0)
        {
            keyRef = registrants.keyRef(slot);
        }
        if (keyRef < 0)
        {
            keyRef = firstKeyOf(previousView.site());
        }
        if (keyRef < 0)
        {
            return;
        }
        final boolean withXtrId = oldXtrHi != 0 || oldXtrLo != 0;
        if (enqueueNotify(view.word0(), view.hi(), view.lo(), view.recordTtlMinutes(0), view.locators(),
            keyRef, oldAfi == Afi.IPV6 ? 6 : 4, oldHi, oldLo, ctx.controlPort, withXtrId, oldXtrHi, oldXtrLo,
            NOTIFY_KIND_MOBILITY))
        {
            increment(MapServerCounters.NOTIFY_MOBILITY_SENT);
        }
    }

    private int firstKeyOf(final Site site)
    {
        for (int k = 0; k < siteOfKey.length; k++)
        {
            if (siteOfKey[k] == site)
            {
                return k;
            }
        }
        return -1;
    }

    // --------------------------------------------------------------------------------- Map-Notify (publish, ack)

    private void onMappingChange(final MappingChange change)
    {
        publishing = change;
        subscriptions.forEachMatch(change.eidWord0(), change.eidHi(), change.eidLo(), publisher);
        publishing = null;
        if (!registering && change.type() == MappingChangeType.UPDATED)
        {
            departed(change);
        }
    }

    /**
     * A host EID changed by someone else than a Map-Register (an FMC controller's relocator writing the database on
     * this thread): each xTR whose IPv4 RLOC was a locator of the old set and is not one of the new set is told, with
     * the new set, that the EID left it, as {@link #mobility} does for Map-Registers. The xTR's key is the one it
     * registered with (found by RLOC), else the site's first key.
     */
    private void departed(final MappingChange change)
    {
        final long word0 = change.eidWord0();
        if (EidKey.maskLength(word0) != Afi.maxMaskLength(EidKey.afi(word0)))
        {
            return;
        }
        final LocatorSetDecoder before = change.oldLocators();
        final LocatorSetDecoder after = change.newLocators();
        for (int i = 0, n = before.count(); i < n; i++)
        {
            if (before.afi(i) != Afi.IPV4 || contains(after, before.ipv4Address(i)))
            {
                continue;
            }
            final long rlocHiOld = EidKey.ipv4Hi(before.ipv4Address(i));
            final int slot = registrants.find(Afi.IPV4 + 3, rlocHiOld, 0);
            int keyRef = slot >= 0 ? registrants.keyRef(slot) : -1;
            if (keyRef < 0)
            {
                keyRef = firstKeyOf(database.site(change.siteName()));
            }
            if (keyRef >= 0 && enqueueNotify(word0, change.eidHi(), change.eidLo(), ctx.publishTtlMinutes, after,
                keyRef, 4, rlocHiOld, 0, ctx.controlPort, false, 0, 0, NOTIFY_KIND_MOBILITY))
            {
                increment(MapServerCounters.NOTIFY_MOBILITY_SENT);
            }
        }
    }

    private static boolean contains(final LocatorSetDecoder locators, final int ipv4)
    {
        for (int i = 0, n = locators.count(); i < n; i++)
        {
            if (locators.afi(i) == Afi.IPV4 && locators.ipv4Address(i) == ipv4)
            {
                return true;
            }
        }
        return false;
    }

    private void publish(final int slot)
    {
        final MappingChange change = publishing;
        final LocatorSetDecoder locators = change.newLocators();
        if (enqueueNotify(change.eidWord0(), change.eidHi(), change.eidLo(),
            locators.count() == 0 ? 1 : ctx.publishTtlMinutes, locators, subscriptions.keyRef(slot),
            subscriptions.family(slot), subscriptions.rlocHi(slot), subscriptions.rlocLo(slot),
            subscriptions.port(slot), true, subscriptions.xtrHi(slot), subscriptions.xtrLo(slot), NOTIFY_KIND_PUBLISH))
        {
            increment(MapServerCounters.NOTIFY_PUBLISH_SENT);
        }
    }

    private boolean enqueueNotify(
        final long word0, final long hi, final long lo, final int ttlMinutes, final LocatorSetDecoder locators,
        final int keyRef, final int family, final long rlocHi, final long rlocLo, final int port,
        final boolean withXtrId, final long xtrHi, final long xtrLo, final int kind)
    {
        final int slot = notifies.claim();
        if (slot < 0)
        {
            increment(MapServerCounters.NOTIFY_QUEUE_FULL);
            return false;
        }
        final UnsafeBuffer buffer = notifies.buffer();
        final int at = notifies.offset(slot);
        final long nonce = nextNonce();
        final MapRegisterEncoder notify = publishEncoder.wrap(buffer, at, MessageType.MAP_NOTIFY)
            .nonce(nonce).authentication(keyField[keyRef], authenticators[keyRef].macLength());
        encodeRecord(notify.addRecord(), word0, hi, lo, ttlMinutes,
            locators.count() == 0 ? MapRecord.ACT_SEND_MAP_REQUEST : MapRecord.ACT_NO_ACTION, locators);
        if (withXtrId)
        {
            notify.xtrId(xtrHi, xtrLo, 0);
        }
        final int length = notify.encodedLength();
        authenticators[keyRef].sign(buffer, at, length, MapRegister.AUTH_OFFSET);
        final int hop = peers.nextHop(family, rlocHi, rlocLo, port);
        if (hop == PeerTable.UNREACHABLE)
        {
            increment(MapServerCounters.TX_FAILED);
            return false;
        }
        notifies.commit(slot, length, hop, keyRef, nonce, clock.time() + ctx.notifyRetransmitIntervalMs, kind);
        send(buffer, at, length, hop);
        return true;
    }

    private int retransmit(final long now)
    {
        if (notifies.size() == 0)
        {
            return 0;
        }
        int work = 0;
        for (int slot = 0; slot < notifies.capacity(); slot++)
        {
            if (notifies.used(slot) && notifies.deadline(slot) <= now)
            {
                if (notifies.transmissions(slot) >= ctx.notifyMaxTransmissions)
                {
                    increment(MapServerCounters.NOTIFY_GAVE_UP);
                    notifies.release(slot);
                }
                else
                {
                    notifies.retransmitted(slot, now + ctx.notifyRetransmitIntervalMs);
                    send(notifies.buffer(), notifies.offset(slot), notifies.length(slot), notifies.nextHop(slot));
                    increment(MapServerCounters.NOTIFY_RETRANSMITTED);
                }
                work++;
            }
        }
        return work;
    }

    private void onMapNotifyAck(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (MapRegister.validate(buffer, offset, length) != DecodeStatus.OK)
        {
            increment(MapServerCounters.RX_MALFORMED);
            return;
        }
        final MapRegisterDecoder ack = registerDecoder.wrap(buffer, offset);
        final int slot = notifies.find(ack.nonce());
        if (slot < 0)
        {
            increment(MapServerCounters.NOTIFY_ACK_UNMATCHED);
            return;
        }
        final int keyRef = notifies.keyRef(slot);
        if (ack.keyIdField() != keyField[keyRef] ||
            !authenticators[keyRef].verify(buffer, offset, length, MapRegister.AUTH_OFFSET, ack.authLength()))
        {
            increment(MapServerCounters.NOTIFY_ACK_AUTH_FAILED);
            return;
        }
        notifies.release(slot);
        increment(MapServerCounters.NOTIFY_ACK_ACCEPTED);
    }

    // ------------------------------------------------------------------------------------------ Map-Request (MR)

    private void onEcm(final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress src)
    {
        if (Ecm.validate(buffer, offset, length) != DecodeStatus.OK)
        {
            increment(MapServerCounters.RX_MALFORMED);
            return;
        }
        final EcmDecoder ecm = ecmDecoder.wrap(buffer, offset);
        final int inner = ecm.messageOffset();
        final int innerLength = ecm.messageLength();
        if (innerLength < 4 || MessageType.of(buffer.getByte(inner) & 0xFF) != MessageType.MAP_REQUEST)
        {
            increment(MapServerCounters.REQUEST_UNANSWERABLE);
            return;
        }
        onMapRequest(buffer, inner, innerLength, src, offset, length, ecm.innerSourcePort());
    }

    private void onMapRequest(
        final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress src,
        final int ecmOffset, final int ecmLength, final int replyPort)
    {
        if (MapRequest.validate(buffer, offset, length) != DecodeStatus.OK)
        {
            increment(MapServerCounters.RX_MALFORMED);
            return;
        }
        increment(MapServerCounters.REQUEST_RECEIVED);
        final long now = clock.time();
        final long sourceHi;
        final long sourceLo;
        if (src.family() == PeerAddress.FAMILY_IPV4)
        {
            sourceHi = EidKey.ipv4Hi(src.ipv4());
            sourceLo = 0;
        }
        else if (src.family() == PeerAddress.FAMILY_IPV6)
        {
            sourceHi = src.ipv6High();
            sourceLo = src.ipv6Low();
        }
        else if (ecmOffset >= 0)
        {
            final int ip = ecmDecoder.innerSourceOffset();
            final boolean v4 = ecmDecoder.innerIpVersion() == 4;
            sourceHi = v4 ? EidKey.ipv4Hi(buffer.getInt(ip, BIG_ENDIAN)) :
                buffer.getLong(ip, BIG_ENDIAN);
            sourceLo = v4 ? 0 : buffer.getLong(ip + 8, BIG_ENDIAN);
        }
        else
        {
            sourceHi = 0;
            sourceLo = 0;
        }
        if (!rateLimiter.tryAcquire(sourceHi, sourceLo, now))
        {
            increment(MapServerCounters.REQUEST_RATE_LIMITED);
            return;
        }
        final MapRequestDecoder req = requestDecoder.wrap(buffer, offset);
        final int recordCount = req.recordCount();
        if (recordCount == 0)
        {
            increment(MapServerCounters.REQUEST_UNANSWERABLE);
            return;
        }
        // Reply destination: the first IPv4/IPv6 ITR-RLOC, else the datagram's source.
        int family = 0;
        long itrHi = 0;
        long itrLo = 0;
        int at = req.itrRlocOffset();
        for (int i = 0, n = req.itrRlocCount(); i < n && family == 0; i++)
        {
            final int afi = LispAddress.afi(buffer, at);
            if (afi == Afi.IPV4 || afi == Afi.IPV6)
            {
                family = afi == Afi.IPV4 ? 4 : 6;
                itrHi = EidKey.readHi(afi, buffer, at + 2);
                itrLo = EidKey.readLo(afi, buffer, at + 2);
            }
            at += LispAddress.encodedLength(buffer, at);
        }
        if (family == 0 && src.family() != PeerAddress.FAMILY_NONE)
        {
            family = src.family();
            itrHi = sourceHi;
            itrLo = sourceLo;
        }
        final int subscriberPort = src.family() == PeerAddress.FAMILY_NONE ? ctx.controlPort : src.port();

        // Every EID record is answered (RFC 9301 §5.3: a receiver processes all of them): proxy-replied and negative
        // records go into Map-Replies from here, as many records per datagram as fit; a record registered without
        // proxy-reply has the whole ECM forwarded, once, to the ETR holding its best locator.
        final long nonce = req.nonce();
        int replyRecords = 0;
        int replyLength = 0;
        int replies = 0;
        int forwards = 0;
        int record = req.recordsOffset();
        for (int i = 0; i < recordCount; i++, record = req.nextRecord(record))
        {
            if (i > 0 && !rateLimiter.tryAcquire(sourceHi, sourceLo, now))
            {
                increment(MapServerCounters.REQUEST_RATE_LIMITED);
                break;
            }
            if (!readEid(buffer, record + 2, req.maskLength(record)))
            {
                increment(MapServerCounters.REQUEST_UNANSWERABLE);
                continue;
            }
            if (req.xtrIdPresent() && req.subscribe(record))
            {
                subscribe(req, family, itrHi, itrLo, subscriberPort, now);
            }
            final int status = database.lookup(eidIid, eidAfi, eidHi, eidLo, view);
            if (status == MapCacheStatus.FOUND && !view.proxyReply())
            {
                final int etr = owner(view, status);
                final int r = etr < 0 ? 0 : etr;
                final int afi = view.xtrRlocAfi(r);
                final int hop = peers.nextHop(afi == Afi.IPV6 ? 6 : 4, view.xtrRlocHi(r), view.xtrRlocLo(r),
                    ctx.controlPort);
                if (!forwardedTo(afi, view.xtrRlocHi(r), view.xtrRlocLo(r), forwards))
                {
                    forwardAfi[forwards] = afi;
                    forwardHi[forwards] = view.xtrRlocHi(r);
                    forwardLo[forwards++] = view.xtrRlocLo(r);
                    final boolean sent = ecmOffset >= 0 ? send(buffer, ecmOffset, ecmLength, hop) :
                        send(buffer, offset, length, hop);
                    if (sent)
                    {
                        increment(MapServerCounters.REQUEST_FORWARDED);
                    }
                }
                continue;
            }
            // Encoded aside first, so that a record that would overflow the datagram starts the next Map-Reply.
            final MapRecordEncoder answer = scratchEncoder.wrap(scratch, 0).addRecord();
            if (status == MapCacheStatus.FOUND)
            {
                encodeRecord(answer, view.word0(), view.hi(), view.lo(), view.recordTtlMinutes(0),
                    MapRecord.ACT_NO_ACTION, view.locators()).authoritative(true);
                increment(MapServerCounters.REQUEST_PROXY_REPLIED);
            }
            else
            {
                negativeRecord(answer);
            }
            final int recordLength = scratchEncoder.encodedLength() - MapReply.RECORDS_OFFSET;
            if (replyRecords > 0 && (replyRecords == MAX_REPLY_RECORDS || replyLength + recordLength > MAX_REPLY))
            {
                sendReply(replyLength, family, itrHi, itrLo, replyPort, replies++);
                replyRecords = 0;
            }
            if (replyRecords == 0)
            {
                replyEncoder.wrap(tx, 0).nonce(nonce);
                replyLength = MapReply.RECORDS_OFFSET;
            }
            tx.putBytes(replyLength, scratch, MapReply.RECORDS_OFFSET, recordLength);
            replyLength += recordLength;
            tx.putByte(REPLY_COUNT_OFFSET, (byte)++replyRecords);
        }
        if (replyRecords > 0)
        {
            sendReply(replyLength, family, itrHi, itrLo, replyPort, replies);
        }
    }

    private boolean forwardedTo(final int afi, final long hi, final long lo, final int forwards)
    {
        for (int i = 0; i < forwards; i++)
        {
            if (forwardAfi[i] == afi && forwardHi[i] == hi && forwardLo[i] == lo)
            {
                return true;
            }
        }
        return false;
    }

    private void sendReply(
        final int length, final int family, final long itrHi, final long itrLo, final int port, final int previous)
    {
        if (send(tx, 0, length, peers.nextHop(family, itrHi, itrLo, port)) && previous > 0)
        {
            increment(MapServerCounters.REPLY_SPLIT);
        }
    }

    private void negativeRecord(final MapRecordEncoder record)
    {
        final int registeredLength = database.negativePrefixLength(eidIid, eidAfi, eidHi, eidLo);
        int length = Math.max(0, registeredLength);
        final long group = EidKey.word0(eidIid, eidAfi, 0);
        int coveringConfigured = -1;
        for (int i = 0; i < configuredWord0.length; i++)
        {
            if ((configuredWord0[i] & ~0xFFL) != group)
            {
                continue;
            }
            final int mask = EidKey.maskLength(configuredWord0[i]);
            final int common = EidKey.commonPrefixLength(eidHi, eidLo, configuredHi[i], configuredLo[i]);
            if (common >= mask)
            {
                coveringConfigured = Math.max(coveringConfigured, mask);
            }
            else
            {
                length = Math.max(length, common + 1);
            }
        }
        final int ttl;
        final int action;
        if (coveringConfigured >= 0)
        {
            length = Math.max(length, Math.max(0, coveringConfigured));
            ttl = 1;
            action = MapRecord.ACT_DROP;
            increment(MapServerCounters.REQUEST_NEGATIVE_UNREGISTERED);
        }
        else
        {
            ttl = 15;
            action = MapRecord.ACT_NATIVELY_FORWARD;
            increment(MapServerCounters.REQUEST_NEGATIVE_NOT_EID);
        }
        length = Math.min(length, Afi.maxMaskLength(eidAfi));
        record.ttl(ttl).action(action).authoritative(true);
        putEid(record, EidKey.word0(eidIid, eidAfi, length), eidHi & EidKey.maskHi(length),
            eidLo & EidKey.maskLo(length));
    }

    private void subscribe(final MapRequestDecoder req, final int family, final long itrHi, final long itrLo,
        final int port, final long now)
    {
        final int slot = registrants.find(KIND_XTR_ID, req.xtrIdHigh(), req.xtrIdLow());
        final int keyRef = slot < 0 ? -1 : registrants.keyRef(slot);
        if (keyRef < 0)
        {
            increment(MapServerCounters.SUBSCRIBE_REFUSED);
            return;
        }
        final int result = subscriptions.subscribe(EidKey.word0(eidIid, eidAfi, eidMask),
            eidHi & EidKey.maskHi(eidMask), eidLo & EidKey.maskLo(eidMask), req.xtrIdHigh(), req.xtrIdLow(),
            family, itrHi, itrLo, port, keyRef, now + ctx.subscriptionLifetimeMs);
        increment(result == Subscriptions.ADDED ? MapServerCounters.SUBSCRIBE_ADDED :
            result == Subscriptions.REFRESHED ? MapServerCounters.SUBSCRIBE_REFRESHED :
            MapServerCounters.SUBSCRIBE_REFUSED);
    }

    // ------------------------------------------------------------------------------------------------- encoding

    private static MapRecordEncoder encodeRecord(
        final MapRecordEncoder record, final long word0, final long hi, final long lo, final int ttlMinutes,
        final int action, final LocatorSetDecoder locators)
    {
        record.ttl(ttlMinutes & 0xFFFF_FFFFL).action(action);
        putEid(record, word0, hi, lo);
        for (int i = 0; i < locators.count(); i++)
        {
            final int at = locators.at(i);
            final DirectBuffer b = locators.buffer();
            final int flags = locators.flags(i) & (LocatorSet.FLAG_REACHABLE | LocatorSet.FLAG_PROBED);
            if (locators.afi(i) == Afi.IPV4)
            {
                record.locatorIpv4(locators.priority(i), locators.weight(i), locators.mPriority(i),
                    locators.mWeight(i), flags, locators.ipv4Address(i));
            }
            else
            {
                final int address = at + LocatorSet.ADDRESS_OFFSET;
                record.locatorIpv6(locators.priority(i), locators.weight(i), locators.mPriority(i),
                    locators.mWeight(i), flags, b.getLong(address, BIG_ENDIAN), b.getLong(address + 8, BIG_ENDIAN));
            }
        }
        return record;
    }

    private static void putEid(final MapRecordEncoder record, final long word0, final long hi, final long lo)
    {
        final int iid = EidKey.instanceId(word0);
        final int mask = EidKey.maskLength(word0);
        switch (EidKey.afi(word0))
        {
            case Afi.IPV4:
                record.eidIpv4(iid, mask, (int)(hi >>> 32));
                break;
            case Afi.IPV6:
                record.eidIpv6(iid, mask, hi, lo);
                break;
            default:
                record.eidMac(mask, hi >>> 16);
                break;
        }
    }

    private boolean send(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (nextHop == PeerTable.UNREACHABLE)
        {
            increment(MapServerCounters.TX_FAILED);
            return false;
        }
        final int result = io.offer(buffer, offset, length, nextHop);
        if (result < 0)
        {
            increment(MapServerCounters.TX_FAILED);
            return false;
        }
        increment(MapServerCounters.TX_PACKETS);
        return true;
    }

    private void increment(final int id)
    {
        // Single writer: a plain read, then an opaque store that readers on other threads see without a fence.
        COUNTERS.setOpaque(counters, id, counters[id] + 1);
    }

    private long nextNonce()
    {
        long x = nonceState;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        nonceState = x;
        return x == 0 ? 1 : x;
    }
}
