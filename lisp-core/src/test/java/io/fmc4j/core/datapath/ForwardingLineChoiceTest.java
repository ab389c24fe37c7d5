/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ITR's one-line lookup ({@link ChronicleMapCache.Reader#resolveIpv4}, the locator choice precomputed by the
 * map-cache writer) against the rule it stands for ({@link LocatorSelector#select} over the whole mapping): for
 * random locator sets (0 to 8 locators, IPv4 and IPv6, reachable or not, priorities including 255, weights
 * including 0), random flow hashes, and ITRs that send IPv4 only or both families, a resolved RLOC must be exactly
 * the one the selector picks, with the mapping's version; a fallback is allowed only where the precomputation does
 * not apply, and must be taken there.
 */
class ForwardingLineChoiceTest
{
    private static final int IID = 7;
    private static final long NOW = 1_000_000_000L;

    @Test
    void shouldResolveTheLocatorTheSelectorPicks() throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(NOW);
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(4096)
            .clock(clock).ipv4DirectInstanceIds(new int[] {IID})))
        {
            final ChronicleMapCache.Reader reader = (ChronicleMapCache.Reader)cache.newReader(clock);
            final SplittableRandom random = new SplittableRandom(11);
            final MappingBuilder b = new MappingBuilder();
            final UnsafeBuffer v6 = new UnsafeBuffer(new byte[16]);
            final MappingView view = new MappingView();
            int resolved = 0;
            int fellBack = 0;
            for (int round = 0; round < 3_000; round++)
            {
                final int net = 0x0A00_0000 | (round << 8);
                final int version = random.nextInt(4096);
                b.reset().ttlMinutes(10).mapVersion(version);
                if (random.nextInt(20) == 0)
                {
                    b.action(MapAction.NATIVELY_FORWARD);
                }
                else
                {
                    for (int i = 0, n = random.nextInt(9); i < n; i++)
                    {
                        final int state = random.nextInt(5) == 0 ? 0 : LocatorSet.FLAG_REACHABLE;
                        final int priority = random.nextInt(8) == 0 ? 255 : 1 + random.nextInt(3);
                        final int weight = random.nextInt(4) == 0 ? 0 : random.nextInt(101);
                        if (random.nextInt(4) == 0)
                        {
                            v6.putLong(0, 0x2001_0db8_0000_0000L | i);
                            v6.putLong(8, round);
                            b.addLocator(Afi.IPV6, v6, 0, state, priority, weight, 0, 0);
                        }
                        else
                        {
                            b.addIpv4Locator(0xC633_0000 | (round << 3) | i, state, priority, weight, 0, 0);
                        }
                    }
                }
                assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.ipv4(IID, net, 24), b));
                assertEquals(MapCacheStatus.FOUND, reader.lookupIpv4(IID, net | 1, view));
                final int entry = reader.ipv4Entry(IID, net | 1);
                for (int h = 0; h < 20; h++)
                {
                    final int hash = random.nextInt();
                    for (final int families : new int[] {LocatorSelector.FAMILY_IPV4,
                        LocatorSelector.FAMILY_IPV4 | LocatorSelector.FAMILY_IPV6})
                    {
                        final long r = reader.resolveIpv4(IID, net | 1, entry,
                            (families & LocatorSelector.FAMILY_IPV6) != 0, hash);
                        final LocatorSetDecoder locators = view.locators();
                        final int expected = view.negative() ? LocatorSelector.NONE :
                            LocatorSelector.select(locators, families, hash);
                        if (r == ChronicleMapCache.RESOLVE_FALLBACK)
                        {
                            fellBack++;
                            assertTrue(expected == LocatorSelector.NONE || locators.afi(expected) == Afi.IPV6 ||
                                candidates(locators, families) > 4 || ((families & LocatorSelector.FAMILY_IPV6) != 0 &&
                                best(locators, LocatorSelector.FAMILY_IPV6) <=
                                best(locators, LocatorSelector.FAMILY_IPV4)),
                                "fell back although the choice applies: " + view);
                            continue;
                        }
                        resolved++;
                        assertTrue(expected != LocatorSelector.NONE, "resolved a mapping with no usable locator");
                        assertEquals(Afi.IPV4, locators.afi(expected));
                        assertEquals(locators.ipv4Address(expected), (int)r, "RLOC for hash " + hash + " " + view);
                        assertEquals(version, (int)(r >>> 32), "map version");
                    }
                }
            }
            assertTrue(resolved > 50_000, "resolved " + resolved);
            assertTrue(fellBack > 5_000, "fell back " + fellBack);
        }
    }

    @Test
    void shouldFollowReachabilityChangesAndExpiry() throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(NOW);
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(64)
            .clock(clock).ipv4DirectInstanceIds(new int[] {IID})))
        {
            final ChronicleMapCache.Reader reader = (ChronicleMapCache.Reader)cache.newReader(clock);
            final EidPrefix prefix = EidPrefix.ipv4(IID, 0x0A01_0000, 16);
            assertEquals(MapCacheStatus.OK, cache.put(prefix, new MappingBuilder().ttlMinutes(1)
                .addIpv4Locator(0x0101_0101, LocatorSet.FLAG_REACHABLE, 1, 100, 0, 0)
                .addIpv4Locator(0x0202_0202, LocatorSet.FLAG_REACHABLE, 2, 100, 0, 0)));
            final int address = 0x0A01_0203;
            assertEquals(0x0101_0101, (int)reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, 5));
            assertEquals(MapCacheStatus.OK, cache.locatorState(prefix, 0, 0));
            assertEquals(0x0202_0202, (int)reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, 5));
            assertEquals(MapCacheStatus.OK, cache.locatorState(prefix, 1, 0));
            assertEquals(ChronicleMapCache.RESOLVE_FALLBACK,
                reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, 5));
            assertEquals(MapCacheStatus.OK, cache.locatorState(prefix, 0, LocatorSet.FLAG_REACHABLE));
            assertEquals(0x0101_0101, (int)reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, 5));
            assertEquals(ChronicleMapCache.RESOLVE_FALLBACK,
                reader.resolveIpv4(IID + 1, address, reader.ipv4Entry(IID, address), false, 5), "wrong instance");
            assertEquals(ChronicleMapCache.RESOLVE_FALLBACK,
                reader.resolveIpv4(IID, 0x0A02_0203, reader.ipv4Entry(IID, address), false, 5), "wrong prefix");
            clock.advance(60_001);
            assertEquals(ChronicleMapCache.RESOLVE_FALLBACK,
                reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, 5), "expired");
        }
    }

    /**
     * One prefix rewritten as fast as the writer can, in a cache so small that its few records are recycled for
     * the same prefix all the time, while a reader resolves it: every resolution must be one whole mapping (RLOC and
     * version written together), which only the sequence-word validation guarantees.
     */
    @Test
    void shouldNeverResolveATornLine() throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(NOW);
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(2)
            .clock(clock).ipv4DirectInstanceIds(new int[] {IID})))
        {
            final ChronicleMapCache.Reader reader = (ChronicleMapCache.Reader)cache.newReader(clock);
            final EidPrefix prefix = EidPrefix.ipv4(IID, 0x0A01_0000, 16);
            final MappingBuilder b = new MappingBuilder();
            final int address = 0x0A01_0203;
            assertEquals(MapCacheStatus.OK, cache.put(prefix, b.reset().ttlMinutes(10).mapVersion(1)
                .addIpv4Locator((7 << 12) | 1, LocatorSet.FLAG_REACHABLE, 1, 1, 0, 0)));
            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicReference<String> torn = new AtomicReference<>();
            final AtomicLong resolvedCount = new AtomicLong();
            final Thread t = new Thread(() ->
            {
                long n = 0;
                while (running.get() && torn.get() == null)
                {
                    final long r = reader.resolveIpv4(IID, address, reader.ipv4Entry(IID, address), false, (int)n);
                    if (r != ChronicleMapCache.RESOLVE_FALLBACK)
                    {
                        n++;
                        resolvedCount.lazySet(n);
                        final int rloc = (int)r;
                        if ((rloc & 0xFFF) != (int)(r >>> 32) || (rloc >>> 12) != ((rloc & 0xFFF) * 7 & 0xFFFFF))
                        {
                            torn.set("rloc " + Integer.toHexString(rloc) + " version " + (r >>> 32));
                        }
                    }
                }
            }, "resolver");
            t.start();
            // At least 1 s and 1,000 resolutions (a starved reader on a loaded machine gets up to 20 s).
            final long start = System.nanoTime();
            int stamp = 1;
            while (torn.get() == null && (System.nanoTime() - start < 1_000_000_000L ||
                (resolvedCount.get() < 1_000 && System.nanoTime() - start < 20_000_000_000L)))
            {
                stamp = stamp % 4095 + 1;
                final int rloc = ((stamp * 7 & 0xFFFFF) << 12) | stamp;
                b.reset().ttlMinutes(10).mapVersion(stamp);
                for (int i = 0; i < 1 + (stamp & 3); i++)
                {
                    b.addIpv4Locator(rloc, LocatorSet.FLAG_REACHABLE, 1, 1 + i, 0, 0);
                }
                assertEquals(MapCacheStatus.OK, cache.put(prefix, b));
            }
            running.set(false);
            t.join();
            assertEquals(null, torn.get());
            assertTrue(resolvedCount.get() > 1_000, "resolutions " + resolvedCount.get());
        }
    }

    private static int best(final LocatorSetDecoder locators, final int families)
    {
        int best = LocatorSelector.PRIORITY_UNUSABLE;
        for (int i = 0; i < locators.count(); i++)
        {
            if (usable(locators, i, families))
            {
                best = Math.min(best, locators.priority(i));
            }
        }
        return best;
    }

    private static int candidates(final LocatorSetDecoder locators, final int families)
    {
        final int best = best(locators, families);
        int weighted = 0;
        int all = 0;
        for (int i = 0; i < locators.count(); i++)
        {
            if (usable(locators, i, families) && locators.priority(i) == best)
            {
                all++;
                weighted += locators.weight(i) > 0 ? 1 : 0;
            }
        }
        return weighted == 0 ? all : weighted;
    }

    private static boolean usable(final LocatorSetDecoder locators, final int i, final int families)
    {
        final int afi = locators.afi(i);
        return (locators.flags(i) & LocatorSet.FLAG_REACHABLE) != 0 &&
            locators.priority(i) != LocatorSelector.PRIORITY_UNUSABLE &&
            ((afi == Afi.IPV4 && (families & LocatorSelector.FAMILY_IPV4) != 0) ||
            (afi == Afi.IPV6 && (families & LocatorSelector.FAMILY_IPV6) != 0));
    }
}
