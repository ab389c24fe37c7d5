/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of an Encapsulated Control Message (RFC 9301 §5.8): a 4-byte header, then an inner IPv4 or IPv6
 * header, a UDP header and a LISP control message (a Map-Request in practice).
 * <pre>
 * |Type=8 |S|D|E|M|            Reserved                           |
 * |                   IPv4 or IPv6 Header                         |
 * |                       UDP Header                              |
 * |                   LISP Control Message                        |
 * </pre>
 */
public final class Ecm
{
    /** S: LISP-SEC capable. */
    public static final int FLAG_S = 0x0800_0000;
    /** D: DDT-originated. */
    public static final int FLAG_D = 0x0400_0000;
    /** E: forwarded by a Map-Server to an ETR. */
    public static final int FLAG_E = 0x0200_0000;
    /** M: sent to a Map-Server (RFC 9301 §5.8). */
    public static final int FLAG_M = 0x0100_0000;
    /** Every flag and reserved bit, type excluded. */
    public static final int FLAGS_MASK = 0x0FFF_FFFF;

    /** Offset of the inner IP header. */
    public static final int INNER_IP_OFFSET = 4;
    /** IPv4 header length without options. */
    public static final int IPV4_HEADER_LENGTH = 20;
    /** IPv6 fixed header length. */
    public static final int IPV6_HEADER_LENGTH = 40;
    /** UDP header length. */
    public static final int UDP_HEADER_LENGTH = 8;
    /** IP protocol number of UDP. */
    public static final int PROTOCOL_UDP = 17;

    private Ecm()
    {
    }

    /**
     * Length of the inner IP header, or a negative status when it is not a well-formed IPv4/IPv6 header
     * carrying UDP.
     *
     * @param buffer holding the message.
     * @param ipOffset offset of the inner IP header.
     * @param limit end of the readable bytes (exclusive).
     * @return the header length, or a negative {@link DecodeStatus}.
     */
    public static int innerIpHeaderLength(final DirectBuffer buffer, final int ipOffset, final int limit)
    {
        if (limit - ipOffset < 1)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int first = buffer.getByte(ipOffset) & 0xFF;
        final int version = first >>> 4;
        final int headerLength;
        final int protocol;
        if (version == 4)
        {
            headerLength = (first & 0xF) * 4;
            if (headerLength < IPV4_HEADER_LENGTH)
            {
                return DecodeStatus.BAD_INNER_HEADER;
            }
            if (limit - ipOffset < headerLength)
            {
                return DecodeStatus.TRUNCATED;
            }
            protocol = buffer.getByte(ipOffset + 9) & 0xFF;
        }
        else if (version == 6)
        {
            headerLength = IPV6_HEADER_LENGTH;
            if (limit - ipOffset < headerLength)
            {
                return DecodeStatus.TRUNCATED;
            }
            protocol = buffer.getByte(ipOffset + 6) & 0xFF;
        }
        else
        {
            return DecodeStatus.BAD_INNER_HEADER;
        }
        return protocol == PROTOCOL_UDP ? headerLength : DecodeStatus.BAD_INNER_HEADER;
    }

    /**
     * Checks an ECM and the control message inside. Never throws; never reads past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK} or a negative reason (the inner message's, when it is the one at fault).
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < INNER_IP_OFFSET)
        {
            return DecodeStatus.TRUNCATED;
        }
        if (ControlHeader.type(buffer, offset) != MessageType.ECM)
        {
            return DecodeStatus.UNKNOWN_TYPE;
        }
        final int limit = offset + length;
        final int ip = offset + INNER_IP_OFFSET;
        final int ipLength = innerIpHeaderLength(buffer, ip, limit);
        if (ipLength < 0)
        {
            return ipLength;
        }
        final int udp = ip + ipLength;
        if (limit - udp < UDP_HEADER_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int udpLength = buffer.getShort(udp + 4, BIG_ENDIAN) & 0xFFFF;
        if (udpLength < UDP_HEADER_LENGTH)
        {
            return DecodeStatus.BAD_INNER_HEADER;
        }
        if (udpLength > limit - udp)
        {
            return DecodeStatus.TRUNCATED;
        }
        if (udpLength < limit - udp)
        {
            return DecodeStatus.TRAILING_BYTES;
        }
        return ControlHeader.validate(buffer, udp + UDP_HEADER_LENGTH, udpLength - UDP_HEADER_LENGTH, 1);
    }
}
