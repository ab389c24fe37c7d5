/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of Map-Register (RFC 9301 §5.6), Map-Notify and Map-Notify-Ack (§5.7, RFC 9437): the same body.
 * <pre>
 * |Type=3 |P|S|I|R|      Reserved       |T|a|m|M| Record Count  |     Map-Register
 * |Type=4 |I|R|          Reserved                 | Record Count  |     Map-Notify (5: Map-Notify-Ack)
 * |                         Nonce (64 bits)                       |
 * |   Key ID      | Algorithm ID  |  Authentication Data Length   |
 * |                     Authentication Data ...                   |
 * |                     Mapping records ...                       |
 * |                 xTR-ID (128 bits), Site-ID (64 bits)          |     when I
 * </pre>
 * The 16-bit Key ID / Algorithm ID field is read both ways: older peers send one 16-bit key id (1 = HMAC-SHA-1,
 * 2 = HMAC-SHA-256), newer ones Key-ID then Algorithm-ID; the two agree while the Key-ID byte is 0, and the
 * algorithm is always the low byte.
 */
public final class MapRegister
{
    /** Map-Register P: the Map-Server should proxy-reply. */
    public static final int FLAG_P = 0x0800_0000;
    /** Map-Register S: LISP-SEC capable. */
    public static final int FLAG_S = 0x0400_0000;
    /** Map-Register I: xTR-ID and Site-ID present. */
    public static final int FLAG_I = 0x0200_0000;
    /** Map-Register R: built for an RTR. */
    public static final int FLAG_R = 0x0100_0000;
    /** Map-Register T: use the record TTL as the registration timeout. */
    public static final int FLAG_T = 0x0000_0800;
    /** Map-Register a: merge with registrations of other xTRs. */
    public static final int FLAG_MERGE = 0x0000_0400;
    /** Map-Register m: sent by a mobile node (draft-ietf-lisp-mn). */
    public static final int FLAG_MOBILE_NODE = 0x0000_0200;
    /** Map-Register M: want a Map-Notify. */
    public static final int FLAG_M = 0x0000_0100;
    /** Map-Notify / Map-Notify-Ack I: xTR-ID and Site-ID present. */
    public static final int NOTIFY_FLAG_I = 0x0800_0000;
    /** Map-Notify / Map-Notify-Ack R: built for an RTR. */
    public static final int NOTIFY_FLAG_R = 0x0400_0000;
    /** Every flag and reserved bit, type and count excluded. */
    public static final int FLAGS_MASK = 0x0FFF_FF00;

    /** Offset of the nonce. */
    public static final int NONCE_OFFSET = 4;
    /** Offset of the 16-bit Key ID / Algorithm ID. */
    public static final int KEY_ID_OFFSET = 12;
    /** Offset of the authentication data length. */
    public static final int AUTH_LENGTH_OFFSET = 14;
    /** Offset of the authentication data. */
    public static final int AUTH_OFFSET = 16;
    /** Length of the xTR-ID + Site-ID trailer. */
    public static final int XTR_ID_LENGTH = 24;

    private MapRegister()
    {
    }

    /**
     * The I flag for a message type.
     *
     * @param type 3, 4 or 5.
     * @return {@link #FLAG_I} for Map-Register, {@link #NOTIFY_FLAG_I} otherwise.
     */
    public static int xtrIdFlag(final int type)
    {
        return type == MessageType.MAP_REGISTER ? FLAG_I : NOTIFY_FLAG_I;
    }

    /**
     * Checks a Map-Register, Map-Notify or Map-Notify-Ack. Never throws; never reads past {@code offset + length}.
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
        final int word = ControlHeader.word(buffer, offset);
        final int type = MessageType.of(word >>> 24);
        if (type != MessageType.MAP_REGISTER && type != MessageType.MAP_NOTIFY && type != MessageType.MAP_NOTIFY_ACK)
        {
            return DecodeStatus.UNKNOWN_TYPE;
        }
        final int authLength = buffer.getShort(offset + AUTH_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        if (length - AUTH_OFFSET < authLength)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int expected = LispAuthenticator.macLength(buffer.getShort(offset + KEY_ID_OFFSET, BIG_ENDIAN) & 0xFF);
        if (expected >= 0 && expected != authLength)
        {
            return DecodeStatus.BAD_AUTH_LENGTH;
        }
        final int recordsOffset = offset + AUTH_OFFSET + authLength;
        final int trailer = (word & xtrIdFlag(type)) != 0 ? XTR_ID_LENGTH : 0;
        final int limit = offset + length - trailer;
        if (limit < recordsOffset)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int records = MapRecord.validateAll(buffer, recordsOffset, limit, word & 0xFF, false);
        if (records < 0)
        {
            return records;
        }
        return recordsOffset + records == limit ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
    }
}
