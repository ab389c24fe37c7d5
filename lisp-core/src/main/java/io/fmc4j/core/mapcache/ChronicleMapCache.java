/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.core.internal.ChronicleStores;
import io.fmc4j.core.internal.OffHeap;
import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCache;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.mapcache.MappingView;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Map;

/**
 * The ITR's EID-to-RLOC map-cache: Chronicle Map is the store of record (optionally persisted to a file, so that
 * a restarted xTR starts warm) and an off-heap, read-optimised copy serves the data path.
 * <p>
 * <b>Read side.</b> Mappings live in fixed-size off-heap records, each guarded by a sequence word, indexed by a
 * {@link PrefixIndex} (hash table per prefix length, length bitmap per AFI). A {@link MapCacheReader} probes the
 * lengths in use, longest first, confirms the key against the record and copies the record into the caller's
 * {@link MappingView} between two reads of the sequence word; if a recycled record or a moving sequence is seen,
 * it starts over. Readers never wait for the writer and never allocate.
 * <p>
 * <b>Write side: one thread.</b> An update writes the new mapping into a free record and then swings the index
 * slot to it (copy-on-write), so a racing reader sees the old or the new mapping whole. Freed records are reused
 * first-in first-out, which makes a reader's restart rare.
 * <p>
 * <b>Bound and eviction.</b> At most {@link Context#capacity()} prefixes. Inserting a new prefix into a full cache
 * first drops every expired mapping; if none had expired it evicts the mapping that expires soonest (negative
 * mappings, with their short TTLs, go first). Updating a prefix already cached never evicts. With
 * {@link Context#evictWhenFull(boolean) evictWhenFull(false)} the insert is refused with
 * {@link MapCacheStatus#FULL} and counted instead.
 */
public final class ChronicleMapCache implements MapCache, AutoCloseable
{
    /** Addresses a reader looks up together in {@link Reader#lookupIpv4Burst}. */
    public static final int BURST = 32;
    /** {@link Reader#ipv4Entry}: no prefix covers the address. */
    public static final int ENTRY_NO_MAPPING = 0;
    /** {@link Reader#ipv4Entry}: the instance ID has no DIR-24-8 table. */
    public static final int ENTRY_NO_TABLE = -1;
    /** Records per arena chunk. */
    static final int CHUNK_SHIFT = 20;
    /** {@link Reader#resolveIpv4}: the fast path does not apply; look up the whole mapping instead. */
    public static final long RESOLVE_FALLBACK = -1L;
    static final int SEQ_OFFSET = ForwardingLine.SEQ_OFFSET;
    /** After the forwarding line: the rest of the mapping (key lo, record TTL, flags, then the locators). */
    static final int LO_OFFSET = ForwardingLine.LENGTH;
    static final int TTL_OFFSET = LO_OFFSET + 8;
    static final int FLAGS_OFFSET = TTL_OFFSET + 4;
    static final int LOCATORS_OFFSET = FLAGS_OFFSET + 4;
    private static final int KEY_LENGTH = 24;

    /**
     * Configuration, Aeron style: fluent setters, then {@link #conclude()} checks once.
     */
    public static final class Context
    {
        private int capacity = 65_536;
        private int maxLocators = LocatorSet.MAX_LOCATORS;
        private File file;
        private EpochClock clock = SystemEpochClock.INSTANCE;
        private boolean evictWhenFull = true;
        private int[] ipv4DirectInstanceIds = new int[0];

        /**
         * Most prefixes held.
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
         * Most prefixes held.
         *
         * @return the capacity.
         */
        public int capacity()
        {
            return capacity;
        }

        /**
         * Most locators per mapping; sizes the off-heap records: a 64-byte {@code ForwardingLine}, the rest of the
         * mapping's header and the locators, {@code 80 + 24 * n} bytes rounded up to 64.
         *
         * @param maxLocators 1..8.
         * @return this.
         */
        public Context maxLocators(final int maxLocators)
        {
            this.maxLocators = maxLocators;
            return this;
        }

        /**
         * Most locators per mapping.
         *
         * @return the bound.
         */
        public int maxLocators()
        {
            return maxLocators;
        }

        /**
         * Persist the store of record to this file (null: memory only). An existing file is recovered and its
         * unexpired mappings loaded.
         *
         * @param file the Chronicle Map file.
         * @return this.
         */
        public Context file(final File file)
        {
            this.file = file;
            return this;
        }

        /**
         * Persistence file.
         *
         * @return the file or null.
         */
        public File file()
        {
            return file;
        }

        /**
         * Clock for TTLs and expiry.
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
         * Clock for TTLs and expiry.
         *
         * @return the clock.
         */
        public EpochClock clock()
        {
            return clock;
        }

        /**
         * Evict the soonest-expiring mapping when full (true, the default) or refuse the insert.
         *
         * @param evictWhenFull the rule.
         * @return this.
         */
        public Context evictWhenFull(final boolean evictWhenFull)
        {
            this.evictWhenFull = evictWhenFull;
            return this;
        }

        /**
         * Eviction rule.
         *
         * @return true to evict.
         */
        public boolean evictWhenFull()
        {
            return evictWhenFull;
        }

        /**
         * Instance IDs whose IPv4 prefixes also get a DIR-24-8 table (64 MiB each, plus 1 KiB per /24 holding
         * prefixes longer than /24): IPv4 lookups in them cost one or two loads instead of one hash probe per
         * prefix length in use. Default: none.
         *
         * @param instanceIds instance IDs.
         * @return this.
         */
        public Context ipv4DirectInstanceIds(final int... instanceIds)
        {
            this.ipv4DirectInstanceIds = instanceIds.clone();
            return this;
        }

