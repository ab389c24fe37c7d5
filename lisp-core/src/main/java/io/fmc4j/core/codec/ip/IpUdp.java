/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.core.codec.CodecChecks;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * One-call IP+UDP framing for the data and control paths.
 * <ul>
 *     <li>Encapsulation: {@link #writeIpv4Udp} and {@link #writeIpv6Udp} write the outer headers into headroom
 *     just before a payload that is already in the buffer, so the payload is never copied.</li>
 *     <li>Decapsulation: {@link #parseIpUdp} checks "IPv4 or IPv6, then UDP" and returns the payload offset or a
 *     negative {@link DecodeStatus}, e.g. for the inner header of an Encapsulated Control Message (a caller
 *     reporting an ECM maps {@link DecodeStatus#BAD_IP_HEADER} to {@link DecodeStatus#BAD_INNER_HEADER}).</li>
 * </ul>
 * Neither allocates.
 */
public final class IpUdp
{
    /** Bytes of an outer IPv4 header without options plus UDP. */
    public static final int IPV4_UDP_LENGTH = Ipv4Header.ENCODED_LENGTH + UdpHeader.ENCODED_LENGTH;
    /** Bytes of an outer IPv6 fixed header plus UDP. */
    public static final int IPV6_UDP_LENGTH = Ipv6Header.ENCODED_LENGTH + UdpHeader.ENCODED_LENGTH;

    /** {@link #parseIpUdp} policy: do not look at checksums. */
    public static final int CHECKSUM_IGNORE = 0;
    /**
     * {@link #parseIpUdp} policy: verify the IPv4 header checksum and the UDP checksum; a UDP checksum of 0 is
     * accepted over IPv4 (RFC 768) and rejected over IPv6 (RFC 8200 §8.1).
     */
    public static final int CHECKSUM_VERIFY = 1;
    /**
     * {@link #parseIpUdp} policy: as {@link #CHECKSUM_VERIFY}, but a UDP checksum of 0 is also accepted over IPv6,
     * as a LISP tunnel endpoint may under RFC 6935/6936.
     */
    public static final int CHECKSUM_VERIFY_ZERO_ALLOWED = 2;

    private static final int MAX_IPV4_PAYLOAD = 0xFFFF - IPV4_UDP_LENGTH;
    private static final int MAX_IPV6_PAYLOAD = 0xFFFF - UdpHeader.ENCODED_LENGTH;

    private IpUdp()
    {
    }

    /**
     * Writes IPv4 (20 bytes, DF set, identification 0: an atomic datagram under RFC 6864 §4) and UDP headers in
     * the 28 bytes at {@code offset}; the payload must already be at {@code offset + 28}.
     *
     * @param buffer holding headroom and payload.
     * @param offset of the IPv4 header (payload offset minus {@link #IPV4_UDP_LENGTH}).
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @param sourcePort UDP source port.
     * @param destinationPort UDP destination port.
     * @param payloadLength bytes after the UDP header, 0..65507.
     * @param ttl time to live.
     * @param computeUdpChecksum whether to compute the UDP checksum; if false it is 0 (RFC 9300 §5.3 allows it).
     * @return {@link #IPV4_UDP_LENGTH}.
     */
    public static int writeIpv4Udp(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceAddress,
        final int destinationAddress,
        final int sourcePort,
        final int destinationPort,
        final int payloadLength,
        final int ttl,
        final boolean computeUdpChecksum)
    {
        return writeIpv4Udp(
            buffer, offset, sourceAddress, destinationAddress, sourcePort, destinationPort, payloadLength, ttl, 0,
            0, true, computeUdpChecksum);
    }

    /**
     * Writes IPv4 and UDP headers with every IPv4 field the encapsulator may set.
     *
     * @param buffer holding headroom and payload.
     * @param offset of the IPv4 header.
     * @param sourceAddress IPv4 source, network order.
     * @param destinationAddress IPv4 destination, network order.
     * @param sourcePort UDP source port.
     * @param destinationPort UDP destination port.
     * @param payloadLength bytes after the UDP header, 0..65507.
     * @param ttl time to live.
     * @param tos type of service (e.g. copied from the inner header, RFC 9300 §5.3).
     * @param identification IPv4 identification.
     * @param dontFragment whether to set DF.
     * @param computeUdpChecksum whether to compute the UDP checksum; if false it is 0.
     * @return {@link #IPV4_UDP_LENGTH}.
     */
    public static int writeIpv4Udp(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceAddress,
        final int destinationAddress,
        final int sourcePort,
        final int destinationPort,
        final int payloadLength,
        final int ttl,
        final int tos,
        final int identification,
        final boolean dontFragment,
        final boolean computeUdpChecksum)
    {
        if (CodecChecks.ENABLED && (payloadLength < 0 || payloadLength > MAX_IPV4_PAYLOAD))
        {
            throw new IllegalArgumentException("IPv4/UDP payload length out of 0.." + MAX_IPV4_PAYLOAD);
        }
        final int udpLength = payloadLength + UdpHeader.ENCODED_LENGTH;
        buffer.putInt(offset, 0x4500_0000 | ((tos & 0xFF) << 16) | (udpLength + Ipv4Header.ENCODED_LENGTH),
            BIG_ENDIAN);
        buffer.putInt(offset + Ipv4Header.IDENTIFICATION_OFFSET,
            ((identification & 0xFFFF) << 16) | (dontFragment ? Ipv4Header.FLAG_DF : 0), BIG_ENDIAN);
        buffer.putInt(offset + Ipv4Header.TTL_OFFSET, ((ttl & 0xFF) << 24) | (Ipv4Header.PROTOCOL_UDP << 16),
            BIG_ENDIAN);
        buffer.putInt(offset + Ipv4Header.SOURCE_OFFSET, sourceAddress, BIG_ENDIAN);
        buffer.putInt(offset + Ipv4Header.DESTINATION_OFFSET, destinationAddress, BIG_ENDIAN);
        Ipv4Header.updateChecksum(buffer, offset);

        final int udpOffset = offset + Ipv4Header.ENCODED_LENGTH;
        buffer.putInt(udpOffset, (sourcePort << 16) | (destinationPort & 0xFFFF), BIG_ENDIAN);
        buffer.putInt(udpOffset + UdpHeader.LENGTH_OFFSET, udpLength << 16, BIG_ENDIAN);
        if (computeUdpChecksum)
        {
            UdpHeader.checksum(buffer, udpOffset,
                UdpHeader.computeChecksumIpv4(buffer, udpOffset, udpLength, sourceAddress, destinationAddress));
        }
        return IPV4_UDP_LENGTH;
    }

    /**
     * Writes IPv6 (40 bytes, traffic class and flow label 0) and UDP headers in the 48 bytes at {@code offset};
     * the payload must already be at {@code offset + 48}. Set a flow label afterwards with
     * {@link Ipv6HeaderEncoder#flowLabel} if wanted: it is not covered by the UDP checksum.
     *
     * @param buffer holding headroom and payload.
     * @param offset of the IPv6 header (payload offset minus {@link #IPV6_UDP_LENGTH}).
     * @param sourceHigh first 64 bits of the source.
     * @param sourceLow last 64 bits of the source.
     * @param destinationHigh first 64 bits of the destination.
     * @param destinationLow last 64 bits of the destination.
     * @param sourcePort UDP source port.
     * @param destinationPort UDP destination port.
     * @param payloadLength bytes after the UDP header, 0..65527.
     * @param hopLimit hop limit.
     * @param computeUdpChecksum whether to compute the UDP checksum; if false it is 0, which only a receiver
     * following RFC 6935/6936 accepts.
     * @return {@link #IPV6_UDP_LENGTH}.
     */
    public static int writeIpv6Udp(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceHigh,
        final long sourceLow,
        final long destinationHigh,
        final long destinationLow,
        final int sourcePort,
        final int destinationPort,
        final int payloadLength,
        final int hopLimit,
        final boolean computeUdpChecksum)
    {
        if (CodecChecks.ENABLED && (payloadLength < 0 || payloadLength > MAX_IPV6_PAYLOAD))
        {
            throw new IllegalArgumentException("IPv6/UDP payload length out of 0.." + MAX_IPV6_PAYLOAD);
        }
        final int udpLength = payloadLength + UdpHeader.ENCODED_LENGTH;
        buffer.putInt(offset, 0x6000_0000, BIG_ENDIAN);
        buffer.putInt(offset + Ipv6Header.PAYLOAD_LENGTH_OFFSET,
            (udpLength << 16) | (Ipv4Header.PROTOCOL_UDP << 8) | (hopLimit & 0xFF), BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.SOURCE_OFFSET, sourceHigh, BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.SOURCE_OFFSET + 8, sourceLow, BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.DESTINATION_OFFSET, destinationHigh, BIG_ENDIAN);
        buffer.putLong(offset + Ipv6Header.DESTINATION_OFFSET + 8, destinationLow, BIG_ENDIAN);

        final int udpOffset = offset + Ipv6Header.ENCODED_LENGTH;
        buffer.putInt(udpOffset, (sourcePort << 16) | (destinationPort & 0xFFFF), BIG_ENDIAN);
        buffer.putInt(udpOffset + UdpHeader.LENGTH_OFFSET, udpLength << 16, BIG_ENDIAN);
        if (computeUdpChecksum)
        {
            UdpHeader.checksum(buffer, udpOffset, UdpHeader.computeChecksumIpv6(
                buffer, udpOffset, udpLength, sourceHigh, sourceLow, destinationHigh, destinationLow));
        }
        return IPV6_UDP_LENGTH;
    }

    /**
     * Parses "IPv4 or IPv6 (by the version nibble), then UDP". Total over any input: never throws, never
     * allocates. IPv4 options are skipped; IPv4 fragments and IPv6 extension headers are refused, as LISP uses
     * neither on its UDP messages. Bytes after the UDP length (link padding) are ignored.
     *
     * @param buffer holding the packet.
     * @param offset of the IP header.
     * @param length bytes received from {@code offset}.
     * @param checksumPolicy {@link #CHECKSUM_IGNORE}, {@link #CHECKSUM_VERIFY} or
     * {@link #CHECKSUM_VERIFY_ZERO_ALLOWED}.
     * @return the offset of the UDP payload ({@code > offset}), whose UDP header is the 8 bytes before it; or
     * {@link DecodeStatus#TRUNCATED}, or {@link DecodeStatus#BAD_IP_HEADER} for a bad version, length, fragment,
     * protocol other than UDP or a failed checksum.
     */
    public static int parseIpUdp(
        final DirectBuffer buffer, final int offset, final int length, final int checksumPolicy)
    {
        if (length < 1)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int version = (buffer.getByte(offset) & 0xFF) >>> 4;
        if (version == Ipv4Header.VERSION)
        {
            return parseIpv4Udp(buffer, offset, length, checksumPolicy);
        }
        if (version == Ipv6Header.VERSION)
        {
            return parseIpv6Udp(buffer, offset, length, checksumPolicy);
        }
        return DecodeStatus.BAD_IP_HEADER;
    }

    /**
     * UDP payload length for a payload offset returned by {@link #parseIpUdp}.
     *
     * @param buffer holding the packet.
     * @param payloadOffset returned by {@link #parseIpUdp}.
     * @return the UDP length minus 8.
     */
    public static int payloadLength(final DirectBuffer buffer, final int payloadOffset)
    {
        return UdpHeader.length(buffer, payloadOffset - UdpHeader.ENCODED_LENGTH) - UdpHeader.ENCODED_LENGTH;
    }

    private static int parseIpv4Udp(
        final DirectBuffer buffer, final int offset, final int length, final int checksumPolicy)
    {
        final int ipStatus = Ipv4Header.validate(buffer, offset, length);
        if (ipStatus != DecodeStatus.OK)
        {
            return ipStatus;
        }
        if (Ipv4Header.isFragment(buffer, offset) || Ipv4Header.protocol(buffer, offset) != Ipv4Header.PROTOCOL_UDP)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        final int headerLength = Ipv4Header.headerLength(buffer, offset);
        final int udpOffset = offset + headerLength;
        final int udpStatus = udpStatus(
            buffer, udpOffset, Ipv4Header.totalLength(buffer, offset) - headerLength);
        if (udpStatus != DecodeStatus.OK)
        {
            return udpStatus;
        }
        if (checksumPolicy != CHECKSUM_IGNORE &&
            (!Ipv4Header.isChecksumValid(buffer, offset) || !UdpHeader.isChecksumValidIpv4(
                buffer, udpOffset, UdpHeader.length(buffer, udpOffset), Ipv4Header.sourceAddress(buffer, offset),
                Ipv4Header.destinationAddress(buffer, offset), true)))
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        return udpOffset + UdpHeader.ENCODED_LENGTH;
    }

    private static int parseIpv6Udp(
        final DirectBuffer buffer, final int offset, final int length, final int checksumPolicy)
    {
        final int ipStatus = Ipv6Header.validate(buffer, offset, length);
        if (ipStatus != DecodeStatus.OK)
        {
            return ipStatus;
        }
        if (Ipv6Header.nextHeader(buffer, offset) != Ipv4Header.PROTOCOL_UDP)
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        final int udpOffset = offset + Ipv6Header.ENCODED_LENGTH;
        final int udpStatus = udpStatus(buffer, udpOffset, Ipv6Header.payloadLength(buffer, offset));
        if (udpStatus != DecodeStatus.OK)
        {
            return udpStatus;
        }
        if (checksumPolicy != CHECKSUM_IGNORE && !UdpHeader.isChecksumValidIpv6(
            buffer, udpOffset, UdpHeader.length(buffer, udpOffset), buffer, offset,
            checksumPolicy == CHECKSUM_VERIFY_ZERO_ALLOWED))
        {
            return DecodeStatus.BAD_IP_HEADER;
        }
        return udpOffset + UdpHeader.ENCODED_LENGTH;
    }

    private static int udpStatus(final DirectBuffer buffer, final int udpOffset, final int ipPayloadLength)
    {
        // The IP header was complete and said how many bytes follow: any UDP header that does not fit them is a
        // bad header, not a short read.
        return UdpHeader.validate(buffer, udpOffset, ipPayloadLength) == DecodeStatus.OK ?
            DecodeStatus.OK : DecodeStatus.BAD_IP_HEADER;
    }
}
