/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import org.agrona.DirectBuffer;

/**
 * Reads a UDP header in place. Call {@link UdpHeader#validate} first.
 */
public final class UdpHeaderDecoder
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
    public UdpHeaderDecoder wrap(final DirectBuffer buffer, final int offset)
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
     * @return 16 bits.
     */
    public int sourcePort()
    {
        return UdpHeader.sourcePort(buffer, offset);
    }

    /**
     * Destination port.
     *
     * @return 16 bits.
     */
    public int destinationPort()
    {
        return UdpHeader.destinationPort(buffer, offset);
    }

    /**
     * UDP length, header included.
     *
     * @return 16 bits.
     */
    public int length()
    {
        return UdpHeader.length(buffer, offset);
    }

    /**
     * Offset of the payload.
     *
     * @return {@link #offset()} plus 8.
     */
    public int payloadOffset()
    {
        return offset + UdpHeader.ENCODED_LENGTH;
    }

    /**
     * Payload length.
     *
     * @return {@link #length()} minus 8.
     */
    public int payloadLength()
    {
        return length() - UdpHeader.ENCODED_LENGTH;
    }

    /**
     * Checksum as received.
     *
     * @return 16 bits; 0 means none.
     */
    public int checksum()
    {
        return UdpHeader.checksum(buffer, offset);
    }

    /**
     * Verifies the checksum over an IPv4 pseudo header.
     *
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @param zeroAllowed whether an absent (0) checksum is accepted.
     * @return whether the checksum is right or absent and allowed.
     */
    public boolean isChecksumValidIpv4(final int sourceAddress, final int destinationAddress, final boolean zeroAllowed)
    {
        return UdpHeader.isChecksumValidIpv4(buffer, offset, length(), sourceAddress, destinationAddress, zeroAllowed);
    }

    /**
     * Verifies the checksum over an IPv6 pseudo header.
     *
     * @param ipv6Buffer holding the IPv6 header.
     * @param ipv6Offset of the IPv6 header.
     * @param zeroAllowed whether an absent (0) checksum is accepted.
     * @return whether the checksum is right or absent and allowed.
     */
    public boolean isChecksumValidIpv6(final DirectBuffer ipv6Buffer, final int ipv6Offset, final boolean zeroAllowed)
    {
        return UdpHeader.isChecksumValidIpv6(buffer, offset, length(), ipv6Buffer, ipv6Offset, zeroAllowed);
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        sb.append("UdpHeader{sport=").append(sourcePort()).append(", dport=").append(destinationPort());
        return sb.append(", len=").append(length()).append(", checksum=0x").append(Integer.toHexString(checksum()))
            .append('}');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
