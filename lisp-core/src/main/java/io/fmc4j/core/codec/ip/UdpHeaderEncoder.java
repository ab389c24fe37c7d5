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
 * Writes a UDP header in place. {@link #wrap} zeroes it (checksum 0: none); compute the checksum last, once the
 * payload is in the buffer.
 */
public final class UdpHeaderEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points the encoder at 8 bytes and zeroes them.
     *
     * @param buffer to write into.
     * @param offset of the header.
     * @return this.
     */
    public UdpHeaderEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putLong(offset, 0L);
        return this;
    }

    /**
     * Bytes the header occupies.
     *
     * @return {@link UdpHeader#ENCODED_LENGTH}.
     */
    public int encodedLength()
    {
        return UdpHeader.ENCODED_LENGTH;
    }

    /**
     * Source port.
     *
     * @param port 16 bits.
     * @return this.
     */
    public UdpHeaderEncoder sourcePort(final int port)
    {
        buffer.putShort(offset + UdpHeader.SOURCE_PORT_OFFSET, (short)port, BIG_ENDIAN);
        return this;
    }

    /**
     * Destination port.
     *
     * @param port 16 bits.
     * @return this.
     */
    public UdpHeaderEncoder destinationPort(final int port)
    {
        buffer.putShort(offset + UdpHeader.DESTINATION_PORT_OFFSET, (short)port, BIG_ENDIAN);
        return this;
    }

    /**
     * UDP length, header included.
     *
     * @param length 8..65535.
     * @return this.
     */
    public UdpHeaderEncoder length(final int length)
    {
        if (CodecChecks.ENABLED && (length < UdpHeader.ENCODED_LENGTH || length > 0xFFFF))
        {
            throw new IllegalArgumentException("UDP length out of 8..65535: " + length);
        }
        buffer.putShort(offset + UdpHeader.LENGTH_OFFSET, (short)length, BIG_ENDIAN);
        return this;
    }

    /**
     * Stores an explicit checksum, e.g. 0 for none.
     *
     * @param checksum 16 bits.
     * @return this.
     */
    public UdpHeaderEncoder checksum(final int checksum)
    {
        UdpHeader.checksum(buffer, offset, checksum);
        return this;
    }

    /**
     * Computes and stores the checksum over an IPv4 pseudo header; the length and payload must be in place.
     *
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @return this.
     */
    public UdpHeaderEncoder updateChecksumIpv4(final int sourceAddress, final int destinationAddress)
    {
        final int length = UdpHeader.length(buffer, offset);
        return checksum(UdpHeader.computeChecksumIpv4(buffer, offset, length, sourceAddress, destinationAddress));
    }

    /**
     * Computes and stores the checksum over an IPv6 pseudo header taken from an IPv6 header.
     *
     * @param ipv6Buffer holding the IPv6 header.
     * @param ipv6Offset of the IPv6 header.
     * @return this.
     */
    public UdpHeaderEncoder updateChecksumIpv6(final DirectBuffer ipv6Buffer, final int ipv6Offset)
    {
        final int length = UdpHeader.length(buffer, offset);
        return checksum(UdpHeader.computeChecksumIpv6(buffer, offset, length, ipv6Buffer, ipv6Offset));
    }
}
