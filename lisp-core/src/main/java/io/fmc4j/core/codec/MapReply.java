/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

/**
 * Layout of a Map-Reply (RFC 9301 §5.4).
 * <pre>
 * |Type=2 |P|E|S|          Reserved               | Record Count  |
 * |                         Nonce (64 bits)                       |
 * |                    Mapping records ...                        |
 * </pre>
 */
public final class MapReply
{
    /** P: RLOC-probe reply. */
    public static final int FLAG_P = 0x0800_0000;
    /** E: echo-nonce locator reachability enabled. */
    public static final int FLAG_E = 0x0400_0000;
    /** S: LISP-SEC security capable. */
    public static final int FLAG_S = 0x0200_0000;
    /** Every flag and reserved bit, type and count excluded. */
    public static final int FLAGS_MASK = 0x0FFF_FF00;
    /** Offset of the first record. */
    public static final int RECORDS_OFFSET = 12;

    private MapReply()
    {
    }

    /**
     * Checks a Map-Reply. Never throws; never reads past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK} or a negative reason.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        return validateRecords(buffer, offset, length, MessageType.MAP_REPLY, false);
    }

    static int validateRecords(
        final DirectBuffer buffer, final int offset, final int length, final int type, final boolean referral)
    {
        if (length < RECORDS_OFFSET)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int word = ControlHeader.word(buffer, offset);
        if (MessageType.of(word >>> 24) != type)
        {
            return DecodeStatus.UNKNOWN_TYPE;
        }
        final int records = MapRecord.validateAll(
            buffer, offset + RECORDS_OFFSET, offset + length, word & 0xFF, referral);
        if (records < 0)
        {
            return records;
        }
        return RECORDS_OFFSET + records == length ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
    }
}
