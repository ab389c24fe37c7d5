/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Iterates the mapping records of a validated message: one reused flyweight,
 * {@code while (records.hasNext()) { records.next(); ... records.locators() ... }}. Iteration allocates
 * nothing; the locators of the current record are iterated by a reused {@link LocatorDecoder}.
 */
public final class MapRecordDecoder extends GroupDecoder<MapRecordDecoder>
{
    private final LocatorDecoder locators = new LocatorDecoder();
    private boolean referral;

    /**
     * Positions the decoder before the first of {@code count} validated records.
     *
     * @param buffer holding the records.
     * @param firstOffset offset of the first record.
     * @param count number of records.
     * @param referral whether these are Map-Referral records.
     * @return this.
     */
    public MapRecordDecoder reset(
        final DirectBuffer buffer, final int firstOffset, final int count, final boolean referral)
    {
        resetGroup(buffer, firstOffset, count);
        this.referral = referral;
        return this;
    }






    /**
     * Bytes the current record occupies, locators and signatures included.
     *
     * @return the length.
     */
    @Override
    public int encodedLength()
    {
        final LocatorDecoder l = locators();
        while (l.hasNext())
        {
            l.next();
        }
        int position = l.limit();
        if (referral)
        {
            for (int i = 0; i < signatureCount(); i++)
            {
                position += MapRecord.SIGNATURE_HEADER_LENGTH + (buffer.getShort(position + 14, BIG_ENDIAN) & 0xFFFF);
            }
        }
        return position - offset;
    }

    /**
     * Record TTL in minutes; {@link MapRecord#TTL_FOREVER} means forever.
     *
     * @return unsigned 32-bit TTL.
     */
    public long ttl()
    {
        return buffer.getInt(offset, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * Locator (or referral) count.
     *
     * @return 0..255.
     */
    public int locatorCount()
    {
        return buffer.getByte(offset + MapRecord.LOCATOR_COUNT_OFFSET) & 0xFF;
    }

    /**
     * EID prefix length.
     *
     * @return 0..255 (validated against the AFI).
     */
    public int maskLength()
    {
        return buffer.getByte(offset + MapRecord.MASK_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * The 16 bits holding ACT, A, I and reserved bits.
     *
     * @return the raw field.
     */
    public int actionField()
    {
        return buffer.getShort(offset + MapRecord.ACTION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * ACT: what to do with packets for a negative mapping, or the referral type.
     *
     * @return 0..7.
     */
    public int action()
    {
        return actionField() >>> 13;
    }

    /**
     * A bit: sent by an authoritative source.
     *
     * @return the bit.
     */
    public boolean authoritative()
    {
        return (actionField() & MapRecord.FLAG_AUTHORITATIVE) != 0;
    }

    /**
     * Map-Referral I bit: the referral set is incomplete.
     *
     * @return the bit.
     */
    public boolean incomplete()
    {
        return (actionField() & MapRecord.FLAG_INCOMPLETE) != 0;
    }

    /**
     * The 16 bits holding the map version (and, in Map-Referral, the signature count).
     *
     * @return the raw field.
     */
    public int versionField()
    {
        return buffer.getShort(offset + MapRecord.VERSION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Map version (RFC 9302).
     *
     * @return 12 bits.
     */
    public int mapVersion()
    {
        return versionField() & 0x0FFF;
    }

    /**
     * Map-Referral signature count.
     *
     * @return 0..15; 0 outside Map-Referral.
     */
    public int signatureCount()
    {
        return referral ? versionField() >>> 12 : 0;
    }

    /**
     * Offset of the EID's AFI.
     *
     * @return the offset.
     */
    public int eidOffset()
    {
        return offset + MapRecord.EID_OFFSET;
    }

    /**
     * Encoded length of the EID.
     *
     * @return bytes from {@link #eidOffset()}.
     */
    public int eidLength()
    {
        return LispAddress.encodedLength(buffer, eidOffset());
    }

    /**
     * The locators of the current record, positioned before the first.
     *
     * @return the reused locator decoder.
     */
    public LocatorDecoder locators()
    {
        return locators.reset(buffer, eidOffset() + eidLength(), locatorCount());
    }

}