        /**
         * Instance IDs with a DIR-24-8 IPv4 table.
         *
         * @return a copy.
         */
        public int[] ipv4DirectInstanceIds()
        {
            return ipv4DirectInstanceIds.clone();
        }

        /**
         * Checks the configuration.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad setting.
         */
        public Context conclude()
        {
            if (capacity < 1 || capacity > (1 << 30))
            {
                throw new IllegalArgumentException("capacity must be 1..2^30: " + capacity);
            }
            if (maxLocators < 1 || maxLocators > LocatorSet.MAX_LOCATORS)
            {
                throw new IllegalArgumentException("maxLocators must be 1.." + LocatorSet.MAX_LOCATORS + ": " +
                    maxLocators);
            }
            if (null == clock)
            {
                throw new IllegalArgumentException("clock must be set");
            }
            for (final int iid : ipv4DirectInstanceIds)
            {
                if ((iid & ~EidKey.MAX_INSTANCE_ID) != 0)
                {
                    throw new IllegalArgumentException("instance ID out of range: " + iid);
                }
            }
            return this;
        }
    }

    private final Context ctx;
    private final EpochClock clock;
    private final int capacity;
    private final int maxLocators;
    private final int recordLength;
    private final int idCapacity;
    private final int chunkRecords;
    private final UnsafeBuffer[] chunks;
    private final PrefixIndex index;
    private final Ipv4DirectTable[] direct;
    private final ExpiryHeap expiry;
    private final IntArrayQueue freeIds;
    private final ChronicleMap<byte[], byte[]> store;
    private final byte[] keyBytes = new byte[KEY_LENGTH];
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(keyBytes);
    private final BytesStore<?, byte[]> keyStore = BytesStore.wrap(keyBytes);
    private final byte[][] valueBytes = new byte[LocatorSet.MAX_LOCATORS + 1][];
    private final UnsafeBuffer[] valueBuffers = new UnsafeBuffer[LocatorSet.MAX_LOCATORS + 1];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final BytesStore<?, byte[]>[] valueStores = new BytesStore[LocatorSet.MAX_LOCATORS + 1];
    private final long[] refusals = new long[MapCacheStatus.COUNT];
    private int nextUnusedId;
    private long evictions;
    private long expirations;
    private long loadDropped;
    private boolean closed;

