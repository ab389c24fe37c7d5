/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers look up while the writer inserts, updates, removes and expires. Stable prefixes (10.s.t.0/24, never
 * touched) must always be found (or a more specific volatile prefix inside them); every mapping a reader sees must
 * be whole: volatile mappings are written so that a torn copy is detectable (all locators carry the same stamp,
 * the locator count and map version derive from it).
 */
class ChronicleMapCacheConcurrencyTest
{
    private static final int STABLE = 4_096;
    private static final long RUN_MS = 3_000;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldNeverTearOrMissStableEntries(final boolean directTable) throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(MapCacheContractTest.T0);
        try (ChronicleMapCache cache = new ChronicleMapCache(
            new ChronicleMapCache.Context().capacity(STABLE + 256).clock(clock)
            .ipv4DirectInstanceIds(directTable ? new int[]{0} : new int[0])))
        {
            final MappingBuilder b = new MappingBuilder();
            for (int i = 0; i < STABLE; i++)
            {
                final int net = 0x0A00_0000 | (i << 8);
                b.reset().ttlMinutes(0x7FFF_FFFF).addIpv4Locator(net, 1, 1, 1, 1, 1);
                assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.ipv4(0, net, 24), b));
            }
            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicReference<String> failure = new AtomicReference<>();
            final AtomicLong lookups = new AtomicLong();
            final List<Thread> readers = new ArrayList<>();
            final List<ChronicleMapCache.Reader> readerObjects = new ArrayList<>();
            for (int r = 0; r < 2; r++)
            {
                final ChronicleMapCache.Reader reader = (ChronicleMapCache.Reader)cache.newReader(clock);
                readerObjects.add(reader);
                final long seed = r;
                final Thread t = new Thread(() -> read(reader, seed, running, failure, lookups), "reader-" + r);
                readers.add(t);
                t.start();
            }

            final SplittableRandom random = new SplittableRandom(42);
            final long end = System.currentTimeMillis() + RUN_MS;
            long writes = 0;
            int stamp = 1;
            while (System.currentTimeMillis() < end && failure.get() == null)
            {
                final int s = random.nextInt(STABLE);
                final int length = 25 + random.nextInt(8);
                final int net = (0x0A00_0000 | (s << 8) | random.nextInt(256)) & (int)(-1L << (32 - length));
                final EidPrefix p = EidPrefix.ipv4(0, net, length);
                final int op = random.nextInt(10);
                if (op < 7)
                {
                    stamp = (stamp + 1) & 0x7FFF_FFFF;
                    b.reset().mapVersion(stamp & 0xFFF).ttlMinutes(1 + random.nextInt(3));
                    for (int i = 0, n = 1 + (stamp & 7); i < n; i++)
                    {
                        b.addIpv4Locator(stamp, 1, stamp & 0xFF, (stamp >>> 8) & 0xFF, 0, 0);
                    }
                    assertEquals(MapCacheStatus.OK, cache.put(p, b));
                }
                else if (op < 9)
                {
                    cache.remove(p);
                }
                else
                {
                    clock.advance(10_000);
                    cache.expire();
                }
                writes++;
            }
            running.set(false);
            for (final Thread t : readers)
            {
                t.join();
            }
            assertNull(failure.get());
            assertTrue(writes > 1_000, "writes " + writes);
            assertTrue(lookups.get() > 10_000, "lookups " + lookups.get());
            long restarts = 0;
            for (final ChronicleMapCache.Reader reader : readerObjects)
            {
                restarts += reader.restarts();
            }
            if (directTable)
            {
                assertTrue(RESOLVED_READS.get() > 1_000, "resolved reads " + RESOLVED_READS.get());
            }
            System.out.println("resolved=" + RESOLVED_READS.getAndSet(0) + " writes=" + writes + " lookups=" +
                lookups.get() + " restarts=" + restarts +
                " evictions=" + cache.evictions());
        }
    }

    /**
     * Cycles through the three read paths: one lookup (copy), a burst of lookups (staged, copy), and the ITR's
     * one-line resolution (RLOC and version from the forwarding line, validated; a torn line would pair an RLOC with
     * another mapping's version).
     */
    private static void read(
        final ChronicleMapCache.Reader reader,
        final long seed,
        final AtomicBoolean running,
        final AtomicReference<String> failure,
        final AtomicLong lookups)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final MappingView view = new MappingView();
        final int[] addresses = new int[BURST];
        final int[] statuses = new int[BURST];
        final MappingView[] views = new MappingView[BURST];
        for (int i = 0; i < BURST; i++)
        {
            views[i] = new MappingView();
        }
        long n = 0;
        long resolvedReads = 0;
        int round = 0;
        while (running.get())
        {
            final int mode = round++ % 3;
            String problem = null;
            if (mode == 0)
            {
                final int address = stableAddress(random);
                problem = check(reader.lookupIpv4(0, address, view), address, view);
                n++;
            }
            else if (mode == 1)
            {
                for (int i = 0; i < BURST; i++)
                {
                    addresses[i] = stableAddress(random);
                }
                reader.lookupIpv4Burst(0, addresses, BURST, statuses, views);
                for (int i = 0; i < BURST && problem == null; i++)
                {
                    problem = check(statuses[i], addresses[i], views[i]);
                }
                n += BURST;
            }
            else
            {
                final int address = stableAddress(random);
                final int entry = reader.ipv4Entry(0, address);
                final long resolved = entry == ChronicleMapCache.ENTRY_NO_TABLE ? ChronicleMapCache.RESOLVE_FALLBACK :
                    reader.resolveIpv4(0, address, entry, false, random.nextInt());
                if (resolved != ChronicleMapCache.RESOLVE_FALLBACK)
                {
                    problem = checkResolved(resolved, address);
                    resolvedReads++;
                }
                else
                {
                    problem = check(reader.lookupIpv4(0, address, view), address, view);
                }
                n++;
            }
            if (problem != null)
            {
                failure.compareAndSet(null, problem);
                break;
            }
        }
        lookups.addAndGet(n);
        RESOLVED_READS.addAndGet(resolvedReads);
    }

    private static final int BURST = 8;
    private static final AtomicLong RESOLVED_READS = new AtomicLong();

    /**
     * A one-line resolution: a stable /24 resolves to its network address with version 0; a volatile mapping to its
     * stamp (every locator carries it) with version {@code stamp & 0xFFF}. A torn line mixes the two.
     */
    private static String checkResolved(final long resolved, final int address)
    {
        final int rloc = (int)resolved;
        final int version = (int)(resolved >>> 32);
        if ((rloc == (address & 0xFFFF_FF00) && version == 0) || version == (rloc & 0xFFF))
        {
            return null;
        }
        return "torn resolution rloc=" + Integer.toHexString(rloc) + " version=" + version + " for " +
            Integer.toHexString(address);
    }

    private static int stableAddress(final SplittableRandom random)
    {
        return 0x0A00_0000 | (random.nextInt(STABLE) << 8) | random.nextInt(256);
    }

    private static String check(final int status, final int address, final MappingView view)
    {
        if (status == MapCacheStatus.NO_MAPPING)
        {
            return "missed stable prefix for " + Integer.toHexString(address);
        }
        final int length = view.maskLength();
        final int net = (int)(view.hi() >>> 32);
        if (length < 24 || (address & (int)(-1L << (32 - length))) != net)
        {
            return "wrong prefix " + view + " for " + Integer.toHexString(address);
        }
        final LocatorSetDecoder locators = view.locators();
        if (length == 24)
        {
            return status == MapCacheStatus.FOUND && locators.count() == 1 && locators.ipv4Address(0) == net ? null :
                "bad stable mapping " + view;
        }
        final int stamp = locators.ipv4Address(0);
        if (locators.count() != 1 + (stamp & 7) || view.mapVersion() != (stamp & 0xFFF))
        {
            return "torn mapping " + view;
        }
        for (int i = 0; i < locators.count(); i++)
        {
            if (locators.ipv4Address(i) != stamp || locators.priority(i) != (stamp & 0xFF) ||
                locators.weight(i) != ((stamp >>> 8) & 0xFF))
            {
                return "torn locator " + i + " in " + view;
            }
        }
        return null;
    }
}
