/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.LocatorSet;
import org.agrona.concurrent.CachedEpochClock;

class ReferenceMapCacheContractTest extends MapCacheContractTest
{
    @Override
    MapCacheUnderTest newCache(final CachedEpochClock clock, final int capacity, final boolean evict)
    {
        return new ReferenceMapCache(clock, capacity, evict, LocatorSet.MAX_LOCATORS);
    }
}
