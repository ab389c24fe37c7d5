/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import org.agrona.concurrent.EpochClock;

/**
 * A map-cache as the data path sees it: a factory of per-thread readers. The writer side (inserting mappings
 * learnt from Map-Replies, expiry, eviction) belongs to the implementation and runs on one control thread.
 */
public interface MapCache
{
    /**
     * A new reader for one data-path thread, judging expiry by the cache's clock.
     *
     * @return a reader.
     */
    MapCacheReader newReader();

    /**
     * A new reader for one data-path thread, judging expiry by the given clock (e.g. a cached clock the duty
     * cycle updates once per loop, so that a lookup does not read the system clock).
     *
     * @param clock epoch milliseconds.
     * @return a reader.
     */
    MapCacheReader newReader(EpochClock clock);

    /**
     * Mappings held, expired ones included until the writer sweeps them.
     *
     * @return the count.
     */
    int size();

    /**
     * Most mappings the cache holds.
     *
     * @return the bound.
     */
    int capacity();
}