    /**
     * Opens a map-cache; with a file, recovers it and loads every mapping that has not expired.
     *
     * @param ctx configuration ({@link Context#conclude()} is called).
     * @throws IOException when the file cannot be created or recovered.
     */
    public ChronicleMapCache(final Context ctx) throws IOException
    {
        this.ctx = ctx.conclude();
        clock = ctx.clock();
        capacity = ctx.capacity();
        maxLocators = ctx.maxLocators();
        recordLength = (LOCATORS_OFFSET + maxLocators * LocatorSet.LOCATOR_LENGTH + 63) & ~63;
        // One record more than the capacity: an update writes the new mapping before it frees the old one.
        idCapacity = capacity + 1;
        chunkRecords = Math.min(idCapacity, 1 << CHUNK_SHIFT);
        chunks = new UnsafeBuffer[(idCapacity + (1 << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT];
        final RecordKeys recordKeys = new RecordKeys();
        index = new PrefixIndex(recordKeys);
        final int[] directIids = ctx.ipv4DirectInstanceIds();
        direct = new Ipv4DirectTable[directIids.length];
        for (int i = 0; i < directIids.length; i++)
        {
            direct[i] = new Ipv4DirectTable(directIids[i], Math.min(idCapacity, 1 << 24), recordKeys, index);
        }
        expiry = new ExpiryHeap(idCapacity);
        freeIds = new IntArrayQueue(Math.max(8, Math.min(capacity, 1024)), -1);
        for (int i = 0; i <= LocatorSet.MAX_LOCATORS; i++)
        {
            valueBytes[i] = new byte[Mapping.length(i) - KEY_LENGTH];
            valueBuffers[i] = new UnsafeBuffer(valueBytes[i]);
            valueStores[i] = BytesStore.wrap(valueBytes[i]);
        }

        final ChronicleMapBuilder<byte[], byte[]> builder = ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("fmc4j-map-cache")
            .entries(capacity)
            .constantKeySizeBySample(new byte[KEY_LENGTH])
            .averageValueSize(Mapping.length(Math.min(2, maxLocators)) - KEY_LENGTH)
            .maxBloatFactor(4.0);
        final File file = ctx.file();
        if (null == file)
        {
            store = builder.create();
        }
        else if (file.exists())
        {
            store = builder.recoverPersistedTo(file, true);
            load();
        }
        else
        {
            store = builder.createPersistedTo(file);
        }
    }

    /**
     * The configuration.
     *
     * @return the context.
     */
    public Context context()
    {
        return ctx;
    }

    @Override
    public MapCacheReader newReader()
    {
        return new Reader(clock);
    }

    @Override
    public MapCacheReader newReader(final EpochClock clock)
    {
        return new Reader(clock);
    }

    @Override
    public int size()
    {
        return index.size();
    }

    @Override
    public int capacity()
    {
        return capacity;
    }

    /**
     * Inserts or replaces the mapping of a prefix (writer thread).
     *
     * @param prefix  the EID prefix.
     * @param mapping the mapping.
     * @return {@link MapCacheStatus#OK} or a refusal (counted, see {@link #refusals(int)}).
     */
    public int put(final EidPrefix prefix, final MappingBuilder mapping)
    {
        return put(prefix.instanceId(), prefix.afi(), prefix.maskLength(), prefix.hi(), prefix.lo(), mapping);
    }

    /**
     * Inserts or replaces the mapping of a prefix whose address is read from a buffer (writer thread).
     *
     * @param instanceId instance ID.
     * @param afi        IPv4, IPv6 or MAC.
     * @param maskLength prefix length.
     * @param buffer     holding the address (network order).
     * @param offset     of the address.
     * @param mapping    the mapping.
     * @return {@link MapCacheStatus#OK} or a refusal.
     */
    public int put(
        final int instanceId,
        final int afi,
        final int maskLength,
        final DirectBuffer buffer,
        final int offset,
        final MappingBuilder mapping)
    {
        if (!EidKey.isEidAfi(afi))
        {
            return refuse(MapCacheStatus.UNKNOWN_AFI);
        }
        return put(instanceId, afi, maskLength, EidKey.readHi(afi, buffer, offset), EidKey.readLo(afi, buffer, offset),
            mapping);
    }

    /**
     * Inserts or replaces the mapping of a prefix in the compact form (writer thread).
     *
     * @param instanceId instance ID.
     * @param afi        IPv4, IPv6 or MAC.
     * @param maskLength prefix length.
     * @param hi         left-aligned high word (host bits clear).
     * @param lo         left-aligned low word.
     * @param mapping    the mapping.
     * @return {@link MapCacheStatus#OK} or a refusal.
     */
    public int put(
        final int instanceId, final int afi, final int maskLength, final long hi, final long lo,
        final MappingBuilder mapping)
    {
        ensureOpen();
        final int valid = EidKey.validate(instanceId, afi, maskLength, hi, lo);
        if (valid != MapCacheStatus.OK)
        {
            return refuse(valid);
        }
        if (mapping.status() != MapCacheStatus.OK)
        {
            return refuse(mapping.status());
        }
        final int count = mapping.locatorCount();
        if (count > maxLocators)
        {
            return refuse(MapCacheStatus.TOO_MANY_LOCATORS);
        }
        final long word0 = EidKey.word0(instanceId, afi, maskLength);
        final int existing = index.find(word0, hi, lo);
        final long now = clock.time();
        if (existing < 0 && index.size() >= capacity)
        {
            expire(now);
            if (index.size() >= capacity)
            {
                if (!ctx.evictWhenFull())
                {
                    return refuse(MapCacheStatus.FULL);
                }
                evictions++;
                removeId(expiry.peek());
            }
        }
        final long expiryMs = mapping.expiryAt(now);

        final byte[] value = valueBytes[count];
        final UnsafeBuffer v = valueBuffers[count];
        v.putLong(Mapping.EXPIRY_OFFSET - KEY_LENGTH, expiryMs);
        v.putInt(Mapping.TTL_OFFSET - KEY_LENGTH, mapping.ttlMinutes());
        v.putShort(Mapping.VERSION_OFFSET - KEY_LENGTH, (short)(mapping.mapVersion() & 0xFFF));
        v.putByte(Mapping.ACTION_OFFSET - KEY_LENGTH, (byte)mapping.action());
        v.putByte(Mapping.COUNT_OFFSET - KEY_LENGTH, (byte)count);
        v.putInt(Mapping.FLAGS_OFFSET - KEY_LENGTH, mapping.flags());
        v.putInt(Mapping.FLAGS_OFFSET + 4 - KEY_LENGTH, 0);
        v.putBytes(Mapping.LOCATORS_OFFSET - KEY_LENGTH, mapping.locators(), 0, count * LocatorSet.LOCATOR_LENGTH);
        putKey(word0, hi, lo);
        ChronicleStores.write(store, keyStore, KEY_LENGTH, valueStores[count], value.length);

        final int id = allocateId();
        writeRecord(id, word0, hi, lo, v);
        final int previous = index.put(word0, hi, lo, id);
        final Ipv4DirectTable table = afi == Afi.IPV4 ? directTable(instanceId) : null;
        if (null != table)
        {
            table.set((int)(hi >>> 32), maskLength, id + 1, previous < 0);
        }
        if (previous >= 0)
        {
            expiry.remove(previous);
            freeIds.addInt(previous);
        }
        expiry.put(id, expiryMs);
        return MapCacheStatus.OK;
    }

    /**
     * Sets the state flags of one locator of a cached mapping (RLOC probing), copy-on-write (writer thread).
     *
     * @param prefix       the cached prefix.
     * @param locatorIndex 0..count-1.
     * @param state        {@link LocatorSet#FLAG_REACHABLE} etc.
     * @return {@link MapCacheStatus#OK}, {@link MapCacheStatus#NOT_PRESENT} or {@link MapCacheStatus#BAD_LOCATOR}.
     */
    public int locatorState(final EidPrefix prefix, final int locatorIndex, final int state)
    {
        ensureOpen();
        final int id = index.find(prefix.word0(), prefix.hi(), prefix.lo());
        if (id < 0)
        {
            return MapCacheStatus.NOT_PRESENT;
        }
        final int count = recordCount(id);
        if (locatorIndex < 0 || locatorIndex >= count)
        {
            return MapCacheStatus.BAD_LOCATOR;
        }
        final byte[] value = valueBytes[count];
        final UnsafeBuffer v = valueBuffers[count];
        recordValue(id, count, v);
        v.putByte(Mapping.LOCATORS_OFFSET - KEY_LENGTH + locatorIndex * LocatorSet.LOCATOR_LENGTH +
            LocatorSet.FLAGS_OFFSET, (byte)state);
        putKey(prefix.word0(), prefix.hi(), prefix.lo());
        ChronicleStores.write(store, keyStore, KEY_LENGTH, valueStores[count], value.length);
        final int newId = allocateId();
        writeRecord(newId, prefix.word0(), prefix.hi(), prefix.lo(), v);
        index.put(prefix.word0(), prefix.hi(), prefix.lo(), newId);
        final Ipv4DirectTable table = prefix.afi() == Afi.IPV4 ? directTable(prefix.instanceId()) : null;
        if (null != table)
        {
            table.set((int)(prefix.hi() >>> 32), prefix.maskLength(), newId + 1, false);
        }
        expiry.put(newId, expiry.expiryOf(id));
        expiry.remove(id);
        freeIds.addInt(id);
        return MapCacheStatus.OK;
    }

    /**
     * Removes a prefix (writer thread).
     *
     * @param prefix the prefix.
     * @return {@link MapCacheStatus#OK} or {@link MapCacheStatus#NOT_PRESENT}.
     */
    public int remove(final EidPrefix prefix)
    {
        ensureOpen();
        final int id = index.find(prefix.word0(), prefix.hi(), prefix.lo());
        if (id < 0)
        {
            return MapCacheStatus.NOT_PRESENT;
        }
        removeId(id);
        return MapCacheStatus.OK;
    }

    /**
     * Drops every mapping whose expiry time has passed (writer thread; call from the control agent's duty cycle).
     *
     * @return mappings dropped.
     */
    public int expire()
    {
        return expire(clock.time());
    }

    private int expire(final long nowMs)
    {
        int n = 0;
        while (expiry.size() > 0 && expiry.peekExpiry() <= nowMs)
        {
            removeId(expiry.peek());
            n++;
        }
        expirations += n;
        return n;
    }

    /**
     * Inserts refused, by reason.
     *
     * @param status a refusal code.
     * @return the count.
     */
    public long refusals(final int status)
    {
        return refusals[-status];
    }

    /**
     * Mappings evicted to make room.
     *
     * @return the count.
     */
    public long evictions()
    {
        return evictions;
    }

    /**
     * Mappings dropped because they expired.
     *
     * @return the count.
     */
    public long expirations()
    {
        return expirations;
    }

    /**
     * Entries of a recovered file that were not loaded (expired, malformed, or beyond the capacity).
     *
     * @return the count.
     */
    public long loadDropped()
    {
        return loadDropped;
    }

    /**
     * Off-heap bytes of the read side: record arena plus index tables (the Chronicle store not included).
     *
     * @return bytes.
     */
    public long readSideMemoryBytes()
    {
        long bytes = index.memoryBytes();
        for (final Ipv4DirectTable t : direct)
        {
            bytes += t.memoryBytes();
        }
        for (final UnsafeBuffer chunk : chunks)
        {
            if (null != chunk)
            {
                bytes += chunk.capacity();
            }
        }
        return bytes;
    }

    /**
     * Off-heap bytes the Chronicle store of record uses.
     *
     * @return bytes.
     */
    public long storeMemoryBytes()
    {
        return store.offHeapMemoryUsed();
    }

    /**
     * The Chronicle store of record, for tools and benchmarks (key: the 24-byte {@link EidKey} in native order;
     * value: the {@link Mapping} layout from the expiry field on). Do not write to it.
     *
     * @return the map.
     */
    public ChronicleMap<byte[], byte[]> store()
    {
        return store;
    }

    /**
     * Closes the store (its file stays consistent and is reloaded by the next open).
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
            throw new IllegalStateException("map-cache is closed");
        }
    }

    private int refuse(final int status)
    {
        refusals[-status]++;
        return status;
    }

    private void putKey(final long word0, final long hi, final long lo)
    {
        keyBuffer.putLong(0, word0);
        keyBuffer.putLong(8, hi);
        keyBuffer.putLong(16, lo);
    }

    private void removeId(final int id)
    {
        final UnsafeBuffer chunk = chunk(id);
        final int at = recordOffset(id);
        final long word0 = chunk.getLong(at + ForwardingLine.WORD0_OFFSET);
        final long hi = chunk.getLong(at + ForwardingLine.HI_OFFSET);
        final long lo = chunk.getLong(at + LO_OFFSET);
        putKey(word0, hi, lo);
        ChronicleStores.remove(store, keyStore, KEY_LENGTH);
        index.remove(word0, hi, lo);
        final Ipv4DirectTable table = EidKey.afi(word0) == Afi.IPV4 ? directTable(EidKey.instanceId(word0)) : null;
        if (null != table)
        {
            table.remove((int)(hi >>> 32), EidKey.maskLength(word0), id + 1);
        }
        expiry.remove(id);
        freeIds.addInt(id);
    }

    private Ipv4DirectTable directTable(final int instanceId)
    {
        for (final Ipv4DirectTable t : direct)
        {
            if (t.instanceId == instanceId)
            {
                return t;
            }
        }
        return null;
    }

    private int allocateId()
    {
        if (!freeIds.isEmpty())
        {
            return freeIds.pollInt();
        }
        final int id = nextUnusedId++;
        final int chunkIndex = id >>> CHUNK_SHIFT;
        if (null == chunks[chunkIndex])
        {
            final int records = Math.min(chunkRecords, idCapacity - (chunkIndex << CHUNK_SHIFT));
            chunks[chunkIndex] = new UnsafeBuffer(OffHeap.allocate(records * recordLength));
        }
        return id;
    }

    private void writeRecord(final int id, final long word0, final long hi, final long lo, final UnsafeBuffer value)
    {
        final UnsafeBuffer chunk = chunk(id);
        final int at = recordOffset(id);
        final long seq = chunk.getLong(at + SEQ_OFFSET);
        chunk.putLongVolatile(at + SEQ_OFFSET, seq + 1);
        VarHandle.storeStoreFence();
        ForwardingLine.write(chunk, at, word0, hi, value, KEY_LENGTH);
        chunk.putLong(at + LO_OFFSET, lo);
        chunk.putInt(at + TTL_OFFSET, value.getInt(Mapping.TTL_OFFSET - KEY_LENGTH));
        chunk.putInt(at + FLAGS_OFFSET, value.getInt(Mapping.FLAGS_OFFSET - KEY_LENGTH));
        final int locatorBytes = value.capacity() - (Mapping.LOCATORS_OFFSET - KEY_LENGTH);
        chunk.putBytes(at + LOCATORS_OFFSET, value, Mapping.LOCATORS_OFFSET - KEY_LENGTH, locatorBytes);
        chunk.putLongRelease(at + SEQ_OFFSET, seq + 2);
    }

    /** Locators of a record (writer thread). */
    private int recordCount(final int id)
    {
        return (int)(chunk(id).getLong(recordOffset(id) + ForwardingLine.META_OFFSET) >>> 16) & 0xFF;
    }

    /**
     * A record's mapping after its key, in the layout of the store's values (writer thread): what
     * {@link #writeRecord} was given.
     */
    private void recordValue(final int id, final int count, final UnsafeBuffer v)
    {
        final UnsafeBuffer chunk = chunk(id);
        final int at = recordOffset(id);
        putMappingTail(chunk, at, chunk.getLong(at + ForwardingLine.META_OFFSET), count, v, -KEY_LENGTH);
    }

    /**
     * Writes a record's mapping after the key (expiry, TTL, version, action, count, flags, locators) in the
     * {@link Mapping} layout, for a layout that starts at {@code base} in {@code dst}: 0 for a view, minus the key's
     * length for a store value, which starts at the expiry.
     */
    private static void putMappingTail(
        final UnsafeBuffer chunk, final int at, final long meta, final int count, final MutableDirectBuffer dst,
        final int base)
    {
        dst.putLong(base + Mapping.EXPIRY_OFFSET, chunk.getLong(at + ForwardingLine.EXPIRY_OFFSET));
        dst.putInt(base + Mapping.TTL_OFFSET, chunk.getInt(at + TTL_OFFSET));
        dst.putShort(base + Mapping.VERSION_OFFSET, (short)(meta & 0xFFF));
        dst.putByte(base + Mapping.ACTION_OFFSET, (byte)(meta >>> 24));
        dst.putByte(base + Mapping.COUNT_OFFSET, (byte)count);
        dst.putInt(base + Mapping.FLAGS_OFFSET, chunk.getInt(at + FLAGS_OFFSET));
        dst.putInt(base + Mapping.FLAGS_OFFSET + 4, 0);
        // Word by word: for these sizes cheaper than Unsafe.copyMemory, which leaves compiled code for the VM.
        final int locators = count * LocatorSet.LOCATOR_LENGTH;
        for (int i = 0; i < locators; i += 8)
        {
            dst.putLong(base + Mapping.LOCATORS_OFFSET + i, chunk.getLong(at + LOCATORS_OFFSET + i));
        }
    }

    private void load()
    {
        final long now = clock.time();
        final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[0]);
        final ArrayList<byte[]> dropped = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> e : store.entrySet())
        {
            final byte[] k = e.getKey();
            final byte[] val = e.getValue();
            if (k.length != KEY_LENGTH || val.length < Mapping.LOCATORS_OFFSET - KEY_LENGTH)
            {
                dropped.add(k);
                continue;
            }
            key.wrap(k);
            value.wrap(val);
            final long word0 = key.getLong(0);
            final long hi = key.getLong(8);
            final long lo = key.getLong(16);
            final int count = value.getByte(Mapping.COUNT_OFFSET - KEY_LENGTH) & 0xFF;
            final long expiryMs = value.getLong(Mapping.EXPIRY_OFFSET - KEY_LENGTH);
            if (EidKey.validate(EidKey.instanceId(word0), EidKey.afi(word0), EidKey.maskLength(word0), hi, lo) !=
                MapCacheStatus.OK || (word0 >>> 56) != 0 || count > maxLocators ||
                val.length != Mapping.length(count) - KEY_LENGTH || expiryMs <= now || index.size() >= capacity)
            {
                dropped.add(k);
                continue;
            }
            final int id = allocateId();
            writeRecord(id, word0, hi, lo, value);
            index.put(word0, hi, lo, id);
            final Ipv4DirectTable table =
                EidKey.afi(word0) == Afi.IPV4 ? directTable(EidKey.instanceId(word0)) : null;
            if (null != table)
            {
                table.set((int)(hi >>> 32), EidKey.maskLength(word0), id + 1, true);
            }
            expiry.put(id, expiryMs);
        }
        for (final byte[] k : dropped)
        {
            store.remove(k);
        }
        loadDropped = dropped.size();
    }

