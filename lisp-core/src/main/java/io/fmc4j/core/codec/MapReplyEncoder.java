/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a Map-Reply (or, with {@link #wrap(MutableDirectBuffer, int, int)} and type 6, a Map-Referral):
 * header, nonce, then records appended through {@link #addRecord()}.
 */
public final class MapReplyEncoder
{
    private final RecordList records = new RecordList();
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Starts a Map-Reply.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @return this.
     */
    public MapReplyEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        return wrap(buffer, offset, MessageType.MAP_REPLY);
    }

    /**
     * Starts a message with the Map-Reply shape.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @param type {@link MessageType#MAP_REPLY} or {@link MessageType#MAP_REFERRAL}.
     * @return this.
     */
    public MapReplyEncoder wrap(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putInt(offset, type << 28, BIG_ENDIAN);
        buffer.putLong(offset + ControlHeader.NONCE_OFFSET, 0L, BIG_ENDIAN);
        records.reset(buffer, offset + 3, offset + MapReply.RECORDS_OFFSET);
        return this;
    }

    /**
     * Sets flag bits (P, E, S).
     *
     * @param flags {@code MapReply.FLAG_*} bits.
     * @return this.
     */
    public MapReplyEncoder flags(final int flags)
    {
        final int word = buffer.getInt(offset, BIG_ENDIAN);
        buffer.putInt(offset, word | (flags & MapReply.FLAGS_MASK), BIG_ENDIAN);
        return this;
    }

    /**
     * The nonce (the Map-Request's).
     *
     * @param nonce 64 bits.
     * @return this.
     */
    public MapReplyEncoder nonce(final long nonce)
    {
        buffer.putLong(offset + ControlHeader.NONCE_OFFSET, nonce, BIG_ENDIAN);
        return this;
    }

    /**
     * Appends a record; write it through the returned encoder before adding the next.
     *
     * @return the reused record encoder, positioned.
     */
    public MapRecordEncoder addRecord()
    {
        return records.add();
    }

    /**
     * Bytes written.
     *
     * @return the message length.
     */
    public int encodedLength()
    {
        return records.limit() - offset;
    }
}
