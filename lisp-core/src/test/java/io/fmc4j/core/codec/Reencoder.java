/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Rebuilds a validated control message field by field through the decoders and encoders, so that
 * decode-then-encode can be compared with the original bytes. Only opaque parts (addresses, authentication
 * data, Map-Referral signatures) are copied as bytes.
 */
final class Reencoder
{
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final MapRequestEncoder requestEncoder = new MapRequestEncoder();
    private final MapReplyDecoder replyDecoder = new MapReplyDecoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final MapReferralDecoder referralDecoder = new MapReferralDecoder();
    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final MapRegisterEncoder registerEncoder = new MapRegisterEncoder();
    private final InfoDecoder infoDecoder = new InfoDecoder();
    private final InfoEncoder infoEncoder = new InfoEncoder();
    private final EcmDecoder ecmDecoder = new EcmDecoder();
    private final EcmEncoder ecmEncoder = new EcmEncoder();

    /**
     * Re-encodes a message.
     *
     * @return the encoded length, or a negative status when the input does not validate.
     */
    int reencode(final DirectBuffer in, final int offset, final int length, final MutableDirectBuffer out, final int at)
    {
        final int status = ControlHeader.validate(in, offset, length);
        if (status != DecodeStatus.OK)
        {
            return status;
        }
        switch (ControlHeader.type(in, offset))
        {
            case MessageType.MAP_REQUEST:
                return mapRequest(in, offset, out, at);
            case MessageType.MAP_REPLY:
                return mapReply(in, offset, out, at, false);
            case MessageType.MAP_REFERRAL:
                return mapReply(in, offset, out, at, true);
            case MessageType.INFO:
                return info(in, offset, out, at);
            case MessageType.ECM:
                return ecm(in, offset, out, at);
            default:
                return mapRegister(in, offset, out, at);
        }
    }

    private int mapRequest(final DirectBuffer in, final int offset, final MutableDirectBuffer out, final int at)
    {
        final MapRequestDecoder d = requestDecoder.wrap(in, offset);
        final MapRequestEncoder e = requestEncoder.wrap(out, at)
            .flags(d.flags() & ~(MapRequest.FLAG_M | MapRequest.FLAG_I))
            .nonce(d.nonce());
        e.sourceEid(in, d.sourceEidOffset(), LispAddress.encodedLength(in, d.sourceEidOffset()));
        int rloc = d.itrRlocOffset();
        for (int i = 0; i < d.itrRlocCount(); i++)
        {
            final int rlocLength = LispAddress.encodedLength(in, rloc);
            e.itrRloc(in, rloc, rlocLength);
            rloc += rlocLength;
        }
        int record = d.recordsOffset();
        for (int i = 0; i < d.recordCount(); i++)
        {
            e.eidRecord(d.subscribe(record), d.maskLength(record), in, record + 2,
                LispAddress.encodedLength(in, record + 2));
            record = d.nextRecord(record);
        }
        if (d.mapReplyPresent())
        {
            copyRecord(d.mapReplyRecord(), e.mapReplyRecord());
        }
        if (d.xtrIdPresent())
        {
            e.xtrId(d.xtrIdHigh(), d.xtrIdLow(), d.siteId());
        }
        return e.encodedLength();
    }

    private int mapReply(
        final DirectBuffer in, final int offset, final MutableDirectBuffer out, final int at, final boolean referral)
    {
        final MapReplyEncoder e = replyEncoder.wrap(out, at, ControlHeader.type(in, offset))
            .flags(ControlHeader.word(in, offset) & MapReply.FLAGS_MASK)
            .nonce(ControlHeader.nonce(in, offset));
        final MapRecordDecoder records = referral ?
            referralDecoder.wrap(in, offset).records() : replyDecoder.wrap(in, offset).records();
        while (records.hasNext())
        {
            records.next();
            final MapRecordEncoder r = e.addRecord();
            if (records.signatureCount() > 0)
            {
                r.copyOf(records);
            }
            else
            {
                copyRecord(records, r);
            }
        }
        return e.encodedLength();
    }

    private int mapRegister(final DirectBuffer in, final int offset, final MutableDirectBuffer out, final int at)
    {
        final MapRegisterDecoder d = registerDecoder.wrap(in, offset);
        final MapRegisterEncoder e = registerEncoder.wrap(out, at, d.type())
            .flags(d.flags() & ~MapRegister.xtrIdFlag(d.type())
                & ~(d.msRtrAuthenticationPresent() ? MapRegister.NOTIFY_FLAG_R : 0))
            .nonce(d.nonce())
            .authentication(d.keyIdField(), d.authLength());
        out.putBytes(at + MapRegister.AUTH_OFFSET, in, d.authOffset(), d.authLength());
        final MapRecordDecoder records = d.records();
        while (records.hasNext())
        {
            copyRecord(records.next(), e.addRecord());
        }
        if (d.xtrIdPresent())
        {
            e.xtrId(d.xtrIdHigh(), d.xtrIdLow(), d.siteId());
        }
        if (d.msRtrAuthenticationPresent())
        {
            final int msRtr = d.msRtrOffset();
            e.msRtrAuthentication(d.msRtrKeyIdField(), d.msRtrAuthLength());
            final int length = d.msRtrAuthLength();
            out.putBytes(at + e.encodedLength() - length, in, msRtr + MapRegister.MS_RTR_HEADER_LENGTH, length);
        }
        return e.encodedLength();
    }

    private int info(final DirectBuffer in, final int offset, final MutableDirectBuffer out, final int at)
    {
        final InfoDecoder d = infoDecoder.wrap(in, offset);
        final InfoEncoder e = infoEncoder.wrap(out, at, d.reply(), d.nonce(), d.keyIdField(), d.authLength());
        out.putBytes(at + InfoMessage.AUTH_OFFSET, in, offset + InfoMessage.AUTH_OFFSET, d.authLength());
        e.eid(d.ttl(), d.maskLength(), in, d.eidOffset(), LispAddress.encodedLength(in, d.eidOffset()));
        e.natAddress(in, d.natOffset(), LispAddress.encodedLength(in, d.natOffset()));
        return e.encodedLength();
    }

    private int ecm(final DirectBuffer in, final int offset, final MutableDirectBuffer out, final int at)
    {
        final EcmDecoder d = ecmDecoder.wrap(in, offset);
        final EcmEncoder e = ecmEncoder.wrap(out, at).flags(d.flags())
            .innerHeaders(in, d.innerIpOffset(), d.messageOffset() - d.innerIpOffset());
        final int innerLength = reencode(in, d.messageOffset(), d.messageLength(), out, e.messageOffset());
        return e.messageOffset() + innerLength - at;
    }

    private static void copyRecord(final MapRecordDecoder d, final MapRecordEncoder e)
    {
        e.ttl(d.ttl()).actionField(d.actionField()).versionField(d.versionField())
            .eid(d.maskLength(), d.buffer(), d.eidOffset(), d.eidLength());
        final LocatorDecoder l = d.locators();
        while (l.hasNext())
        {
            l.next();
            e.locator(l.priority(), l.weight(), l.multicastPriority(), l.multicastWeight(), l.flags(),
                l.buffer(), l.addressOffset(), l.encodedLength() - MapRecord.LOCATOR_HEADER_LENGTH);
        }
    }
}