    UnsafeBuffer chunk(final int id)
    {
        return chunks[id >>> CHUNK_SHIFT];
    }

    int recordOffset(final int id)
    {
        return (id & ((1 << CHUNK_SHIFT) - 1)) * recordLength;
    }

    private final class RecordKeys implements PrefixIndex.KeySource
    {
        @Override
        public long word0(final int id)
        {
            return chunk(id).getLong(recordOffset(id) + ForwardingLine.WORD0_OFFSET);
        }

        @Override
        public long hi(final int id)
        {
            return chunk(id).getLong(recordOffset(id) + ForwardingLine.HI_OFFSET);
        }

        @Override
        public long lo(final int id)
        {
            return chunk(id).getLong(recordOffset(id) + LO_OFFSET);
        }
    }

    /**
     * A data-path reader: lock-free, allocation-free longest-prefix match. Not thread-safe: one per thread.
     */
    public final class Reader implements MapCacheReader
    {
        private final EpochClock readerClock;
        private final int[] burstEntries = new int[BURST];
        private final int[] burstAddresses = new int[BURST];
        private long restarts;
        private long touchSink;

        Reader(final EpochClock clock)
        {
            this.readerClock = clock;
        }

        /**
         * Lookups this reader started over because the writer recycled a record under it.
         *
         * @return the count.
         */
        public long restarts()
        {
            return restarts;
        }

