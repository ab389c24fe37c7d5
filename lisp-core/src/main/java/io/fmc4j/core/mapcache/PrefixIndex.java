/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.core.internal.OffHeap;
import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Off-heap longest-prefix-match index: one open-addressing hash table per (AFI, prefix length), and per AFI a
 * bitmap of the lengths in use, so that a lookup probes only lengths that exist, longest first.
 * <p>
 * A slot is one {@code long}: a 32-bit fingerprint of the key's hash in the high half and {@code id + 1} in the
 * low half ({@code 0} empty, low half {@code 0} with a non-zero high half a tombstone). The index does not store
 * keys: the owner does, by id, and the index reads them back through {@link KeySource} (to confirm a match and to
 * rehash). A fingerprint match is therefore a candidate the caller confirms against its own record.
 * <p>
 * One writer. Readers on other threads see slots through acquire loads and tables through acquire loads of
 * the table array; a grown or compacted table is built aside and published whole. Readers that race a
 * change must confirm candidates against the owner's records under the owner's sequence check (see
 * {@link ChronicleMapCache}); a single-threaded owner can use {@link #longestMatch}.
 */
public final class PrefixIndex
{
    /**
     * Where the index reads the key of an id.
     */
    public interface KeySource
    {
        /**
         * Key word 0 of an id.
         *
         * @param id an id put in the index.
         * @return word 0.
         */
        long word0(int id);

        /**
         * Key high word of an id.
         *
         * @param id an id put in the index.
         * @return the high word.
         */
        long hi(int id);

        /**
         * Key low word of an id.
         *
         * @param id an id put in the index.
         * @return the low word.
         */
        long lo(int id);
    }

    /** Slot value of a removed entry. */
    static final long TOMBSTONE = 0xFFFF_FFFF_0000_0000L;
    /** Number of AFIs indexed: IPv4, IPv6, MAC. */
    static final int AFI_SLOTS = 3;
    /** Lengths 0..128. */
    static final int LENGTHS = 129;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 27;
    private static final VarHandle TABLES = MethodHandles.arrayElementVarHandle(Table[].class);

    /**
     * One hash table: a power-of-two array of slots. Writer-only counters.
     */
    static final class Table
    {
        final UnsafeBuffer slots;
        final int mask;
        int live;
        int used;

        Table(final int capacity)
        {
            slots = new UnsafeBuffer(OffHeap.allocate(capacity * 8));
            mask = capacity - 1;
        }

        int capacity()
        {
            return mask + 1;
        }
    }

    private final Table[][] tables = new Table[AFI_SLOTS][LENGTHS];
    private final int[][] counts = new int[AFI_SLOTS][LENGTHS];
    private final AtomicLongArray lengthBits = new AtomicLongArray(AFI_SLOTS * 3);
    private final KeySource keys;
    private int size;

    /**
     * An empty index.
     *
     * @param keys where keys of ids are read back from.
     */
    public PrefixIndex(final KeySource keys)
    {
        this.keys = keys;
    }

    /**
     * Index of an AFI in the per-AFI arrays.
     *
     * @param afi address family.
     * @return 0..2, or -1 for an AFI the index does not hold.
     */
    public static int afiSlot(final int afi)
    {
        switch (afi)
        {
            case Afi.IPV4:
                return 0;
            case Afi.IPV6:
                return 1;
            case Afi.MAC:
                return 2;
            default:
                return -1;
        }
    }

    /**
     * Entries indexed.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * Off-heap bytes the tables take.
     *
     * @return bytes.
     */
    public long memoryBytes()
    {
        long bytes = 0;
        for (final Table[] row : tables)
        {
            for (final Table t : row)
            {
                if (t != null)
                {
                    bytes += (long)t.capacity() * 8;
                }
            }
        }
        return bytes;
    }

    Table table(final int afiSlot, final int maskLength)
    {
        return (Table)TABLES.getAcquire(tables[afiSlot], maskLength);
    }

    long lengthBits(final int afiSlot, final int word)
    {
        return lengthBits.get(afiSlot * 3 + word);
    }

    static int fingerprint(final long hash)
    {
        return (int)(hash >>> 32);
    }

    static int slotId(final long slot)
    {
        return (int)slot - 1;
    }

    static boolean isLive(final long slot)
    {
        return (int)slot != 0;
    }

    /**
     * Exact-match lookup (writer thread, or a single-threaded owner).
     *
     * @param word0 key word 0.
     * @param hi    key high word.
     * @param lo    key low word.
     * @return the id, or -1.
     */
    public int find(final long word0, final long hi, final long lo)
    {
        final int afiSlot = afiSlot(EidKey.afi(word0));
        final Table t = tables[afiSlot][EidKey.maskLength(word0)];
        if (null == t)
        {
            return -1;
        }
        final long hash = EidKey.hash(word0, hi, lo);
        final int pos = findSlot(t, hash, word0, hi, lo);
        return pos < 0 ? -1 : slotId(t.slots.getLong(pos << 3));
    }

    /**
     * Longest-prefix match (writer thread, or a single-threaded owner).
     *
     * @param instanceId instance ID.
     * @param afi        address family.
     * @param hi         left-aligned address high word.
     * @param lo         left-aligned address low word.
     * @return the id of the longest prefix covering the address, or -1.
     */
    public int longestMatch(final int instanceId, final int afi, final long hi, final long lo)
    {
        return longestMatch(instanceId, afi, hi, lo, LENGTHS - 1);
    }

    /**
     * Longest-prefix match among prefixes not longer than a bound (single-threaded owner).
     *
     * @param instanceId instance ID.
     * @param afi        address family.
     * @param hi         left-aligned address high word.
     * @param lo         left-aligned address low word.
     * @param maxLength  longest mask length to consider.
     * @return the id, or -1.
     */
    public int longestMatch(final int instanceId, final int afi, final long hi, final long lo, final int maxLength)
    {
        final int afiSlot = afiSlot(afi);
        if (afiSlot < 0)
        {
            return -1;
        }
        for (int word = Math.min(2, maxLength >> 6); word >= 0; word--)
        {
            long bits = lengthBits.get(afiSlot * 3 + word);
            if (word == maxLength >> 6 && (maxLength & 63) != 63)
            {
                bits &= (1L << ((maxLength & 63) + 1)) - 1;
            }
            while (bits != 0)
            {
                final int bit = 63 - Long.numberOfLeadingZeros(bits);
                bits &= ~(1L << bit);
                final int length = (word << 6) + bit;
                final Table t = tables[afiSlot][length];
                final long mHi = hi & EidKey.maskHi(length);
                final long mLo = lo & EidKey.maskLo(length);
                final long word0 = EidKey.word0(instanceId, afi, length);
                final int pos = findSlot(t, EidKey.hash(word0, mHi, mLo), word0, mHi, mLo);
                if (pos >= 0)
                {
                    return slotId(t.slots.getLong(pos << 3));
                }
            }
        }
        return -1;
    }

    private int findSlot(final Table t, final long hash, final long word0, final long hi, final long lo)
    {
        final int fp = fingerprint(hash);
        final UnsafeBuffer slots = t.slots;
        int i = (int)hash & t.mask;
        for (int n = 0; n <= t.mask; n++)
        {
            final long slot = slots.getLong(i << 3);
            if (slot == 0)
            {
                return -1;
            }
            if (isLive(slot) && fingerprint(slot) == fp)
            {
                final int id = slotId(slot);
                if (keys.word0(id) == word0 && keys.hi(id) == hi && keys.lo(id) == lo)
                {
                    return i;
                }
            }
            i = (i + 1) & t.mask;
        }
        return -1;
    }

    /**
     * Inserts a key or points an existing key at a new id. The key of {@code id} must already be readable through
     * the {@link KeySource}; readers see the new id with release ordering.
     *
     * @param word0 key word 0 (AFI IPv4, IPv6 or MAC; validated by the caller).
     * @param hi    key high word.
     * @param lo    key low word.
     * @param id    0..{@code Integer.MAX_VALUE - 1}.
     * @return the id the key had before, or -1 when it was new.
     */
    public int put(final long word0, final long hi, final long lo, final int id)
    {
        final int afiSlot = afiSlot(EidKey.afi(word0));
        final int length = EidKey.maskLength(word0);
        Table t = tables[afiSlot][length];
        if (null == t)
        {
            t = new Table(MIN_CAPACITY);
            TABLES.setRelease(tables[afiSlot], length, t);
        }
        final long hash = EidKey.hash(word0, hi, lo);
        final long slotValue = ((long)fingerprint(hash) << 32) | ((id + 1) & 0xFFFF_FFFFL);
        final int existing = findSlot(t, hash, word0, hi, lo);
        if (existing >= 0)
        {
            final int previous = slotId(t.slots.getLong(existing << 3));
            t.slots.putLongRelease(existing << 3, slotValue);
            return previous;
        }
        if ((t.used + 1) * 5L > t.capacity() * 3L)
        {
            t = rebuild(afiSlot, length, t, t.live + 1);
        }
        int i = (int)hash & t.mask;
        while (true)
        {
            final long slot = t.slots.getLong(i << 3);
            if (slot == 0 || slot == TOMBSTONE)
            {
                if (slot == 0)
                {
                    t.used++;
                }
                t.live++;
                t.slots.putLongRelease(i << 3, slotValue);
                break;
            }
            i = (i + 1) & t.mask;
        }
        size++;
        if (counts[afiSlot][length]++ == 0)
        {
            final int index = afiSlot * 3 + (length >> 6);
            lengthBits.set(index, lengthBits.get(index) | (1L << (length & 63)));
        }
        return -1;
    }

    /**
     * Removes a key.
     *
     * @param word0 key word 0.
     * @param hi    key high word.
     * @param lo    key low word.
     * @return the id it had, or -1 when absent.
     */
    public int remove(final long word0, final long hi, final long lo)
    {
        final int afiSlot = afiSlot(EidKey.afi(word0));
        if (afiSlot < 0)
        {
            return -1;
        }
        final int length = EidKey.maskLength(word0);
        final Table t = tables[afiSlot][length];
        if (null == t)
        {
            return -1;
        }
        final int pos = findSlot(t, EidKey.hash(word0, hi, lo), word0, hi, lo);
        if (pos < 0)
        {
            return -1;
        }
        final int previous = slotId(t.slots.getLong(pos << 3));
        t.slots.putLongRelease(pos << 3, TOMBSTONE);
        t.live--;
        size--;
        if (--counts[afiSlot][length] == 0)
        {
            final int index = afiSlot * 3 + (length >> 6);
            lengthBits.set(index, lengthBits.get(index) & ~(1L << (length & 63)));
        }
        if (t.used > MIN_CAPACITY && t.live * 8L < t.capacity())
        {
            rebuild(afiSlot, length, t, t.live);
        }
        return previous;
    }

    private Table rebuild(final int afiSlot, final int length, final Table old, final int needed)
    {
        int capacity = MIN_CAPACITY;
        while (capacity < MAX_CAPACITY && needed * 10L > capacity * 3L)
        {
            capacity <<= 1;
        }
        if (needed * 5L > capacity * 3L)
        {
            throw new IllegalStateException("prefix index table full at " + needed + " entries of length " + length);
        }
        final Table t = new Table(capacity);
        for (int i = 0; i <= old.mask; i++)
        {
            final long slot = old.slots.getLong(i << 3);
            if (isLive(slot))
            {
                final int id = slotId(slot);
                final long hash = EidKey.hash(keys.word0(id), keys.hi(id), keys.lo(id));
                int j = (int)hash & t.mask;
                while (t.slots.getLong(j << 3) != 0)
                {
                    j = (j + 1) & t.mask;
                }
                t.slots.putLong(j << 3, slot);
                t.live++;
                t.used++;
            }
        }
        TABLES.setRelease(tables[afiSlot], length, t);
        return t;
    }
}
