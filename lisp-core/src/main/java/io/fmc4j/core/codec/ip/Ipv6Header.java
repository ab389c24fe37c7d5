/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of the fixed IPv6 header (RFC 8200 §3). Extension headers are not followed: LISP does not use them, so
 * {@link #nextHeader} is whatever follows the fixed header and a caller expecting UDP sees anything else as
 * "not UDP".
 * <pre>
 * |Version| Traffic Class |           Flow Label                  |
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * |                 Source Address (128 bits)                     |
 * |              Destination Address (128 bits)                   |
 * </pre>
 * An address is two {@code long}s in network order, high half first, or read in place at
 * {@link #SOURCE_OFFSET} / {@link #DESTINATION_OFFSET}.
 */
public final class Ipv6Header
{
    /** Length of the fixed header. */
    public static final int ENCODED_LENGTH = 40;
    /** The version nibble. */
    public static final int VERSION = 6;
    /** Length of an address. */
    public static final int ADDRESS_LENGTH = 16;

    /** Offset of version, traffic class and flow label. */
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    /** Offset of the next header. */
    public static final int NEXT_HEADER_OFFSET = 6;
    /** Offset of the hop limit. */
    public static final int HOP_LIMIT_OFFSET = 7;
    /** Offset of the source address. */
    public static final int SOURCE_OFFSET = 8;
    /** Offset of the destination address. */
    public static final int DESTINATION_OFFSET = 24;

    /** Mask of the 20-bit flow label. */
    public static final int FLOW_LABEL_MASK = 0x000F_FFFF;

    /** Next header: hop-by-hop options. */
    public static final int NEXT_HEADER_HOP_BY_HOP = 0;
    /** Next header: routing. */
    public static final int NEXT_HEADER_ROUTING = 43;
    /** Next header: fragment. */
    public static final int NEXT_HEADER_FRAGMENT = 44;
    /** Next header: destination options. */
    public static final int NEXT_HEADER_DESTINATION_OPTIONS = 60;
    /** Next header: no next header. */
    public static final int NEXT_HEADER_NONE = 59;

    private Ipv6Header()
    {
    }

    /**
     * Checks a received fixed header against the bytes received. Total over any input: never throws, never
     * allocates. A payload length of 0 is taken literally (jumbograms are not supported).
     *
     * @param buffer holding the packet.
     * @param offset of the IPv6 header.
     * @param length bytes received from {@code offset} (not the buffer capacity).
     * @return {@link DecodeStatus#OK}; {@link DecodeStatus#TRUNCATED} when the header or the payload length does
     * not fit in {@code length}; {@link DecodeStatus#BAD_IP_HEADER} for a version other than 6.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ENCODED_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        if (((buffer.getByte(offset) & 0xFF) >>> 4) != VERSION)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        return ENCODED_LENGTH + payloadLength(buffer, offset) > length ? DecodeStatus.TRUNCATED : DecodeStatus.OK;
    }

    /**
     * Payload length: bytes after the fixed header, extension headers included.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits.
     */
    public static int payloadLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + PAYLOAD_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Next header after the fixed header.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return e.g. {@link Ipv4Header#PROTOCOL_UDP} or an extension header type.
     */
    public static int nextHeader(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    /**
     * Unfolded checksum sum of source and destination addresses, for a pseudo header.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return a partial sum for {@link InternetChecksum}.
     */
    public static long addressSum(final DirectBuffer buffer, final int offset)
    {
        return InternetChecksum.sum(buffer, offset + SOURCE_OFFSET, 2 * ADDRESS_LENGTH);
    }

    /**
     * Appends an address in RFC 5952 text form (lower case, longest run of two or more zero groups as
     * {@code ::}), for the cold path.
     *
     * @param sb to append to.
     * @param high first 64 bits.
     * @param low last 64 bits.
     * @return {@code sb}.
     */
    public static StringBuilder appendAddress(final StringBuilder sb, final long high, final long low)
    {
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int i = 0; i < 8; i++)
        {
            if (group(high, low, i) == 0)
            {
                if (runStart < 0)
                {
                    runStart = i;
                }
                if (i - runStart + 1 > bestLength)
                {
                    bestStart = runStart;
                    bestLength = i - runStart + 1;
                }
            }
            else
            {
                runStart = -1;
            }
        }
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength)
            {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(high, low, i)));
        }
        return sb;
    }

    private static int group(final long high, final long low, final int index)
    {
        final long half = index < 4 ? high : low;
        return (int)(half >>> (48 - 16 * (index & 3))) & 0xFFFF;
    }
}
