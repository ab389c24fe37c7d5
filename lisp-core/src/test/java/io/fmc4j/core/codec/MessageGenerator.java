/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.MutableDirectBuffer;

import java.util.Random;

/**
 * Builds random, valid control messages of every type through the encoders: a varied corpus for property
 * tests, the fuzzer's seeds and the tshark cross-check. Deterministic for a given {@link Random} seed.
 */
public final class MessageGenerator
{
    private static final int[] TYPES =
    {
        MessageType.MAP_REQUEST, MessageType.MAP_REPLY, MessageType.MAP_REGISTER, MessageType.MAP_NOTIFY,
        MessageType.MAP_NOTIFY_ACK, MessageType.MAP_REFERRAL, MessageType.INFO, MessageType.ECM,
    };

    private final MapRequestEncoder request = new MapRequestEncoder();
    private final MapReplyEncoder reply = new MapReplyEncoder();
    private final MapRegisterEncoder register = new MapRegisterEncoder();
    private final InfoEncoder info = new InfoEncoder();
    private final EcmEncoder ecm = new EcmEncoder();
    private final Random random;

    /**
     * A generator.
     *
     * @param random source of randomness.
     */
    public MessageGenerator(final Random random)
    {
        this.random = random;
    }

    /**
     * Message types the generator produces.
     *
     * @return the types.
     */
    public static int[] types()
    {
        return TYPES.clone();
    }

    /**
     * Writes a random message of a random type.
     *
     * @param buffer to write into (at least 4 KiB from {@code offset}).
     * @param offset where.
     * @return its length.
     */
    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        return next(buffer, offset, TYPES[random.nextInt(TYPES.length)]);
    }

    /**
     * Writes a random message of a type.
     *
     * @param buffer to write into (at least 4 KiB from {@code offset}).
     * @param offset where.
     * @param type one of {@link #types()}.
     * @return its length.
     */
    public int next(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        switch (type)
        {
            case MessageType.MAP_REQUEST:
                return mapRequest(buffer, offset);
            case MessageType.MAP_REPLY:
            case MessageType.MAP_REFERRAL:
                final MapReplyEncoder e = reply.wrap(buffer, offset, type).nonce(random.nextLong());
                if (type == MessageType.MAP_REPLY)
                {
                    e.flags(random.nextInt() & (MapReply.FLAG_P | MapReply.FLAG_E | MapReply.FLAG_S));
                }
                for (int i = random.nextInt(4); i > 0; i--)
                {
                    record(e.addRecord());
                }
                return e.encodedLength();
            case MessageType.INFO:
                final boolean isReply = random.nextBoolean();
                final InfoEncoder i = info.wrap(buffer, offset, isReply, random.nextLong(), 1, 20)
                    .eidIpv4(random.nextInt(1 << 16), iid(), random.nextInt(33), random.nextInt());
                return (isReply ? i.natTraversalIpv4(4342, random.nextInt(1 << 16), random.nextInt(), random.nextInt(),
                    random.nextInt(), random.nextInt()) : i.noNatAddress()).encodedLength();
            case MessageType.ECM:
                final EcmEncoder c = ecm.wrap(buffer, offset).flags(random.nextInt() & 0x0F00_0000);
                if (random.nextBoolean())
                {
                    c.innerIpv4(random.nextInt(), random.nextInt(), 4342, 4342);
                }
                else
                {
                    c.innerIpv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), 4342, 4342);
                }
                return c.finish(mapRequest(buffer, c.messageOffset()));
            default:
                return mapRegister(buffer, offset, type);
        }
    }

    private long iid()
    {
        return random.nextInt(3) == 0 ? random.nextInt(1 << 24) : 0;
    }

    private int mapRequest(final MutableDirectBuffer buffer, final int offset)
    {
        final MapRequestEncoder e = request.wrap(buffer, offset).nonce(random.nextLong())
            .flags(random.nextInt() & (MapRequest.FLAG_A | MapRequest.FLAG_P | MapRequest.FLAG_S
            | MapRequest.FLAG_PITR | MapRequest.FLAG_SMR_INVOKED | MapRequest.FLAG_L | MapRequest.FLAG_D));
        if (random.nextBoolean())
        {
            e.sourceEidNone();
        }
        else
        {
            e.sourceEidIpv4(iid(), random.nextInt());
        }
        for (int i = 1 + random.nextInt(3); i > 0; i--)
        {
            if (random.nextBoolean())
            {
                e.itrRlocIpv4(random.nextInt());
            }
            else
            {
                e.itrRlocIpv6(random.nextLong(), random.nextLong());
            }
        }
        for (int i = 1 + random.nextInt(2); i > 0; i--)
        {
            if (random.nextBoolean())
            {
                e.eidRecordIpv4(random.nextBoolean(), iid(), random.nextInt(33), random.nextInt());
            }
            else
            {
                e.eidRecordIpv6(random.nextBoolean(), iid(), random.nextInt(129), random.nextLong(), random.nextLong());
            }
        }
        if (random.nextInt(4) == 0)
        {
            record(e.mapReplyRecord());
        }
        if (random.nextBoolean())
        {
            e.xtrId(random.nextLong(), random.nextLong(), random.nextLong());
        }
        return e.encodedLength();
    }

    private int mapRegister(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        final boolean sha256 = random.nextBoolean();
        final int flags = type == MessageType.MAP_REGISTER ?
            random.nextInt() & (MapRegister.FLAG_P | MapRegister.FLAG_S | MapRegister.FLAG_R | MapRegister.FLAG_T
            | MapRegister.FLAG_MERGE | MapRegister.FLAG_M) :
            0;
        final MapRegisterEncoder e = register.wrap(buffer, offset, type).flags(flags).nonce(random.nextLong())
            .authentication(sha256 ? 2 : 1, sha256 ? 32 : 20);
        for (int i = 1 + random.nextInt(3); i > 0; i--)
        {
            record(e.addRecord());
        }
        if (random.nextBoolean())
        {
            e.xtrId(random.nextLong(), random.nextLong(), random.nextLong());
        }
        if (type == MessageType.MAP_NOTIFY && random.nextInt(3) == 0)
        {
            e.msRtrAuthentication(1, 20);
        }
        return e.encodedLength();
    }

    private void record(final MapRecordEncoder r)
    {
        r.ttl(random.nextInt(1 << 16)).action(random.nextInt(6)).authoritative(random.nextBoolean())
            .mapVersion(random.nextInt(1 << 12));
        switch (random.nextInt(3))
        {
            case 0:
                r.eidIpv4(iid(), random.nextInt(33), random.nextInt());
                break;
            case 1:
                r.eidIpv6(iid(), random.nextInt(129), random.nextLong(), random.nextLong());
                break;
            default:
                r.eidMac(48, random.nextLong() & 0xFFFF_FFFF_FFFFL);
                break;
        }
        for (int i = random.nextInt(4); i > 0; i--)
        {
            final int flags = random.nextInt(8);
            if (random.nextBoolean())
            {
                r.locatorIpv4(random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256),
                    flags, random.nextInt());
            }
            else
            {
                r.locatorIpv6(random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256),
                    flags, random.nextLong(), random.nextLong());
            }
        }
    }
}
