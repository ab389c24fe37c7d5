/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simplest map-cache that could work: a sorted map per prefix length, linear scans for expiry and eviction.
 * The contract's oracle.
 */
final class ReferenceMapCache implements MapCacheUnderTest
{
    private final List<TreeMap<EidPrefix, byte[]>> byLength = new ArrayList<>();
    private final EpochClock clock;
    private final int capacity;
    private final boolean evict;
    private final int maxLocators;

    ReferenceMapCache(final EpochClock clock, final int capacity, final boolean evict, final int maxLocators)
    {
        this.clock = clock;
        this.capacity = capacity;
        this.evict = evict;
        this.maxLocators = maxLocators;
        for (int i = 0; i <= 128; i++)
        {
            byLength.add(new TreeMap<>());
        }
    }

    @Override
    public int put(final EidPrefix prefix, final MappingBuilder mapping)
    {
        return put(prefix.instanceId(), prefix.afi(), prefix.maskLength(), prefix.hi(), prefix.lo(), mapping);
    }

    @Override
    public int put(
        final int instanceId, final int afi, final int maskLength, final long hi, final long lo,
        final MappingBuilder mapping)
    {
        final int valid = EidKey.validate(instanceId, afi, maskLength, hi, lo);
        if (valid != MapCacheStatus.OK)
        {
            return valid;
        }
        if (mapping.status() != MapCacheStatus.OK)
        {
            return mapping.status();
        }
        if (mapping.locatorCount() > maxLocators)
        {
            return MapCacheStatus.TOO_MANY_LOCATORS;
        }
        final EidPrefix prefix = EidPrefix.of(instanceId, afi, maskLength, hi, lo);
        final long now = clock.time();
        if (!byLength.get(maskLength).containsKey(prefix) && size() >= capacity)
        {
            expire();
            if (size() >= capacity)
            {
                if (!evict)
                {
                    return MapCacheStatus.FULL;
                }
                EidPrefix soonest = null;
                long soonestExpiry = Long.MAX_VALUE;
                for (final TreeMap<EidPrefix, byte[]> m : byLength)
                {
                    for (final Map.Entry<EidPrefix, byte[]> e : m.entrySet())
                    {
                        final long x = new UnsafeBuffer(e.getValue()).getLong(Mapping.EXPIRY_OFFSET);
                        if (soonest == null || x < soonestExpiry)
                        {
                            soonest = e.getKey();
                            soonestExpiry = x;
                        }
                    }
                }
                remove(soonest);
            }
        }
        final int count = mapping.locatorCount();
        final byte[] bytes = new byte[Mapping.length(count)];
        final UnsafeBuffer b = new UnsafeBuffer(bytes);
        Mapping.putHeader(b, 0, prefix.word0(), hi, lo, mapping.expiryAt(now), mapping.ttlMinutes(),
            mapping.mapVersion(), mapping.action(), mapping.flags());
        b.putByte(Mapping.COUNT_OFFSET, (byte)count);
        b.putBytes(Mapping.LOCATORS_OFFSET, mapping.locators(), 0, count * LocatorSet.LOCATOR_LENGTH);
        byLength.get(maskLength).put(prefix, bytes);
        return MapCacheStatus.OK;
    }

    @Override
    public int remove(final EidPrefix prefix)
    {
        return byLength.get(prefix.maskLength()).remove(prefix) != null ?
            MapCacheStatus.OK : MapCacheStatus.NOT_PRESENT;
    }

    @Override
    public int expire()
    {
        final long now = clock.time();
        int n = 0;
        for (final TreeMap<EidPrefix, byte[]> m : byLength)
        {
            final var it = m.values().iterator();
            while (it.hasNext())
            {
                if (new UnsafeBuffer(it.next()).getLong(Mapping.EXPIRY_OFFSET) <= now)
                {
                    it.remove();
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
    {
        if (!EidKey.isEidAfi(afi))
        {
            return MapCacheStatus.UNKNOWN_AFI;
        }
        for (int length = 128; length >= 0; length--)
        {
            if (byLength.get(length).isEmpty())
            {
                continue;
            }
            final long mHi = hi & EidKey.maskHi(length);
            final long mLo = lo & EidKey.maskLo(length);
            if (EidKey.validate(instanceId, afi, length, mHi, mLo) != MapCacheStatus.OK)
            {
                continue;
            }
            final byte[] bytes = byLength.get(length).get(EidPrefix.of(instanceId, afi, length, mHi, mLo));
            if (bytes != null)
            {
                out.buffer().putBytes(0, bytes);
                return out.expiryMs() <= clock.time() ? MapCacheStatus.EXPIRED : MapCacheStatus.FOUND;
            }
        }
        return MapCacheStatus.NO_MAPPING;
    }

    @Override
    public int size()
    {
        int n = 0;
        for (final TreeMap<EidPrefix, byte[]> m : byLength)
        {
            n += m.size();
        }
        return n;
    }

    @Override
    public void close()
    {
    }
}
