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
 * The first 32-bit word and the nonce that most control messages share, and dispatch of {@code validate}
 * by message type.
 */
public final class ControlHeader
{
    /** Bytes of the type/flags word. */
    public static final int WORD_LENGTH = 4;
    /** Offset of the 64-bit nonce in messages that carry one. */
    public static final int NONCE_OFFSET = 4;

    private ControlHeader()
    {
    }

    /**
     * The first word: type, flags and counts.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @return the word.
     */
    public static int word(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, BIG_ENDIAN);
    }

    /**
     * Message type of a control message.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @return 0..15.
     */
    public static int type(final DirectBuffer buffer, final int offset)
    {
        return MessageType.of(buffer.getByte(offset));
    }

    /**
     * The 64-bit nonce at offset 4.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @return the nonce.
     */
    public static long nonce(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + NONCE_OFFSET, BIG_ENDIAN);
    }

    /**
     * Validates any control message by its type. Never throws; never reads past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK}, or a negative reason ({@link DecodeStatus#UNKNOWN_TYPE} for types
     *     without a decoder, e.g. 0 and 15).
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        return validate(buffer, offset, length, 0);
    }

    static int validate(final DirectBuffer buffer, final int offset, final int length, final int depth)
    {
        if (length < 1)
        {
            return DecodeStatus.TRUNCATED;
        }
        switch (type(buffer, offset))
        {
            case MessageType.MAP_REQUEST:
                return MapRequest.validate(buffer, offset, length);
            case MessageType.MAP_REPLY:
                return MapReply.validate(buffer, offset, length);
            case MessageType.MAP_REGISTER:
            case MessageType.MAP_NOTIFY:
            case MessageType.MAP_NOTIFY_ACK:
                return MapRegister.validate(buffer, offset, length);
            case MessageType.MAP_REFERRAL:
                return MapReferral.validate(buffer, offset, length);
            case MessageType.INFO:
                return InfoMessage.validate(buffer, offset, length);
            case MessageType.ECM:
                return depth > 0 ? DecodeStatus.BAD_INNER_HEADER : Ecm.validate(buffer, offset, length);
            default:
                return DecodeStatus.UNKNOWN_TYPE;
        }
    }
}
