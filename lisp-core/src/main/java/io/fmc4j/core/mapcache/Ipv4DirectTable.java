/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.core.internal.OffHeap;
import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import org.agrona.UnsafeApi;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * DIR-24-8 table for the IPv4 prefixes of one instance ID: a 2^24-entry first-level table indexed by the top 24
 * address bits, and 256-entry second-level groups for the /24s that hold longer prefixes. An entry is
 * {@code id + 1} of the longest prefix covering the slot (0: none), or {@link #GROUP_FLAG} | group number.
 * A lookup is one or two loads, whatever the number of prefix lengths in use.
 * <p>
 * Derived from the {@link PrefixIndex} (it asks the index for the covering prefix when one is removed) and
 * written by the map-cache's single writer with release stores; readers confirm the record an entry names
 * against the address (see {@link ChronicleMapCache}), so a stale entry only makes them start over.
 * 64 MiB for the first level, 1 KiB per group; a group is freed when its last longer prefix goes.
 */
final class Ipv4DirectTable
{
    static final int GROUP_FLAG = 0x8000_0000;
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;

    final int instanceId;
    private final UnsafeBuffer tbl24 = new UnsafeBuffer(OffHeap.allocate((1 << 24) * 4));
    private final long tbl24Address = tbl24.addressOffset();
    private final UnsafeBuffer[] groupChunks;
    private final int[] groupCounts;
    private final IntArrayQueue freeGroups = new IntArrayQueue(64, -1);
    private final PrefixIndex.KeySource keys;
    private final PrefixIndex index;
    private int nextGroup;

    Ipv4DirectTable(final int instanceId, final int maxGroups, final PrefixIndex.KeySource keys,
        final PrefixIndex index)
    {
        this.instanceId = instanceId;
        this.keys = keys;
        this.index = index;
        groupChunks = new UnsafeBuffer[(maxGroups >>> CHUNK_SHIFT) + 1];
        groupCounts = new int[maxGroups];
    }

    /**
     * Reader: the entry for an address.
     *
     * @return 0, or the id + 1 of the longest covering prefix.
     */
    int entry(final int address)
    {
        final int e = first(address);
        return e >= 0 ? e : second(e, address);
    }

    /**
     * Reader: the first-level entry for an address (one load); {@link #second} resolves a group entry.
     *
     * @return 0, an id + 1, or a group entry (negative).
     */
    int first(final int address)
    {
        // Unchecked: (address >>> 8) << 2 is below 2^26, the table's size.
        return UnsafeApi.getIntVolatile(null, tbl24Address + ((long)(address >>> 8) << 2));
    }

    /**
     * Reader: the second-level entry of a group entry returned by {@link #first}.
     *
     * @return 0, or the id + 1 of the longest covering prefix.
     */
    int second(final int groupEntry, final int address)
    {
        final int g = groupEntry & ~GROUP_FLAG;
        // Unchecked: a published group entry names an allocated group; the index is below the chunk's size.
        final UnsafeBuffer chunk = groupChunks[g >>> CHUNK_SHIFT];
        return UnsafeApi.getIntVolatile(chunk.byteArray(),
            chunk.addressOffset() + ((long)(((g & CHUNK_MASK) << 8) | (address & 0xFF)) << 2));
    }

    private int lastEntry = -1;
    private int lastLength;

    private int length(final int entry)
    {
        if (entry == lastEntry)
        {
            return lastLength;
        }
        final int length = entry == 0 ? -1 : EidKey.maskLength(keys.word0(entry - 1));
        lastEntry = entry;
        lastLength = length;
        return length;
    }

    private UnsafeBuffer chunk(final int group)
    {
        return groupChunks[group >>> CHUNK_SHIFT];
    }

    private static int groupOffset(final int group, final int index)
    {
        return (((group & CHUNK_MASK) << 8) | index) << 2;
    }

    /**
     * Writer: a prefix was inserted, or its mapping moved to a new record.
     *
     * @param address  prefix address (host bits clear).
     * @param length   0..32.
     * @param entry    id + 1 of its record.
     * @param inserted true for a new prefix, false for an update.
     */
    void set(final int address, final int length, final int entry, final boolean inserted)
    {
        lastEntry = -1;
        if (length <= 24)
        {
            final int start = address >>> 8;
            final int n = 1 << (24 - length);
            for (int s = start; s < start + n; s++)
            {
                final int e = tbl24.getInt(s << 2);
                if (e < 0)
                {
                    final int g = e & ~GROUP_FLAG;
                    final UnsafeBuffer c = chunk(g);
                    for (int j = 0; j < 256; j++)
                    {
                        final int ge = c.getInt(groupOffset(g, j));
                        if (length(ge) <= length)
                        {
                            c.putIntRelease(groupOffset(g, j), entry);
                        }
                    }
                }
                else if (length(e) <= length)
                {
                    tbl24.putIntRelease(s << 2, entry);
                }
            }
            return;
        }
        final int s = address >>> 8;
        int e = tbl24.getInt(s << 2);
        if (e >= 0)
        {
            final int g = allocateGroup();
            final UnsafeBuffer c = chunk(g);
            for (int j = 0; j < 256; j++)
            {
                c.putInt(groupOffset(g, j), e);
            }
            e = GROUP_FLAG | g;
            tbl24.putIntRelease(s << 2, e);
        }
        final int g = e & ~GROUP_FLAG;
        if (inserted)
        {
            groupCounts[g]++;
        }
        final UnsafeBuffer c = chunk(g);
        final int start = address & 0xFF;
        final int n = 1 << (32 - length);
        for (int j = start; j < start + n; j++)
        {
            if (length(c.getInt(groupOffset(g, j))) <= length)
            {
                c.putIntRelease(groupOffset(g, j), entry);
            }
        }
    }

    /**
     * Writer: a prefix was removed (already gone from the hash index, its record not yet reused).
     *
     * @param address prefix address.
     * @param length  0..32.
     * @param entry   id + 1 of its record.
     */
    void remove(final int address, final int length, final int entry)
    {
        final int replacement = length == 0 ? 0 :
            index.longestMatch(instanceId, Afi.IPV4, EidKey.ipv4Hi(address), 0L, length - 1) + 1;
        if (length <= 24)
        {
            final int start = address >>> 8;
            final int n = 1 << (24 - length);
            for (int s = start; s < start + n; s++)
            {
                final int e = tbl24.getInt(s << 2);
                if (e < 0)
                {
                    final int g = e & ~GROUP_FLAG;
                    final UnsafeBuffer c = chunk(g);
                    for (int j = 0; j < 256; j++)
                    {
                        if (c.getInt(groupOffset(g, j)) == entry)
                        {
                            c.putIntRelease(groupOffset(g, j), replacement);
                        }
                    }
                }
                else if (e == entry)
                {
                    tbl24.putIntRelease(s << 2, replacement);
                }
            }
            return;
        }
        final int s = address >>> 8;
        final int e = tbl24.getInt(s << 2);
        if (e >= 0)
        {
            return;
        }
        final int g = e & ~GROUP_FLAG;
        final UnsafeBuffer c = chunk(g);
        final int start = address & 0xFF;
        final int n = 1 << (32 - length);
        for (int j = start; j < start + n; j++)
        {
            if (c.getInt(groupOffset(g, j)) == entry)
            {
                c.putIntRelease(groupOffset(g, j), replacement);
            }
        }
        if (--groupCounts[g] == 0)
        {
            final int covering = index.longestMatch(instanceId, Afi.IPV4, EidKey.ipv4Hi(address & ~0xFF), 0L, 24);
            tbl24.putIntRelease(s << 2, covering + 1);
            freeGroups.addInt(g);
        }
    }

    private int allocateGroup()
    {
        if (!freeGroups.isEmpty())
        {
            return freeGroups.pollInt();
        }
        final int g = nextGroup++;
        if (g >= groupCounts.length)
        {
            throw new IllegalStateException("IPv4 direct table out of groups: " + g);
        }
        if (null == groupChunks[g >>> CHUNK_SHIFT])
        {
            groupChunks[g >>> CHUNK_SHIFT] = new UnsafeBuffer(
                OffHeap.allocate((1 << CHUNK_SHIFT) * 256 * 4));
        }
        return g;
    }

    long memoryBytes()
    {
        long bytes = tbl24.capacity();
        for (final UnsafeBuffer c : groupChunks)
        {
            if (null != c)
            {
                bytes += c.capacity();
            }
        }
        return bytes;
    }
}
