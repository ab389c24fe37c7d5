/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a Map-Request in place. Call {@link MapRequest#validate} first; then {@link #wrap} walks the variable
 * fields once to find their offsets (no allocation), and the getters are plain reads.
 */
public final class MapRequestDecoder
{
    private final MapRecordDecoder mapReply = new MapRecordDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int itrRlocOffset;
    private int recordsOffset;
    private int mapReplyOffset;
    private int limit;

    /**
     * Points the decoder at a validated Map-Request and indexes its variable-length parts.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public MapRequestDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        int position = offset + MapRequest.SOURCE_EID_OFFSET;
        position += LispAddress.encodedLength(buffer, position);
        itrRlocOffset = position;
        for (int i = 0, n = itrRlocCount(); i < n; i++)
        {
            position += LispAddress.encodedLength(buffer, position);
        }
        recordsOffset = position;
        for (int i = 0, n = recordCount(); i < n; i++)
        {
            position += 2 + LispAddress.encodedLength(buffer, position + 2);
        }
        mapReplyOffset = position;
        if (mapReplyPresent())
        {
            position += mapReply.reset(buffer, position, 1, false).next().encodedLength();
        }
        if (xtrIdPresent())
        {
            position += MapRequest.XTR_ID_LENGTH;
        }
        limit = position;
        return this;
    }

    /**
     * Bytes the message occupies.
     *
     * @return the length.
     */
    public int encodedLength()
    {
        return limit - offset;
    }

    /**
     * Flag bits of the first word ({@link MapRequest#FLAGS_MASK}).
     *
     * @return the flags.
     */
    public int flags()
    {
        return ControlHeader.word(buffer, offset) & MapRequest.FLAGS_MASK;
    }

    /**
     * Is a flag set?
     *
     * @param flag one of the {@code MapRequest.FLAG_*} constants.
     * @return whether it is set.
     */
    public boolean flag(final int flag)
    {
        return (ControlHeader.word(buffer, offset) & flag) != 0;
    }

    /**
     * A: authoritative.
     *
     * @return the bit.
     */
    public boolean authoritative()
    {
        return flag(MapRequest.FLAG_A);
    }

    /**
     * M: a Map-Reply record is appended.
     *
     * @return the bit.
     */
    public boolean mapReplyPresent()
    {
        return flag(MapRequest.FLAG_M);
    }

    /**
     * P: RLOC probe.
     *
     * @return the bit.
     */
    public boolean probe()
    {
        return flag(MapRequest.FLAG_P);
    }

    /**
     * S: Solicit-Map-Request.
     *
     * @return the bit.
     */
    public boolean smr()
    {
        return flag(MapRequest.FLAG_S);
    }

    /**
     * s: SMR-invoked.
     *
     * @return the bit.
     */
    public boolean smrInvoked()
    {
        return flag(MapRequest.FLAG_SMR_INVOKED);
    }

    /**
     * I: xTR-ID and Site-ID present.
     *
     * @return the bit.
     */
    public boolean xtrIdPresent()
    {
        return flag(MapRequest.FLAG_I);
    }

    /**
     * Number of ITR-RLOCs (IRC + 1).
     *
     * @return 1..32.
     */
    public int itrRlocCount()
    {
        return ((ControlHeader.word(buffer, offset) >>> 8) & 0x1F) + 1;
    }

    /**
     * Number of EID records.
     *
     * @return 1..255.
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
     * Offset of the source EID's AFI.
     *
     * @return the offset.
     */
    public int sourceEidOffset()
    {
        return offset + MapRequest.SOURCE_EID_OFFSET;
    }

    /**
     * Offset of the first ITR-RLOC's AFI; the others follow back to back
     * ({@link LispAddress#encodedLength} steps from one to the next).
     *
     * @return the offset.
     */
    public int itrRlocOffset()
    {
        return itrRlocOffset;
    }

    /**
     * Offset of the first EID record (N/reserved byte, mask-len byte, then the EID prefix).
     *
     * @return the offset.
     */
    public int recordsOffset()
    {
        return recordsOffset;
    }

    /**
     * Offset of the Map-Reply record when {@link #mapReplyPresent()}.
     *
     * @return the offset.
     */
    public int mapReplyOffset()
    {
        return mapReplyOffset;
    }

    /**
     * The appended Map-Reply record, positioned on it, when {@link #mapReplyPresent()}.
     *
     * @return the reused record decoder.
     */
    public MapRecordDecoder mapReplyRecord()
    {
        return mapReply.reset(buffer, mapReplyOffset, 1, false).next();
    }

    /**
     * High 64 bits of the xTR-ID, when {@link #xtrIdPresent()}.
     *
     * @return the bits.
     */
    public long xtrIdHigh()
    {
        return buffer.getLong(limit - MapRequest.XTR_ID_LENGTH, BIG_ENDIAN);
    }

    /**
     * Low 64 bits of the xTR-ID.
     *
     * @return the bits.
     */
    public long xtrIdLow()
    {
        return buffer.getLong(limit - MapRequest.XTR_ID_LENGTH + 8, BIG_ENDIAN);
    }

    /**
     * The Site-ID.
     *
     * @return 64 bits.
     */
    public long siteId()
    {
        return buffer.getLong(limit - 8, BIG_ENDIAN);
    }

    /**
     * The N (subscribe) bit of an EID record.
     *
     * @param recordOffset offset of the record, from {@link #recordsOffset()} and {@link #nextRecord(int)}.
     * @return the bit.
     */
    public boolean subscribe(final int recordOffset)
    {
        return (buffer.getByte(recordOffset) & MapRequest.RECORD_FLAG_N) != 0;
    }

    /**
     * The mask length of an EID record.
     *
     * @param recordOffset offset of the record.
     * @return 0..128.
     */
    public int maskLength(final int recordOffset)
    {
        return buffer.getByte(recordOffset + 1) & 0xFF;
    }

    /**
     * Offset of the next EID record.
     *
     * @param recordOffset offset of a record.
     * @return offset of the one after it.
     */
    public int nextRecord(final int recordOffset)
    {
        return recordOffset + 2 + LispAddress.encodedLength(buffer, recordOffset + 2);
    }

    /**
     * The buffer the decoder reads.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the message.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }
}
