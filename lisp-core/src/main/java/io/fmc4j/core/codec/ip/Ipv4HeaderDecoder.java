/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads an IPv4 header in place. Call {@link Ipv4Header#validate} first; options (IHL 6..15) are skipped through
 * {@link #headerLength()}, not decoded.
 */
public final class Ipv4HeaderDecoder
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
    public Ipv4HeaderDecoder wrap(final DirectBuffer buffer, final int offset)
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
     * Bytes the header occupies, options included.
     *
     * @return IHL times 4.
     */
    public int encodedLength()
    {
        return headerLength();
    }

    /**
     * Header length from the IHL.
     *
     * @return 20..60 for a validated header.
     */
    public int headerLength()
    {
        return Ipv4Header.headerLength(buffer, offset);
    }

    /**
     * Version nibble.
     *
     * @return 4 for a validated header.
     */
    public int version()
    {
        return (buffer.getByte(offset) & 0xFF) >>> 4;
    }

    /**
     * Type of service byte (DSCP and ECN).
     *
     * @return 8 bits.
     */
    public int tos()
    {
        return buffer.getByte(offset + Ipv4Header.TOS_OFFSET) & 0xFF;
    }

    /**
     * Total length, header included.
     *
     * @return 16 bits.
     */
    public int totalLength()
    {
        return Ipv4Header.totalLength(buffer, offset);
    }

    /**
     * Offset of the payload in the buffer.
     *
     * @return {@link #offset()} plus {@link #headerLength()}.
     */
    public int payloadOffset()
    {
        return offset + headerLength();
    }

    /**
     * Payload length from the total length.
     *
     * @return {@link #totalLength()} minus {@link #headerLength()}.
     */
    public int payloadLength()
    {
        return totalLength() - headerLength();
    }

    /**
     * Identification.
     *
     * @return 16 bits.
     */
    public int identification()
    {
        return buffer.getShort(offset + Ipv4Header.IDENTIFICATION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * DF flag.
     *
     * @return whether Don't Fragment is set.
     */
    public boolean dontFragment()
    {
        return (Ipv4Header.flagsAndFragmentOffset(buffer, offset) & Ipv4Header.FLAG_DF) != 0;
    }

    /**
     * MF flag.
     *
     * @return whether More Fragments is set.
     */
    public boolean moreFragments()
    {
        return (Ipv4Header.flagsAndFragmentOffset(buffer, offset) & Ipv4Header.FLAG_MF) != 0;
    }

    /**
     * Fragment offset.
     *
     * @return in 8-byte units, 13 bits.
     */
    public int fragmentOffset()
    {
        return Ipv4Header.flagsAndFragmentOffset(buffer, offset) & Ipv4Header.FRAGMENT_OFFSET_MASK;
    }

    /**
     * Whether this datagram is a fragment (MF set or fragment offset non-zero).
     *
     * @return true for any fragment.
     */
    public boolean isFragment()
    {
        return Ipv4Header.isFragment(buffer, offset);
    }

    /**
     * Time to live.
     *
     * @return 8 bits.
     */
    public int ttl()
    {
        return buffer.getByte(offset + Ipv4Header.TTL_OFFSET) & 0xFF;
    }

    /**
     * Protocol of the payload.
     *
     * @return e.g. {@link Ipv4Header#PROTOCOL_UDP}.
     */
    public int protocol()
    {
        return Ipv4Header.protocol(buffer, offset);
    }

    /**
     * Header checksum as received.
     *
     * @return 16 bits.
     */
    public int checksum()
    {
        return buffer.getShort(offset + Ipv4Header.CHECKSUM_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Verifies the header checksum.
     *
     * @return whether it is right.
     */
    public boolean isChecksumValid()
    {
        return Ipv4Header.isChecksumValid(buffer, offset);
    }

    /**
     * Source address.
     *
     * @return 32 bits in network order.
     */
    public int sourceAddress()
    {
        return Ipv4Header.sourceAddress(buffer, offset);
    }

    /**
     * Destination address.
     *
     * @return 32 bits in network order.
     */
    public int destinationAddress()
    {
        return Ipv4Header.destinationAddress(buffer, offset);
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        sb.append("Ipv4Header{src=");
        Ipv4Header.appendAddress(sb, sourceAddress()).append(", dst=");
        Ipv4Header.appendAddress(sb, destinationAddress());
        sb.append(", hl=").append(headerLength()).append(", len=").append(totalLength());
        sb.append(", id=").append(identification());
        if (dontFragment())
        {
            sb.append(", DF");
        }
        if (isFragment())
        {
            sb.append(", fragment(mf=").append(moreFragments()).append(", off=").append(fragmentOffset()).append(')');
        }
        sb.append(", ttl=").append(ttl()).append(", proto=").append(protocol());
        return sb.append(", checksum=0x").append(Integer.toHexString(checksum())).append('}');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
