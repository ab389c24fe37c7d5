/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.MessageType;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.LispPorts;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapRequestEncoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapReply;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import io.fmc4j.spi.dataplane.memory.MemoryPacketIo;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapServerTest
{
    static final byte[] KEY_A = "site-a-secret".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_B = "site-b-secret".getBytes(StandardCharsets.US_ASCII);
    static final int EID_A = 0x0A01_0000;
    static final int EID_B = 0x0A02_0000;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
    private final List<byte[]> received = new ArrayList<>();
    private MappingDatabase db;
    private MemoryPacketIo serverSide;
    private MemoryPacketIo xtrSide;
    private MapServer server;
    private final XtrSimulator xtr1 = new XtrSimulator(LispAuthenticator.HMAC_SHA_1, KEY_A, 0, 1, 0xC000_0201);
    private final XtrSimulator xtr2 = new XtrSimulator(LispAuthenticator.HMAC_SHA_256, KEY_B, 0, 2, 0xC000_0202);
    private final XtrSimulator intruder = new XtrSimulator(LispAuthenticator.HMAC_SHA_1,
        "guess".getBytes(StandardCharsets.US_ASCII), 0, 3, 0xC000_0203);

    @BeforeEach
    void setUp() throws Exception
    {
        clock.update(1_000_000L);
        db = new MappingDatabase(new MappingDatabase.Context().capacity(1024).clock(clock)
            .site(Site.builder("a").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96, KEY_A)).allow("10.1.0.0/16")
                .allow("2001:5:1::/48").acceptMoreSpecifics(true).build())
            .site(Site.builder("b").key(new AuthKey(0, AuthKey.HMAC_SHA_256_128, KEY_B)).allow("10.2.0.0/16")
                .allow("10.1.0.0/16").acceptMoreSpecifics(true).build()));
        final MemoryLink link = MemoryLink.create("ms-test", new PacketIoConfig().conclude());
        serverSide = link.endpointA();
        xtrSide = link.endpointB();
        server = new MapServer(new MapServer.Context().packetIo(serverSide).database(db).clock(clock)
            .requestRateLimit(100, 50).notifyRetransmit(2000, 3).sweepIntervalMs(1));
    }

    @AfterEach
    void tearDown()
    {
        server.close();
        serverSide.close();
        xtrSide.close();
        db.close();
    }

    private void offer(final int length)
    {
        assertEquals(length, xtrSide.offer(out, 0, length, 0));
        server.doWork();
        received.clear();
        xtrSide.poll((b, o, l, s) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            received.add(copy);
        }, 64);
    }

    private void tick(final long ms)
    {
        clock.advance(ms);
        server.doWork();
        received.clear();
        xtrSide.poll((b, o, l, s) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            received.add(copy);
        }, 64);
    }

    private static int type(final byte[] message)
    {
        return (message[0] & 0xFF) >>> 4;
    }

    private static long nonce(final byte[] message)
    {
        return new UnsafeBuffer(message).getLong(4, BIG_ENDIAN);
    }

    private void register(final XtrSimulator xtr, final long nonce, final int flags, final int eid, final int mask,
        final int priority)
    {
        offer(xtr.mapRegister(out, nonce, flags | MapRegister.FLAG_M, eid, mask, 1440, priority));
    }

    @Test
    void shouldRunExecutorTasksOnItsOwnDutyCycleAndSurviveAFailingOne()
    {
        final List<String> ran = new ArrayList<>();
        server.executor().execute(() -> ran.add("size " + db.size()));
        server.executor().execute(() ->
        {
            throw new IllegalStateException("task failed");
        });
        server.executor().execute(() -> ran.add("after the failure"));
        assertEquals(List.of(), ran);                   // nothing runs on the caller's thread

        server.doWork();

        assertEquals(List.of("size 0", "after the failure"), ran);
        assertEquals(1, server.counter(MapServerCounters.ERRORS));
        server.executor().execute(() -> ran.add("queued before close"));
        server.close();
        assertEquals("queued before close", ran.get(2));
        assertThrows(RejectedExecutionException.class, () -> server.executor().execute(() -> ran.add("late")));
    }

    @Test
    void shouldRegisterAndAnswerWithSignedMapNotifyEchoingTheRecord()
    {
        final int length = xtr1.mapRegister(out, 42, MapRegister.FLAG_M, EID_A, 16, 1440, 1);
        final byte[] sent = new byte[length];
        out.getBytes(0, sent);
        offer(length);
        assertEquals(1, db.size());
        assertEquals(1, received.size());
        final byte[] notify = received.get(0);
        assertEquals(MessageType.MAP_NOTIFY, type(notify));
        assertEquals(42, nonce(notify));
        assertEquals(length, notify.length);
        assertTrue(xtr1.verify(new UnsafeBuffer(notify), 0, notify.length));
        // Same records after the authentication data as the Map-Register.
        final int from = MapRegister.AUTH_OFFSET + 20;
        assertArrayEquals(java.util.Arrays.copyOfRange(sent, from, length),
            java.util.Arrays.copyOfRange(notify, from, length));
        assertEquals(1, server.counter(MapServerCounters.REGISTER_ACCEPTED));
    }

    @Test
    void shouldRefuseWrongKeyTruncatedMacForeignPrefixAndReplay()
    {
        offer(intruder.mapRegister(out, 1, MapRegister.FLAG_M, EID_A, 16, 1440, 1));
        assertEquals(1, server.counter(MapServerCounters.REGISTER_AUTH_FAILED));

        int length = xtr1.mapRegister(out, 2, MapRegister.FLAG_M, EID_A, 16, 1440, 1);
        out.putShort(MapRegister.AUTH_LENGTH_OFFSET, (short)12, BIG_ENDIAN);
        offer(length - 8);
        assertEquals(2, server.counter(MapServerCounters.REGISTER_AUTH_FAILED));

        offer(xtr1.mapRegister(out, 3, MapRegister.FLAG_M, 0xAC10_0000, 16, 1440, 1));
        assertEquals(1, server.counter(MapServerCounters.REGISTER_FOREIGN_PREFIX));

        // Site a's key but an EID only site b may register: no key of site b verifies.
        offer(xtr1.mapRegister(out, 4, MapRegister.FLAG_M, EID_B, 16, 1440, 1));
        assertEquals(1, server.counter(MapServerCounters.REGISTER_UNKNOWN_KEY));
        assertEquals(2, server.counter(MapServerCounters.REGISTER_AUTH_FAILED));
        assertEquals(0, db.size());
        assertTrue(received.isEmpty());

        length = xtr1.mapRegister(out, 5, MapRegister.FLAG_M, EID_A, 16, 1440, 1);
        final byte[] copy = new byte[length];
        out.getBytes(0, copy);
        offer(length);
        assertEquals(1, received.size());
        out.putBytes(0, copy);
        offer(length);
        assertEquals(1, server.counter(MapServerCounters.REGISTER_REPLAY));
        assertTrue(received.isEmpty());
        assertEquals(1, db.size());
    }

    @Test
    void shouldProxyReplyWhenAsked()
    {
        register(xtr1, 7, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(xtr2.ecmMapRequest(out, 99, EID_A | 5, false));
        assertEquals(1, received.size());
        final byte[] reply = received.get(0);
        assertEquals(MessageType.MAP_REPLY, type(reply));
        assertEquals(99, nonce(reply));
        final UnsafeBuffer r = new UnsafeBuffer(reply);
        assertEquals(0, MapReply.validate(r, 0, reply.length));
        assertEquals(1440, r.getInt(12, BIG_ENDIAN));
        assertEquals(1, r.getByte(16));
        assertEquals(16, r.getByte(17));
        assertEquals(EID_A, r.getInt(24, BIG_ENDIAN));
        assertEquals(xtr1.rloc, r.getInt(36, BIG_ENDIAN));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_PROXY_REPLIED));
    }

    @Test
    void shouldProxyReplyForAnIpv6EidWithAnIpv6Locator()
    {
        final long prefix = 0x2001_0005_0001_0000L;
        offer(xtr1.mapRegisterIpv6(out, 8, MapRegister.FLAG_P | MapRegister.FLAG_M, prefix, 0, 48,
            0x2001_0db8_0000_0001L, 0x42));
        assertEquals(1, db.size());
        offer(xtr2.ecmMapRequestIpv6(out, 97, prefix | 0x1234, 7));
        assertEquals(1, received.size());
        final UnsafeBuffer r = new UnsafeBuffer(received.get(0));
        assertEquals(MessageType.MAP_REPLY, type(received.get(0)));
        assertEquals(0, MapReply.validate(r, 0, received.get(0).length));
        assertEquals(48, r.getByte(17));
        assertEquals(2, r.getShort(22, BIG_ENDIAN), "EID AFI IPv6");
        assertEquals(prefix, r.getLong(24, BIG_ENDIAN));
        assertEquals(2, r.getShort(46, BIG_ENDIAN), "locator AFI IPv6");
        assertEquals(0x2001_0db8_0000_0001L, r.getLong(48, BIG_ENDIAN));
        assertEquals(0x42, r.getLong(56, BIG_ENDIAN));
        // Outside 2001:5:1::/48: a 15-minute negative reply.
        offer(xtr2.ecmMapRequestIpv6(out, 96, 0x2001_0db8_0000_0000L, 1));
        assertEquals(15, new UnsafeBuffer(received.get(0)).getInt(12, BIG_ENDIAN));
    }

    @Test
    void shouldForwardTheEcmUnchangedWithoutProxyReply()
    {
        register(xtr1, 7, 0, EID_A, 16, 1);
        final int length = xtr2.ecmMapRequest(out, 98, EID_A | 9, false);
        final byte[] ecm = new byte[length];
        out.getBytes(0, ecm);
        offer(length);
        assertEquals(1, received.size());
        assertArrayEquals(ecm, received.get(0));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_FORWARDED));
    }

    @Test
    void shouldAnswerNegativeRepliesWithTheRightTtlAndPrefix()
    {
        register(xtr1, 7, MapRegister.FLAG_P, 0x0A01_0100, 24, 1);
        offer(xtr2.ecmMapRequest(out, 1, 0xAC10_0101, false));
        UnsafeBuffer r = new UnsafeBuffer(received.get(0));
        assertEquals(15, r.getInt(12, BIG_ENDIAN));
        assertEquals(1, (r.getByte(18) & 0xFF) >>> 5);
        // 172.16.1.1: the least specific prefix without 10.1/16 and 10.2/16 in it is 128.0.0.0/1.
        assertEquals(1, r.getByte(17));
        assertEquals(0x8000_0000, r.getInt(24, BIG_ENDIAN));

        offer(xtr2.ecmMapRequest(out, 2, 0x0A01_0505, false));
        r = new UnsafeBuffer(received.get(0));
        assertEquals(1, r.getInt(12, BIG_ENDIAN));
        assertEquals(3, (r.getByte(18) & 0xFF) >>> 5);
        final int mask = r.getByte(17);
        assertTrue(mask >= 16 && mask <= 24, "negative prefix length " + mask);
        assertEquals(0x0A01_0400, r.getInt(24, BIG_ENDIAN), "10.1.4.0/22: next to, not over, 10.1.1.0/24");
        assertEquals(22, mask);
        assertEquals(1, server.counter(MapServerCounters.REQUEST_NEGATIVE_NOT_EID));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_NEGATIVE_UNREGISTERED));
    }

    @Test
    void shouldPublishChangesToSubscribersAndRetransmitUntilAcked()
    {
        register(xtr2, 11, MapRegister.FLAG_P, EID_B, 16, 1);
        register(xtr1, 12, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(xtr2.ecmMapRequest(out, 13, EID_A | 77, true));
        assertEquals(1, server.subscriptionCount());
        assertEquals(MessageType.MAP_REPLY, type(received.get(0)));

        // The mapping changes (new RLOC priority): the subscriber hears of it.
        register(xtr1, 14, MapRegister.FLAG_P, EID_A, 16, 2);
        byte[] notify = null;
        for (final byte[] m : received)
        {
            if (type(m) == MessageType.MAP_NOTIFY && nonce(m) != 14)
            {
                notify = m;
            }
        }
        assertTrue(null != notify, "published Map-Notify");
        assertTrue(xtr2.verify(new UnsafeBuffer(notify), 0, notify.length));
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_PUBLISH_SENT));

        tick(2000);
        assertEquals(1, received.size());
        assertEquals(nonce(notify), nonce(received.get(0)));
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_RETRANSMITTED));

        out.putBytes(0, notify);
        offer(xtr2.ack(out, new UnsafeBuffer(notify), 0, notify.length));
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED));
        assertEquals(0, server.outstandingNotifies());
        tick(5000);
        assertTrue(received.isEmpty());
    }

    @Test
    void shouldGiveUpAfterTheLastRetransmission()
    {
        register(xtr2, 11, MapRegister.FLAG_P, EID_B, 16, 1);
        register(xtr1, 12, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(xtr2.ecmMapRequest(out, 13, EID_A | 77, true));
        register(xtr1, 14, MapRegister.FLAG_P, EID_A, 16, 2);
        for (int i = 0; i < 5; i++)
        {
            tick(2000);
        }
        assertEquals(2, server.counter(MapServerCounters.NOTIFY_RETRANSMITTED));
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_GAVE_UP));
        assertEquals(0, server.outstandingNotifies());
    }

    @Test
    void shouldExpireAfterThreeMinutesUnlessTheTBitAsksForTheRecordTtlAndPublishTheExpiry()
    {
        register(xtr2, 11, MapRegister.FLAG_P, EID_B, 16, 1);
        offer(xtr1.mapRegister(out, 12, MapRegister.FLAG_P | MapRegister.FLAG_T, EID_A, 16, 10, 1));
        offer(xtr2.ecmMapRequest(out, 13, EID_A | 77, true));
        tick(179_000);
        assertEquals(2, db.size());
        tick(2_000);
        assertEquals(1, db.size(), "site b's registration expired after 3 minutes");
        tick(420_000);
        assertEquals(0, db.size(), "the T-bit registration expired after its 10-minute record TTL");
        byte[] notify = null;
        for (final byte[] m : received)
        {
            notify = type(m) == MessageType.MAP_NOTIFY ? m : notify;
        }
        assertTrue(null != notify, "subscriber told of the expiry");
        assertEquals(0, notify[MapRegister.AUTH_OFFSET + 32 + 4], "no locators in the published record");
    }

    @Test
    void shouldRefuseSubscriptionsFromUnauthenticatedXtrs()
    {
        register(xtr1, 12, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(intruder.ecmMapRequest(out, 13, EID_A | 77, true));
        assertEquals(0, server.subscriptionCount());
        assertEquals(1, server.counter(MapServerCounters.SUBSCRIBE_REFUSED));
    }

    @Test
    void shouldNotifyTheOldXtrWhenAnEidMovesAndSupportMakeBeforeBreak()
    {
        final int host = EID_A | 0x0105;
        final List<Integer> types = new ArrayList<>();
        server.addListener(change -> types.add(change.type()));
        register(xtr1, 21, MapRegister.FLAG_MERGE, host, 32, 1);
        // Pre-registration by the new xTR, worse priority: the EID has not moved yet.
        register(xtr2, 22, MapRegister.FLAG_MERGE, host, 32, 200);
        assertEquals(0, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
        // Promotion: the new xTR's locator becomes the best one.
        register(xtr2, 23, MapRegister.FLAG_MERGE, host, 32, 0);
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
        byte[] mobility = null;
        for (final byte[] m : received)
        {
            if (type(m) == MessageType.MAP_NOTIFY && nonce(m) != 23)
            {
                mobility = m;
            }
        }
        assertTrue(null != mobility);
        assertTrue(xtr1.verify(new UnsafeBuffer(mobility), 0, mobility.length), "signed with the old xTR's key");
        offer(xtr1.ack(out, new UnsafeBuffer(mobility), 0, mobility.length));
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED));
        assertEquals(List.of(MappingChangeType.REGISTERED, MappingChangeType.UPDATED, MappingChangeType.UPDATED),
            types);
    }

    @Test
    void shouldTellTheOldXtrWhenAChangeWrittenIntoTheDatabaseMovesAHostEidAway()
    {
        // An FMC controller's relocator writes the VM's /32 straight into the database (on this thread), without a
        // Map-Register: pre-registration [xtr1 p1, xtr2 p2], then promotion [xtr2]. xtr1 must hear that it left.
        register(xtr1, 41, 0, EID_A, 16, 1);
        final int host = EID_A | 0x0107;
        final long before = server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT);
        writeDirectly(host, 0xC000_0201, 1, 0xC000_0202, 2);
        assertEquals(before, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT), "nobody left yet");
        writeDirectly(host, 0xC000_0202, 1);
        tick(0);
        assertEquals(before + 1, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
        byte[] mobility = null;
        for (final byte[] m : received)
        {
            if (type(m) == MessageType.MAP_NOTIFY)
            {
                mobility = m;
            }
        }
        assertTrue(null != mobility, "a Map-Notify went out");
        assertTrue(xtr1.verify(new UnsafeBuffer(mobility), 0, mobility.length), "signed with the old xTR's key");
        final MapRecordDecoder record = new io.fmc4j.core.codec.MapRegisterDecoder()
            .wrap(new UnsafeBuffer(mobility), 0).records().next();
        assertEquals(1, record.locatorCount());
        assertEquals(0xC000_0202, record.locators().next().ipv4(), "with where the EID is now");
        // The Map-Server's own Map-Registers still notify once, through its mobility check, not twice.
        register(xtr2, 42, 0, EID_A | 0x0203, 32, 1);
        assertEquals(before + 2, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
    }

    private void writeDirectly(final int host, final int... rlocPriority)
    {
        final io.fmc4j.core.msdb.RegistrationBuilder registration = new io.fmc4j.core.msdb.RegistrationBuilder()
            .eid(io.fmc4j.api.mapcache.EidPrefix.ipv4(0, host, 32))
            .xtrRloc(io.fmc4j.api.Afi.IPV4, (long)rlocPriority[0] << 32, 0).useRecordTtl(true);
        registration.mapping().ttlMinutes(1440);
        final UnsafeBuffer address = new UnsafeBuffer(new byte[4]);
        for (int i = 0; i < rlocPriority.length; i += 2)
        {
            address.putInt(0, rlocPriority[i], BIG_ENDIAN);
            registration.mapping().addLocator(io.fmc4j.api.Afi.IPV4, address, 0,
                io.fmc4j.api.mapcache.LocatorSet.FLAG_REACHABLE, rlocPriority[i + 1], 100, 255, 0);
        }
        assertEquals(io.fmc4j.api.mapcache.MapCacheStatus.OK, db.register(db.site("a"), registration));
    }

    @Test
    void shouldNotifyTheOldXtrWhenAMoreSpecificIsRegisteredElsewhere()
    {
        register(xtr1, 31, 0, EID_A, 16, 1);
        register(xtr2, 32, 0, EID_A | 0x0203, 32, 1);
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
        // Periodic re-registration does not notify again.
        register(xtr2, 33, 0, EID_A | 0x0203, 32, 1);
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT));
    }

    @Test
    void shouldRateLimitAFloodFromOneSourceWithoutDisturbingOthers()
    {
        register(xtr1, 7, MapRegister.FLAG_P, EID_A, 16, 1);
        int answered = 0;
        for (int i = 0; i < 500; i++)
        {
            offer(xtr2.ecmMapRequest(out, i, EID_A | 1, false));
            answered += received.size();
        }
        assertEquals(50, answered);
        assertEquals(450, server.counter(MapServerCounters.REQUEST_RATE_LIMITED));
        offer(intruder.ecmMapRequest(out, 1000, EID_A | 1, false));
        assertEquals(1, received.size());
        clock.advance(1000);
        offer(xtr2.ecmMapRequest(out, 1001, EID_A | 1, false));
        assertEquals(1, received.size());
    }

    @Test
    void shouldCountGarbageAndKeepServing()
    {
        final Random random = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            final int length = 1 + random.nextInt(200);
            for (int j = 0; j < length; j++)
            {
                out.putByte(j, (byte)random.nextInt());
            }
            out.putByte(0, (byte)((1 + random.nextInt(8)) << 4));
            offer(length);
        }
        assertEquals(0, server.counter(MapServerCounters.ERRORS));
        register(xtr1, 7, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(xtr2.ecmMapRequest(out, 5, EID_A | 1, false));
        assertEquals(MessageType.MAP_REPLY, type(received.get(0)));
    }

    @Test
    void shouldConvergeWithTwentyPercentLoss()
    {
        final Random loss = new Random(20);
        // xTRs re-register every 3 s until a Map-Notify arrives; subscriber re-requests until a reply arrives.
        boolean registered1 = false;
        boolean registered2 = false;
        boolean subscribed = false;
        long nonce = 100;
        for (int round = 0; round < 50 && !(registered1 && registered2 && subscribed); round++)
        {
            if (!registered1)
            {
                registered1 = lossyExchange(loss, xtr1.mapRegister(out, nonce++, MapRegister.FLAG_M |
                    MapRegister.FLAG_P, EID_A, 16, 1440, 1), MessageType.MAP_NOTIFY);
            }
            if (!registered2)
            {
                registered2 = lossyExchange(loss, xtr2.mapRegister(out, nonce++, MapRegister.FLAG_M |
                    MapRegister.FLAG_P, EID_B, 16, 1440, 1), MessageType.MAP_NOTIFY);
            }
            if (registered1 && registered2 && !subscribed)
            {
                subscribed = lossyExchange(loss, xtr2.ecmMapRequest(out, nonce++, EID_A | 3, true),
                    MessageType.MAP_REPLY);
            }
            tick(3000);
        }
        assertTrue(registered1 && registered2 && subscribed);
        // A change is published; notifies and acks are lost at random; retransmission gets one acked.
        register(xtr1, nonce++, MapRegister.FLAG_P, EID_A, 16, 9);
        boolean acked = false;
        for (int round = 0; round < 20 && !acked; round++)
        {
            for (final byte[] m : new ArrayList<>(received))
            {
                if (type(m) == MessageType.MAP_NOTIFY && xtr2.verify(new UnsafeBuffer(m), 0, m.length) &&
                    loss.nextInt(100) >= 20)
                {
                    lossyExchange(loss, xtr2.ack(out, new UnsafeBuffer(m), 0, m.length), -1);
                    acked = server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED) > 0;
                }
            }
            if (!acked)
            {
                tick(2000);
            }
        }
        assertTrue(acked, "a retransmitted Map-Notify was acknowledged");
        assertEquals(0, server.outstandingNotifies());
        assertEquals(2, db.size());
    }

    private boolean lossyExchange(final Random loss, final int length, final int expectedType)
    {
        if (loss.nextInt(100) < 20)
        {
            return false;
        }
        offer(length);
        boolean got = false;
        for (final byte[] m : received)
        {
            got |= type(m) == expectedType && loss.nextInt(100) >= 20;
        }
        return got;
    }

    @Test
    void shouldAllocateNothingPerMapRequest()
    {
        server.close();
        server = new MapServer(new MapServer.Context().packetIo(serverSide).database(db).clock(clock)
            .requestRateLimit(Integer.MAX_VALUE / 2000, Integer.MAX_VALUE / 2000));
        register(xtr1, 7, MapRegister.FLAG_P, EID_A, 16, 1);
        final int proxied = xtr2.ecmMapRequest(out, 1, EID_A | 1, false);
        final UnsafeBuffer negative = new UnsafeBuffer(new byte[256]);
        final int negativeLength = xtr2.ecmMapRequest(negative, 2, 0xAC10_0101, false);
        final long[] replies = new long[1];
        final io.fmc4j.api.spi.dataplane.PacketHandler sink = (b, o, l, s) -> replies[0]++;
        final com.sun.management.ThreadMXBean bean =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++)
        {
            final long before = bean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 20_000; i++)
            {
                xtrSide.offer(out, 0, proxied, 0);
                xtrSide.offer(negative, 0, negativeLength, 0);
                server.doWork();
                xtrSide.poll(sink, 8);
            }
            best = Math.min(best, bean.getThreadAllocatedBytes(thread) - before);
        }
        // A per-message allocation would be at least 16 B x 40k; allow a few stray bytes (JIT, profiling).
        assertTrue(best < 1024, "bytes allocated over 40k Map-Requests: " + best);
        assertEquals(160_000, replies[0]);
    }

    @Test
    void shouldAllocateNothingPerMapRegisterRefreshOrChange()
    {
        final long[] changes = new long[1];
        server.addListener(change -> changes[0]++);
        // Nonce 0 (accepted by default, not remembered) so the same message can be repeated.
        final UnsafeBuffer refresh = new UnsafeBuffer(new byte[512]);
        final int refreshLength = xtr1.mapRegister(refresh, 0, MapRegister.FLAG_M, EID_A, 24, 1440, 1);
        final UnsafeBuffer first = new UnsafeBuffer(new byte[512]);
        final int firstLength = xtr2.mapRegister(first, 0, MapRegister.FLAG_M, EID_B, 24, 1440, 1);
        final UnsafeBuffer second = new UnsafeBuffer(new byte[512]);
        final int secondLength = xtr2.mapRegister(second, 0, MapRegister.FLAG_M, EID_B, 24, 1440, 2);
        final long[] notifies = new long[1];
        final io.fmc4j.api.spi.dataplane.PacketHandler sink = (b, o, l, s) -> notifies[0]++;
        final com.sun.management.ThreadMXBean bean =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long bestRefresh = Long.MAX_VALUE;
        long bestChange = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++)
        {
            long before = bean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 10_000; i++)
            {
                xtrSide.offer(refresh, 0, refreshLength, 0);
                server.doWork();
                xtrSide.poll(sink, 8);
            }
            bestRefresh = Math.min(bestRefresh, bean.getThreadAllocatedBytes(thread) - before);
            before = bean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 5_000; i++)
            {
                xtrSide.offer(first, 0, firstLength, 0);
                xtrSide.offer(second, 0, secondLength, 0);
                server.doWork();
                xtrSide.poll(sink, 8);
            }
            bestChange = Math.min(bestChange, bean.getThreadAllocatedBytes(thread) - before);
        }
        // A per-message allocation would be at least 16 B x 10k; allow a few stray bytes (JIT, profiling).
        assertTrue(bestRefresh < 1024, "bytes allocated over 10k refreshing Map-Registers: " + bestRefresh);
        assertTrue(bestChange < 1024, "bytes allocated over 10k changing Map-Registers: " + bestChange);
        assertEquals(80_000, notifies[0]);
        // Every second register changes the priority of EID_B's locator: an UPDATED event each (the first
        // registration of each prefix is REGISTERED).
        assertEquals(2 + 2 * 5_000 * 4 - 1, changes[0]);
        assertEquals(2, db.size());
        assertEquals(0, server.counter(MapServerCounters.RECORD_REFUSED));
    }

    /** EID record of a multi-record request: an IPv4 address, or (when {@code v6Hi != 0}) an IPv6 one. */
    private record Eid(int ipv4, long v6Hi, long v6Lo)
    {
        static Eid v4(final int ipv4)
        {
            return new Eid(ipv4, 0, 0);
        }

        static Eid v6(final long hi, final long lo)
        {
            return new Eid(0, hi, lo);
        }
    }

    private int multiRecordRequest(final long nonce, final Eid... eids)
    {
        final EcmEncoder e = new EcmEncoder().wrap(out, 0).innerIpv4(xtr2.rloc, eids[0].ipv4(), LispPorts.CONTROL,
            LispPorts.CONTROL);
        final MapRequestEncoder r = new MapRequestEncoder().wrap(out, e.messageOffset()).nonce(nonce)
            .sourceEidNone().itrRlocIpv4(xtr2.rloc);
        for (final Eid eid : eids)
        {
            if (eid.v6Hi() != 0)
            {
                r.eidRecordIpv6(false, 0, 128, eid.v6Hi(), eid.v6Lo());
            }
            else
            {
                r.eidRecordIpv4(false, 0, 32, eid.ipv4());
            }
        }
        return e.finish(r.encodedLength());
    }

    /** Records of the Map-Replies received: {mask length, TTL, action, locator count, first EID word}. */
    private List<long[]> replyRecords(final long nonce)
    {
        final List<long[]> records = new ArrayList<>();
        final MapReplyDecoder decoder = new MapReplyDecoder();
        for (final byte[] m : received)
        {
            if (type(m) != MessageType.MAP_REPLY)
            {
                continue;
            }
            final UnsafeBuffer b = new UnsafeBuffer(m);
            assertEquals(0, MapReply.validate(b, 0, m.length));
            assertTrue(m.length <= 1452, "Map-Reply of " + m.length + " bytes");
            assertEquals(nonce, decoder.wrap(b, 0).nonce());
            final MapRecordDecoder records1 = decoder.records();
            while (records1.hasNext())
            {
                final MapRecordDecoder rec = records1.next();
                final int afi = b.getShort(rec.eidOffset(), BIG_ENDIAN);
                records.add(new long[] {rec.maskLength(), rec.ttl(), rec.action(), rec.locatorCount(),
                    afi == 1 ? b.getInt(rec.eidOffset() + 2, BIG_ENDIAN) : b.getLong(rec.eidOffset() + 2, BIG_ENDIAN)});
            }
        }
        return records;
    }

    @Test
    void shouldAnswerTwoRecordsInOneReply()
    {
        register(xtr1, 7, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(multiRecordRequest(31, Eid.v4(EID_A | 5), Eid.v4(EID_B | 9)));
        assertEquals(1, received.size());
        final List<long[]> records = replyRecords(31);
        assertEquals(2, records.size());
        assertArrayEquals(new long[] {16, 1440, MapRecord.ACT_NO_ACTION, 1, EID_A}, records.get(0));
        // 10.2.0.9: site b's configured but unregistered prefix: 1 minute, drop, the configured /16.
        assertArrayEquals(new long[] {16, 1, MapRecord.ACT_DROP, 0, EID_B}, records.get(1));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_PROXY_REPLIED));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_NEGATIVE_UNREGISTERED));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_RECEIVED));
    }

    @Test
    void shouldAnswerThreeMixedIpv4AndIpv6RecordsInOrder()
    {
        final long prefix = 0x2001_0005_0001_0000L;
        offer(xtr1.mapRegisterIpv6(out, 8, MapRegister.FLAG_P | MapRegister.FLAG_M, prefix, 0, 48,
            0x2001_0db8_0000_0001L, 0x42));
        register(xtr1, 9, MapRegister.FLAG_P, EID_A, 16, 1);
        offer(multiRecordRequest(32, Eid.v6(prefix | 0x1234, 1), Eid.v4(0xAC10_0101), Eid.v4(EID_A | 0x0101)));
        assertEquals(1, received.size());
        final List<long[]> records = replyRecords(32);
        assertEquals(3, records.size());
        assertArrayEquals(new long[] {48, 60, MapRecord.ACT_NO_ACTION, 1, prefix}, records.get(0));
        assertArrayEquals(new long[] {1, 15, MapRecord.ACT_NATIVELY_FORWARD, 0, 0x8000_0000}, records.get(1));
        assertArrayEquals(new long[] {16, 1440, MapRecord.ACT_NO_ACTION, 1, EID_A}, records.get(2));
        assertEquals(2, server.counter(MapServerCounters.REQUEST_PROXY_REPLIED));
        assertEquals(1, server.counter(MapServerCounters.REQUEST_NEGATIVE_NOT_EID));
    }

    @Test
    void shouldForwardToEachEtrOnceAndAnswerTheOtherRecordsItself()
    {
        register(xtr1, 7, 0, EID_A, 16, 1);
        register(xtr2, 8, 0, EID_B, 16, 1);
        register(xtr2, 9, MapRegister.FLAG_P, 0x0A02_0100, 24, 1);
        final int length = multiRecordRequest(33, Eid.v4(EID_A | 1), Eid.v4(EID_B | 1), Eid.v4(EID_A | 2),
            Eid.v4(0x0A02_0101), Eid.v4(0xAC10_0101));
        final byte[] ecm = new byte[length];
        out.getBytes(0, ecm);
        offer(length);
        // Two ETRs (xtr1 for 10.1/16, xtr2 for 10.2/16): the ECM goes to each once, unchanged; the proxied
        // 10.2.1.0/24 and the non-EID are answered by the Map-Server in one Map-Reply.
        assertEquals(3, received.size());
        int forwarded = 0;
        for (final byte[] m : received)
        {
            if (type(m) == MessageType.ECM)
            {
                assertArrayEquals(ecm, m);
                forwarded++;
            }
        }
        assertEquals(2, forwarded);
        assertEquals(2, server.counter(MapServerCounters.REQUEST_FORWARDED));
        final List<long[]> records = replyRecords(33);
        assertEquals(2, records.size());
        assertArrayEquals(new long[] {24, 1440, MapRecord.ACT_NO_ACTION, 1, 0x0A02_0100}, records.get(0));
        assertEquals(15, records.get(1)[1]);
    }

    @Test
    void shouldSplitAnswersThatDoNotFitOneDatagramIntoSeveralReplies()
    {
        server.close();
        server = new MapServer(new MapServer.Context().packetIo(serverSide).database(db).clock(clock)
            .requestRateLimit(1000, 1000));
        register(xtr1, 9, MapRegister.FLAG_P, EID_A, 16, 1);
        // 150 records (a 1 230-byte request); each answer is 28 bytes (4 200 in all): 51 fit one Map-Reply.
        final Eid[] eids = new Eid[150];
        for (int i = 0; i < eids.length; i++)
        {
            eids[i] = Eid.v4(EID_A | i);
        }
        offer(multiRecordRequest(34, eids));
        assertEquals(3, received.size());
        final List<long[]> records = replyRecords(34);
        assertEquals(150, records.size());
        for (final long[] r : records)
        {
            assertArrayEquals(new long[] {16, 1440, MapRecord.ACT_NO_ACTION, 1, EID_A}, r);
        }
        assertEquals(2, server.counter(MapServerCounters.REPLY_SPLIT));
        assertEquals(150, server.counter(MapServerCounters.REQUEST_PROXY_REPLIED));
    }

    @Test
    void shouldChargeTheRateLimitPerRecord()
    {
        // Burst 50 (setUp): a request of 60 records gets its first 50 answered, the rest refused and counted.
        final Eid[] eids = new Eid[60];
        for (int i = 0; i < eids.length; i++)
        {
            eids[i] = Eid.v4(0xAC10_0000 | i);
        }
        offer(multiRecordRequest(35, eids));
        assertEquals(50, replyRecords(35).size());
        assertEquals(1, server.counter(MapServerCounters.REQUEST_RATE_LIMITED));
    }
}
