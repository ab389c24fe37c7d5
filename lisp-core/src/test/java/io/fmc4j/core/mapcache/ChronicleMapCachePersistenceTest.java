/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChronicleMapCachePersistenceTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStartWarmFromPersistedFileWithoutExpiredMappings() throws Exception
    {
        final File file = dir.resolve("map-cache.dat").toFile();
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(MapCacheContractTest.T0);
        final MappingBuilder b = new MappingBuilder();
        try (ChronicleMapCache cache = new ChronicleMapCache(
            new ChronicleMapCache.Context().capacity(1_000).clock(clock).file(file)))
        {
            for (int i = 0; i < 500; i++)
            {
                b.reset().ttlMinutes(i < 100 ? 1 : 60).addIpv4Locator(0xC000_0200 | i, 1, 1, 100, 255, 0);
                assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.ipv4(0, 0x0A00_0000 | (i << 8), 24), b));
            }
            cache.put(EidPrefix.parse("[5]2001:db8::/32"), b.reset().action(MapAction.DROP_NO_REASON).ttlMinutes(60));
            cache.remove(EidPrefix.ipv4(0, 0x0A00_0000 | (499 << 8), 24));
        }
        clock.advance(120_000);
        try (ChronicleMapCache cache = new ChronicleMapCache(
            new ChronicleMapCache.Context().capacity(1_000).clock(clock).file(file)))
        {
            assertEquals(400, cache.size());
            assertEquals(100, cache.loadDropped());
            final MapCacheReader reader = cache.newReader();
            final MappingView view = new MappingView();
            assertEquals(MapCacheStatus.NO_MAPPING, reader.lookupIpv4(0, 0x0A00_0001 | (50 << 8), view));
            assertEquals(MapCacheStatus.NO_MAPPING, reader.lookupIpv4(0, 0x0A00_0001 | (499 << 8), view));
            assertEquals(MapCacheStatus.FOUND, reader.lookupIpv4(0, 0x0A00_0001 | (250 << 8), view));
            assertEquals(0xC000_0200 | 250, view.locators().ipv4Address(0));
            final EidPrefix v6 = EidPrefix.parse("[5]2001:db8::1");
            assertEquals(MapCacheStatus.FOUND, reader.lookup(5, v6.afi(), v6.hi(), v6.lo(), view));
            assertEquals(MapAction.DROP_NO_REASON, view.action());
        }
    }
}
