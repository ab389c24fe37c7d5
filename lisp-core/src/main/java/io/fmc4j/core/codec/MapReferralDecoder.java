/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

/**
 * Reads a validated Map-Referral in place: nonce and referral records (ACT = referral type).
 */
public final class MapReferralDecoder
{
    private final MapRecordDecoder records = new MapRecordDecoder();
    private DirectBuffer buffer;
    private int offset;

    /**
     * Points the decoder at a validated Map-Referral.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public MapReferralDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Number of referral records.
     *
     * @return 0..255.
     */
    public int recordCount()
    {
        return ControlHeader.word(buffer, offset) & 0xFF;
    }

    /**
     * The nonce.
     *
     * @return 64 bits.
     */
    public long nonce()
    {
        return ControlHeader.nonce(buffer, offset);
    }

    /**
     * The referral records, positioned before the first.
     *
     * @return the reused record decoder (referral mode: signatures counted and skipped).
     */
    public MapRecordDecoder records()
    {
        return records.reset(buffer, offset + MapReply.RECORDS_OFFSET, recordCount(), true);
    }
}
