/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MappingView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XtrControlAgentTest
{
    private static final int SITE_A = ip(10, 1, 0, 0);
    private static final int VM = ip(10, 1, 0, 7);
    private static final EidPrefix SITE_A_PREFIX = EidPrefix.ipv4(0, SITE_A, 24);
    private static final EidPrefix VM_PREFIX = EidPrefix.ipv4(0, VM, 32);

    static int ip(final int a, final int b, final int c, final int d)
    {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    @Test
    void shouldRegisterAndBeConfirmedByValidMapNotify() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(1, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            assertEquals(1, bed.registeredLocators(SITE_A_PREFIX).length);
            assertEquals(a.rloc(), bed.registeredLocators(SITE_A_PREFIX)[0]);
            assertEquals(1, a.agent().counters().get(XtrCounters.REGISTRATIONS_CONFIRMED));
        }
    }

    @Test
    void shouldResolveThroughMapResolverAndInstallEtrReply() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(2, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final XtrTestbed.Node b = bed.addXtr(ctx -> { });
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            b.agent().resolve(EidPrefix.ipv4(0, ip(10, 1, 0, 5), 32));
            assertTrue(bed.runUntil(() -> b.preferredRloc(ip(10, 1, 0, 5)) == a.rloc(), 5_000));
            final MappingView view = b.lookup(ip(10, 1, 0, 200));
            assertNotNull(view, "the ETR answered with its /24, which covers the whole site");
            assertEquals(24, view.maskLength());
            assertEquals(1, a.agent().counters().get(XtrCounters.REPLIES_SENT));
            assertEquals(1, b.agent().counters().get(XtrCounters.POSITIVE_INSTALLED));
        }
    }

    @Test
    void shouldResolveMissesFromTheDataPathQueueOncePerEid() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(3, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final RingBufferMissQueue misses = new RingBufferMissQueue(4096);
            final XtrTestbed.Node b = bed.addXtr(ctx -> { }, misses);
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            for (int i = 0; i < 5; i++)
            {
                assertTrue(misses.offer(0, io.fmc4j.api.Afi.IPV4, io.fmc4j.api.mapcache.EidKey.ipv4Hi(VM), 0));
            }
            assertTrue(bed.runUntil(() -> b.preferredRloc(VM) == a.rloc(), 5_000));
            assertEquals(5, b.agent().counters().get(XtrCounters.MISSES));
            assertEquals(4, b.agent().counters().get(XtrCounters.MISSES_PENDING));
            assertEquals(1, b.agent().counters().get(XtrCounters.REQUESTS_SENT));
        }
    }

    @Test
    void shouldResolveMapRequestEventsFromTheDataPathRing() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(20, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final io.fmc4j.core.datapath.DataPathEventRing ring = new io.fmc4j.core.datapath.DataPathEventRing(4096);
            final DataPathMissQueue events = new DataPathMissQueue(ring);
            final XtrTestbed.Node b = bed.addXtr(ctx -> { }, events);
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            assertTrue(ring.offerMapRequest(0, io.fmc4j.api.Afi.IPV4, 32, io.fmc4j.api.mapcache.EidKey.ipv4Hi(VM), 0,
                io.fmc4j.api.mapcache.EidKey.ipv4Hi(ip(10, 9, 0, 1)), 0));
            assertTrue(ring.offerLocatorStatusBits(0, io.fmc4j.api.Afi.IPV4, 1L << 32, 0, -1, 1));
            assertTrue(bed.runUntil(() -> b.preferredRloc(VM) == a.rloc(), 5_000));
            assertEquals(1, b.agent().counters().get(XtrCounters.MISSES));
            assertEquals(1, events.locatorStatusEvents());
        }
    }

    @Test
    void shouldNarrowNegativeReplyThatDoesNotCoverTheRequestedEid() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(4, 0, false))
        {
            bed.mapServer().negativePrefix(EidPrefix.ipv4(0, ip(10, 200, 0, 0), 16));
            final XtrTestbed.Node b = bed.addXtr(ctx -> { });
            final int eid = ip(10, 9, 9, 9);
            b.agent().resolve(EidPrefix.ipv4(0, eid, 32));
            assertTrue(bed.runUntil(() -> b.lookup(eid) != null, 5_000));
            final MappingView view = b.lookup(eid);
            assertTrue(view.negative());
            assertEquals(32, view.maskLength());
            assertNull(b.lookup(ip(10, 9, 9, 10)), "nothing beyond the requested EID is trusted");
            assertNull(b.lookup(ip(10, 200, 0, 1)), "the uncovering prefix itself is not installed");
            assertEquals(1, b.agent().counters().get(XtrCounters.NEGATIVE_NARROWED));
        }
    }

    @Test
    void shouldKeepNegativeReplyThatCoversTheRequestedEid() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(5, 0, false))
        {
            bed.mapServer().negativePrefix(EidPrefix.ipv4(0, ip(10, 9, 0, 0), 16));
            final XtrTestbed.Node b = bed.addXtr(ctx -> { });
            b.agent().resolve(EidPrefix.ipv4(0, ip(10, 9, 9, 9), 32));
            assertTrue(bed.runUntil(() -> b.lookup(ip(10, 9, 9, 9)) != null, 5_000));
            assertEquals(16, b.lookup(ip(10, 9, 200, 1)).maskLength());
            assertEquals(0, b.agent().counters().get(XtrCounters.NEGATIVE_NARROWED));
        }
    }

    @Test
    void shouldFailOverToSecondResolverWhenFirstIsSilent() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(6, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final java.net.InetSocketAddress silent = bed.socket(bed.address(2));
            final java.net.InetSocketAddress real = bed.socket(bed.address(1));
            final XtrTestbed.Node b = bed.addXtr(ctx -> ctx.addMapResolver(silent).addMapResolver(real));
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            b.agent().resolve(VM_PREFIX);
            assertTrue(bed.runUntil(() -> b.preferredRloc(VM) == a.rloc(), 5_000));
            assertTrue(b.agent().counters().get(XtrCounters.RESOLVER_FAILOVERS) >= 1);
        }
    }

    @Test
    void shouldMoveEidAndConvergeByPubSub() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(7, 0, false))
        {
            moveAndConverge(bed, 3, true);
        }
    }

    @Test
    void shouldMoveEidAndConvergeByPubSubWithFmc4jMapServer() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(17, 0, XtrTestbed.SERVER_FMC4J))
        {
            moveAndConverge(bed, 3, true);
        }
    }

    @Test
    void shouldConvergeWithTwentyPercentControlLossAndFmc4jMapServer() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(18, 0.2, XtrTestbed.SERVER_FMC4J))
        {
            moveAndConverge(bed, 5, true);
            assertTrue(bed.dropped() > 0);
        }
    }

    @Test
    void shouldMoveEidAndConvergeBySmrWithLegacyMapServer() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(8, 0, true))
        {
            moveAndConverge(bed, 3, false);
        }
    }

    @Test
    void shouldConvergeWithTwentyPercentControlLoss() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(9, 0.2, false))
        {
            moveAndConverge(bed, 5, true);
            assertTrue(bed.dropped() > 0, "the loss was really applied");
        }
    }

    @Test
    void shouldConvergeWithTwentyPercentControlLossAndLegacyMapServer() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(10, 0.2, true))
        {
            moveAndConverge(bed, 5, false);
            assertTrue(bed.dropped() > 0);
        }
    }

    private static void moveAndConverge(final XtrTestbed bed, final int correspondents, final boolean pubSub)
        throws Exception
    {
        final XtrTestbed.Node source = bed.addXtr(ctx -> { });
        final XtrTestbed.Node destination = bed.addXtr(ctx -> { });
        final List<XtrTestbed.Node> itrs = new java.util.ArrayList<>();
        for (int i = 0; i < correspondents; i++)
        {
            itrs.add(bed.addCorrespondent(pubSub));
        }
        source.agent().addEid(VM_PREFIX, 1, 100, true);
        assertTrue(bed.runUntil(() -> source.agent().isRegistered(VM_PREFIX) &&
            itrs.stream().allMatch(n -> n.agent().context().eids().stream()
                .allMatch(e -> n.agent().isRegistered(e.prefix()))), 10_000));
        for (final XtrTestbed.Node itr : itrs)
        {
            itr.agent().resolve(VM_PREFIX);
        }
        assertTrue(bed.runUntil(() -> itrs.stream().allMatch(n -> n.preferredRloc(VM) == source.rloc()), 10_000));

        destination.agent().addEid(VM_PREFIX, 1, 100, false);
        if (!pubSub)
        {
            // Without pub/sub and take-over notification the orchestrator tells the old xTR, once the new one
            // is registered (make-before-break); its SMRs make the ITRs ask again.
            assertTrue(bed.runUntil(() -> destination.agent().isRegistered(VM_PREFIX), 10_000));
            source.agent().removeEid(VM_PREFIX);
        }
        final boolean converged = bed.runUntil(
            () -> itrs.stream().allMatch(n -> n.preferredRloc(VM) == destination.rloc()), 15_000);
        assertTrue(converged, () -> "not converged: " + itrs.stream().map(n -> n.agent().counters().toString())
            .reduce("", (x, y) -> x + "\n" + y));
        assertTrue(bed.runUntil(() -> !source.agent().servesEid(VM_PREFIX), 10_000), "the old xTR let the EID go");
        assertTrue(bed.runUntil(() -> destination.agent().isRegistered(VM_PREFIX), 10_000));
        bed.runFor(300);
        assertEquals(destination.rloc(), bed.registeredLocators(VM_PREFIX)[0]);
        assertEquals(1, bed.registeredLocators(VM_PREFIX).length, "nothing of the old registration is left");
        for (final XtrTestbed.Node itr : itrs)
        {
            assertEquals(destination.rloc(), itr.preferredRloc(VM), "still converged after the dust settled");
        }
        if (pubSub)
        {
            assertEquals(1, source.agent().counters().get(XtrCounters.EIDS_LEFT));
            // The old xTR registered the EID itself; it caches where the EID went, so that its data path can
            // forward what still arrives for it (forwardDeparted).
            assertTrue(source.agent().counters().get(XtrCounters.DEPARTED_INSTALLED) >= 1,
                () -> source.agent().counters().toString());
            assertEquals(destination.rloc(), source.preferredRloc(VM));
            assertTrue(itrs.stream().allMatch(n -> n.agent().counters().get(XtrCounters.NOTIFY_UPDATES_APPLIED) > 0));
        }
        else
        {
            assertTrue(itrs.stream().allMatch(n -> n.agent().counters().get(XtrCounters.SMRS_RECEIVED) > 0));
        }
    }

    @Test
    void shouldFallBackToTheCoveringPrefixWhenAPublishedMoreSpecificIsWithdrawn() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(23, 0, XtrTestbed.SERVER_FMC4J))
        {
            final XtrTestbed.Node owner = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final XtrTestbed.Node mover = bed.addXtr(ctx -> { });
            final XtrTestbed.Node itr = bed.addCorrespondent(true);
            assertTrue(bed.runUntil(() -> owner.agent().isRegistered(SITE_A_PREFIX) &&
                itr.agent().context().eids().stream().allMatch(e -> itr.agent().isRegistered(e.prefix())), 5_000));
            itr.agent().resolve(VM_PREFIX);
            assertTrue(bed.runUntil(() -> itr.preferredRloc(VM) == owner.rloc(), 5_000), "the /24 first");

            mover.agent().addEid(VM_PREFIX, 1, 100, false);
            assertTrue(bed.runUntil(() -> itr.preferredRloc(VM) == mover.rloc(), 5_000), "the /32, published");

            // A rolled-back relocation: the /32 is withdrawn and the Map-Server publishes it without locators. The
            // ITR must not keep a negative /32 that hides the /24 for a minute.
            mover.agent().removeEid(VM_PREFIX);
            assertTrue(bed.runUntil(() -> itr.preferredRloc(VM) == owner.rloc(), 5_000),
                () -> "back to the /24: " + itr.lookup(VM) + " " + itr.agent().counters());
            assertEquals(owner.rloc(), bed.registeredLocators(SITE_A_PREFIX)[0]);
            assertEquals(0, bed.registeredLocators(VM_PREFIX).length);
        }
    }

    @Test
    void shouldPreRegisterWithLowPriorityAndPromoteInOneMessage() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(11, 0, false))
        {
            preRegisterAndPromote(bed);
        }
    }

    @Test
    void shouldPreRegisterAndPromoteWithFmc4jMapServer() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(19, 0, XtrTestbed.SERVER_FMC4J))
        {
            preRegisterAndPromote(bed);
        }
    }

    private static void preRegisterAndPromote(final XtrTestbed bed) throws Exception
    {
        final XtrTestbed.Node source = bed.addXtr(ctx -> { });
        final XtrTestbed.Node destination = bed.addXtr(ctx -> { });
        final XtrTestbed.Node itr = bed.addCorrespondent(true);
        source.agent().addEid(VM_PREFIX, 1, 100, true);
        assertTrue(bed.runUntil(() -> source.agent().isRegistered(VM_PREFIX), 5_000));
        assertTrue(bed.runUntil(() -> itr.agent().isRegistered(EidPrefix.ipv4(0, ip(10, 100, 12, 0), 24)), 5_000));
        itr.agent().resolve(VM_PREFIX);
        assertTrue(bed.runUntil(() -> itr.preferredRloc(VM) == source.rloc(), 5_000));

        destination.agent().addEid(VM_PREFIX, 254, 100, true);
        assertTrue(bed.runUntil(() -> itr.lookup(VM) != null && itr.lookup(VM).locatorCount() == 2, 5_000));
        assertEquals(source.rloc(), itr.preferredRloc(VM), "the pre-registered locator is not preferred yet");
        assertTrue(source.agent().servesEid(VM_PREFIX), "a pre-registration does not move the EID");

        final long registersBefore = destination.agent().counters().get(XtrCounters.REGISTERS_SENT);
        destination.agent().promoteEid(VM_PREFIX, 1, 100);
        assertTrue(bed.runUntil(() -> itr.preferredRloc(VM) == destination.rloc() &&
            itr.lookup(VM).locatorCount() == 1, 5_000));
        bed.runFor(200);
        assertEquals(registersBefore + 2, destination.agent().counters().get(XtrCounters.REGISTERS_SENT),
            "one replacing Map-Register for the promotion, then one merging refresh once it was confirmed");
        assertTrue(bed.runUntil(() -> !source.agent().servesEid(VM_PREFIX), 5_000));
        assertEquals(1, bed.registeredLocators(VM_PREFIX).length);
    }

    @Test
    void shouldSendSmrWhenLocalLocatorsChange() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(12, 0, true))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final XtrTestbed.Node b = bed.addXtr(ctx -> ctx.subscribe(false));
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            b.agent().resolve(VM_PREFIX);
            assertTrue(bed.runUntil(() -> b.lookup(VM) != null, 5_000));
            assertEquals(1, b.lookup(VM).locators().priority(0));
            a.agent().addEid(SITE_A_PREFIX, 5, 50, false);
            assertTrue(bed.runUntil(() -> b.lookup(VM).locators().priority(0) == 5, 5_000));
            assertTrue(a.agent().counters().get(XtrCounters.SMRS_SENT) >= 1);
            assertTrue(b.agent().counters().get(XtrCounters.SMRS_RECEIVED) >= 1);
        }
    }

    @Test
    void shouldProbeLocatorsAndMarkThemDownAndUp() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(13, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final XtrTestbed.Node b = bed.addXtr(ctx -> ctx.probeIntervalMs(50).probeMissesDown(2));
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            b.agent().resolve(VM_PREFIX);
            assertTrue(bed.runUntil(() -> b.lookup(VM) != null, 5_000));
            bed.runFor(300);
            assertTrue(b.agent().counters().get(XtrCounters.PROBES_SENT) >= 3);
            assertTrue(a.agent().counters().get(XtrCounters.REPLIES_SENT) >= 3, "the ETR answers probes");
            assertEquals(LocatorSet.FLAG_REACHABLE, b.lookup(VM).locators().flags(0) & LocatorSet.FLAG_REACHABLE);

            a.halt();
            assertTrue(bed.runUntil(() -> (b.lookup(VM).locators().flags(0) & LocatorSet.FLAG_REACHABLE) == 0,
                5_000));
            assertEquals(1, b.agent().counters().get(XtrCounters.LOCATORS_DOWN));
            a.resume();
            assertTrue(bed.runUntil(() -> (b.lookup(VM).locators().flags(0) & LocatorSet.FLAG_REACHABLE) != 0,
                5_000));
            assertEquals(1, b.agent().counters().get(XtrCounters.LOCATORS_UP));
        }
    }

    @Test
    void shouldWithdrawOnRemovalAndClose() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(14, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            a.agent().addEid(VM_PREFIX, 1, 100, false);
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX) &&
                a.agent().isRegistered(VM_PREFIX), 5_000));
            a.agent().removeEid(VM_PREFIX);
            assertTrue(bed.runUntil(() -> bed.registeredLocators(VM_PREFIX).length == 0, 5_000));
            assertTrue(bed.runUntil(() -> !a.agent().servesEid(VM_PREFIX), 5_000));
            assertEquals(1, bed.registeredLocators(SITE_A_PREFIX).length);
            a.agent().onClose();
            assertTrue(bed.runUntil(() -> bed.registeredLocators(SITE_A_PREFIX).length == 0, 5_000));
            assertFalse(a.agent().servesEid(SITE_A_PREFIX));
        }
    }

    @Test
    void shouldRefuseAndCountForgedOrMalformedMessages() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(15, 0, false))
        {
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100)));
            final XtrTestbed.Node b = bed.addXtr(ctx -> { });
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX), 5_000));
            b.agent().resolve(VM_PREFIX);
            assertTrue(bed.runUntil(() -> b.preferredRloc(VM) == a.rloc(), 5_000));
            final XtrCounters counters = a.agent().counters();
            final org.agrona.concurrent.UnsafeBuffer msg = new org.agrona.concurrent.UnsafeBuffer(new byte[512]);
            final io.fmc4j.core.codec.LispAuthenticator wrongKey = new io.fmc4j.core.codec.LispAuthenticator(
                io.fmc4j.core.codec.LispAuthenticator.HMAC_SHA_256, 0, "not-the-key".getBytes());

            // A Map-Notify saying the site moved elsewhere, signed with the wrong key, from the Map-Server's address.
            int length = notify(msg, wrongKey, SITE_A_PREFIX, ip(192, 0, 2, 99));
            sendFromMapServer(bed, msg, length, a);
            assertTrue(bed.runUntil(() -> counters.get(XtrCounters.DROP_BAD_AUTH) == 1, 5_000));

            // The same, correctly signed but sent from an address that is not a Map-Server.
            length = notify(msg, XtrTestbed.authenticator(), SITE_A_PREFIX, ip(192, 0, 2, 99));
            sendFrom(bed, bed.address(3), msg, length, a);
            assertTrue(bed.runUntil(() -> counters.get(XtrCounters.DROP_UNKNOWN_SOURCE) == 1, 5_000));

            // Correctly signed, from the Map-Server, about an EID the xTR neither owns nor subscribed to.
            final EidPrefix unrelated = EidPrefix.ipv4(0, ip(10, 77, 0, 0), 16);
            length = notify(msg, XtrTestbed.authenticator(), unrelated, ip(192, 0, 2, 99));
            sendFromMapServer(bed, msg, length, a);
            assertTrue(bed.runUntil(() -> counters.get(XtrCounters.DROP_BAD_RECORDS) == 1, 5_000));

            // A Map-Reply with a nonce nobody asked for, to the ITR.
            final int replyLength = new io.fmc4j.core.codec.MapReplyEncoder().wrap(msg, 0).nonce(0x1234_5678L)
                .addRecord().ttl(10).eidIpv4(0, 32, VM).locatorIpv4(1, 1, 255, 0, 1, ip(192, 0, 2, 66)).limit();
            sendFromMapServer(bed, msg, replyLength, b);
            assertTrue(bed.runUntil(() -> b.agent().counters().get(XtrCounters.DROP_UNKNOWN_NONCE) == 1, 5_000));

            // Truncated and garbage datagrams.
            msg.putLong(0, 0x4000_0000_0000_0000L);
            sendFromMapServer(bed, msg, 5, a);
            msg.putLong(0, 0xF0F0_F0F0_F0F0_F0F0L);
            sendFromMapServer(bed, msg, 8, a);
            assertTrue(bed.runUntil(() -> counters.get(XtrCounters.DROP_MALFORMED) +
                counters.get(XtrCounters.DROP_UNEXPECTED_TYPE) == 2, 5_000));

            bed.runFor(200);
            assertTrue(a.agent().servesEid(SITE_A_PREFIX), "no forged message took the EID away");
            assertEquals(0, counters.get(XtrCounters.EIDS_LEFT));
            assertEquals(a.rloc(), b.preferredRloc(VM), "the forged reply changed nothing");
        }
    }

    @Test
    void shouldAnswerEveryOwnedRecordOfAMultiRecordMapRequestInOneReply() throws Exception
    {
        try (XtrTestbed bed = new XtrTestbed(16, 0, false))
        {
            final EidPrefix siteB = EidPrefix.ipv4(0, ip(10, 2, 0, 0), 24);
            final XtrTestbed.Node a = bed.addXtr(ctx -> ctx.addEid(new XtrContext.LocalEid(SITE_A_PREFIX, 1, 100))
                .addEid(new XtrContext.LocalEid(siteB, 2, 50)));
            assertTrue(bed.runUntil(() -> a.agent().isRegistered(SITE_A_PREFIX) && a.agent().isRegistered(siteB),
                5_000));
            final int itr = bed.address(3);
            final org.agrona.concurrent.UnsafeBuffer msg = new org.agrona.concurrent.UnsafeBuffer(new byte[512]);
            // Records: a's site A, another site's EID, a's site B again twice (answered once), in that order.
            final int length = new io.fmc4j.core.codec.MapRequestEncoder().wrap(msg, 0).nonce(0xABCD_0001L)
                .sourceEidNone().itrRlocIpv4(itr).eidRecordIpv4(false, 0, 32, ip(10, 1, 0, 5))
                .eidRecordIpv4(false, 0, 32, ip(10, 9, 0, 1)).eidRecordIpv4(false, 0, 32, ip(10, 2, 0, 1))
                .eidRecordIpv4(false, 0, 32, ip(10, 2, 0, 9)).encodedLength();
            try (java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open())
            {
                channel.bind(bed.socket(itr)).configureBlocking(false);
                final byte[] bytes = new byte[length];
                msg.getBytes(0, bytes);
                channel.send(java.nio.ByteBuffer.wrap(bytes), bed.socket(a.rloc()));
                final java.nio.ByteBuffer received = java.nio.ByteBuffer.allocate(1500);
                assertTrue(bed.runUntil(() ->
                {
                    try
                    {
                        return channel.receive(received) != null;
                    }
                    catch (final java.io.IOException ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                }, 5_000), "no Map-Reply");
                final org.agrona.concurrent.UnsafeBuffer reply = new org.agrona.concurrent.UnsafeBuffer(
                    received.array(), 0, received.position());
                assertEquals(0, io.fmc4j.core.codec.MapReply.validate(reply, 0, received.position()));
                final io.fmc4j.core.codec.MapReplyDecoder decoder =
                    new io.fmc4j.core.codec.MapReplyDecoder().wrap(reply, 0);
                assertEquals(0xABCD_0001L, decoder.nonce());
                assertEquals(2, decoder.recordCount());
                final io.fmc4j.core.codec.MapRecordDecoder records = decoder.records();
                final int[] eids = new int[2];
                final int[] priorities = new int[2];
                for (int i = 0; i < 2; i++)
                {
                    final io.fmc4j.core.codec.MapRecordDecoder r = records.next();
                    assertTrue(r.authoritative());
                    assertEquals(24, r.maskLength());
                    eids[i] = reply.getInt(r.eidOffset() + 2, java.nio.ByteOrder.BIG_ENDIAN);
                    priorities[i] = r.locators().next().priority();
                }
                assertEquals(SITE_A, eids[0]);
                assertEquals(ip(10, 2, 0, 0), eids[1]);
                assertEquals(1, priorities[0]);
                assertEquals(2, priorities[1]);
            }
            assertEquals(1, a.agent().counters().get(XtrCounters.REPLIES_SENT));
        }
    }

    private static int notify(
        final org.agrona.concurrent.UnsafeBuffer msg,
        final io.fmc4j.core.codec.LispAuthenticator key,
        final EidPrefix prefix,
        final int locator)
    {
        final io.fmc4j.core.codec.MapRegisterEncoder encoder = new io.fmc4j.core.codec.MapRegisterEncoder()
            .wrap(msg, 0, io.fmc4j.api.MessageType.MAP_NOTIFY).nonce(0x5EED_5EEDL)
            .authentication(key.keyIdField(), key.macLength());
        encoder.addRecord().ttl(10).eidIpv4(0, prefix.maskLength(), (int)(prefix.hi() >>> 32))
            .locatorIpv4(1, 100, 255, 0, 1, locator);
        final int length = encoder.encodedLength();
        key.sign(msg, 0, length, io.fmc4j.core.codec.MapRegister.AUTH_OFFSET);
        return length;
    }

    private static void sendFromMapServer(
        final XtrTestbed bed, final org.agrona.concurrent.UnsafeBuffer msg, final int length, final XtrTestbed.Node to)
        throws Exception
    {
        final io.fmc4j.api.spi.dataplane.PacketIo io = bed.mapServerIo();
        io.offer(msg, 0, length, io.registerNextHop(bed.socket(to.rloc())));
    }

    private static void sendFrom(
        final XtrTestbed bed,
        final int address,
        final org.agrona.concurrent.UnsafeBuffer msg,
        final int length,
        final XtrTestbed.Node to) throws Exception
    {
        try (java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open())
        {
            channel.bind(bed.socket(address));
            final byte[] bytes = new byte[length];
            msg.getBytes(0, bytes);
            channel.send(java.nio.ByteBuffer.wrap(bytes), bed.socket(to.rloc()));
        }
    }
}
