/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes one mapping record: header fields in any order, then exactly one EID, then locators (each adds
 * itself to the locator count).
 * <pre>
 * record.wrap(buffer, offset).ttl(1440).authoritative(true).eidIpv4(0, 24, 0x0a010000)
 *     .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001);
 * int length = record.encodedLength();
 * </pre>
 */
public final class MapRecordEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;

    /**
     * Starts a record at an offset: zero header, no EID yet, no locators.
     *
     * @param buffer to write into.
     * @param offset of the record.
     * @return this.
     */
    public MapRecordEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + MapRecord.EID_OFFSET;
        buffer.setMemory(offset, MapRecord.EID_OFFSET, (byte)0);
        return this;
    }

    /**
     * Offset just past what has been written.
     *
     * @return the offset.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * Bytes written so far.
     *
     * @return the length.
     */
    public int encodedLength()
    {
        return limit - offset;
    }

    /**
     * Record TTL in minutes.
     *
     * @param minutes unsigned 32 bits; {@link MapRecord#TTL_FOREVER} for forever.
     * @return this.
     */
    public MapRecordEncoder ttl(final long minutes)
    {
        buffer.putInt(offset + MapRecord.TTL_OFFSET, (int)minutes, BIG_ENDIAN);
        return this;
    }

    /**
     * The whole 16-bit action field (ACT, A, I and reserved bits), e.g. to copy one decoded.
     *
     * @param field the raw field.
     * @return this.
     */
    public MapRecordEncoder actionField(final int field)
    {
        buffer.putShort(offset + MapRecord.ACTION_OFFSET, (short)field, BIG_ENDIAN);
        return this;
    }

    /**
     * ACT.
     *
     * @param action 0..7.
     * @return this.
     */
    public MapRecordEncoder action(final int action)
    {
        if (CodecChecks.ENABLED && (action & ~7) != 0)
        {
            throw new IllegalArgumentException("ACT > 3 bits: " + action);
        }
        final int field = buffer.getShort(offset + MapRecord.ACTION_OFFSET, BIG_ENDIAN) & 0x1FFF;
        return actionField(field | (action << 13));
    }

    /**
     * The A bit.
     *
     * @param authoritative whether the record comes from an authoritative source.
     * @return this.
     */
    public MapRecordEncoder authoritative(final boolean authoritative)
    {
        return actionBit(MapRecord.FLAG_AUTHORITATIVE, authoritative);
    }

    /**
     * The Map-Referral I bit.
     *
     * @param incomplete whether the referral set is incomplete.
     * @return this.
     */
    public MapRecordEncoder incomplete(final boolean incomplete)
    {
        return actionBit(MapRecord.FLAG_INCOMPLETE, incomplete);
    }

    private MapRecordEncoder actionBit(final int bit, final boolean value)
    {
        final int field = buffer.getShort(offset + MapRecord.ACTION_OFFSET, BIG_ENDIAN) & 0xFFFF;
        return actionField(value ? field | bit : field & ~bit);
    }

    /**
     * The whole 16-bit version field (reserved or signature count, and map version).
     *
     * @param field the raw field.
     * @return this.
     */
    public MapRecordEncoder versionField(final int field)
    {
        buffer.putShort(offset + MapRecord.VERSION_OFFSET, (short)field, BIG_ENDIAN);
        return this;
    }

    /**
     * Map version (RFC 9302).
     *
     * @param version 12 bits.
     * @return this.
     */
    public MapRecordEncoder mapVersion(final int version)
    {
        if (CodecChecks.ENABLED && (version & ~0xFFF) != 0)
        {
            throw new IllegalArgumentException("map version > 12 bits: " + version);
        }
        final int field = buffer.getShort(offset + MapRecord.VERSION_OFFSET, BIG_ENDIAN) & 0xF000;
        return versionField(field | version);
    }

    private void checkNoEid()
    {
        if (CodecChecks.ENABLED && limit != offset + MapRecord.EID_OFFSET)
        {
            throw new IllegalStateException("EID already written");
        }
    }

    private void checkEidWritten()
    {
        if (CodecChecks.ENABLED && limit == offset + MapRecord.EID_OFFSET)
        {
            throw new IllegalStateException("write the EID before locators");
        }
    }

    private MapRecordEncoder eidDone(final int maskLength, final int length)
    {
        buffer.putByte(offset + MapRecord.MASK_LENGTH_OFFSET, (byte)maskLength);
        limit += length;
        return this;
    }

    /**
     * The EID: an IPv4 prefix in an instance (plain AFI for IID 0, else an Instance-ID LCAF).
     *
     * @param iid instance ID.
     * @param maskLength 0..32.
     * @param ipv4 the prefix.
     * @return this.
     */
    public MapRecordEncoder eidIpv4(final long iid, final int maskLength, final int ipv4)
    {
        checkNoEid();
        return eidDone(maskLength, AddressEncoder.putIpv4(buffer, limit, iid, ipv4));
    }

    /**
     * The EID: an IPv6 prefix in an instance.
     *
     * @param iid instance ID.
     * @param maskLength 0..128.
     * @param high first 8 bytes.
     * @param low last 8 bytes.
     * @return this.
     */
    public MapRecordEncoder eidIpv6(final long iid, final int maskLength, final long high, final long low)
    {
        checkNoEid();
        return eidDone(maskLength, AddressEncoder.putIpv6(buffer, limit, iid, high, low));
    }

    /**
     * The EID: a MAC address.
     *
     * @param maskLength 0..48.
     * @param mac the address in the low 48 bits.
     * @return this.
     */
    public MapRecordEncoder eidMac(final int maskLength, final long mac)
    {
        checkNoEid();
        return eidDone(maskLength, AddressEncoder.putMac(buffer, limit, mac));
    }

    /**
     * The EID: any encoded address (LCAFs included), copied.
     *
     * @param maskLength the prefix length.
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public MapRecordEncoder eid(
        final int maskLength, final DirectBuffer source, final int sourceOffset, final int length)
    {
        checkNoEid();
        return eidDone(maskLength, AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length));
    }

    private int locatorHeader(
        final int priority, final int weight, final int mPriority, final int mWeight, final int flags)
    {
        checkEidWritten();
        final int count = buffer.getByte(offset + MapRecord.LOCATOR_COUNT_OFFSET) & 0xFF;
        if (CodecChecks.ENABLED && count == 255)
        {
            throw new IllegalStateException("more than 255 locators");
        }
        buffer.putByte(offset + MapRecord.LOCATOR_COUNT_OFFSET, (byte)(count + 1));
        buffer.putByte(limit, (byte)priority);
        buffer.putByte(limit + 1, (byte)weight);
        buffer.putByte(limit + 2, (byte)mPriority);
        buffer.putByte(limit + 3, (byte)mWeight);
        buffer.putShort(limit + 4, (short)flags, BIG_ENDIAN);
        return limit + MapRecord.LOCATOR_HEADER_LENGTH;
    }

    /**
     * Adds an IPv4 locator.
     *
     * @param priority unicast priority.
     * @param weight unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight multicast weight.
     * @param flags L/p/R bits ({@code MapRecord.LOCATOR_FLAG_*}).
     * @param ipv4 the RLOC.
     * @return this.
     */
    public MapRecordEncoder locatorIpv4(
        final int priority, final int weight, final int mPriority, final int mWeight, final int flags, final int ipv4)
    {
        final int address = locatorHeader(priority, weight, mPriority, mWeight, flags);
        limit = address + AddressEncoder.putIpv4(buffer, address, ipv4);
        return this;
    }

    /**
     * Adds an IPv6 locator.
     *
     * @param priority unicast priority.
     * @param weight unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight multicast weight.
     * @param flags L/p/R bits.
     * @param high first 8 bytes of the RLOC.
     * @param low last 8 bytes of the RLOC.
     * @return this.
     */
    public MapRecordEncoder locatorIpv6(
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight,
        final int flags,
        final long high,
        final long low)
    {
        final int address = locatorHeader(priority, weight, mPriority, mWeight, flags);
        limit = address + AddressEncoder.putIpv6(buffer, address, high, low);
        return this;
    }

    /**
     * Adds a locator with any encoded address, copied.
     *
     * @param priority unicast priority.
     * @param weight unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight multicast weight.
     * @param flags L/p/R bits.
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public MapRecordEncoder locator(
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight,
        final int flags,
        final DirectBuffer source,
        final int sourceOffset,
        final int length)
    {
        final int address = locatorHeader(priority, weight, mPriority, mWeight, flags);
        limit = address + AddressEncoder.putEncoded(buffer, address, source, sourceOffset, length);
        return this;
    }

    /**
     * Copies a decoded record whole (header, EID, locators, signatures).
     *
     * @param record positioned on the record to copy.
     * @return this.
     */
    public MapRecordEncoder copyOf(final MapRecordDecoder record)
    {
        final int length = record.encodedLength();
        buffer.putBytes(offset, record.buffer(), record.offset(), length);
        limit = offset + length;
        return this;
    }
}
