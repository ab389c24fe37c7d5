/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeType;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MappingDatabaseTest
{
    static final long T0 = 1_700_000_000_000L;

    final CachedEpochClock clock = new CachedEpochClock();
    final RegistrationBuilder reg = new RegistrationBuilder();
    final RegistrationView view = new RegistrationView();
    final List<String> events = new ArrayList<>();
    Site siteA;
    Site siteB;
    MappingDatabase db;

    static Site site(final String name, final String prefix, final boolean moreSpecifics)
    {
        return Site.builder(name)
            .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, "secret".getBytes(StandardCharsets.UTF_8)))
            .allow(prefix).acceptMoreSpecifics(moreSpecifics).build();
    }

    @BeforeEach
    void before() throws IOException
    {
        clock.update(T0);
        siteA = site("a", "10.0.0.0/8", true);
        siteB = site("b", "[7]2001:db8::/32", false);
        db = new MappingDatabase(new MappingDatabase.Context().capacity(16).clock(clock).site(siteA).site(siteB));
        db.addListener(this::record);
    }

    @AfterEach
    void after()
    {
        db.close();
    }

    private void record(final MappingChange c)
    {
        final StringBuilder sb = new StringBuilder(MappingChangeType.name(c.type())).append(' ');
        EidKey.appendTo(sb, c.eidWord0(), c.eidHi(), c.eidLo()).append(' ').append(c.siteName()).append(' ');
        sb.append(rlocs(c.oldLocators())).append("->").append(rlocs(c.newLocators()));
        sb.append(" xtr=").append(Long.toHexString(c.xtrIdLo()));
        events.add(sb.toString());
    }

    private static String rlocs(final LocatorSetDecoder d)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < d.count(); i++)
        {
            sb.append(i > 0 ? "," : "").append(d.ipv4Address(i) & 0xFF);
        }
        return sb.append(']').toString();
    }

    RegistrationBuilder registration(final String eid, final long xtrId, final int... rlocLastBytes)
    {
        reg.reset().eid(EidPrefix.parse(eid)).xtrRloc(Afi.IPV4, EidKey.ipv4Hi(0xC633_6400 | (int)xtrId), 0)
            .xtrId(0, xtrId).siteId(99).wantMapNotify(true);
        reg.mapping().ttlMinutes(1440);
        for (final int b : rlocLastBytes)
        {
            reg.mapping().addIpv4Locator(0xC000_0200 | b, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
        }
        return reg;
    }

    int lookup(final String address)
    {
        final EidPrefix p = EidPrefix.parse(address);
        return db.lookup(p.instanceId(), p.afi(), p.hi(), p.lo(), view);
    }

    @Test
    void shouldRegisterAndFindLongestPrefix()
    {
        assertEquals(MapCacheStatus.OK, db.register(siteA, registration("10.1.0.0/16", 1, 1)));
        assertEquals(MapCacheStatus.OK, db.register(siteA, registration("10.1.2.0/24", 2, 2)));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.2.3"));
        assertEquals(24, view.maskLength());
        assertEquals(0xC000_0202, view.locators().ipv4Address(0));
        assertEquals(2, view.xtrIdLo(0));
        assertEquals(99, view.siteId(0));
        assertEquals(T0, view.registeredAtMs(0));
        assertEquals(T0 + 180_000, view.expiryMs(0));
        assertSame(siteA, view.site());
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.3.3"));
        assertEquals(16, view.maskLength());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("10.2.3.3"));
        assertEquals(List.of("registered 10.1.0.0/16 a []->[1] xtr=1", "registered 10.1.2.0/24 a []->[2] xtr=2"),
            events);
    }

    @Test
    void shouldFireUpdatedOnlyWhenLocatorsChange()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        clock.advance(60_000);
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        assertEquals(1, events.size());
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals(T0 + 60_000 + 180_000, view.expiryMs(0));
        db.register(siteA, registration("10.1.0.0/16", 1, 5));
        assertEquals("updated 10.1.0.0/16 a [1]->[5] xtr=1", events.get(1));
    }

    @Test
    void shouldReplaceWithoutMergeBitAndMergeWithIt()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        db.register(siteA, registration("10.1.0.0/16", 2, 2));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals(1, view.registrantCount());
        assertEquals(2, view.xtrIdLo(0));

        db.register(siteA, registration("10.1.0.0/16", 3, 3, 4).merge(true));
        db.register(siteA, registration("10.1.0.0/16", 4, 4, 5).merge(true));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals(2, view.registrantCount());
        assertEquals("[3,4,5]", rlocs(view.locators()));
        assertEquals("[4,5]", rlocs(view.registrantLocators(1)));
        db.register(siteA, registration("10.1.0.0/16", 3, 6).merge(true));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals("[6,4,5]", rlocs(view.locators()));
        assertEquals(List.of(
            "registered 10.1.0.0/16 a []->[1] xtr=1",
            "updated 10.1.0.0/16 a [1]->[2] xtr=2",
            "updated 10.1.0.0/16 a [2]->[3,4] xtr=3",
            "updated 10.1.0.0/16 a [3,4]->[3,4,5] xtr=4",
            "updated 10.1.0.0/16 a [3,4,5]->[6,4,5] xtr=3"), events);
    }

    @Test
    void shouldExpireAfterThreeMinutesOrRecordTtl()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        db.register(siteA, registration("10.2.0.0/16", 2, 2).useRecordTtl(true));
        db.register(siteA, registration("10.3.0.0/16", 3, 3).merge(true));
        clock.advance(60_000);
        db.register(siteA, registration("10.3.0.0/16", 4, 4).merge(true));
        clock.advance(120_000);
        assertEquals(MapCacheStatus.EXPIRED, lookup("10.1.0.1"));
        assertEquals(2, db.expire());
        assertEquals(MapCacheStatus.NO_MAPPING, lookup("10.1.0.1"));
        assertEquals(MapCacheStatus.FOUND, lookup("10.2.0.1"));
        assertEquals(MapCacheStatus.FOUND, lookup("10.3.0.1"));
        assertEquals("[4]", rlocs(view.locators()));
        assertEquals("expired 10.1.0.0/16 a [1]->[] xtr=1", events.get(4));
        assertEquals("expired 10.3.0.0/16 a [3,4]->[4] xtr=3", events.get(5));
        clock.advance(60_000);
        assertEquals(1, db.expire());
        assertEquals(2, db.size() + 1);
        clock.advance(1440L * 60_000);
        assertEquals(1, db.expire());
        assertEquals(0, db.size());
    }

    @Test
    void shouldWithdrawOnZeroTtl()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1).merge(true));
        db.register(siteA, registration("10.1.0.0/16", 2, 2).merge(true));
        final RegistrationBuilder w = registration("10.1.0.0/16", 1);
        w.mapping().ttlMinutes(0);
        assertEquals(MapCacheStatus.OK, db.register(siteA, w));
        assertEquals("withdrawn 10.1.0.0/16 a [1,2]->[2] xtr=1", events.get(2));
        assertEquals(MapCacheStatus.NOT_PRESENT, db.register(siteA, w));
        assertEquals(MapCacheStatus.OK, db.withdraw(EidPrefix.parse("10.1.0.0/16")));
        assertEquals(0, db.size());
        assertEquals(MapCacheStatus.NOT_PRESENT, db.withdraw(EidPrefix.parse("10.1.0.0/16")));
    }

    @Test
    void shouldRefuseWhatTheSiteMayNotRegister()
    {
        assertEquals(MapCacheStatus.NOT_ALLOWED, db.register(siteA, registration("11.0.0.0/8", 1, 1)));
        assertEquals(MapCacheStatus.NOT_ALLOWED, db.register(siteA, registration("10.0.0.0/7", 1, 1)));
        assertEquals(MapCacheStatus.NOT_ALLOWED, db.register(siteB, registration("[7]2001:db8:1::/48", 1, 1)));
        assertEquals(MapCacheStatus.NOT_ALLOWED, db.register(siteB, registration("2001:db8::/32", 1, 1)));
        assertEquals(MapCacheStatus.OK, db.register(siteB, registration("[7]2001:db8::/32", 1, 1)));
        assertEquals(4, db.refusals(MapCacheStatus.NOT_ALLOWED));
        final Site stranger = site("c", "10.0.0.0/8", true);
        assertThrows(IllegalArgumentException.class, () -> db.register(stranger, registration("10.0.0.0/8", 1, 1)));
    }

    @Test
    void shouldRefuseBadInputAndFullDatabaseWithoutCorruption()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        reg.eid(0, Afi.IPV4, 8, EidKey.ipv4Hi(0x0A00_0001), 0);
        assertEquals(MapCacheStatus.HOST_BITS_SET, db.register(siteA, reg));
        reg.eid(0, Afi.IPV4, 40, EidKey.ipv4Hi(0x0A00_0000), 0);
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH, db.register(siteA, reg));
        reg.eid(0, 4242, 8, 0, 0);
        assertEquals(MapCacheStatus.UNKNOWN_AFI, db.register(siteA, reg));
        registration("10.9.0.0/16", 1, 1).xtrRloc(Afi.MAC, 0, 0);
        assertEquals(MapCacheStatus.BAD_LOCATOR, db.register(siteA, reg));
        for (int i = 0; i < 15; i++)
        {
            assertEquals(MapCacheStatus.OK, db.register(siteA, registration("10.2." + i + ".0/24", 1, 1)));
        }
        assertEquals(MapCacheStatus.FULL, db.register(siteA, registration("10.3.0.0/24", 1, 1)));
        assertEquals(MapCacheStatus.OK, db.register(siteA, registration("10.1.0.0/16", 1, 2)));
        assertEquals(16, db.size());
        assertEquals(1, db.refusals(MapCacheStatus.FULL));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals(0xC000_0202, view.locators().ipv4Address(0));
        assertEquals(MapCacheStatus.UNKNOWN_AFI, db.lookup(0, Afi.LCAF, 0, 0, view));
    }

    @Test
    void shouldRefuseTooManyRegistrants()
    {
        for (int i = 1; i <= 8; i++)
        {
            assertEquals(MapCacheStatus.OK, db.register(siteA, registration("10.1.0.0/16", i, i).merge(true)));
        }
        assertEquals(MapCacheStatus.TOO_MANY_REGISTRANTS,
            db.register(siteA, registration("10.1.0.0/16", 9, 9).merge(true)));
        assertEquals(MapCacheStatus.TOO_MANY_LOCATORS,
            db.register(siteA, registration("10.1.0.0/16", 8, 8, 9).merge(true)));
        assertEquals(MapCacheStatus.FOUND, lookup("10.1.0.1"));
        assertEquals("[1,2,3,4,5,6,7,8]", rlocs(view.locators()));
    }

    @Test
    void shouldAnswerLeastSpecificUnregisteredPrefix()
    {
        db.register(siteA, registration("10.1.0.0/16", 1, 1));
        db.register(siteA, registration("10.1.128.0/24", 1, 1));
        db.register(siteA, registration("10.200.0.0/16", 1, 1));
        final EidPrefix a = EidPrefix.parse("10.64.0.1");
        assertEquals(10, db.negativePrefixLength(0, Afi.IPV4, a.hi(), a.lo()));
        final EidPrefix b = EidPrefix.parse("10.0.0.1");
        assertEquals(16, db.negativePrefixLength(0, Afi.IPV4, b.hi(), b.lo()));
        final EidPrefix c = EidPrefix.parse("192.168.0.1");
        assertEquals(1, db.negativePrefixLength(0, Afi.IPV4, c.hi(), c.lo()));
        assertEquals(-1, db.negativePrefixLength(0, Afi.IPV4, EidPrefix.parse("10.1.128.7").hi(), 0));
        assertEquals(0, db.negativePrefixLength(3, Afi.IPV4, c.hi(), c.lo()));
        assertEquals(0, db.negativePrefixLength(0, Afi.IPV6, 0, 0));
        assertSame(siteA, db.siteCovering(0, Afi.IPV4, b.hi(), b.lo()));
        assertEquals(null, db.siteCovering(0, Afi.IPV4, c.hi(), c.lo()));
    }

    @Test
    void shouldKeepStateWhenListenerThrows() throws IOException
    {
        final List<Throwable> errors = new ArrayList<>();
        try (MappingDatabase other = new MappingDatabase(new MappingDatabase.Context().capacity(4).clock(clock)
            .site(siteA).errorHandler(errors::add)))
        {
            other.addListener(c ->
            {
                throw new IllegalStateException("listener bug");
            });
            assertEquals(MapCacheStatus.OK, other.register(siteA, registration("10.1.0.0/16", 1, 1)));
            assertEquals(1, other.listenerErrors());
            assertEquals(1, errors.size());
            assertEquals(1, other.size());
            assertFalse(other.removeListener(c -> { }));
            assertFalse(other.sites().isEmpty());
        }
    }
}
