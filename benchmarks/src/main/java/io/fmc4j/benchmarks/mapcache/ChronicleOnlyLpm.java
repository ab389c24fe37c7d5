/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.mapcache.MappingView;
import net.openhft.chronicle.map.ChronicleMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Longest-prefix match straight on the Chronicle Map store of record: one {@code getUsing} per prefix length in
 * use, longest first. What the map-cache would cost without its derived index.
 */
final class ChronicleOnlyLpm
{
    private static final int KEY_LENGTH = 24;

    private final ChronicleMap<byte[], byte[]> store;
    private final long[] lengthBits = new long[3];
    private final byte[] key = new byte[KEY_LENGTH];
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(key);
    private byte[] value = new byte[Mapping.MAX_LENGTH - KEY_LENGTH];

    ChronicleOnlyLpm(final ChronicleMap<byte[], byte[]> store)
    {
        this.store = store;
    }

    void addLength(final int length)
    {
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
                final long word0 = EidKey.word0(instanceId, afi, length);
                final long mHi = hi & EidKey.maskHi(length);
                final long mLo = lo & EidKey.maskLo(length);
                keyBuffer.putLong(0, word0);
                keyBuffer.putLong(8, mHi);
                keyBuffer.putLong(16, mLo);
                final byte[] found = store.getUsing(key, value);
                if (found != null)
                {
                    value = found;
                    out.buffer().putLong(Mapping.WORD0_OFFSET, word0);
                    out.buffer().putLong(Mapping.HI_OFFSET, mHi);
                    out.buffer().putLong(Mapping.LO_OFFSET, mLo);
                    out.buffer().putBytes(KEY_LENGTH, found, 0, found.length);
                    return MapCacheStatus.FOUND;
                }
            }
        }
        return MapCacheStatus.NO_MAPPING;
    }
}
