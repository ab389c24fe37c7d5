/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of an IPv4 header (RFC 791 §3.1), with total static accessors and the header checksum.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options (IHL &gt; 5)                          |
 * </pre>
 * Addresses are {@code int}s in network order: {@code 10.0.0.1} is {@code 0x0A000001}.
 */
public final class Ipv4Header
{
    /** Length of a header without options; what the encoder writes. */
    public static final int ENCODED_LENGTH = 20;
    /** Longest header: IHL 15. */
    public static final int MAX_HEADER_LENGTH = 60;
    /** The version nibble. */
    public static final int VERSION = 4;

    /** Offset of version and IHL. */
    public static final int VERSION_IHL_OFFSET = 0;
    /** Offset of the type of service (DSCP and ECN). */
    public static final int TOS_OFFSET = 1;
    /** Offset of the total length. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Offset of the identification. */
    public static final int IDENTIFICATION_OFFSET = 4;
    /** Offset of flags and fragment offset. */
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    /** Offset of the time to live. */
    public static final int TTL_OFFSET = 8;
    /** Offset of the protocol. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Offset of the source address. */
    public static final int SOURCE_OFFSET = 12;
    /** Offset of the destination address. */
    public static final int DESTINATION_OFFSET = 16;

    /** Don't Fragment, in the flags/fragment-offset word. */
    public static final int FLAG_DF = 0x4000;
    /** More Fragments, in the flags/fragment-offset word. */
    public static final int FLAG_MF = 0x2000;
    /** Fragment offset in 8-byte units, in the flags/fragment-offset word. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    /** IP protocol number of ICMP. */
    public static final int PROTOCOL_ICMP = 1;
    /** IP protocol number of TCP. */
    public static final int PROTOCOL_TCP = 6;
    /** IP protocol number of UDP. */
    public static final int PROTOCOL_UDP = 17;
    /** IP protocol number of IPv6 encapsulation (also the IPv6 next header value). */
    public static final int PROTOCOL_IPV6 = 41;
    /** IPv6 next header of ICMPv6. */
    public static final int PROTOCOL_ICMPV6 = 58;

    private Ipv4Header()
    {
    }

    /**
     * Checks a received header against the bytes received. Total over any input: never throws, never allocates.
     * Does not check the header checksum (see {@link #isChecksumValid}).
     *
     * @param buffer holding the packet.
     * @param offset of the IPv4 header.
     * @param length bytes received from {@code offset} (not the buffer capacity).
     * @return {@link DecodeStatus#OK}; {@link DecodeStatus#TRUNCATED} when the header or the total length does not
     * fit in {@code length}; {@link DecodeStatus#BAD_IP_HEADER} for a version other than 4, IHL below 5 or a total
     * length below the header length.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ENCODED_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        return validate(buffer.getByte(offset) & 0xFF, totalLength(buffer, offset), length);
    }

    /**
     * The checks of {@link #validate(DirectBuffer, int, int)} on a header's fields, for callers that read them
     * their own way (the ITR's burst reads them with raw loads after one range check).
     *
     * @param versionIhl  the first byte: version and IHL.
     * @param totalLength the total length field.
     * @param length      bytes received, at least {@link #ENCODED_LENGTH}.
     * @return as {@link #validate(DirectBuffer, int, int)}.
     */
    public static int validate(final int versionIhl, final int totalLength, final int length)
    {
        final int headerLength = (versionIhl & 0x0F) << 2;
        if ((versionIhl >>> 4) != VERSION || headerLength < ENCODED_LENGTH)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        if (headerLength > length)
        {
            return DecodeStatus.TRUNCATED;
        }
        if (totalLength < headerLength)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        return totalLength > length ? DecodeStatus.TRUNCATED : DecodeStatus.OK;
    }

    /**
     * Header length from the IHL.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return IHL times 4, 0..60.
     */
    public static int headerLength(final DirectBuffer buffer, final int offset)
    {
        return (buffer.getByte(offset) & 0x0F) << 2;
    }

    /**
     * Total length of the datagram, header included.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits.
     */
    public static int totalLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TOTAL_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Flags and fragment offset word.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits: {@link #FLAG_DF}, {@link #FLAG_MF}, {@link #FRAGMENT_OFFSET_MASK}.
     */
    public static int flagsAndFragmentOffset(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + FLAGS_FRAGMENT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Whether the datagram is a fragment: MF set or a non-zero fragment offset.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return true for any fragment, first or later.
     */
    public static boolean isFragment(final DirectBuffer buffer, final int offset)
    {
        return (flagsAndFragmentOffset(buffer, offset) & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    /**
     * Protocol of the payload.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return e.g. {@link #PROTOCOL_UDP}.
     */
    public static int protocol(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + PROTOCOL_OFFSET) & 0xFF;
    }

    /**
     * Source address.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 32 bits in network order.
     */
    public static int sourceAddress(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_OFFSET, BIG_ENDIAN);
    }

    /**
     * Destination address.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 32 bits in network order.
     */
    public static int destinationAddress(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + DESTINATION_OFFSET, BIG_ENDIAN);
    }

    /**
     * Computes the header checksum as if the checksum field were zero, over {@link #headerLength} bytes.
     *
     * @param buffer holding a header whose length has been validated.
     * @param offset of the header.
     * @return the 16-bit value the checksum field should hold.
     */
    public static int computeChecksum(final DirectBuffer buffer, final int offset)
    {
        final int headerLength = headerLength(buffer, offset);
        final long sum = InternetChecksum.sum(buffer, offset, CHECKSUM_OFFSET) +
            InternetChecksum.sum(buffer, offset + SOURCE_OFFSET, headerLength - SOURCE_OFFSET);
        return InternetChecksum.complement(sum);
    }

    /**
     * Verifies the header checksum: the sum over the whole header, checksum included, is {@code 0xFFFF}.
     *
     * @param buffer holding a header whose length has been validated.
     * @param offset of the header.
     * @return whether the checksum is right.
     */
    public static boolean isChecksumValid(final DirectBuffer buffer, final int offset)
    {
        return InternetChecksum.fold(InternetChecksum.sum(buffer, offset, headerLength(buffer, offset))) == 0xFFFF;
    }

    /**
     * Computes and stores the header checksum.
     *
     * @param buffer holding a complete header.
     * @param offset of the header.
     */
    public static void updateChecksum(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)computeChecksum(buffer, offset), BIG_ENDIAN);
    }

    /**
     * Appends a dotted-quad address, for the cold path.
     *
     * @param sb to append to.
     * @param address 32 bits in network order.
     * @return {@code sb}.
     */
    public static StringBuilder appendAddress(final StringBuilder sb, final int address)
    {
        return sb.append(address >>> 24).append('.').append((address >>> 16) & 0xFF).append('.')
            .append((address >>> 8) & 0xFF).append('.').append(address & 0xFF);
    }
}
