/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import com.sun.management.ThreadMXBean;
import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reader lookups (hits, misses, IPv4 through the hash index and through DIR-24-8, IPv6 from a packet buffer) and
 * the writer's updates, evictions, removals and expiry allocate nothing once warm.
 */
@Tag("alloc")
class MapCacheAllocationTest
{
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldNotAllocateOnLookup(final boolean directTable) throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(MapCacheContractTest.T0);
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(4_096)
            .clock(clock).ipv4DirectInstanceIds(directTable ? new int[]{0} : new int[0])))
        {
            final MappingBuilder b = new MappingBuilder();
            for (int i = 0; i < 1_000; i++)
            {
                b.reset().addIpv4Locator(i, 1, 1, 1, 1, 1).addIpv4Locator(~i, 1, 1, 1, 1, 1);
                final int shortLength = 24 - (i & 3);
                final int longLength = 25 + (i & 7);
                cache.put(EidPrefix.ipv4(0, (0x0A00_0000 | (i << 8)) & (int)(-1L << (32 - shortLength)),
                    shortLength), b);
                cache.put(EidPrefix.ipv4(0, (0x0A00_0000 | (i << 8) | 0x80) & (int)(-1L << (32 - longLength)),
                    longLength), b);
                cache.put(0, Afi.IPV6, 48, 0x2001_0DB8_0000_0000L | ((long)i << 16), 0, b);
            }
            final MapCacheReader reader = cache.newReader(clock);
            final MappingView view = new MappingView();
            final UnsafeBuffer packet = new UnsafeBuffer(new byte[64]);
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long thread = Thread.currentThread().getId();
            long sink = run(reader, view, packet, 200_000);
            // The least of three rounds: a deoptimisation in a round (after other tests changed shared profiles)
            // materialises scalar-replaced objects once; a real per-lookup allocation shows in every round.
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                sink += run(reader, view, packet, 1_000_000);
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertEquals(0, allocated, "bytes allocated by 10^6 lookups (sink " + sink + ")");
        }
    }

    /**
     * The writer side (the control agent's): updates, reachability changes, inserts that evict, removals and
     * expiry, written through to the Chronicle store of record, allocate nothing once warm either.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldNotAllocateOnWrites(final boolean directTable) throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(MapCacheContractTest.T0);
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(1_024)
            .clock(clock).ipv4DirectInstanceIds(directTable ? new int[]{0} : new int[0])))
        {
            final MappingBuilder b = new MappingBuilder();
            final EidPrefix[] prefixes = new EidPrefix[2_048];
            for (int i = 0; i < prefixes.length; i++)
            {
                prefixes[i] = EidPrefix.ipv4(0, 0x0A00_0000 | (i << 8), 24);
            }
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long thread = Thread.currentThread().getId();
            long sink = write(cache, clock, b, prefixes, 50_000);
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                sink += write(cache, clock, b, prefixes, 100_000);
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertTrue(allocated < 1_024, allocated + " bytes allocated by 10^5 write rounds (sink " + sink + ")");
        }
    }

    private static long write(
        final ChronicleMapCache cache, final CachedEpochClock clock, final MappingBuilder b,
        final EidPrefix[] prefixes, final int n)
    {
        long sink = 0;
        for (int i = 0; i < n; i++)
        {
            // 2,048 prefixes into 1,024 places: inserts evict once the cache is full.
            final EidPrefix prefix = prefixes[i & (prefixes.length - 1)];
            b.reset().ttlMinutes(1 + (i & 3)).mapVersion(i & 0xFFF)
                .addIpv4Locator(i, 1, 1, 50, 1, 1).addIpv4Locator(~i, 1, 1, 50, 1, 1);
            sink += cache.put(prefix, b);
            sink += cache.locatorState(prefix, i & 1, (i & 2) == 0 ? 0 : 1);
            if ((i & 15) == 0)
            {
                sink += cache.remove(prefix);
            }
            if ((i & 1023) == 0)
            {
                clock.advance(60_000);
                sink += cache.expire();
            }
        }
        return sink;
    }

    private static long run(final MapCacheReader reader, final MappingView view, final UnsafeBuffer packet,
        final int n)
    {
        long found = 0;
        for (int i = 0; i < n; i++)
        {
            final int k = i % 1_000;
            final int address = 0x0A00_0000 | (k << 8) | (i & 0xFF);
            found += reader.lookupIpv4(0, address, view) == MapCacheStatus.FOUND ? view.maskLength() : 0;
            found += reader.lookupIpv4(0, 0x0B00_0000 | i, view) == MapCacheStatus.NO_MAPPING ? 1 : 0;
            packet.putLong(16, 0x2001_0DB8_0000_0000L | ((long)k << 16), BIG_ENDIAN);
            packet.putLong(24, i, BIG_ENDIAN);
            found += reader.lookup(0, Afi.IPV6, packet, 16, view) == MapCacheStatus.FOUND ?
                view.locators().ipv4Address(1) : 0;
            found += reader.lookup(0, Afi.IPV6, EidKey.ipv4Hi(i), 0, view);
        }
        return found;
    }
}
