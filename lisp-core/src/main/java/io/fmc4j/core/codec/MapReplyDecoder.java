/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

/**
 * Reads a validated Map-Reply (or, through {@link MapReferralDecoder}, Map-Referral) in place.
 */
public final class MapReplyDecoder
{
    private final MapRecordDecoder records = new MapRecordDecoder();
    private DirectBuffer buffer;
    private int offset;

    /**
     * Points the decoder at a validated Map-Reply.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public MapReplyDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Flag bits ({@link MapReply#FLAGS_MASK}).
     *
     * @return the flags.
     */
    public int flags()
    {
        return ControlHeader.word(buffer, offset) & MapReply.FLAGS_MASK;
    }

    /**
     * P: this answers an RLOC probe.
     *
     * @return the bit.
     */
    public boolean probe()
    {
        return (flags() & MapReply.FLAG_P) != 0;
    }

    /**
     * Number of records.
     *
     * @return 0..255.
     */
    public int recordCount()
    {
        return ControlHeader.word(buffer, offset) & 0xFF;
    }

    /**
     * The nonce echoed from the Map-Request.
     *
     * @return 64 bits.
     */
    public long nonce()
    {
        return ControlHeader.nonce(buffer, offset);
    }

    /**
     * The records, positioned before the first.
     *
     * @return the reused record decoder.
     */
    public MapRecordDecoder records()
    {
        return records.reset(buffer, offset + MapReply.RECORDS_OFFSET, recordCount(), false);
    }

    /**
     * Bytes the message occupies.
     *
     * @return the length.
     */
    public int encodedLength()
    {
        final MapRecordDecoder r = records();
        while (r.hasNext())
        {
            r.next();
        }
        return r.limit() - offset;
    }
}
