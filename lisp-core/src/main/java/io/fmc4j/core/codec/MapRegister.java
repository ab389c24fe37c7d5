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
 * |     MS-RTR Key ID             |  MS-RTR Auth. Data Length     |     Map-Notify with R (NAT traversal)
 * |                 MS-RTR Authentication Data ...                |
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
    /** MS-RTR Key ID and MS-RTR Authentication Data Length, before the MS-RTR authentication data. */
    public static final int MS_RTR_HEADER_LENGTH = 4;

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
     * Does a message carry the MS-RTR authentication block? A Map-Notify with R set does (NAT traversal: the
     * Map-Server authenticates it to the RTR with a second key).
     *
     * @param type message type.
     * @param word the first word.
     * @return whether the block follows the records (and the xTR-ID).
     */
    public static boolean hasMsRtrAuthentication(final int type, final int word)
    {
        return type == MessageType.MAP_NOTIFY && (word & NOTIFY_FLAG_R) != 0;
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
        final int limit = offset + length;
        final int recordsOffset = offset + AUTH_OFFSET + authLength;
        final int records = MapRecord.validateAll(buffer, recordsOffset, limit, word & 0xFF, false);
        if (records < 0)
        {
            return records;
        }
        int position = recordsOffset + records;
        if ((word & xtrIdFlag(type)) != 0)
        {
            if (limit - position < XTR_ID_LENGTH)
            {
                return DecodeStatus.TRUNCATED;
            }
            position += XTR_ID_LENGTH;
        }
        if (hasMsRtrAuthentication(type, word))
        {
            if (limit - position < MS_RTR_HEADER_LENGTH)
            {
                return DecodeStatus.TRUNCATED;
            }
            final int msRtrLength = buffer.getShort(position + 2, BIG_ENDIAN) & 0xFFFF;
            if (limit - position - MS_RTR_HEADER_LENGTH < msRtrLength)
            {
                return DecodeStatus.TRUNCATED;
            }
            position += MS_RTR_HEADER_LENGTH + msRtrLength;
        }
        return position == limit ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
    }
}
