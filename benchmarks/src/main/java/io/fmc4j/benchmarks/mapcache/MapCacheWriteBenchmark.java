/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.CachedEpochClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Writer-side rates of the map-cache: {@code update} replaces the mapping of a cached prefix (store of record
 * plus copy-on-write record plus index slot swing); {@code insertEvict} inserts a new prefix into a full cache,
 * evicting the soonest-expiring one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
public class MapCacheWriteBenchmark
{
    @Param({"100000", "1000000"})
    int size;

    private final MappingBuilder mapping = new MappingBuilder();
    private final CachedEpochClock clock = new CachedEpochClock();
    private PrefixMix mix;
    private ChronicleMapCache cache;
    private int next;
    private int fresh;

    /**
     * Fills the cache.
     *
     * @throws IOException never (memory-only store).
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        clock.update(1_700_000_000_000L);
        mix = PrefixMix.generate(Afi.IPV4, size * 2, 3);
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(size).clock(clock).maxLocators(2));
        for (int i = 0; i < size; i++)
        {
            cache.put(0, Afi.IPV4, mix.lengths[i], mix.his[i], 0, build(i, 1440 + i));
        }
        fresh = size;
    }

    private MappingBuilder build(final int i, final int ttl)
    {
        return mapping.reset().ttlMinutes(ttl)
            .addIpv4Locator(i, LocatorSet.FLAG_REACHABLE, 1, 50, 255, 0)
            .addIpv4Locator(~i, LocatorSet.FLAG_REACHABLE, 2, 50, 255, 0);
    }

    /**
     * Closes the cache.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        cache.close();
    }

    /**
     * Replaces the mapping of a cached prefix.
     *
     * @return the status.
     */
    @Benchmark
    public int update()
    {
        final int i = next++ % size;
        return cache.put(0, Afi.IPV4, mix.lengths[i], mix.his[i], 0, build(i ^ next, Mapping.TTL_FOREVER - 1));
    }

    /**
     * Inserts a new prefix into the full cache (one eviction each).
     *
     * @return the status.
     */
    @Benchmark
    public int insertEvict()
    {
        final int i = fresh++;
        if (fresh == mix.count)
        {
            fresh = 0;
        }
        return cache.put(0, Afi.IPV4, mix.lengths[i], mix.his[i], 0, build(i, 60 + (i & 1023)));
    }
}
