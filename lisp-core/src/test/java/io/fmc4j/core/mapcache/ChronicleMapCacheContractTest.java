/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import org.agrona.concurrent.CachedEpochClock;

import java.io.IOException;
import java.io.UncheckedIOException;

class ChronicleMapCacheContractTest extends MapCacheContractTest
{
    @Override
    MapCacheUnderTest newCache(final CachedEpochClock clock, final int capacity, final boolean evict)
    {
        try
        {
            return new ChronicleMapCacheUnderTest(new ChronicleMapCache(new ChronicleMapCache.Context()
                .capacity(capacity).clock(clock).evictWhenFull(evict)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
