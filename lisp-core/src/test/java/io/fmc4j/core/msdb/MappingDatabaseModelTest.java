/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.msdb.MappingChangeType;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random registrations, re-registrations, withdrawals and expiry over nested IPv4 and IPv6 prefixes in two
 * instance IDs, checked against brute force over a plain map: longest-prefix lookups, negative-reply prefix
 * lengths, and the state rebuilt from the change events alone.
 */
class MappingDatabaseModelTest
{
    @ParameterizedTest
    @ValueSource(longs = {11L, 12L, 13L})
    void shouldAgreeWithBruteForce(final long seed) throws Exception
    {
        agreeWithBruteForce(seed, true);
    }

    @ParameterizedTest
    @ValueSource(longs = {21L})
    void shouldAgreeWithBruteForceReadingValuesFromChronicle(final long seed) throws Exception
    {
        agreeWithBruteForce(seed, false);
    }

    private void agreeWithBruteForce(final long seed, final boolean cacheValuesOnHeap) throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(MappingDatabaseTest.T0);
        final Site all = Site.builder("all")
            .key(new AuthKey(1, AuthKey.HMAC_SHA_1_96, "k".getBytes(StandardCharsets.UTF_8)))
            .allow("0.0.0.0/0").allow("::/0").allow("[7]0.0.0.0/0").allow("[7]::/0").acceptMoreSpecifics(true).build();
        final Map<EidPrefix, Integer> model = new HashMap<>();
        final Map<EidPrefix, Long> modelExpiry = new HashMap<>();
        final Map<EidPrefix, Integer> fromEvents = new HashMap<>();
        try (MappingDatabase db = new MappingDatabase(
            new MappingDatabase.Context().capacity(5_000).clock(clock).site(all).cacheValuesOnHeap(cacheValuesOnHeap)))
        {
            db.addListener(c ->
            {
                final EidPrefix p = EidPrefix.of(EidKey.instanceId(c.eidWord0()), EidKey.afi(c.eidWord0()),
                    EidKey.maskLength(c.eidWord0()), c.eidHi(), c.eidLo());
                if (c.newLocators().count() == 0)
                {
                    assertEquals(c.type() == MappingChangeType.EXPIRED || c.type() == MappingChangeType.WITHDRAWN,
                        true);
                    fromEvents.remove(p);
                }
                else
                {
                    fromEvents.put(p, c.newLocators().ipv4Address(0));
                }
            });
            final Random random = new Random(seed);
            final List<EidPrefix> known = new ArrayList<>();
            final RegistrationBuilder reg = new RegistrationBuilder();
            final RegistrationView view = new RegistrationView();
            for (int op = 0; op < 20_000; op++)
            {
                final int kind = random.nextInt(100);
                if (kind < 40 || known.isEmpty())
                {
                    final EidPrefix p = known.isEmpty() || random.nextInt(3) > 0 ? randomPrefix(random) :
                        known.get(random.nextInt(known.size()));
                    final int rloc = random.nextInt(4);
                    reg.reset().eid(p).xtrRloc(Afi.IPV4, EidKey.ipv4Hi(0x01020304), 0).xtrId(0, 1);
                    reg.mapping().addIpv4Locator(rloc, 1, 1, 1, 1, 1);
                    assertEquals(MapCacheStatus.OK, db.register(all, reg));
                    model.put(p, rloc);
                    modelExpiry.put(p, clock.time() + MappingDatabase.DEFAULT_REGISTRATION_TTL_MS);
                    known.add(p);
                }
                else if (kind < 50)
                {
                    final EidPrefix p = known.get(random.nextInt(known.size()));
                    assertEquals(model.remove(p) != null ? MapCacheStatus.OK : MapCacheStatus.NOT_PRESENT,
                        db.withdraw(p));
                    modelExpiry.remove(p);
                }
                else if (kind < 52)
                {
                    clock.advance(random.nextInt(60_000));
                    db.expire();
                    modelExpiry.entrySet().removeIf(e ->
                    {
                        final boolean expired = e.getValue() <= clock.time();
                        if (expired)
                        {
                            model.remove(e.getKey());
                        }
                        return expired;
                    });
                }
                else
                {
                    final EidPrefix q = randomAddress(random, known);
                    final EidPrefix expected = bruteForceMatch(model, q);
                    final int status = db.lookup(q.instanceId(), q.afi(), q.hi(), q.lo(), view);
                    if (expected == null)
                    {
                        assertEquals(MapCacheStatus.NO_MAPPING, status, "lookup " + q);
                        assertEquals(bruteForceNegative(model, q),
                            db.negativePrefixLength(q.instanceId(), q.afi(), q.hi(), q.lo()), "negative " + q);
                    }
                    else
                    {
                        assertEquals(MapCacheStatus.FOUND, status, "lookup " + q);
                        assertEquals(expected.maskLength(), view.maskLength(), "match for " + q);
                        assertEquals(expected.hi(), view.hi());
                        assertEquals(model.get(expected), view.locators().ipv4Address(0));
                        assertEquals(-1, db.negativePrefixLength(q.instanceId(), q.afi(), q.hi(), q.lo()));
                    }
                }
                if (known.size() > 3_000)
                {
                    known.subList(0, 1_500).clear();
                }
            }
            assertEquals(model.size(), db.size());
            assertEquals(model, fromEvents);
        }
    }

    private static EidPrefix randomPrefix(final Random random)
    {
        final int iid = random.nextBoolean() ? 0 : 7;
        final int afi = random.nextInt(3) == 0 ? Afi.IPV6 : Afi.IPV4;
        final int max = Afi.maxMaskLength(afi);
        final int length = 1 + random.nextInt(max);
        final long hi = ((random.nextLong() & 0x8303_0000_0000_0000L) | (random.nextLong() & 0x00FF_FFFF_FFFF_FFFFL)) &
            EidKey.maskHi(length) & EidKey.maskHi(max);
        final long lo = random.nextLong() & EidKey.maskLo(length) & EidKey.maskLo(max);
        return EidPrefix.of(iid, afi, length, hi, lo);
    }

    private static EidPrefix randomAddress(final Random random, final List<EidPrefix> known)
    {
        final EidPrefix p = random.nextInt(4) == 0 ? randomPrefix(random) : known.get(random.nextInt(known.size()));
        final int max = Afi.maxMaskLength(p.afi());
        final long hi = (p.hi() | (random.nextLong() & ~EidKey.maskHi(p.maskLength()))) & EidKey.maskHi(max);
        final long lo = (p.lo() | (random.nextLong() & ~EidKey.maskLo(p.maskLength()))) & EidKey.maskLo(max);
        return EidPrefix.of(p.instanceId(), p.afi(), max, hi, lo);
    }

    private static EidPrefix bruteForceMatch(final Map<EidPrefix, Integer> model, final EidPrefix address)
    {
        EidPrefix best = null;
        for (final EidPrefix p : model.keySet())
        {
            if (p.covers(address) && (best == null || p.maskLength() > best.maskLength()))
            {
                best = p;
            }
        }
        return best;
    }

    private static int bruteForceNegative(final Map<EidPrefix, Integer> model, final EidPrefix address)
    {
        for (int length = 0; length <= Afi.maxMaskLength(address.afi()); length++)
        {
            final EidPrefix candidate = address.withMaskLength(length);
            boolean overlaps = false;
            for (final EidPrefix p : model.keySet())
            {
                if (candidate.covers(p) || p.covers(candidate))
                {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps)
            {
                return length;
            }
        }
        return -1;
    }
}