        @Override
        public int lookup(
            final int instanceId, final int afi, final DirectBuffer buffer, final int offset, final MappingView out)
        {
            if (!EidKey.isEidAfi(afi))
            {
                return MapCacheStatus.UNKNOWN_AFI;
            }
            return lookup(instanceId, afi, EidKey.readHi(afi, buffer, offset), EidKey.readLo(afi, buffer, offset), out);
        }

        @Override
        public int lookupIpv4(final int instanceId, final int address, final MappingView out)
        {
            return lookup(instanceId, Afi.IPV4, EidKey.ipv4Hi(address), 0L, out);
        }

        @Override
        public int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
        {
            final int afiSlot = PrefixIndex.afiSlot(afi);
            if (afiSlot < 0)
            {
                return MapCacheStatus.UNKNOWN_AFI;
            }
            if (afi == Afi.IPV4 && direct.length > 0)
            {
                final Ipv4DirectTable table = directTable(instanceId & EidKey.MAX_INSTANCE_ID);
                if (null != table)
                {
                    final int address = (int)(hi >>> 32);
                    for (int attempt = 0; attempt < DIRECT_ATTEMPTS; attempt++)
                    {
                        final int entry = table.entry(address);
                        if (entry == 0)
                        {
                            return MapCacheStatus.NO_MAPPING;
                        }
                        final int r = readDirect(entry - 1, instanceId & EidKey.MAX_INSTANCE_ID, hi, out);
                        if (r != RESTART)
                        {
                            return r;
                        }
                        restarts++;
                    }
                }
            }
            int result;
            while ((result = tryLookup(afiSlot, instanceId & EidKey.MAX_INSTANCE_ID, afi, hi, lo, out)) == RESTART)
            {
                restarts++;
            }
            return result;
        }

