/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every map-cache must do, run against the Chronicle implementation and the reference model.
 */
abstract class MapCacheContractTest
{
    static final long T0 = 1_700_000_000_000L;

    final CachedEpochClock clock = new CachedEpochClock();
    final MappingBuilder mapping = new MappingBuilder();
    final MappingView view = new MappingView();
    MapCacheUnderTest cache;

    abstract MapCacheUnderTest newCache(CachedEpochClock clock, int capacity, boolean evict);

    @BeforeEach
    void before()
    {
        clock.update(T0);
        cache = newCache(clock, 64, true);
    }

    @AfterEach
    void after()
    {
        cache.close();
    }

    static int ip(final String dotted)
    {
        return (int)(EidPrefix.parse(dotted).hi() >>> 32);
    }

    int lookup(final String address)
    {
        final EidPrefix p = EidPrefix.parse(address);
        return cache.lookup(p.instanceId(), p.afi(), p.hi(), p.lo(), view);
    }

    MappingBuilder rloc(final String rloc)
    {
        return mapping.reset().addIpv4Locator(ip(rloc), LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
    }

    @Test
    void shouldFindLongestMatchingPrefix()
    {
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.8")));
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("10.1.0.0/16"), rloc("192.0.2.16")));
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("10.1.2.0/24"), rloc("192.0.2.24")));
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("10.1.2.3/32"), rloc("192.0.2.32")));

        assertEquals(MapCacheStatus.FOUND, lookup("10.1.2.3"));
        assertEquals(32, view.maskLength());
        assertEquals(ip("192.0.2.32"), view.locators().ipv4Address(0));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.2.4"));
        assertEquals(24, view.maskLength());
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.3.4"));
        assertEquals(16, view.maskLength());
        assertEquals(MapCacheStatus.FOUND, lookup("10.2.3.4"));
        assertEquals(8, view.maskLength());
        assertEquals(ip("192.0.2.8"), view.locators().ipv4Address(0));
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("11.0.0.1"));
    }

    @Test
    void shouldMatchDefaultRouteAndHostRoutes()
    {
        cache.put(EidPrefix.parse("0.0.0.0/0"), rloc("192.0.2.1"));
        cache.put(EidPrefix.parse("255.255.255.255/32"), rloc("192.0.2.2"));
        assertEquals(MapCacheStatus.FOUND, lookup("1.2.3.4"));
        assertEquals(0, view.maskLength());
        assertEquals(MapCacheStatus.FOUND, lookup("255.255.255.255"));
        assertEquals(32, view.maskLength());
    }

    @Test
    void shouldKeepInstanceIdsApart()
    {
        cache.put(EidPrefix.parse("[1]10.0.0.0/8"), rloc("192.0.2.1"));
        cache.put(EidPrefix.parse("[2]10.0.0.0/8"), rloc("192.0.2.2"));
        assertEquals(MapCacheStatus.FOUND, lookup("[2]10.9.9.9"));
        assertEquals(ip("192.0.2.2"), view.locators().ipv4Address(0));
        assertEquals(2, view.instanceId());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("10.9.9.9"));
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("[3]10.9.9.9"));
    }

    @Test
    void shouldLookUpIpv6AndMac()
    {
        cache.put(EidPrefix.parse("2001:db8::/32"), rloc("192.0.2.1"));
        cache.put(EidPrefix.parse("2001:db8:0:1::/64"), rloc("192.0.2.2"));
        cache.put(EidPrefix.parse("2001:db8:0:1::7/128"), rloc("192.0.2.3"));
        cache.put(EidPrefix.parse("00:16:3e:00:00:01/48"), rloc("192.0.2.4"));
        assertEquals(MapCacheStatus.FOUND, lookup("2001:db8:0:1::7"));
        assertEquals(128, view.maskLength());
        assertEquals(MapCacheStatus.FOUND, lookup("2001:db8:0:1::8"));
        assertEquals(64, view.maskLength());
        assertEquals(MapCacheStatus.FOUND, lookup("2001:db8:ffff::1"));
        assertEquals(32, view.maskLength());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("2001:db9::1"));
        assertEquals(MapCacheStatus.FOUND, lookup("00:16:3e:00:00:01"));
        assertEquals(Afi.MAC, view.afi());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("00:16:3e:00:00:02"));
    }

    @Test
    void shouldReplaceMappingOfSamePrefix()
    {
        final EidPrefix p = EidPrefix.parse("10.1.0.0/16");
        cache.put(p, rloc("192.0.2.1"));
        cache.put(p, rloc("192.0.2.2").addIpv4Locator(ip("198.51.100.1"), 0, 2, 50, 255, 0).mapVersion(7));
        assertEquals(1, cache.size());
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.1.1"));
        assertEquals(2, view.locatorCount());
        assertEquals(ip("192.0.2.2"), view.locators().ipv4Address(0));
        assertEquals(ip("198.51.100.1"), view.locators().ipv4Address(1));
        assertEquals(2, view.locators().priority(1));
        assertEquals(50, view.locators().weight(1));
        assertEquals(7, view.mapVersion());
    }

    @Test
    void shouldRemovePrefixAndFallBackToShorter()
    {
        cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.8"));
        cache.put(EidPrefix.parse("10.1.0.0/16"), rloc("192.0.2.16"));
        assertEquals(MapCacheStatus.OK, cache.remove(EidPrefix.parse("10.1.0.0/16")));
        assertEquals(MapCacheStatus.NOT_PRESENT, cache.remove(EidPrefix.parse("10.1.0.0/16")));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.1.1"));
        assertEquals(8, view.maskLength());
    }

    @Test
    void shouldStoreNegativeEntriesWithTheirAction()
    {
        cache.put(EidPrefix.parse("10.0.0.0/8"), mapping.reset().action(MapAction.DROP_POLICY_DENIED).ttlMinutes(1));
        cache.put(EidPrefix.parse("172.16.0.0/12"), mapping.reset().action(MapAction.NATIVELY_FORWARD));
        assertEquals(MapCacheStatus.FOUND, lookup("10.0.0.1"));
        assertTrue(view.negative());
        assertEquals(MapAction.DROP_POLICY_DENIED, view.action());
        assertEquals(1, view.ttlMinutes());
        assertEquals(MapCacheStatus.FOUND, lookup("172.16.0.1"));
        assertEquals(MapAction.NATIVELY_FORWARD, view.action());
    }

    @Test
    void shouldReportExpiredThenDropOnSweep()
    {
        cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.8").ttlMinutes(1));
        cache.put(EidPrefix.parse("10.1.0.0/16"), rloc("192.0.2.16").ttlMinutes(10));
        clock.advance(60_000);
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals(MapCacheStatus.EXPIRED, lookup("10.2.0.1"));
        assertEquals(8, view.maskLength());
        assertEquals(1, cache.expire());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("10.2.0.1"));
        assertEquals(1, cache.size());
    }

    @Test
    void shouldEvictSoonestExpiringWhenFull()
    {
        cache.close();
        cache = newCache(clock, 3, true);
        cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.1").ttlMinutes(30));
        cache.put(EidPrefix.parse("11.0.0.0/8"), mapping.reset().action(MapAction.SEND_MAP_REQUEST).ttlMinutes(1));
        cache.put(EidPrefix.parse("12.0.0.0/8"), rloc("192.0.2.3").ttlMinutes(60));
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("13.0.0.0/8"), rloc("192.0.2.4").ttlMinutes(5)));
        assertEquals(3, cache.size());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("11.0.0.1"));
        assertEquals(MapCacheStatus.FOUND, lookup("10.0.0.1"));
        assertEquals(MapCacheStatus.FOUND, lookup("13.0.0.1"));
        assertEquals(MapCacheStatus.OK, cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.9")));
        assertEquals(3, cache.size());
    }

    @Test
    void shouldRefuseWhenFullAndEvictionDisabled()
    {
        cache.close();
        cache = newCache(clock, 2, false);
        cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.1"));
        cache.put(EidPrefix.parse("11.0.0.0/8"), rloc("192.0.2.2"));
        assertEquals(MapCacheStatus.FULL, cache.put(EidPrefix.parse("12.0.0.0/8"), rloc("192.0.2.3")));
        assertEquals(2, cache.size());
        assertEquals(MapCacheStatus.FOUND, lookup("10.0.0.1"));
        assertEquals(MapCacheStatus.FOUND, lookup("11.0.0.1"));
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("12.0.0.1"));
    }

    @Test
    void shouldRefuseBadPrefixesWithoutChangingAnything()
    {
        cache.put(EidPrefix.parse("10.0.0.0/8"), rloc("192.0.2.1"));
        assertEquals(MapCacheStatus.HOST_BITS_SET,
            cache.put(0, Afi.IPV4, 8, EidKey.ipv4Hi(ip("10.0.0.1")), 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH,
            cache.put(0, Afi.IPV4, 33, EidKey.ipv4Hi(ip("10.0.0.0")), 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH, cache.put(0, Afi.MAC, 49, 0, 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH, cache.put(0, Afi.IPV6, -1, 0, 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.UNKNOWN_AFI, cache.put(0, 99, 8, 0, 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.UNKNOWN_AFI, cache.put(0, Afi.LCAF, 8, 0, 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.BAD_INSTANCE_ID, cache.put(1 << 24, Afi.IPV4, 8, 0, 0, rloc("192.0.2.2")));
        assertEquals(MapCacheStatus.UNKNOWN_AFI, cache.lookup(0, 99, 0, 0, view));
        assertEquals(1, cache.size());
        assertEquals(MapCacheStatus.FOUND, lookup("10.0.0.1"));
        assertEquals(ip("192.0.2.1"), view.locators().ipv4Address(0));
    }

    @Test
    void shouldRefuseBadLocators()
    {
        final MappingBuilder b = rloc("192.0.2.1");
        for (int i = 0; i < 8; i++)
        {
            b.addIpv4Locator(ip("192.0.2.1") + i, 0, 1, 1, 1, 1);
        }
        assertEquals(MapCacheStatus.TOO_MANY_LOCATORS, cache.put(EidPrefix.parse("10.0.0.0/8"), b));
        final UnsafeBuffer mac = new UnsafeBuffer(new byte[16]);
        mac.putInt(0, 0x0016_3E00, BIG_ENDIAN);
        assertEquals(MapCacheStatus.BAD_LOCATOR,
            cache.put(EidPrefix.parse("10.0.0.0/8"), mapping.reset().addLocator(Afi.MAC, mac, 0, 0, 1, 1, 1, 1)));
        assertEquals(0, cache.size());
    }

    @Test
    void shouldCarryIpv6Locators()
    {
        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[16]);
        final EidPrefix rloc = EidPrefix.parse("2001:db8::99");
        v6.putLong(0, rloc.hi(), BIG_ENDIAN);
        v6.putLong(8, rloc.lo(), BIG_ENDIAN);
        cache.put(EidPrefix.parse("10.0.0.0/8"),
            mapping.reset().addLocator(Afi.IPV6, v6, 0, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0));
        assertEquals(MapCacheStatus.FOUND, lookup("10.0.0.1"));
        assertEquals(Afi.IPV6, view.locators().afi(0));
        final UnsafeBuffer out = new UnsafeBuffer(new byte[16]);
        assertEquals(16, view.locators().getAddress(0, out, 0));
        assertEquals(rloc.hi(), out.getLong(0, BIG_ENDIAN));
        assertEquals(rloc.lo(), out.getLong(8, BIG_ENDIAN));
        assertTrue(view.locators().reachable(0));
    }
}
