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
 * Layout of a UDP header (RFC 768) and its checksum over the IPv4 (RFC 768) or IPv6 (RFC 8200 §8.1) pseudo
 * header.
 * <pre>
 * |          Source Port          |       Destination Port        |
 * |            Length             |           Checksum            |
 * </pre>
 * A computed checksum of 0 is sent as {@code 0xFFFF}; a received 0 means "no checksum". RFC 9300 §5.3 lets LISP
 * send 0 over IPv4, and RFC 6935/6936 let tunnels send 0 over IPv6: the verifiers take a {@code zeroAllowed} flag
 * for that case.
 */
public final class UdpHeader
{
    /** Header length. */
    public static final int ENCODED_LENGTH = 8;
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the length, header included. */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 6;
    /** Checksum value meaning "not computed". */
    public static final int NO_CHECKSUM = 0;

    private UdpHeader()
    {
    }

    /**
     * Checks a received header against the bytes received. Total over any input: never throws, never allocates.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param length bytes received from {@code offset}, e.g. what the IP header says follows it.
     * @return {@link DecodeStatus#OK}; {@link DecodeStatus#TRUNCATED} when the header or the UDP length does not
     * fit in {@code length}; {@link DecodeStatus#BAD_IP_HEADER} for a UDP length below 8.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ENCODED_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int udpLength = length(buffer, offset);
        if (udpLength < ENCODED_LENGTH)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        return udpLength > length ? DecodeStatus.TRUNCATED : DecodeStatus.OK;
    }

    /**
     * Source port.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits.
     */
    public static int sourcePort(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + SOURCE_PORT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Destination port.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits.
     */
    public static int destinationPort(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + DESTINATION_PORT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * UDP length, header included.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits.
     */
    public static int length(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Checksum as received.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return 16 bits; 0 means none.
     */
    public static int checksum(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Computes the checksum over an IPv4 pseudo header, the header (checksum field taken as zero) and the payload.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param udpLength header plus payload, 8..65535, all in the buffer.
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @return the value to send: never 0 (a computed 0 becomes {@code 0xFFFF}).
     */
    public static int computeChecksumIpv4(
        final DirectBuffer buffer,
        final int offset,
        final int udpLength,
        final int sourceAddress,
        final int destinationAddress)
    {
        final long pseudo = InternetChecksum.sum(sourceAddress) + InternetChecksum.sum(destinationAddress) +
            Ipv4Header.PROTOCOL_UDP + udpLength;
        return finish(pseudo + sumWithoutChecksum(buffer, offset, udpLength));
    }

    /**
     * Computes the checksum over an IPv6 pseudo header read from an IPv6 header, the UDP header (checksum field
     * taken as zero) and the payload.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param udpLength header plus payload, 8..65535, all in the buffer.
     * @param ipv6Buffer holding the IPv6 header, often {@code buffer}.
     * @param ipv6Offset of the IPv6 header, whose addresses are used.
     * @return the value to send: never 0 (a computed 0 becomes {@code 0xFFFF}).
     */
    public static int computeChecksumIpv6(
        final DirectBuffer buffer,
        final int offset,
        final int udpLength,
        final DirectBuffer ipv6Buffer,
        final int ipv6Offset)
    {
        final long pseudo = Ipv6Header.addressSum(ipv6Buffer, ipv6Offset) + Ipv4Header.PROTOCOL_UDP + udpLength;
        return finish(pseudo + sumWithoutChecksum(buffer, offset, udpLength));
    }

    /**
     * Computes the checksum over an IPv6 pseudo header given as four {@code long}s.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param udpLength header plus payload, all in the buffer.
     * @param sourceHigh first 64 bits of the source.
     * @param sourceLow last 64 bits of the source.
     * @param destinationHigh first 64 bits of the destination.
     * @param destinationLow last 64 bits of the destination.
     * @return the value to send: never 0.
     */
    public static int computeChecksumIpv6(
        final DirectBuffer buffer,
        final int offset,
        final int udpLength,
        final long sourceHigh,
        final long sourceLow,
        final long destinationHigh,
        final long destinationLow)
    {
        final long pseudo = InternetChecksum.sum(sourceHigh) + InternetChecksum.sum(sourceLow) +
            InternetChecksum.sum(destinationHigh) + InternetChecksum.sum(destinationLow) +
            Ipv4Header.PROTOCOL_UDP + udpLength;
        return finish(pseudo + sumWithoutChecksum(buffer, offset, udpLength));
    }

    /**
     * Verifies a received checksum over the IPv4 pseudo header.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param udpLength header plus payload, validated.
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @param zeroAllowed whether a checksum of 0 (none) is accepted; RFC 768 allows it over IPv4.
     * @return whether the checksum is right, or absent and allowed to be.
     */
    public static boolean isChecksumValidIpv4(
        final DirectBuffer buffer,
        final int offset,
        final int udpLength,
        final int sourceAddress,
        final int destinationAddress,
        final boolean zeroAllowed)
    {
        if (checksum(buffer, offset) == NO_CHECKSUM)
        {
            return zeroAllowed;
        }
        final long sum = InternetChecksum.sum(sourceAddress) + InternetChecksum.sum(destinationAddress) +
            Ipv4Header.PROTOCOL_UDP + udpLength + InternetChecksum.sum(buffer, offset, udpLength);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    /**
     * Verifies a received checksum over the IPv6 pseudo header taken from an IPv6 header.
     *
     * @param buffer holding the datagram.
     * @param offset of the UDP header.
     * @param udpLength header plus payload, validated.
     * @param ipv6Buffer holding the IPv6 header, often {@code buffer}.
     * @param ipv6Offset of the IPv6 header.
     * @param zeroAllowed whether a checksum of 0 is accepted (RFC 6935/6936 tunnel rules); RFC 8200 forbids it
     * otherwise.
     * @return whether the checksum is right, or absent and allowed to be.
     */
    public static boolean isChecksumValidIpv6(
        final DirectBuffer buffer,
        final int offset,
        final int udpLength,
        final DirectBuffer ipv6Buffer,
        final int ipv6Offset,
        final boolean zeroAllowed)
    {
        if (checksum(buffer, offset) == NO_CHECKSUM)
        {
            return zeroAllowed;
        }
        final long sum = Ipv6Header.addressSum(ipv6Buffer, ipv6Offset) + Ipv4Header.PROTOCOL_UDP + udpLength +
            InternetChecksum.sum(buffer, offset, udpLength);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    /**
     * Writes a checksum field.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @param checksum 16 bits, e.g. from {@link #computeChecksumIpv4}.
     */
    public static void checksum(final MutableDirectBuffer buffer, final int offset, final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, BIG_ENDIAN);
    }

    private static long sumWithoutChecksum(final DirectBuffer buffer, final int offset, final int udpLength)
    {
        return InternetChecksum.sum(buffer, offset, CHECKSUM_OFFSET) +
            InternetChecksum.sum(buffer, offset + ENCODED_LENGTH, udpLength - ENCODED_LENGTH);
    }

    private static int finish(final long sum)
    {
        final int checksum = InternetChecksum.complement(sum);
        return checksum == 0 ? 0xFFFF : checksum;
    }
}
