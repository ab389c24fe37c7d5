/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

/**
 * Layout of a Map-Request (RFC 9301 §5.2, RFC 9437 for the I and N bits).
 * <pre>
 * |Type=1 |A|M|P|S|p|s|R|I|  Rsvd   |L|D|   IRC   | Record Count  |
 * |                         Nonce (64 bits)                       |
 * |         Source-EID-AFI        |   Source EID Address  ...     |
 * |         ITR-RLOC-AFI 1        |    ITR-RLOC Address 1  ...    |   IRC + 1 of them
 * |N|  Reserved   | EID mask-len  |        EID-Prefix-AFI         |   Record Count of them
 * |                       EID-Prefix  ...                         |
 * |                   Map-Reply Record  ...                       |   when M
 * |                   xTR-ID (128 bits), Site-ID (64 bits)        |   when I
 * </pre>
 */
public final class MapRequest
{
    /** A: authoritative. */
    public static final int FLAG_A = 0x0800_0000;
    /** M: a Map-Reply record is present. */
    public static final int FLAG_M = 0x0400_0000;
    /** P: RLOC probe. */
    public static final int FLAG_P = 0x0200_0000;
    /** S: Solicit-Map-Request. */
    public static final int FLAG_S = 0x0100_0000;
    /** p: sent by a PITR. */
    public static final int FLAG_PITR = 0x0080_0000;
    /** s: SMR-invoked. */
    public static final int FLAG_SMR_INVOKED = 0x0040_0000;
    /** R: reserved (LISP-SEC uses it in some drafts). */
    public static final int FLAG_R = 0x0020_0000;
    /** I: xTR-ID and Site-ID present (pub/sub, RFC 9437). */
    public static final int FLAG_I = 0x0010_0000;
    /** L: the Map-Request is sent to a local Map-Resolver (RFC 9301: "L"). */
    public static final int FLAG_L = 0x0000_4000;
    /** D: do not send a Map-Reply (for pub/sub unsubscribe and pure subscriptions). */
    public static final int FLAG_D = 0x0000_2000;
    /** Every flag bit, type and counts excluded. */
    public static final int FLAGS_MASK = 0x0FFF_E000;

    /** EID record byte 0: N, the subscribe bit (RFC 9437). */
    public static final int RECORD_FLAG_N = 0x80;

    /** Offset of the nonce. */
    public static final int NONCE_OFFSET = 4;
    /** Offset of the source EID. */
    public static final int SOURCE_EID_OFFSET = 12;
    /** Length of the xTR-ID + Site-ID trailer. */
    public static final int XTR_ID_LENGTH = 24;
    /** Maximum ITR-RLOC count: IRC is 5 bits and counts from 0. */
    public static final int MAX_ITR_RLOCS = 32;

    private MapRequest()
    {
    }

    /**
     * Checks a Map-Request. Never throws; never reads at or past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK} or a negative reason.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        if (length < SOURCE_EID_OFFSET + LispAddress.AFI_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int word = ControlHeader.word(buffer, offset);
        if (MessageType.of(word >>> 24) != MessageType.MAP_REQUEST)
        {
            return DecodeStatus.UNKNOWN_TYPE;
        }
        final int records = word & 0xFF;
        if (records == 0)
        {
            return DecodeStatus.BAD_COUNT;
        }
        int position = offset + SOURCE_EID_OFFSET;
        final int sourceLength = LispAddress.validate(buffer, position, limit);
        if (sourceLength < 0)
        {
            return sourceLength;
        }
        position += sourceLength;
        final int itrRlocs = ((word >>> 8) & 0x1F) + 1;
        for (int i = 0; i < itrRlocs; i++)
        {
            final int rlocLength = LispAddress.validate(buffer, position, limit);
            if (rlocLength < 0)
            {
                return rlocLength;
            }
            position += rlocLength;
        }
        for (int i = 0; i < records; i++)
        {
            if (limit - position < 2)
            {
                return DecodeStatus.TRUNCATED;
            }
            final int maskLength = buffer.getByte(position + 1) & 0xFF;
            final int eidLength = LispAddress.validatePrefix(buffer, position + 2, limit, maskLength);
            if (eidLength < 0)
            {
                return eidLength;
            }
            position += 2 + eidLength;
        }
        if ((word & FLAG_M) != 0)
        {
            final int recordLength = MapRecord.validate(buffer, position, limit, false);
            if (recordLength < 0)
            {
                return recordLength;
            }
            position += recordLength;
        }
        if ((word & FLAG_I) != 0)
        {
            if (limit - position < XTR_ID_LENGTH)
            {
                return DecodeStatus.TRUNCATED;
            }
            position += XTR_ID_LENGTH;
        }
        return position == limit ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
    }
}
