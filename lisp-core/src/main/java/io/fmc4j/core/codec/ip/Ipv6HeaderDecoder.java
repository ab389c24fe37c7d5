/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads the fixed IPv6 header in place. Call {@link Ipv6Header#validate} first. Extension headers are not
 * followed: {@link #nextHeader()} is the type of what follows the 40 bytes.
 */
public final class Ipv6HeaderDecoder
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * Points the decoder at a header. Does not validate or allocate.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return this.
     */
    public Ipv6HeaderDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Offset of the header in the buffer.
     *
     * @return the offset given to {@link #wrap}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Bytes the fixed header occupies.
     *
     * @return {@link Ipv6Header#ENCODED_LENGTH}.
     */
    public int encodedLength()
    {
        return Ipv6Header.ENCODED_LENGTH;
    }

    /**
     * Version nibble.
     *
     * @return 6 for a validated header.
     */
    public int version()
    {
        return (buffer.getByte(offset) & 0xFF) >>> 4;
    }

    /**
     * Traffic class (DSCP and ECN).
     *
     * @return 8 bits.
     */
    public int trafficClass()
    {
        return (buffer.getInt(offset, BIG_ENDIAN) >>> 20) & 0xFF;
    }

    /**
     * Flow label.
     *
     * @return 20 bits.
     */
    public int flowLabel()
    {
        return buffer.getInt(offset, BIG_ENDIAN) & Ipv6Header.FLOW_LABEL_MASK;
    }

    /**
     * Payload length.
     *
     * @return 16 bits.
     */
    public int payloadLength()
    {
        return Ipv6Header.payloadLength(buffer, offset);
    }

    /**
     * Offset of what follows the fixed header.
     *
     * @return {@link #offset()} plus 40.
     */
    public int payloadOffset()
    {
        return offset + Ipv6Header.ENCODED_LENGTH;
    }

    /**
     * Next header.
     *
     * @return e.g. {@link Ipv4Header#PROTOCOL_UDP}.
     */
    public int nextHeader()
    {
        return Ipv6Header.nextHeader(buffer, offset);
    }

    /**
     * Hop limit.
     *
     * @return 8 bits.
     */
    public int hopLimit()
    {
        return buffer.getByte(offset + Ipv6Header.HOP_LIMIT_OFFSET) & 0xFF;
    }

    /**
     * First 64 bits of the source address.
     *
     * @return in network order.
     */
    public long sourceHigh()
    {
        return buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN);
    }

    /**
     * Last 64 bits of the source address.
     *
     * @return in network order.
     */
    public long sourceLow()
    {
        return buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN);
    }

    /**
     * First 64 bits of the destination address.
     *
     * @return in network order.
     */
    public long destinationHigh()
    {
        return buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
    }

    /**
     * Last 64 bits of the destination address.
     *
     * @return in network order.
     */
    public long destinationLow()
    {
        return buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
    }

    /**
     * Offset of the source address in the buffer, to copy it without splitting it.
     *
     * @return absolute offset of 16 bytes.
     */
    public int sourceAddressOffset()
    {
        return offset + Ipv6Header.SOURCE_OFFSET;
    }

    /**
     * Offset of the destination address in the buffer.
     *
     * @return absolute offset of 16 bytes.
     */
    public int destinationAddressOffset()
    {
        return offset + Ipv6Header.DESTINATION_OFFSET;
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        sb.append("Ipv6Header{src=");
        Ipv6Header.appendAddress(sb, sourceHigh(), sourceLow()).append(", dst=");
        Ipv6Header.appendAddress(sb, destinationHigh(), destinationLow());
        sb.append(", tc=").append(trafficClass()).append(", flow=").append(flowLabel());
        sb.append(", plen=").append(payloadLength()).append(", next=").append(nextHeader());
        return sb.append(", hlim=").append(hopLimit()).append('}');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