        /**
         * The DIR-24-8 entry for an IPv4 address, for {@link #resolveIpv4}: one or two loads.
         *
         * @param instanceId instance ID.
         * @param address    big-endian IPv4 address.
         * @return {@link #ENTRY_NO_MAPPING} when no prefix covers the address, {@link #ENTRY_NO_TABLE} when the
         *         instance ID has no DIR-24-8 table, else a positive entry.
         */
        public int ipv4Entry(final int instanceId, final int address)
        {
            final Ipv4DirectTable table = direct.length > 0 ? directTable(instanceId & EidKey.MAX_INSTANCE_ID) : null;
            return null == table ? ENTRY_NO_TABLE : table.entry(address);
        }

        /**
         * The DIR-24-8 entries for a burst of IPv4 addresses, looked up in stages so that the cache misses overlap:
         * all first-level entries, then the second-level ones, then a touch of each record's forwarding line (so
         * that {@link #resolveIpv4} hits).
         *
         * @param instanceId instance ID.
         * @param addresses  big-endian IPv4 addresses.
         * @param count      addresses, at most {@link #BURST}.
         * @param entries    receives each address's entry, as {@link #ipv4Entry}.
         * @return false when the instance ID has no DIR-24-8 table (entries untouched).
         */
        public boolean ipv4Entries(final int instanceId, final int[] addresses, final int count, final int[] entries)
        {
            return ipv4Entries(instanceId, addresses, count, entries, 1);
        }

        private boolean ipv4Entries(
            final int instanceId, final int[] addresses, final int count, final int[] entries, final int lines)
        {
            final Ipv4DirectTable table = direct.length > 0 ? directTable(instanceId & EidKey.MAX_INSTANCE_ID) : null;
            if (null == table)
            {
                return false;
            }
            final int n = Math.min(count, BURST);
            for (int i = 0; i < n; i++)
            {
                entries[i] = table.first(addresses[i]);
            }
            // Records of first-level hits are touched while the second-level loads are in flight.
            long touched = 0;
            int grouped = 0;
            for (int i = 0; i < n; i++)
            {
                final int e = entries[i];
                if (e > 0)
                {
                    touched += touch(e - 1, lines);
                }
                else if (e < 0)
                {
                    entries[i] = table.second(e, addresses[i]);
                    grouped |= 1 << i;
                }
            }
            while (grouped != 0)
            {
                final int i = Integer.numberOfTrailingZeros(grouped);
                grouped &= grouped - 1;
                final int e = entries[i];
                if (e > 0)
                {
                    touched += touch(e - 1, lines);
                }
            }
            touchSink = touched;
            return true;
        }

