/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.core.internal.ChronicleStores;
import io.fmc4j.core.internal.OffHeap;
import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.msdb.MappingChangeListener;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.core.mapcache.ExpiryHeap;
import io.fmc4j.core.mapcache.MappingBuilder;
import io.fmc4j.core.mapcache.PrefixIndex;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.agrona.ErrorHandler;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Map-Server's mapping database: sites, and registrations of EID prefixes (locator sets, registering xTR,
 * times, merge semantics), persisted in Chronicle Map, with longest-prefix lookup for Map-Requests, the least
 * specific unregistered prefix for negative Map-Replies, and ordered change events.
 * <p>
 * <b>Threading.</b> One thread (the Map-Server's control agent) calls every method; listeners run on it.
 * <p>
 * <b>Durability.</b> Each registration is one Chronicle Map entry (key: the 24-byte {@link EidKey}; value: the
 * {@link RegistrationView} record of all registrants of the prefix), written in one step through a query context
 * (what {@code put} does, without a value object or a copy of the previous value, so a write allocates nothing):
 * Chronicle checksums entries of persisted maps, and {@code recoverPersistedTo} on reopen drops an entry a
 * {@code kill -9} interrupted, so a restarted Map-Server has every registration it had completed and nothing
 * half-written.
 * The in-memory indexes (off-heap LPM hash index, expiry heap, sorted address set) are rebuilt from the file.
 * <p>
 * <b>Expiry.</b> A registration expires 3 minutes after its last Map-Register unless the T bit asks for the
 * record TTL. A record TTL of 0 withdraws the registration.
 * <p>
 * <b>Merge.</b> A registration without the merge bit replaces every registration of the prefix. With it, the
 * registrant (identified by xTR-ID, or by RLOC when it sent none) replaces only its own previous registration
 * and the prefix's locator set is the union of the registrants' sets (first occurrence of an RLOC wins), at most
 * {@link LocatorSet#MAX_LOCATORS} locators and {@link RegistrationView#MAX_REGISTRANTS} registrants.
 */
public final class MappingDatabase implements AutoCloseable
{
    private static final int KEY_LENGTH = 24;
    private static final int CHUNK_SHIFT = 20;
    /** Default registration lifetime without the T bit (RFC 9301 §8.2: three minutes). */
    public static final long DEFAULT_REGISTRATION_TTL_MS = 180_000L;

    /**
     * Configuration: fluent setters, then {@link #conclude()}.
     */
    public static final class Context
    {
        private int capacity = 1 << 20;
        private File file;
        private EpochClock clock = SystemEpochClock.INSTANCE;
        private long registrationTtlMs = DEFAULT_REGISTRATION_TTL_MS;
        private final List<Site> sites = new ArrayList<>();
        private ErrorHandler errorHandler;
        private double averageLocators = 2;
        private boolean cacheValuesOnHeap = true;

        /**
         * Whether the latest value of each registration is also kept on the Java heap, so that lookups never copy
         * out of Chronicle Map. On (the default): Map-Request handling allocates nothing, at about 100 B of heap
         * per registration. Off: a lookup copies the value out of Chronicle (about 190 B of garbage each), and 10^7
         * registrations fit in under 4 GB of memory. Choose off for very large databases.
         *
         * @param cacheValuesOnHeap true to keep the on-heap copy.
         * @return this.
         */
        public Context cacheValuesOnHeap(final boolean cacheValuesOnHeap)
        {
            this.cacheValuesOnHeap = cacheValuesOnHeap;
            return this;
        }

        /**
         * Most registered prefixes; a registration of a new prefix beyond it is refused with
         * {@link MapCacheStatus#FULL}.
         *
         * @param capacity 1..{@code 2^30}.
         * @return this.
         */
        public Context capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /**
         * Most registered prefixes.
         *
         * @return the capacity.
         */
        public int capacity()
        {
            return capacity;
        }

        /**
         * Persist to this Chronicle Map file (null: memory only). An existing file is recovered and loaded.
         *
         * @param file the file.
         * @return this.
         */
        public Context file(final File file)
        {
            this.file = file;
            return this;
        }

        /**
         * Clock.
         *
         * @param clock epoch ms.
         * @return this.
         */
        public Context clock(final EpochClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * Registration lifetime when the T bit is clear.
         *
         * @param ttlMs milliseconds.
         * @return this.
         */
        public Context registrationTtlMs(final long ttlMs)
        {
            this.registrationTtlMs = ttlMs;
            return this;
        }

        /**
         * Expected locators per registration, for sizing the store.
         *
         * @param averageLocators 1..8.
         * @return this.
         */
        public Context averageLocators(final double averageLocators)
        {
            this.averageLocators = averageLocators;
            return this;
        }

        /**
         * Adds a site. Sites are configuration: they are not persisted, and a reloaded registration whose site
         * is no longer configured is dropped.
         *
         * @param site the site (unique name).
         * @return this.
         */
        public Context site(final Site site)
        {
            for (final Site s : sites)
            {
                if (s.name().equals(site.name()))
                {
                    throw new IllegalArgumentException("duplicate site name: " + site.name());
                }
            }
            sites.add(site);
            return this;
        }

        /**
         * Receives exceptions thrown by listeners (default: rethrown to the caller after state is committed).
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
         * Checks the configuration.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (capacity < 1 || capacity > (1 << 30))
            {
                throw new IllegalArgumentException("capacity must be 1..2^30: " + capacity);
            }
            if (registrationTtlMs <= 0)
            {
                throw new IllegalArgumentException("registrationTtlMs must be positive: " + registrationTtlMs);
            }
            if (averageLocators < 1 || averageLocators > LocatorSet.MAX_LOCATORS)
            {
                throw new IllegalArgumentException("averageLocators must be 1..8: " + averageLocators);
            }
            if (null == clock)
            {
                throw new IllegalArgumentException("clock must be set");
            }
            return this;
        }
    }

    private final Context ctx;
    private final EpochClock clock;
    private final int capacity;
    private final Site[] sites;
    private final ChronicleMap<byte[], byte[]> store;
    private final UnsafeBuffer[] keyChunks;
    private final int[] siteOfId;
    /**
     * The value last written for each id, when cached on heap: reads then never copy out of Chronicle. An array is
     * rewritten in place while the value fits it, so a refresh or a change of locators allocates nothing.
     */
    private final byte[][] values;
    /** Length of the value in {@link #values} (the array may be longer after a registrant left). */
    private final int[] valueLengths;
    private final PrefixIndex index;
    private final ExpiryHeap expiry;
    private final IntArrayQueue freeIds;
    private final SortedKeySet addresses = new SortedKeySet();
    private final byte[] keyBytes = new byte[KEY_LENGTH];
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(keyBytes);
    /** The same bytes as {@link #keyBytes}, for Chronicle's query context (no key object per write). */
    private final BytesStore<?, byte[]> keyStore = BytesStore.wrap(keyBytes);
    private final RegistrationView current = new RegistrationView();
    private final RegistrationView scratchView = new RegistrationView();
    private final byte[] recordBytes = new byte[RegistrationView.MAX_LENGTH];
    private final UnsafeBuffer record = new UnsafeBuffer(recordBytes);
    /** The same bytes as {@link #record}, written to Chronicle without an intermediate value array. */
    private final BytesStore<?, byte[]> recordStore = BytesStore.wrap(recordBytes);
    private final UnsafeBuffer oldLocators = new UnsafeBuffer(new byte[LocatorSet.MAX_LENGTH]);
    private final UnsafeBuffer valueWrapper = new UnsafeBuffer(new byte[0]);
    private final MappingChangeEvent event = new MappingChangeEvent();
    private final long[] neighbour = new long[3];
    private final long[] refusals = new long[MapCacheStatus.COUNT];
    private MappingChangeListener[] listeners = new MappingChangeListener[0];
    private int nextUnusedId;
    private long loadDropped;
    private long listenerErrors;
    private boolean closed;

    /**
     * Opens the database; with a file, recovers it, loads it and drops what expired while it was down.
     *
     * @param ctx configuration.
     * @throws IOException when the file cannot be created or recovered.
     */
    public MappingDatabase(final Context ctx) throws IOException
    {
        this.ctx = ctx.conclude();
        clock = ctx.clock;
        capacity = ctx.capacity;
        sites = ctx.sites.toArray(new Site[0]);
        keyChunks = new UnsafeBuffer[(capacity + (1 << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT];
        siteOfId = new int[capacity];
        values = ctx.cacheValuesOnHeap ? new byte[capacity][] : null;
        valueLengths = ctx.cacheValuesOnHeap ? new int[capacity] : null;
        index = new PrefixIndex(new Keys());
        expiry = new ExpiryHeap(capacity);
        freeIds = new IntArrayQueue(Math.max(8, Math.min(capacity, 1024)), -1);

        final double averageValue = RegistrationView.HEADER_LENGTH +
            RegistrationView.R_HEADER_LENGTH + ctx.averageLocators * LocatorSet.LOCATOR_LENGTH;
        final ChronicleMapBuilder<byte[], byte[]> builder = ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("fmc4j-mapping-database")
            .entries(capacity)
            .constantKeySizeBySample(new byte[KEY_LENGTH])
            .averageValueSize(averageValue)
            .checksumEntries(true)
            .maxBloatFactor(4.0);
        if (null == ctx.file)
        {
            store = builder.create();
        }
        else if (ctx.file.exists())
        {
            store = builder.recoverPersistedTo(ctx.file, true);
            load();
        }
        else
        {
            store = builder.createPersistedTo(ctx.file);
        }
    }

    /**
     * Subscribes to changes. Listeners are called in the order added.
     *
     * @param listener the listener.
     */
    public void addListener(final MappingChangeListener listener)
    {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    /**
     * Unsubscribes.
     *
     * @param listener a listener added before.
     * @return whether it was subscribed.
     */
    public boolean removeListener(final MappingChangeListener listener)
    {
        for (int i = 0; i < listeners.length; i++)
        {
            if (listeners[i] == listener)
            {
                final MappingChangeListener[] copy = new MappingChangeListener[listeners.length - 1];
                System.arraycopy(listeners, 0, copy, 0, i);
                System.arraycopy(listeners, i + 1, copy, i, listeners.length - i - 1);
                listeners = copy;
                return true;
            }
        }
        return false;
    }

    /**
     * Configured sites.
     *
     * @return unmodifiable list.
     */
    public List<Site> sites()
    {
        return List.of(sites);
    }

    /**
     * The site by name.
     *
     * @param name site name.
     * @return the site or null.
     */
    public Site site(final String name)
    {
        for (final Site s : sites)
        {
            if (s.name().equals(name))
            {
                return s;
            }
        }
        return null;
    }

    /**
     * The configured site whose allowed prefixes cover an address (a Map-Request for an EID of a configured
     * site that is not registered gets a short negative TTL).
     *
     * @param instanceId instance ID.
     * @param afi        AFI.
     * @param hi         left-aligned address high word.
     * @param lo         left-aligned address low word.
     * @return the site, or null.
     */
    public Site siteCovering(final int instanceId, final int afi, final long hi, final long lo)
    {
        final int max = Afi.maxMaskLength(afi);
        for (final Site s : sites)
        {
            if (s.acceptMoreSpecifics() && s.allows(instanceId, afi, max, hi, lo))
            {
                return s;
            }
            for (final EidPrefix p : s.allowedPrefixes())
            {
                if (p.instanceId() == instanceId && p.afi() == afi && (hi & EidKey.maskHi(p.maskLength())) == p.hi() &&
                    (lo & EidKey.maskLo(p.maskLength())) == p.lo())
                {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * Registered prefixes.
     *
     * @return the count.
     */
    public int size()
    {
        return index.size();
    }

    /**
     * Registrations refused, by reason.
     *
     * @param status a refusal code.
     * @return the count.
     */
    public long refusals(final int status)
    {
        return refusals[-status];
    }

    /**
     * Entries of a recovered file not loaded (malformed, unknown site, expired, beyond capacity).
     *
     * @return the count.
     */
    public long loadDropped()
    {
        return loadDropped;
    }

    /**
     * Exceptions thrown by listeners.
     *
     * @return the count.
     */
    public long listenerErrors()
    {
        return listenerErrors;
    }

    /**
     * Off-heap bytes the Chronicle store uses.
     *
     * @return bytes.
     */
    public long storeMemoryBytes()
    {
        return store.offHeapMemoryUsed();
    }

    /**
     * Bytes of the in-memory indexes (LPM hash tables, key table, expiry heap, sorted addresses).
     *
     * @return bytes.
     */
    public long indexMemoryBytes()
    {
        long bytes = index.memoryBytes() + addresses.memoryBytes() + capacity * 20L;
        for (final UnsafeBuffer chunk : keyChunks)
        {
            if (null != chunk)
            {
                bytes += chunk.capacity();
            }
        }
        return bytes;
    }

    /**
     * Applies one registration (one EID record of a Map-Register that authenticated for {@code site}).
     *
     * @param site         the site the Map-Register authenticated as (one of the configured sites).
     * @param registration the record.
     * @return {@link MapCacheStatus#OK} or a refusal (counted): {@link MapCacheStatus#NOT_ALLOWED},
     *         {@link MapCacheStatus#HOST_BITS_SET}, {@link MapCacheStatus#BAD_MASK_LENGTH},
     *         {@link MapCacheStatus#UNKNOWN_AFI}, {@link MapCacheStatus#BAD_LOCATOR},
     *         {@link MapCacheStatus#TOO_MANY_LOCATORS}, {@link MapCacheStatus#TOO_MANY_REGISTRANTS},
     *         {@link MapCacheStatus#FULL}; {@link MapCacheStatus#NOT_PRESENT} for a withdrawal of nothing.
     */
    public int register(final Site site, final RegistrationBuilder registration)
    {
        ensureOpen();
        final int siteIndex = siteIndex(site);
        final int iid = registration.eidInstanceId();
        final int afi = registration.eidAfi();
        final int length = registration.eidMaskLength();
        final long hi = registration.eidHi();
        final long lo = registration.eidLo();
        final int valid = EidKey.validate(iid, afi, length, hi, lo);
        if (valid != MapCacheStatus.OK)
        {
            return refuse(valid);
        }
        if (!site.allows(iid, afi, length, hi, lo))
        {
            return refuse(MapCacheStatus.NOT_ALLOWED);
        }
        final MappingBuilder mapping = registration.mapping();
        if (mapping.status() != MapCacheStatus.OK)
        {
            return refuse(mapping.status());
        }
        final int rlocAfi = registration.xtrRlocAfi();
        if (rlocAfi != Afi.IPV4 && rlocAfi != Afi.IPV6)
        {
            return refuse(MapCacheStatus.BAD_LOCATOR);
        }
        final long word0 = EidKey.word0(iid, afi, length);
        final int id = index.find(word0, hi, lo);
        final long now = clock.time();
        final boolean loaded = id >= 0 && loadCurrent(id, word0, hi, lo);
        if (mapping.ttlMinutes() == 0)
        {
            return loaded ? withdrawRegistrant(id, registration, now) : MapCacheStatus.NOT_PRESENT;
        }
        if (!loaded && index.size() >= capacity)
        {
            return refuse(MapCacheStatus.FULL);
        }

        // With the merge bit, keep the other registrants that also asked for merging; this registrant takes the
        // place of its own previous registration, or goes last.
        final int currentCount = loaded ? current.registrantCount() : 0;
        int replace = -1;
        int keptCount = 0;
        long keep = 0;
        if (loaded && registration.merge())
        {
            for (int i = 0; i < currentCount; i++)
            {
                if (sameRegistrant(current, i, registration))
                {
                    replace = i;
                    keep |= 1L << i;
                    keptCount++;
                }
                else if ((current.registrantFlags(i) & RegistrationView.FLAG_MERGE) != 0)
                {
                    keep |= 1L << i;
                    keptCount++;
                }
            }
            if (replace < 0 && keptCount == RegistrationView.MAX_REGISTRANTS)
            {
                return refuse(MapCacheStatus.TOO_MANY_REGISTRANTS);
            }
        }

        final long expiresAt;
        if (registration.useRecordTtl())
        {
            expiresAt = mapping.ttlMinutes() == Mapping.TTL_FOREVER ? Long.MAX_VALUE :
                now + (mapping.ttlMinutes() & 0xFFFF_FFFFL) * 60_000L;
        }
        else
        {
            expiresAt = now + ctx.registrationTtlMs;
        }
        int flags = 0;
        flags |= registration.merge() ? RegistrationView.FLAG_MERGE : 0;
        flags |= registration.proxyReply() || site.proxyReply() ? RegistrationView.FLAG_PROXY_REPLY : 0;
        flags |= registration.wantMapNotify() ? RegistrationView.FLAG_WANT_MAP_NOTIFY : 0;
        flags |= registration.useRecordTtl() ? RegistrationView.FLAG_RECORD_TTL : 0;

        // Assemble: registrants first (behind room for the merged set), then the merged set in front.
        final int n = replace >= 0 ? keptCount : keptCount + 1;
        final int mergedRoom = n > 1 ? LocatorSet.MAX_LENGTH : 0;
        int at = RegistrationView.HEADER_LENGTH + mergedRoom;
        for (int i = 0; i < currentCount; i++)
        {
            if (i == replace)
            {
                at = writeRegistrant(at, registration, flags, now, expiresAt);
            }
            else if ((keep & (1L << i)) != 0)
            {
                final int from = current.registrantOffset(i);
                final int len = RegistrationView.registrantLength(current.buffer().getByte(from +
                    RegistrationView.R_COUNT) & 0xFF);
                record.putBytes(at, current.buffer(), from, len);
                at += len;
            }
        }
        if (replace < 0)
        {
            at = writeRegistrant(at, registration, flags, now, expiresAt);
        }
        final int recordLength = finishRecord(n, at, mergedRoom, siteIndex);
        if (recordLength < 0)
        {
            return refuse(recordLength);
        }

        final int oldCount = loaded ? copyOldLocators() : 0;
        final int newId = commit(id, loaded, word0, hi, lo, recordLength, siteIndex);
        scratchView.key(word0, hi, lo, site);
        scratchView.load(word0, hi, lo, record, 0, recordLength, site);
        final LocatorSetDecoder merged = scratchView.locators();
        final int type;
        if (!loaded)
        {
            type = MappingChangeType.REGISTERED;
        }
        else if (oldCount != merged.count() ||
            !LocatorSet.equals(oldLocators, 0, merged.buffer(), merged.offset(), oldCount))
        {
            type = MappingChangeType.UPDATED;
        }
        else
        {
            type = 0;
        }
        if (type != 0 && newId >= 0)
        {
            event.set(type, word0, hi, lo, site.name(), now)
                .xtr(rlocAfi, registration.xtrRlocHi(), registration.xtrRlocLo(), registration.xtrIdHi(),
                    registration.xtrIdLo(), registration.siteId())
                .locators(oldLocators, 0, oldCount, merged.buffer(), merged.offset(), merged.count());
            fire();
        }
        return MapCacheStatus.OK;
    }

    /**
     * Withdraws every registration of a prefix (operator action).
     *
     * @param prefix the registered prefix.
     * @return {@link MapCacheStatus#OK} or {@link MapCacheStatus#NOT_PRESENT}.
     */
    public int withdraw(final EidPrefix prefix)
    {
        ensureOpen();
        final int id = index.find(prefix.word0(), prefix.hi(), prefix.lo());
        if (id < 0 || !loadCurrent(id, prefix.word0(), prefix.hi(), prefix.lo()))
        {
            return MapCacheStatus.NOT_PRESENT;
        }
        rebuildWithout(id, -1L, MappingChangeType.WITHDRAWN, 0, clock.time());
        return MapCacheStatus.OK;
    }

    /**
     * Drops registrations whose time has passed, firing {@link MappingChangeType#EXPIRED} for each prefix that
     * loses one. Call from the Map-Server's duty cycle.
     *
     * @return prefixes changed.
     */
    public int expire()
    {
        ensureOpen();
        final long now = clock.time();
        int n = 0;
        while (expiry.size() > 0 && expiry.peekExpiry() <= now)
        {
            final int id = expiry.peek();
            final long word0 = keyWord(id, 0);
            final long hi = keyWord(id, 8);
            final long lo = keyWord(id, 16);
            if (!loadCurrent(id, word0, hi, lo))
            {
                dropId(id, word0, hi, lo);
                continue;
            }
            long expired = 0;
            int first = -1;
            for (int i = 0; i < current.registrantCount(); i++)
            {
                if (current.expiryMs(i) <= now)
                {
                    expired |= 1L << i;
                    first = first < 0 ? i : first;
                }
            }
            if (expired == 0)
            {
                expiry.put(id, minExpiry(current));
                continue;
            }
            rebuildWithout(id, expired, MappingChangeType.EXPIRED, first, now);
            n++;
        }
        return n;
    }

    /**
     * Longest-prefix match for a Map-Request.
     *
     * @param instanceId instance ID.
     * @param afi        AFI of the requested EID.
     * @param hi         left-aligned address high word.
     * @param lo         left-aligned address low word.
     * @param out        receives the registrations.
     * @return {@link MapCacheStatus#FOUND}, {@link MapCacheStatus#NO_MAPPING}, {@link MapCacheStatus#EXPIRED}
     *         (every registrant timed out, not yet swept) or {@link MapCacheStatus#UNKNOWN_AFI}.
     */
    public int lookup(final int instanceId, final int afi, final long hi, final long lo, final RegistrationView out)
    {
        ensureOpen();
        if (!EidKey.isEidAfi(afi))
        {
            return MapCacheStatus.UNKNOWN_AFI;
        }
        final int id = index.longestMatch(instanceId & EidKey.MAX_INSTANCE_ID, afi, hi, lo);
        if (id < 0)
        {
            return MapCacheStatus.NO_MAPPING;
        }
        final long word0 = keyWord(id, 0);
        final long khi = keyWord(id, 8);
        final long klo = keyWord(id, 16);
        final int length = wrapValue(id, word0, khi, klo);
        if (length < 0 || !out.load(word0, khi, klo, valueWrapper, 0, length, sites[siteOfId[id]]))
        {
            return MapCacheStatus.NO_MAPPING;
        }
        return minExpiry(out) <= clock.time() ? MapCacheStatus.EXPIRED : MapCacheStatus.FOUND;
    }

    /**
     * Exact lookup of a registered prefix.
     *
     * @param prefix the prefix.
     * @param out    receives the registrations.
     * @return {@link MapCacheStatus#FOUND} or {@link MapCacheStatus#NOT_PRESENT}.
     */
    public int get(final EidPrefix prefix, final RegistrationView out)
    {
        ensureOpen();
        final int id = index.find(prefix.word0(), prefix.hi(), prefix.lo());
        if (id < 0)
        {
            return MapCacheStatus.NOT_PRESENT;
        }
        final int length = wrapValue(id, prefix.word0(), prefix.hi(), prefix.lo());
        return length >= 0 && out.load(prefix.word0(), prefix.hi(), prefix.lo(), valueWrapper, 0, length,
            sites[siteOfId[id]]) ? MapCacheStatus.FOUND : MapCacheStatus.NOT_PRESENT;
    }

    /**
     * Mask length of the least specific prefix that contains the address and no registered prefix: the prefix
     * of a negative Map-Reply.
     *
     * @param instanceId instance ID.
     * @param afi        AFI.
     * @param hi         left-aligned address high word.
     * @param lo         left-aligned address low word.
     * @return 0..max length; -1 when a registered prefix covers the address; {@link MapCacheStatus#UNKNOWN_AFI}
     *         for an AFI without prefixes.
     */
    public int negativePrefixLength(final int instanceId, final int afi, final long hi, final long lo)
    {
        ensureOpen();
        if (!EidKey.isEidAfi(afi))
        {
            return MapCacheStatus.UNKNOWN_AFI;
        }
        final int iid = instanceId & EidKey.MAX_INSTANCE_ID;
        if (index.longestMatch(iid, afi, hi, lo) >= 0)
        {
            return -1;
        }
        final long group = EidKey.word0(iid, afi, 0);
        int longest = -1;
        if (addresses.floor(group, hi, lo, neighbour) && neighbour[0] == group)
        {
            longest = Math.max(longest, EidKey.commonPrefixLength(hi, lo, neighbour[1], neighbour[2]));
        }
        if (addresses.ceiling(group, hi, lo, neighbour) && neighbour[0] == group)
        {
            longest = Math.max(longest, EidKey.commonPrefixLength(hi, lo, neighbour[1], neighbour[2]));
        }
        return Math.min(longest + 1, Afi.maxMaskLength(afi));
    }

    /**
     * Closes the store; the file stays consistent and is reloaded by the next open.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            store.close();
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("mapping database is closed");
        }
    }

    private int siteIndex(final Site site)
    {
        for (int i = 0; i < sites.length; i++)
        {
            if (sites[i] == site)
            {
                return i;
            }
        }
        throw new IllegalArgumentException("site is not configured in this database: " + site);
    }

    private int refuse(final int status)
    {
        refusals[-status]++;
        return status;
    }

    private static boolean sameRegistrant(final RegistrationView view, final int i, final RegistrationBuilder r)
    {
        if (r.xtrIdHi() != 0 || r.xtrIdLo() != 0)
        {
            return view.xtrIdHi(i) == r.xtrIdHi() && view.xtrIdLo(i) == r.xtrIdLo();
        }
        return view.xtrIdHi(i) == 0 && view.xtrIdLo(i) == 0 && view.xtrRlocAfi(i) == r.xtrRlocAfi() &&
            view.xtrRlocHi(i) == r.xtrRlocHi() && view.xtrRlocLo(i) == r.xtrRlocLo();
    }

    private int writeRegistrant(
        final int at, final RegistrationBuilder r, final int flags, final long now, final long expiresAt)
    {
        final MappingBuilder m = r.mapping();
        final int count = m.locatorCount();
        record.putShort(at + RegistrationView.R_AFI, (short)r.xtrRlocAfi());
        record.putByte(at + RegistrationView.R_FLAGS, (byte)flags);
        record.putByte(at + RegistrationView.R_COUNT, (byte)count);
        record.putInt(at + RegistrationView.R_TTL, m.ttlMinutes());
        record.putLong(at + RegistrationView.R_RLOC_HI, r.xtrRlocHi());
        record.putLong(at + RegistrationView.R_RLOC_LO, r.xtrRlocLo());
        record.putLong(at + RegistrationView.R_XTR_ID_HI, r.xtrIdHi());
        record.putLong(at + RegistrationView.R_XTR_ID_LO, r.xtrIdLo());
        record.putLong(at + RegistrationView.R_SITE_ID, r.siteId());
        record.putLong(at + RegistrationView.R_REGISTERED, now);
        record.putLong(at + RegistrationView.R_EXPIRY, expiresAt);
        record.putShort(at + RegistrationView.R_VERSION, (short)(m.mapVersion() & 0xFFF));
        record.putByte(at + RegistrationView.R_ACTION, (byte)m.action());
        record.putByte(at + RegistrationView.R_ACTION + 1, (byte)0);
        record.putInt(at + RegistrationView.R_ACTION + 2, 0);
        record.putBytes(at + RegistrationView.R_HEADER_LENGTH, m.locators(), 0, count * LocatorSet.LOCATOR_LENGTH);
        return at + RegistrationView.registrantLength(count);
    }

    /**
     * Fills the header and the merged set of the record assembled in {@link #record}, closing the gap left for
     * the merged set.
     *
     * @return the record length or a negative status.
     */
    private int finishRecord(final int registrants, final int end, final int mergedRoom, final int siteIndex)
    {
        record.putByte(RegistrationView.COUNT_OFFSET, (byte)registrants);
        record.putByte(RegistrationView.RECORD_FLAGS_OFFSET, (byte)0);
        record.putByte(RegistrationView.RECORD_FLAGS_OFFSET + 1, (byte)0);
        record.putInt(RegistrationView.SITE_HASH_OFFSET, sites[siteIndex].name().hashCode());
        if (registrants == 1)
        {
            record.putByte(RegistrationView.MERGED_COUNT_OFFSET, (byte)0);
            return end;
        }
        int merged = 0;
        int at = RegistrationView.HEADER_LENGTH + mergedRoom;
        for (int r = 0; r < registrants; r++)
        {
            final int count = record.getByte(at + RegistrationView.R_COUNT) & 0xFF;
            for (int i = 0; i < count; i++)
            {
                final int loc = at + RegistrationView.R_HEADER_LENGTH + i * LocatorSet.LOCATOR_LENGTH;
                boolean duplicate = false;
                for (int j = 0; j < merged && !duplicate; j++)
                {
                    final int other = RegistrationView.HEADER_LENGTH + j * LocatorSet.LOCATOR_LENGTH;
                    duplicate = record.getShort(loc) == record.getShort(other) &&
                        record.getLong(loc + LocatorSet.ADDRESS_OFFSET) ==
                        record.getLong(other + LocatorSet.ADDRESS_OFFSET) &&
                        record.getLong(loc + LocatorSet.ADDRESS_OFFSET + 8) ==
                        record.getLong(other + LocatorSet.ADDRESS_OFFSET + 8);
                }
                if (!duplicate)
                {
                    if (merged == LocatorSet.MAX_LOCATORS)
                    {
                        return MapCacheStatus.TOO_MANY_LOCATORS;
                    }
                    record.putBytes(RegistrationView.HEADER_LENGTH + merged * LocatorSet.LOCATOR_LENGTH, record, loc,
                        LocatorSet.LOCATOR_LENGTH);
                    merged++;
                }
            }
            at += RegistrationView.registrantLength(count);
        }
        record.putByte(RegistrationView.MERGED_COUNT_OFFSET, (byte)merged);
        final int used = merged * LocatorSet.LOCATOR_LENGTH;
        final int registrantsStart = RegistrationView.HEADER_LENGTH + mergedRoom;
        record.putBytes(RegistrationView.HEADER_LENGTH + used, record, registrantsStart, end - registrantsStart);
        return end - (mergedRoom - used);
    }

    private int copyOldLocators()
    {
        final LocatorSetDecoder old = current.locators();
        oldLocators.putBytes(0, old.buffer(), old.offset(), old.count() * LocatorSet.LOCATOR_LENGTH);
        return old.count();
    }

    /**
     * Writes the assembled record to the store of record, then the indexes.
     *
     * @return the id.
     */
    private int commit(
        final int id, final boolean loaded, final long word0, final long hi, final long lo, final int length,
        final int siteIndex)
    {
        putKey(word0, hi, lo);
        writeStore(length);
        scratchView.load(word0, hi, lo, record, 0, length, sites[siteIndex]);
        final long minExpiry = minExpiry(scratchView);
        if (loaded)
        {
            siteOfId[id] = siteIndex;
            rememberRecord(id, length);
            expiry.put(id, minExpiry);
            return id;
        }
        final int newId = allocateId();
        rememberRecord(newId, length);
        writeKey(newId, word0, hi, lo);
        siteOfId[newId] = siteIndex;
        index.put(word0, hi, lo, newId);
        addresses.add(word0 & ~0xFFL, hi, lo);
        expiry.put(newId, minExpiry);
        return newId;
    }

    private int withdrawRegistrant(final int id, final RegistrationBuilder r, final long now)
    {
        long mask = 0;
        int first = -1;
        for (int i = 0; i < current.registrantCount(); i++)
        {
            if (sameRegistrant(current, i, r))
            {
                mask |= 1L << i;
                first = first < 0 ? i : first;
            }
        }
        if (mask == 0)
        {
            return MapCacheStatus.NOT_PRESENT;
        }
        rebuildWithout(id, mask, MappingChangeType.WITHDRAWN, first, now);
        return MapCacheStatus.OK;
    }

    /**
     * Removes registrants (bit i of {@code mask}; -1 for all) from the prefix loaded in {@link #current}, deletes
     * the prefix when none remain, and fires one event naming registrant {@code cause}.
     */
    private void rebuildWithout(final int id, final long mask, final int type, final int cause, final long now)
    {
        final long word0 = current.word0();
        final long hi = current.hi();
        final long lo = current.lo();
        final Site site = current.site();
        final int oldCount = copyOldLocators();
        final int causeOffset = current.registrantOffset(cause);
        final UnsafeBuffer cb = current.buffer();
        event.set(type, word0, hi, lo, site.name(), now).xtr(
            cb.getShort(causeOffset + RegistrationView.R_AFI) & 0xFFFF,
            cb.getLong(causeOffset + RegistrationView.R_RLOC_HI), cb.getLong(causeOffset + RegistrationView.R_RLOC_LO),
            cb.getLong(causeOffset + RegistrationView.R_XTR_ID_HI),
            cb.getLong(causeOffset + RegistrationView.R_XTR_ID_LO),
            cb.getLong(causeOffset + RegistrationView.R_SITE_ID));

        final int count = current.registrantCount();
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            kept += (mask & (1L << i)) == 0 ? 1 : 0;
        }
        if (kept == 0)
        {
            dropId(id, word0, hi, lo);
            event.locators(oldLocators, 0, oldCount, oldLocators, 0, 0);
            fire();
            return;
        }
        final int mergedRoom = kept > 1 ? LocatorSet.MAX_LENGTH : 0;
        int at = RegistrationView.HEADER_LENGTH + mergedRoom;
        for (int i = 0; i < count; i++)
        {
            if ((mask & (1L << i)) == 0)
            {
                final int from = current.registrantOffset(i);
                final int len = RegistrationView.registrantLength(cb.getByte(from + RegistrationView.R_COUNT) & 0xFF);
                record.putBytes(at, cb, from, len);
                at += len;
            }
        }
        final int length = finishRecord(kept, at, mergedRoom, siteOfId[id]);
        commit(id, true, word0, hi, lo, length, siteOfId[id]);
        final LocatorSetDecoder merged = scratchView.locators();
        event.locators(oldLocators, 0, oldCount, merged.buffer(), merged.offset(), merged.count());
        fire();
    }

    /**
     * Writes {@link #record} under {@link #keyBytes} through Chronicle's query context (no arrays allocated).
     */
    private void writeStore(final int length)
    {
        ChronicleStores.write(store, keyStore, KEY_LENGTH, recordStore, length);
    }

    /**
     * Removes the entry under {@link #keyBytes} without copying its value out.
     */
    private void removeFromStore()
    {
        ChronicleStores.remove(store, keyStore, KEY_LENGTH);
    }

    private void dropId(final int id, final long word0, final long hi, final long lo)
    {
        putKey(word0, hi, lo);
        removeFromStore();
        index.remove(word0, hi, lo);
        addresses.remove(word0 & ~0xFFL, hi, lo);
        expiry.remove(id);
        remember(id, null);
        freeIds.addInt(id);
    }

    private static long minExpiry(final RegistrationView view)
    {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < view.registrantCount(); i++)
        {
            min = Math.min(min, view.expiryMs(i));
        }
        return min;
    }

    private void remember(final int id, final byte[] value)
    {
        if (values != null)
        {
            values[id] = value;
            valueLengths[id] = null == value ? 0 : value.length;
        }
    }

    /**
     * Copies {@link #record} into the on-heap value of {@code id}, in place when it fits (arrays are sized in
     * multiples of 8 bytes, which the JVM's object alignment costs anyway).
     */
    private void rememberRecord(final int id, final int length)
    {
        if (values != null)
        {
            byte[] value = values[id];
            if (null == value || value.length < length)
            {
                value = new byte[(length + 7) & ~7];
                values[id] = value;
            }
            record.getBytes(0, value, 0, length);
            valueLengths[id] = length;
        }
    }

    /**
     * Wraps {@link #valueWrapper} around the value of {@code id}.
     *
     * @return the value's length, or -1 when there is none.
     */
    private int wrapValue(final int id, final long word0, final long hi, final long lo)
    {
        if (values != null)
        {
            final byte[] value = values[id];
            if (null == value)
            {
                return -1;
            }
            valueWrapper.wrap(value);
            return valueLengths[id];
        }
        putKey(word0, hi, lo);
        final byte[] value = store.get(keyBytes);
        if (null == value)
        {
            return -1;
        }
        valueWrapper.wrap(value);
        return value.length;
    }

    private boolean loadCurrent(final int id, final long word0, final long hi, final long lo)
    {
        final int length = wrapValue(id, word0, hi, lo);
        return length >= 0 && current.load(word0, hi, lo, valueWrapper, 0, length, sites[siteOfId[id]]);
    }

    private void fire()
    {
        final MappingChangeListener[] ls = listeners;
        for (final MappingChangeListener l : ls)
        {
            try
            {
                l.onMappingChange(event);
            }
            catch (final RuntimeException ex)
            {
                listenerErrors++;
                if (null == ctx.errorHandler)
                {
                    throw ex;
                }
                ctx.errorHandler.onError(ex);
            }
        }
    }

    private void putKey(final long word0, final long hi, final long lo)
    {
        keyBuffer.putLong(0, word0);
        keyBuffer.putLong(8, hi);
        keyBuffer.putLong(16, lo);
    }

    private int allocateId()
    {
        if (!freeIds.isEmpty())
        {
            return freeIds.pollInt();
        }
        final int id = nextUnusedId++;
        final int chunk = id >>> CHUNK_SHIFT;
        if (null == keyChunks[chunk])
        {
            final int ids = Math.min(1 << CHUNK_SHIFT, capacity - (chunk << CHUNK_SHIFT));
            keyChunks[chunk] = new UnsafeBuffer(OffHeap.allocate(ids * KEY_LENGTH));
        }
        return id;
    }

    private void writeKey(final int id, final long word0, final long hi, final long lo)
    {
        final UnsafeBuffer chunk = keyChunks[id >>> CHUNK_SHIFT];
        final int at = (id & ((1 << CHUNK_SHIFT) - 1)) * KEY_LENGTH;
        chunk.putLong(at, word0);
        chunk.putLong(at + 8, hi);
        chunk.putLong(at + 16, lo);
    }

    private long keyWord(final int id, final int offset)
    {
        return keyChunks[id >>> CHUNK_SHIFT].getLong((id & ((1 << CHUNK_SHIFT) - 1)) * KEY_LENGTH + offset);
    }

    private void load()
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
        final List<byte[]> dropped = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> e : store.entrySet())
        {
            final byte[] k = e.getKey();
            final byte[] v = e.getValue();
            if (k.length != KEY_LENGTH)
            {
                dropped.add(k);
                continue;
            }
            key.wrap(k);
            final long word0 = key.getLong(0);
            final long hi = key.getLong(8);
            final long lo = key.getLong(16);
            valueWrapper.wrap(v);
            final int siteIndex = v.length >= RegistrationView.HEADER_LENGTH ?
                siteByHash(valueWrapper.getInt(RegistrationView.SITE_HASH_OFFSET)) : -1;
            if ((word0 >>> 56) != 0 || siteIndex < 0 || index.size() >= capacity ||
                EidKey.validate(EidKey.instanceId(word0), EidKey.afi(word0), EidKey.maskLength(word0), hi, lo) !=
                MapCacheStatus.OK ||
                !current.load(word0, hi, lo, valueWrapper, 0, v.length, sites[siteIndex]))
            {
                dropped.add(k);
                continue;
            }
            final int id = allocateId();
            writeKey(id, word0, hi, lo);
            remember(id, v);
            siteOfId[id] = siteIndex;
            index.put(word0, hi, lo, id);
            addresses.add(word0 & ~0xFFL, hi, lo);
            expiry.put(id, minExpiry(current));
        }
        for (final byte[] k : dropped)
        {
            store.remove(k);
        }
        loadDropped = dropped.size();
        final int before = index.size();
        expire();
        loadDropped += before - index.size();
    }

    private int siteByHash(final int hash)
    {
        for (int i = 0; i < sites.length; i++)
        {
            if (sites[i].name().hashCode() == hash)
            {
                return i;
            }
        }
        return -1;
    }

    private final class Keys implements PrefixIndex.KeySource
    {
        @Override
        public long word0(final int id)
        {
            return keyWord(id, 0);
        }

        @Override
        public long hi(final int id)
        {
            return keyWord(id, 8);
        }

        @Override
        public long lo(final int id)
        {
            return keyWord(id, 16);
        }
    }
}
