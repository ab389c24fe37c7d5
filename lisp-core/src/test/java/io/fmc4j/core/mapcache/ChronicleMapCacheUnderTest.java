/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MappingView;

final class ChronicleMapCacheUnderTest implements MapCacheUnderTest
{
    final ChronicleMapCache cache;
    private final MapCacheReader reader;

    ChronicleMapCacheUnderTest(final ChronicleMapCache cache)
    {
        this.cache = cache;
        this.reader = cache.newReader();
    }

    @Override
    public int put(final EidPrefix prefix, final MappingBuilder mapping)
    {
        return cache.put(prefix, mapping);
    }

    @Override
    public int put(
        final int instanceId, final int afi, final int maskLength, final long hi, final long lo,
        final MappingBuilder mapping)
    {
        return cache.put(instanceId, afi, maskLength, hi, lo, mapping);
    }

    @Override
    public int remove(final EidPrefix prefix)
    {
        return cache.remove(prefix);
    }

    @Override
    public int expire()
    {
        return cache.expire();
    }

    @Override
    public int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
    {
        return reader.lookup(instanceId, afi, hi, lo, out);
    }

    @Override
    public int size()
    {
        return cache.size();
    }

    @Override
    public void close()
    {
        cache.close();
    }
}