        /**
         * The ITR's lookup of an IPv4 destination: the RLOC to send to and the mapping's version, read from the
         * record's forwarding line alone (the writer precomputed the locator choice; see {@code ForwardingLine}), by
         * an optimistic read validated by the record's sequence word. The RLOC is the one
         * {@code LocatorSelector.select} picks from the whole mapping for the same flow hash and families.
         * <p>
         * Returns {@link #RESOLVE_FALLBACK} for everything but the common case, and the caller then looks up the
         * whole mapping: an entry of no record, a record being rewritten or recycled, an expired or negative
         * mapping, and a mapping whose choice is not precomputed (more than four candidates, or an IPv6 one).
         *
         * @param instanceId instance ID.
         * @param address    big-endian IPv4 destination.
         * @param entry      a positive entry from {@link #ipv4Entry} or {@link #ipv4Entries}.
         * @param ipv6Rlocs  whether the ITR also sends to IPv6 RLOCs (the choice then also weighs them).
         * @param flowHash   the packet's flow hash.
         * @return {@code (mapVersion << 32) | (rloc & 0xFFFFFFFFL)}, or {@link #RESOLVE_FALLBACK}.
         */
        public long resolveIpv4(
            final int instanceId, final int address, final int entry, final boolean ipv6Rlocs, final int flowHash)
        {
            if (entry <= 0)
            {
                return RESOLVE_FALLBACK;
            }
            final int id = entry - 1;
            final UnsafeBuffer chunk = chunk(id);
            // Unchecked loads: an id names a whole record inside its chunk, by construction.
            final byte[] array = chunk.byteArray();
            final long record = chunk.addressOffset() + recordOffset(id);
            final long seq = UnsafeApi.getLongVolatile(array, record + SEQ_OFFSET);
            final long kw0 = UnsafeApi.getLong(array, record + ForwardingLine.WORD0_OFFSET);
            final long khi = UnsafeApi.getLong(array, record + ForwardingLine.HI_OFFSET);
            final long expiryMs = UnsafeApi.getLong(array, record + ForwardingLine.EXPIRY_OFFSET);
            final long meta = UnsafeApi.getLong(array, record + ForwardingLine.META_OFFSET);
            final long cumulative = UnsafeApi.getLong(array, record + ForwardingLine.CUMULATIVE_OFFSET);
            final int length = EidKey.maskLength(kw0);
            final int kind = ipv6Rlocs ? ForwardingLine.FOR_BOTH : ForwardingLine.FOR_IPV4;
            if ((seq & 1) != 0 || ((meta >>> 32) & kind) == 0 ||
                kw0 != EidKey.word0(instanceId & EidKey.MAX_INSTANCE_ID, Afi.IPV4, length) || length > 32 ||
                (EidKey.ipv4Hi(address) & EidKey.maskHi(length)) != khi || expiryMs <= readerClock.time())
            {
                return RESOLVE_FALLBACK;
            }
            final int k = ForwardingLine.pick(meta, cumulative, flowHash);
            final long rlocs = UnsafeApi.getLong(array, record + ForwardingLine.RLOCS_OFFSET + ((k >>> 1) << 3));
            final long rloc = (rlocs >>> ((k & 1) << 5)) & 0xFFFF_FFFFL;
            VarHandle.loadLoadFence();
            if (UnsafeApi.getLongVolatile(array, record + SEQ_OFFSET) != seq)
            {
                restarts++;
                return RESOLVE_FALLBACK;
            }
            return ((meta & 0xFFF) << 32) | rloc;
        }

        /**
         * Longest-prefix match of a burst of IPv4 addresses. With a DIR-24-8 table for the instance ID the lookups
         * are made in stages over up to {@link #BURST} addresses at a time: all first-level entries, then the
         * second-level entries, then a touch of each record's cache lines, then the seqlock-checked copies.
         * Each stage issues independent loads, so their cache misses overlap instead of being paid one after the
         * other. Results are those of {@link #lookupIpv4} for each address (same publication checks, same restarts).
         */
        @Override
        public void lookupIpv4Burst(
            final int instanceId, final int[] addresses, final int count, final int[] statuses, final MappingView[] out)
        {
            final Ipv4DirectTable table = direct.length > 0 ? directTable(instanceId & EidKey.MAX_INSTANCE_ID) : null;
            if (null == table)
            {
                for (int i = 0; i < count; i++)
                {
                    statuses[i] = lookupIpv4(instanceId, addresses[i], out[i]);
                }
                return;
            }
            final int[] entries = burstEntries;
            final int[] burst = burstAddresses;
            final int iid = instanceId & EidKey.MAX_INSTANCE_ID;
            for (int start = 0; start < count; start += BURST)
            {
                final int n = Math.min(BURST, count - start);
                System.arraycopy(addresses, start, burst, 0, n);
                ipv4Entries(instanceId, burst, n, entries, recordLength >>> 6);
                for (int i = 0; i < n; i++)
                {
                    final int e = entries[i];
                    final int address = burst[i];
                    int status;
                    if (e == 0)
                    {
                        status = MapCacheStatus.NO_MAPPING;
                    }
                    else
                    {
                        status = readDirect(e - 1, iid, EidKey.ipv4Hi(address), out[start + i]);
                        if (status == RESTART)
                        {
                            restarts++;
                            status = lookupIpv4(instanceId, address, out[start + i]);
                        }
                    }
                    statuses[start + i] = status;
                }
            }
        }

