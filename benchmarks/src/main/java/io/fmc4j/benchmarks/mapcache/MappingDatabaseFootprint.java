/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fills a Map-Server mapping database with N registrations (IPv4 prefixes of the realistic mix, two IPv4
 * locators each, one xTR each) and reports the process's resident memory, the Chronicle store's off-heap use and
 * the Java heap, plus the registration and lookup rates. Not a JMH benchmark: a footprint measurement.
 * <p>
 * {@code java <jvm flags> -Xmx1g -cp benchmarks.jar io.fmc4j.benchmarks.mapcache.MappingDatabaseFootprint
 * 10000000 [file]}
 */
public final class MappingDatabaseFootprint
{
    private MappingDatabaseFootprint()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args registrations, optional persistence file ("" for none), optional cacheValuesOnHeap (true).
     * @throws IOException when the file cannot be used.
     */
    public static void main(final String[] args) throws IOException
    {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final File file = args.length > 1 && !args[1].isEmpty() ? new File(args[1]) : null;
        final boolean cacheValuesOnHeap = args.length <= 2 || Boolean.parseBoolean(args[2]);
        final long rssBefore = rssBytes();
        final Site site = Site.builder("all").key(new AuthKey(1, AuthKey.HMAC_SHA_256_128,
            "secret".getBytes(StandardCharsets.UTF_8))).allow("0.0.0.0/0").acceptMoreSpecifics(true).build();
        final PrefixMix mix = PrefixMix.generate(Afi.IPV4, n, 5);
        final long rssMix = rssBytes();
        try (MappingDatabase db = new MappingDatabase(new MappingDatabase.Context().capacity(n).site(site).file(file)
            .cacheValuesOnHeap(cacheValuesOnHeap)))
        {
            final RegistrationBuilder reg = new RegistrationBuilder();
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++)
            {
                reg.reset().eid(0, Afi.IPV4, mix.lengths[i], mix.his[i], 0)
                    .xtrRloc(Afi.IPV4, EidKey.ipv4Hi(0xC633_6400 | (i & 0xFF)), 0).xtrId(0, i).siteId(1)
                    .wantMapNotify(true);
                reg.mapping().ttlMinutes(1440)
                    .addIpv4Locator(0xC000_0200 | i, LocatorSet.FLAG_REACHABLE, 1, 50, 255, 0)
                    .addIpv4Locator(0xC000_0300 | i, LocatorSet.FLAG_REACHABLE, 2, 50, 255, 0);
                if (db.register(site, reg) != MapCacheStatus.OK)
                {
                    throw new IllegalStateException("registration " + i + " refused");
                }
            }
            final long registerNs = System.nanoTime() - start;
            final RegistrationView view = new RegistrationView();
            final int lookups = Math.min(n, 1_000_000);
            final long lookupStart = System.nanoTime();
            int found = 0;
            for (int i = 0; i < lookups; i++)
            {
                final int k = (int)((i * 2_654_435_761L) % n);
                found += db.lookup(0, Afi.IPV4, mix.his[k], 0, view) == MapCacheStatus.FOUND ? 1 : 0;
            }
            final long lookupNs = System.nanoTime() - lookupStart;
            System.gc();
            final Runtime rt = Runtime.getRuntime();
            final long heapUsed = rt.totalMemory() - rt.freeMemory();
            final long rss = rssBytes();
            System.out.printf("registrations           %,d%n", db.size());
            System.out.printf("register                %.0f ns each%n", (double)registerNs / n);
            System.out.printf("lookup (LPM + read)     %.0f ns each (%d found)%n", (double)lookupNs / lookups, found);
            System.out.printf("chronicle off-heap      %,d bytes (%.1f B/registration)%n",
                db.storeMemoryBytes(), (double)db.storeMemoryBytes() / n);
            System.out.printf("indexes                 %,d bytes (%.1f B/registration)%n",
                db.indexMemoryBytes(), (double)db.indexMemoryBytes() / n);
            System.out.printf("java heap used after gc %,d bytes (includes the %,d-prefix test data)%n", heapUsed, n);
            System.out.printf("process RSS             %,d bytes (before: %,d, with test data: %,d)%n",
                rss, rssBefore, rssMix);
            System.out.printf("RSS growth for the db   %,d bytes (%.1f B/registration)%n",
                rss - rssMix, (double)(rss - rssMix) / n);
        }
    }

    private static long rssBytes() throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
