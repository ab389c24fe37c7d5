/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.core.codec.CodecChecks;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes the fixed IPv6 header in place. {@link #wrap} zeroes the 40 bytes and sets version 6.
 */
public final class Ipv6HeaderEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points the encoder at 40 bytes, zeroes them and writes version 6.
     *
     * @param buffer to write into.
     * @param offset of the header.
     * @return this.
     */
    public Ipv6HeaderEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.setMemory(offset, Ipv6Header.ENCODED_LENGTH, (byte)0);
        buffer.putByte(offset, (byte)0x60);
        return this;
    }

    /**
     * Bytes the header occupies.
     *
     * @return {@link Ipv6Header#ENCODED_LENGTH}.
     */
    public int encodedLength()
    {
        return Ipv6Header.ENCODED_LENGTH;
    }

    /**
     * Traffic class.
     *
     * @param trafficClass 8 bits.
     * @return this.
     */
    public Ipv6HeaderEncoder trafficClass(final int trafficClass)
    {
        final int word = buffer.getInt(offset, BIG_ENDIAN) & 0xF00F_FFFF;
        buffer.putInt(offset, word | ((trafficClass & 0xFF) << 20), BIG_ENDIAN);
        return this;
    }

    /**
     * Flow label.
     *
     * @param flowLabel 20 bits.
     * @return this.
     */
    public Ipv6HeaderEncoder flowLabel(final int flowLabel)
    {
        if (CodecChecks.ENABLED && (flowLabel & ~Ipv6Header.FLOW_LABEL_MASK) != 0)
        {
            throw new IllegalArgumentException("flow label > 20 bits: " + flowLabel);
        }
        final int word = buffer.getInt(offset, BIG_ENDIAN) & ~Ipv6Header.FLOW_LABEL_MASK;
        buffer.putInt(offset, word | flowLabel, BIG_ENDIAN);
        return this;
    }

    /**
     * Payload length.
     *
     * @param payloadLength 0..65535.
     * @return this.
     */
    public Ipv6HeaderEncoder payloadLength(final int payloadLength)
    {
        if (CodecChecks.ENABLED && (payloadLength & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("IPv6 payload length out of 0..65535: " + payloadLength);
        }
        buffer.putShort(offset + Ipv6Header.PAYLOAD_LENGTH_OFFSET, (short)payloadLength, BIG_ENDIAN);
        return this;
    }

    /**
     * Next header.
     *
     * @param nextHeader e.g. {@link Ipv4Header#PROTOCOL_UDP}.
     * @return this.
     */
    public Ipv6HeaderEncoder nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + Ipv6Header.NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    /**
     * Hop limit.
     *
     * @param hopLimit 8 bits.
     * @return this.
     */
    public Ipv6HeaderEncoder hopLimit(final int hopLimit)
    {
        buffer.putByte(offset + Ipv6Header.HOP_LIMIT_OFFSET, (byte)hopLimit);
        return this;
    }

    /**
     * Source address.
     *
     * @param high first 64 bits.
     * @param low last 64 bits.
     * @return this.
     */
    public Ipv6HeaderEncoder sourceAddress(final long high, final long low)
    {
        buffer.putLong(offset + Ipv6Header.SOURCE_OFFSET, high, BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.SOURCE_OFFSET + 8, low, BIG_ENDIAN);
        return this;
    }

    /**
     * Source address copied from 16 bytes elsewhere.
     *
     * @param source holding the address.
     * @param sourceOffset of the address.
     * @return this.
     */
    public Ipv6HeaderEncoder sourceAddress(final DirectBuffer source, final int sourceOffset)
    {
        buffer.putBytes(offset + Ipv6Header.SOURCE_OFFSET, source, sourceOffset, Ipv6Header.ADDRESS_LENGTH);
        return this;
    }

    /**
     * Destination address.
     *
     * @param high first 64 bits.
     * @param low last 64 bits.
     * @return this.
     */
    public Ipv6HeaderEncoder destinationAddress(final long high, final long low)
    {
        buffer.putLong(offset + Ipv6Header.DESTINATION_OFFSET, high, BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.DESTINATION_OFFSET + 8, low, BIG_ENDIAN);
        return this;
    }

    /**
     * Destination address copied from 16 bytes elsewhere.
     *
     * @param source holding the address.
     * @param sourceOffset of the address.
     * @return this.
     */
    public Ipv6HeaderEncoder destinationAddress(final DirectBuffer source, final int sourceOffset)
    {
        buffer.putBytes(offset + Ipv6Header.DESTINATION_OFFSET, source, sourceOffset, Ipv6Header.ADDRESS_LENGTH);
        return this;
    }
}