        /**
         * Loads the first {@code lines} cache lines of a record, so that the reads that follow hit.
         */
        private long touch(final int id, final int lines)
        {
            final UnsafeBuffer chunk = chunk(id);
            final int at = recordOffset(id);
            long v = UnsafeApi.getLong(chunk.byteArray(), chunk.addressOffset() + at);
            for (int line = 1; line < lines; line++)
            {
                v += chunk.getLong(at + (line << 6));
            }
            return v;
        }

        private static final int RESTART = Integer.MIN_VALUE;

        private int tryLookup(
            final int afiSlot, final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
        {
            final PrefixIndex index = ChronicleMapCache.this.index;
            for (int word = 2; word >= 0; word--)
            {
                long bits = index.lengthBits(afiSlot, word);
                while (bits != 0)
                {
                    final int bit = 63 - Long.numberOfLeadingZeros(bits);
                    bits &= ~(1L << bit);
                    final int length = (word << 6) + bit;
                    final PrefixIndex.Table t = index.table(afiSlot, length);
                    if (null == t)
                    {
                        continue;
                    }
                    final long mHi = hi & EidKey.maskHi(length);
                    final long mLo = lo & EidKey.maskLo(length);
                    final long word0 = EidKey.word0(instanceId, afi, length);
                    final long hash = EidKey.hash(word0, mHi, mLo);
                    final int fp = PrefixIndex.fingerprint(hash);
                    final UnsafeBuffer slots = t.slots;
                    final int mask = t.mask;
                    int i = (int)hash & mask;
                    for (int n = 0; n <= mask; n++)
                    {
                        final long slot = slots.getLongVolatile(i << 3);
                        if (slot == 0)
                        {
                            break;
                        }
                        if (PrefixIndex.isLive(slot) && PrefixIndex.fingerprint(slot) == fp)
                        {
                            final int result = readRecord(PrefixIndex.slotId(slot), fp, word0, mHi, mLo, out);
                            if (result != NO_MATCH)
                            {
                                return result;
                            }
                        }
                        i = (i + 1) & mask;
                    }
                }
            }
            return MapCacheStatus.NO_MAPPING;
        }

        private static final int NO_MATCH = Integer.MIN_VALUE + 1;

        /**
         * Writes a record's mapping into a view in the {@link Mapping} layout: the header from the forwarding line
         * and the fields after it, then the locators. The caller validates the sequence word afterwards.
         */
        private void copyOut(
            final UnsafeBuffer chunk, final int at, final long kw0, final long khi, final MutableDirectBuffer dst)
        {
            final long meta = chunk.getLong(at + ForwardingLine.META_OFFSET);
            dst.putLong(Mapping.WORD0_OFFSET, kw0);
            dst.putLong(Mapping.HI_OFFSET, khi);
            dst.putLong(Mapping.LO_OFFSET, chunk.getLong(at + LO_OFFSET));
            putMappingTail(chunk, at, meta, Math.min((int)(meta >>> 16) & 0xFF, maxLocators), dst, 0);
        }

        private static final int DIRECT_ATTEMPTS = 16;

        private int readDirect(final int id, final int instanceId, final long hi, final MappingView out)
        {
            final UnsafeBuffer chunk = chunk(id);
            final int at = recordOffset(id);
            final long seq = chunk.getLongVolatile(at + SEQ_OFFSET);
            if ((seq & 1) != 0)
            {
                return RESTART;
            }
            final long kw0 = chunk.getLong(at + ForwardingLine.WORD0_OFFSET);
            final long khi = chunk.getLong(at + ForwardingLine.HI_OFFSET);
            final int length = EidKey.maskLength(kw0);
            if (kw0 != EidKey.word0(instanceId, Afi.IPV4, length) || length > 32 ||
                (hi & EidKey.maskHi(length)) != khi)
            {
                return RESTART;
            }
            copyOut(chunk, at, kw0, khi, out.buffer());
            VarHandle.loadLoadFence();
            if (chunk.getLongVolatile(at + SEQ_OFFSET) != seq)
            {
                return RESTART;
            }
            return out.expiryMs() <= readerClock.time() ? MapCacheStatus.EXPIRED : MapCacheStatus.FOUND;
        }

        private int readRecord(
            final int id, final int fp, final long word0, final long hi, final long lo, final MappingView out)
        {
            final UnsafeBuffer chunk = chunk(id);
            final int at = recordOffset(id);
            final long seq = chunk.getLongVolatile(at + SEQ_OFFSET);
            if ((seq & 1) != 0)
            {
                return RESTART;
            }
            final long kw0 = chunk.getLong(at + ForwardingLine.WORD0_OFFSET);
            final long khi = chunk.getLong(at + ForwardingLine.HI_OFFSET);
            // The key's low word is in the record's second line: read only when the first line matched.
            if (kw0 != word0 || khi != hi || chunk.getLong(at + LO_OFFSET) != lo)
            {
                final long klo = chunk.getLong(at + LO_OFFSET);
                VarHandle.loadLoadFence();
                if (chunk.getLongVolatile(at + SEQ_OFFSET) != seq ||
                    PrefixIndex.fingerprint(EidKey.hash(kw0, khi, klo)) != fp)
                {
                    return RESTART;
                }
                return NO_MATCH;
            }
            copyOut(chunk, at, kw0, khi, out.buffer());
            VarHandle.loadLoadFence();
            if (chunk.getLongVolatile(at + SEQ_OFFSET) != seq)
            {
                return RESTART;
            }
            return out.expiryMs() <= readerClock.time() ? MapCacheStatus.EXPIRED : MapCacheStatus.FOUND;
        }
    }
}
