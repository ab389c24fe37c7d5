/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionsTest
{
    private final IntArrayList found = new IntArrayList();
    private final Subscriptions.MatchHandler collect = found::addInt;
    private long slotSum;

    private static int subscribe(final Subscriptions s, final String prefix, final long xtr, final long expiresAt)
    {
        final EidPrefix p = EidPrefix.parse(prefix);
        return s.subscribe(p.word0(), p.hi(), p.lo(), 0, xtr, 4, xtr, 0, 4342, 0, expiresAt);
    }

    private long[] subscribersOf(final Subscriptions s, final String prefix)
    {
        final EidPrefix p = EidPrefix.parse(prefix);
        found.clear();
        final int n = s.forEachMatch(p.word0(), p.hi(), p.lo(), collect);
        assertEquals(found.size(), n);
        final long[] xtrs = new long[n];
        for (int i = 0; i < n; i++)
        {
            xtrs[i] = s.xtrLo(found.getInt(i));
        }
        Arrays.sort(xtrs);
        return xtrs;
    }

    @Test
    void shouldFindCoveringAndCoveredSubscriptions()
    {
        final Subscriptions s = new Subscriptions(16);
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.100.0.0/24", 1, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.100.0.5/32", 2, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.0.0.0/8", 3, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.100.1.0/24", 4, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "[5]10.100.0.0/24", 5, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "2001:db8::/32", 6, 100));
        assertEquals(Subscriptions.ADDED, subscribe(s, "0.0.0.0/0", 7, 100));
        assertEquals(Subscriptions.REFRESHED, subscribe(s, "10.100.0.0/24", 1, 200));
        assertEquals(7, s.size());

        // A new host route under a subscribed /24: the /24, the /8 and the default route hear of it.
        assertArrayEquals(new long[] {1, 2, 3, 7}, subscribersOf(s, "10.100.0.5/32"));
        assertArrayEquals(new long[] {1, 3, 7}, subscribersOf(s, "10.100.0.6/32"));
        // A change of a covering /16: every subscription inside it, and the covering ones.
        assertArrayEquals(new long[] {1, 2, 3, 4, 7}, subscribersOf(s, "10.100.0.0/16"));
        // Equal to a subscription; and a /23 starting where two subscriptions start, covering both /24s.
        assertArrayEquals(new long[] {1, 2, 3, 7}, subscribersOf(s, "10.100.0.0/24"));
        assertArrayEquals(new long[] {1, 2, 3, 4, 7}, subscribersOf(s, "10.100.0.0/23"));
        assertArrayEquals(new long[] {5}, subscribersOf(s, "[5]10.100.0.7/32"));
        assertArrayEquals(new long[] {6}, subscribersOf(s, "2001:db8:1::/48"));
        assertArrayEquals(new long[] {3, 7}, subscribersOf(s, "10.1.0.0/16"));
        assertArrayEquals(new long[] {7}, subscribersOf(s, "192.0.2.0/24"));
    }

    @Test
    void shouldExpireAndReuseSlotsAndRefuseWhenFull()
    {
        final Subscriptions s = new Subscriptions(3);
        subscribe(s, "10.1.0.0/16", 1, 100);
        subscribe(s, "10.2.0.0/16", 2, 300);
        subscribe(s, "10.1.1.0/24", 3, 100);
        assertEquals(Subscriptions.FULL, subscribe(s, "10.3.0.0/16", 4, 100));
        assertEquals(0, s.expire(99));
        assertEquals(2, s.expire(100));
        assertEquals(1, s.size());
        assertArrayEquals(new long[0], subscribersOf(s, "10.1.1.1/32"));
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.3.0.0/16", 4, 400));
        assertEquals(Subscriptions.ADDED, subscribe(s, "10.3.3.0/24", 5, 400));
        assertArrayEquals(new long[] {4, 5}, subscribersOf(s, "10.3.3.3/32"));
        assertEquals(1, s.expire(300));
        assertEquals(2, s.size());
    }

    @Test
    void shouldMatchExactlyWhatTheDefinitionSaysOverRandomPrefixes()
    {
        for (final long seed : new long[] {1, 2, 3})
        {
            final Random random = new Random(seed);
            final Subscriptions s = new Subscriptions(2000);
            long now = 0;
            for (int step = 0; step < 4000; step++)
            {
                final long[] prefix = randomPrefix(random);
                if (random.nextInt(3) > 0)
                {
                    s.subscribe(prefix[0], prefix[1], prefix[2], 0, random.nextInt(4), 4, 1, 0, 4342, 0,
                        now + 1 + random.nextInt(500));
                }
                if (random.nextInt(50) == 0)
                {
                    now += random.nextInt(100);
                    s.expire(now);
                }
                found.clear();
                s.forEachMatch(prefix[0], prefix[1], prefix[2], collect);
                final int[] indexed = found.toIntArray();
                Arrays.sort(indexed);
                final IntArrayList brute = new IntArrayList();
                for (int p = 0; p < s.size(); p++)
                {
                    final int slot = s.slotAt(p);
                    if (s.matches(slot, prefix[0], prefix[1], prefix[2]))
                    {
                        brute.addInt(slot);
                    }
                }
                final int[] expected = brute.toIntArray();
                Arrays.sort(expected);
                assertArrayEquals(expected, indexed, "seed " + seed + " step " + step);
            }
        }
    }

    /** Nested prefixes: few distinct top bits so that covering and covered pairs are common. */
    private static long[] randomPrefix(final Random random)
    {
        final int iid = random.nextInt(2);
        if (random.nextBoolean())
        {
            final int mask = random.nextInt(33);
            final long address = (0x0A00_0000L | random.nextInt(1 << 12) << 12 | random.nextInt(4)) << 32;
            final long hi = address & EidKey.maskHi(mask);
            return new long[] {EidKey.word0(iid, Afi.IPV4, mask), hi, 0};
        }
        final int mask = random.nextInt(129);
        final long hi = (0x2001_0db8_0000_0000L | random.nextInt(64)) & EidKey.maskHi(mask);
        final long lo = ((long)random.nextInt(4) << 60 | random.nextInt(4)) & EidKey.maskLo(mask);
        return new long[] {EidKey.word0(iid, Afi.IPV6, mask), hi, lo};
    }

    @Test
    void shouldAllocateNothingToSubscribeRefreshOrMatch()
    {
        final Subscriptions s = new Subscriptions(20_000);
        final Subscriptions.MatchHandler count = slot -> slotSum += slot;
        for (int i = 0; i < 10_000; i++)
        {
            s.subscribe(EidKey.word0(0, Afi.IPV4, 32), (0x0B00_0000L + i * 997L) << 32, 0, 0, 1, 4, 1, 0, 4342, 0,
                Long.MAX_VALUE);
        }
        final com.sun.management.ThreadMXBean bean =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        int matched = 0;
        for (int round = 0; round < 3; round++)
        {
            final long before = bean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 10_000; i++)
            {
                s.subscribe(EidKey.word0(0, Afi.IPV4, 32), (0x0B00_0000L + i * 997L) << 32, 0, 0, 1, 4, 1, 0, 4342,
                    0, Long.MAX_VALUE);
                matched += s.forEachMatch(EidKey.word0(0, Afi.IPV4, 24), (0x0B00_0000L + i * 997L) << 32 &
                    EidKey.maskHi(24), 0, count);
            }
            best = Math.min(best, bean.getThreadAllocatedBytes(thread) - before);
        }
        assertTrue(best < 1024, "bytes allocated over 10k refreshes and lookups: " + best);
        assertTrue(matched >= 30_000, "matches: " + matched);
    }
}
