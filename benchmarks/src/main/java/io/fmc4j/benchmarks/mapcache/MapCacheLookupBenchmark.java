/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.Mapping;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Longest-prefix-match lookup of the map-cache, side by side: {@code direct} (the map-cache reader with a DIR-24-8
 * table for IPv4 instance ID 0; for IPv6 it is the same as {@code index}), {@code index} (the reader over the
 * off-heap hash table per prefix length), {@code chronicle} (probing the Chronicle Map store of record per
 * prefix length) and {@code onheap} (a {@code HashMap} per prefix length).
 * Hits with uniform and Zipf key streams, and misses.
 * <p>
 * 10^7 IPv4 prefixes: {@code -p size=10000000 -p afi=ipv4} (about 3 GB off-heap with maxLocators=2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class MapCacheLookupBenchmark
{
    private static final int KEYS = 1 << 16;
    private static final long NOW = 1_700_000_000_000L;

    @Param({"ipv4", "ipv6"})
    String afi;

    @Param({"1000", "100000", "1000000"})
    int size;

    @Param({"hit-uniform", "hit-zipf", "miss"})
    String stream;

    @Param({"direct", "index", "chronicle", "onheap"})
    String impl;

    /** Whether the off-heap tables are advised onto transparent huge pages (see {@code OffHeap}). */
    @Param({"true"})
    String hugePages;

    private final long[] keyHi = new long[KEYS];
    private final long[] keyLo = new long[KEYS];
    private final MappingView view = new MappingView();
    private final int[] burstAddresses = new int[ChronicleMapCache.BURST];
    private final int[] burstStatuses = new int[ChronicleMapCache.BURST];
    private final MappingView[] burstViews = new MappingView[ChronicleMapCache.BURST];
    private final int[] burstEntries = new int[ChronicleMapCache.BURST];
    private final int[] flowHashes = new int[KEYS];
    private int afiValue;
    private int next;
    private ChronicleMapCache cache;
    private MapCacheReader reader;
    private ChronicleOnlyLpm chronicleOnly;
    private OnHeapLpm onHeap;

    /**
     * Builds the prefix set for the implementation under test.
     *
     * @throws IOException never (memory-only store).
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        System.setProperty("fmc4j.hugepages", hugePages);
        afiValue = "ipv4".equals(afi) ? Afi.IPV4 : Afi.IPV6;
        for (int i = 0; i < burstViews.length; i++)
        {
            burstViews[i] = new MappingView();
        }
        final PrefixMix mix = PrefixMix.generate(afiValue, size, 7);
        mix.keys(stream, keyHi, keyLo, 13);
        final SplittableRandom hashes = new SplittableRandom(17);
        for (int i = 0; i < KEYS; i++)
        {
            flowHashes[i] = hashes.nextInt();
        }
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(NOW);
        final MappingBuilder mapping = new MappingBuilder();
        if ("onheap".equals(impl))
        {
            onHeap = new OnHeapLpm();
            for (int i = 0; i < size; i++)
            {
                final long word0 = EidKey.word0(0, afiValue, mix.lengths[i]);
                final byte[] bytes = new byte[Mapping.length(2)];
                final UnsafeBuffer b = new UnsafeBuffer(bytes);
                Mapping.putHeader(b, 0, word0, mix.his[i], mix.los[i], Long.MAX_VALUE, 1440, 0, 0, 0);
                b.putByte(Mapping.COUNT_OFFSET, (byte)2);
                LocatorSet.putIpv4(b, Mapping.LOCATORS_OFFSET, i, 1, 1, 50, 255, 0);
                LocatorSet.putIpv4(b, Mapping.LOCATORS_OFFSET + LocatorSet.LOCATOR_LENGTH, ~i, 1, 2, 50, 255, 0);
                onHeap.put(word0, mix.his[i], mix.los[i], bytes);
            }
            return;
        }
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(size).clock(clock).maxLocators(2)
            .ipv4DirectInstanceIds("direct".equals(impl) ? new int[]{0} : new int[0]));
        chronicleOnly = new ChronicleOnlyLpm(cache.store());
        for (int i = 0; i < size; i++)
        {
            mapping.reset().ttlMinutes(Mapping.TTL_FOREVER)
                .addIpv4Locator(i, LocatorSet.FLAG_REACHABLE, 1, 50, 255, 0)
                .addIpv4Locator(~i, LocatorSet.FLAG_REACHABLE, 2, 50, 255, 0);
            cache.put(0, afiValue, mix.lengths[i], mix.his[i], mix.los[i], mapping);
            chronicleOnly.addLength(mix.lengths[i]);
        }
        reader = cache.newReader(clock);
    }

    /**
     * Reports memory per entry once per trial.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (cache != null)
        {
            System.out.printf("%n[footprint] %s %d prefixes: read side %.1f B/entry, chronicle store %.1f B/entry%n",
                afi, cache.size(), (double)cache.readSideMemoryBytes() / cache.size(),
                (double)cache.storeMemoryBytes() / cache.size());
            cache.close();
        }
    }

    /**
     * {@value ChronicleMapCache#BURST} lookups of the next addresses of the stream through the reader's burst
     * path ({@code direct}: staged so that cache misses overlap; {@code index}: one after the other); IPv4 with the
     * map-cache reader; other implementations and IPv6 make {@value ChronicleMapCache#BURST} single lookups.
     * Score per lookup.
     *
     * @return the last status.
     */
    @Benchmark
    @OperationsPerInvocation(ChronicleMapCache.BURST)
    public int lookupBurst()
    {
        if (null == reader || afiValue != Afi.IPV4)
        {
            int status = 0;
            for (int i = 0; i < ChronicleMapCache.BURST; i++)
            {
                status += lookup();
            }
            return status;
        }
        for (int i = 0; i < ChronicleMapCache.BURST; i++)
        {
            burstAddresses[i] = (int)(keyHi[next++ & (KEYS - 1)] >>> 32);
        }
        reader.lookupIpv4Burst(0, burstAddresses, ChronicleMapCache.BURST, burstStatuses, burstViews);
        return burstStatuses[ChronicleMapCache.BURST - 1];
    }

    /**
     * The ITR's lookup: {@value ChronicleMapCache#BURST} addresses of the stream resolved to the RLOC a flow would
     * be sent to (DIR-24-8 entries in stages, then each record's forwarding line: key, expiry, precomputed locator
     * choice; validated; nothing copied), as the data path does ({@code direct}, IPv4 only). A fallback (which this
     * mapping set never needs on hits) would cost a full lookup, and does here. Other implementations and IPv6:
     * the same as {@link #lookupBurst}. Score per lookup.
     *
     * @return a digest of the RLOCs.
     */
    @Benchmark
    @OperationsPerInvocation(ChronicleMapCache.BURST)
    public long resolveBurst()
    {
        if (!(reader instanceof ChronicleMapCache.Reader) || afiValue != Afi.IPV4 || !"direct".equals(impl))
        {
            return lookupBurst();
        }
        final ChronicleMapCache.Reader r = (ChronicleMapCache.Reader)reader;
        final int first = next;
        for (int i = 0; i < ChronicleMapCache.BURST; i++)
        {
            burstAddresses[i] = (int)(keyHi[next++ & (KEYS - 1)] >>> 32);
        }
        r.ipv4Entries(0, burstAddresses, ChronicleMapCache.BURST, burstEntries);
        long digest = 0;
        for (int i = 0; i < ChronicleMapCache.BURST; i++)
        {
            final int entry = burstEntries[i];
            if (entry == ChronicleMapCache.ENTRY_NO_MAPPING)
            {
                digest++;
                continue;
            }
            long resolved = r.resolveIpv4(0, burstAddresses[i], entry, false, flowHashes[(first + i) & (KEYS - 1)]);
            if (resolved == ChronicleMapCache.RESOLVE_FALLBACK)
            {
                resolved = r.lookupIpv4(0, burstAddresses[i], view);
            }
            digest += resolved;
        }
        return digest;
    }

    /**
     * One lookup of the next address of the stream.
     *
     * @return the status, consumed by JMH.
     */
    @Benchmark
    public int lookup()
    {
        final int k = next++ & (KEYS - 1);
        switch (impl)
        {
            case "direct":
            case "index":
                return reader.lookup(0, afiValue, keyHi[k], keyLo[k], view);
            case "chronicle":
                return chronicleOnly.lookup(0, afiValue, keyHi[k], keyLo[k], view);
            default:
                return onHeap.lookup(0, afiValue, keyHi[k], keyLo[k], view);
        }
    }
}
