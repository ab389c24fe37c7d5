/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;

/**
 * The plain on-heap baseline: a {@code HashMap} per prefix length keyed by a small key object, probed longest
 * length first over the lengths in use (the same bitmap walk as the off-heap index), copying the mapping out
 * (a {@code long[]}, copied word by word as the map-cache reader does).
 */
final class OnHeapLpm
{
    static final class Key
    {
        final long word0;
        final long hi;
        final long lo;

        Key(final long word0, final long hi, final long lo)
        {
            this.word0 = word0;
            this.hi = hi;
            this.lo = lo;
        }

        @Override
        public boolean equals(final Object o)
        {
            if (!(o instanceof Key))
            {
                return false;
            }
            final Key k = (Key)o;
            return k.word0 == word0 && k.hi == hi && k.lo == lo;
        }

        @Override
        public int hashCode()
        {
            return (int)EidKey.hash(word0, hi, lo);
        }
    }

    @SuppressWarnings("unchecked")
    private final HashMap<Key, long[]>[] tables = new HashMap[129];
    private final long[] lengthBits = new long[3];

    void put(final long word0, final long hi, final long lo, final byte[] mapping)
    {
        final int length = EidKey.maskLength(word0);
        if (tables[length] == null)
        {
            tables[length] = new HashMap<>();
        }
        final long[] words = new long[Mapping.length(mapping[Mapping.COUNT_OFFSET]) / 8];
        final UnsafeBuffer b = new UnsafeBuffer(mapping);
        for (int i = 0; i < words.length; i++)
        {
            words[i] = b.getLong(i * 8);
        }
        tables[length].put(new Key(word0, hi, lo), words);
        lengthBits[length >> 6] |= 1L << (length & 63);
    }

    int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
    {
        for (int word = 2; word >= 0; word--)
        {
            long bits = lengthBits[word];
            while (bits != 0)
            {
                final int bit = 63 - Long.numberOfLeadingZeros(bits);
                bits &= ~(1L << bit);
                final int length = (word << 6) + bit;
                final long[] mapping = tables[length].get(new Key(EidKey.word0(instanceId, afi, length),
                    hi & EidKey.maskHi(length), lo & EidKey.maskLo(length)));
                if (mapping != null)
                {
                    for (int i = 0; i < mapping.length; i++)
                    {
                        out.buffer().putLong(i * 8, mapping[i]);
                    }
                    return MapCacheStatus.FOUND;
                }
            }
        }
        return MapCacheStatus.NO_MAPPING;
    }
}
