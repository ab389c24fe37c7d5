/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of Info-Request and Info-Reply (NAT traversal; type 7, R bit tells them apart).
 * <pre>
 * |Type=7 |R|            Reserved                                 |
 * |                         Nonce (64 bits)                       |
 * |   Key ID / Algorithm ID       |  Authentication Data Length   |
 * |                     Authentication Data ...                   |
 * |                              TTL                              |
 * |   Reserved    | EID mask-len  |        EID-prefix-AFI         |
 * |                          EID-prefix ...                       |
 * |   AFI = 0 (Info-Request), or an LCAF NAT-Traversal address (Info-Reply)
 * </pre>
 */
public final class InfoMessage
{
    /** R: this is an Info-Reply. */
    public static final int FLAG_R = 0x0800_0000;
    /** Every flag and reserved bit, type excluded. */
    public static final int FLAGS_MASK = 0x0FFF_FFFF;
    /** Offset of the authentication data (as in Map-Register). */
    public static final int AUTH_OFFSET = MapRegister.AUTH_OFFSET;

    private InfoMessage()
    {
    }

    /**
     * Checks an Info-Request or Info-Reply. Never throws; never reads past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK} or a negative reason.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < AUTH_OFFSET)
        {
            return DecodeStatus.TRUNCATED;
        }
        if (ControlHeader.type(buffer, offset) != MessageType.INFO)
        {
            return DecodeStatus.UNKNOWN_TYPE;
        }
        final int limit = offset + length;
        final int authLength = buffer.getShort(offset + MapRegister.AUTH_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        final int algorithm = buffer.getShort(offset + MapRegister.KEY_ID_OFFSET, BIG_ENDIAN) & 0xFF;
        final int expected = LispAuthenticator.macLength(algorithm);
        if (expected >= 0 && expected != authLength)
        {
            return DecodeStatus.BAD_AUTH_LENGTH;
        }
        int position = offset + AUTH_OFFSET + authLength;
        if (limit - position < 6)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int maskLength = buffer.getByte(position + 5) & 0xFF;
        position += 6;
        final int eidLength = LispAddress.validatePrefix(buffer, position, limit, maskLength);
        if (eidLength < 0)
        {
            return eidLength;
        }
        position += eidLength;
        final int natLength = LispAddress.validate(buffer, position, limit);
        if (natLength < 0)
        {
            return natLength;
        }
        final int afi = LispAddress.afi(buffer, position);
        final boolean reply = (ControlHeader.word(buffer, offset) & FLAG_R) != 0;
        if (reply ? LispAddress.lcafType(buffer, position) != Lcaf.NAT_TRAVERSAL : afi != Afi.NONE)
        {
            return DecodeStatus.BAD_AFI;
        }
        return position + natLength == limit ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
    }
}
