/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MappingView;

/**
 * The operations the contract exercises, over the Chronicle map-cache or the reference model.
 */
interface MapCacheUnderTest extends AutoCloseable
{
    int put(EidPrefix prefix, MappingBuilder mapping);

    int put(int instanceId, int afi, int maskLength, long hi, long lo, MappingBuilder mapping);

    int remove(EidPrefix prefix);

    int expire();

    int lookup(int instanceId, int afi, long hi, long lo, MappingView out);

    int size();

    @Override
    void close();
}
