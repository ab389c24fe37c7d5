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

/**
 * Reader lookups (hits, misses, IPv4 through the hash index and through DIR-24-8, IPv6 from a packet buffer)
 * allocate nothing once warm.
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
            final long before = threads.getThreadAllocatedBytes(thread);
            sink += run(reader, view, packet, 1_000_000);
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(0, allocated, "bytes allocated by 10^6 lookups (sink " + sink + ")");
        }
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
