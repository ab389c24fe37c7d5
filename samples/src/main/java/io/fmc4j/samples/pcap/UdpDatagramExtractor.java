/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import org.agrona.DirectBuffer;

/**
 * Finds the UDP datagram in a captured frame: link layer, then IPv4 (options skipped) or IPv6 (fixed header
 * only), then UDP. Reusable and allocation-free.
 * <p>
 * Unlike {@link io.fmc4j.core.codec.ip.IpUdp#parseIpUdp}, which serves a receive path and wants whole datagrams,
 * this accepts frames cut by the capture's snap length, as Wireshark does: the headers must be captured, the
 * payload may be partial ({@link #capturedPayloadLength()} below {@link #payloadLength()}). IPv4 fragments are
 * reported as {@link #FRAGMENT}, not decoded, and IPv6 extension headers as {@link #IPV6_EXTENSION_HEADER}.
 */
public final class UdpDatagramExtractor
{
    /** A UDP datagram was found. */
    public static final int OK = 0;
    /** The link layer is cut short, or the link type is not supported. */
    public static final int NO_LINK_LAYER = -1;
    /** The frame carries something other than IPv4 or IPv6. */
    public static final int NOT_IP = -2;
    /** The IP or UDP header is not completely captured. */
    public static final int TRUNCATED = -3;
    /** The IP header is malformed (version, header length, total length). */
    public static final int BAD_IP_HEADER = -4;
    /** The packet is an IPv4 fragment (MF set or a non-zero offset) or carries an IPv6 fragment header. */
    public static final int FRAGMENT = -5;
    /** IPv6 with an extension header before the transport header; not followed. */
    public static final int IPV6_EXTENSION_HEADER = -6;
    /** The IP payload is not UDP. */
    public static final int NOT_UDP = -7;
    /** The UDP length is below 8 or beyond the IP payload. */
    public static final int BAD_UDP_LENGTH = -8;

    /** Internet checksum state: not present (UDP checksum 0). */
    public static final int CHECKSUM_ABSENT = 0;
    /** Internet checksum state: verified good. */
    public static final int CHECKSUM_GOOD = 1;
    /** Internet checksum state: verified bad. */
    public static final int CHECKSUM_BAD = 2;
    /** Internet checksum state: not all covered bytes were captured. */
    public static final int CHECKSUM_UNVERIFIABLE = 3;

    private final LinkLayerDecoder link = new LinkLayerDecoder();
    private DirectBuffer buffer;
    private int frameEnd;
    private int ipVersion;
    private int ipOffset;
    private int ipProtocol;
    private int udpOffset;

    /**
     * Looks for a UDP datagram in a frame.
     *
     * @param linkType of the capture.
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param capturedLength captured bytes of the frame.
     * @return {@link #OK} or a negative reason (see {@link #describe}).
     */
    public int extract(final int linkType, final DirectBuffer buffer, final int offset, final int capturedLength)
    {
        this.buffer = buffer;
        frameEnd = offset + capturedLength;
        ipVersion = 0;
        ipProtocol = -1;
        udpOffset = -1;
        final int linkStatus = link.decode(linkType, buffer, offset, capturedLength);
        if (linkStatus < 0)
        {
            return NO_LINK_LAYER;
        }
        if (linkStatus == LinkLayerDecoder.OTHER_NETWORK)
        {
            return NOT_IP;
        }
        ipOffset = link.networkOffset();
        final int available = frameEnd - ipOffset;
        if (available < 1)
        {
            return TRUNCATED;
        }
        final int version = (buffer.getByte(ipOffset) & 0xFF) >>> 4;
        if (version != linkStatus)
        {
            return BAD_IP_HEADER;
        }
        ipVersion = version;
        return version == Ipv4Header.VERSION ? extractIpv4(available) : extractIpv6(available);
    }

    /**
     * IP version of the last frame.
     *
     * @return 4 or 6, or 0 if no IP header was found.
     */
    public int ipVersion()
    {
        return ipVersion;
    }

    /**
     * Offset of the IP header.
     *
     * @return absolute offset in the buffer.
     */
    public int ipOffset()
    {
        return ipOffset;
    }

    /**
     * IPv4 protocol or IPv6 next header.
     *
     * @return 8 bits, or -1 before the IP header was read.
     */
    public int ipProtocol()
    {
        return ipProtocol;
    }

    /**
     * Outermost VLAN ID of an Ethernet frame.
     *
     * @return 12 bits, or -1 when untagged.
     */
    public int outerVlanId()
    {
        return link.outerVlanId();
    }

    /**
     * Offset of the UDP header, after {@link #OK}.
     *
     * @return absolute offset in the buffer.
     */
    public int udpOffset()
    {
        return udpOffset;
    }

    /**
     * UDP source port, after {@link #OK}.
     *
     * @return 16 bits.
     */
    public int sourcePort()
    {
        return UdpHeader.sourcePort(buffer, udpOffset);
    }

    /**
     * UDP destination port, after {@link #OK}.
     *
     * @return 16 bits.
     */
    public int destinationPort()
    {
        return UdpHeader.destinationPort(buffer, udpOffset);
    }

    /**
     * UDP length field, after {@link #OK}.
     *
     * @return header plus payload.
     */
    public int udpLength()
    {
        return UdpHeader.length(buffer, udpOffset);
    }

    /**
     * Offset of the UDP payload, after {@link #OK}.
     *
     * @return absolute offset in the buffer.
     */
    public int payloadOffset()
    {
        return udpOffset + UdpHeader.ENCODED_LENGTH;
    }

    /**
     * Payload length the UDP header announces, after {@link #OK}.
     *
     * @return {@link #udpLength()} minus 8.
     */
    public int payloadLength()
    {
        return udpLength() - UdpHeader.ENCODED_LENGTH;
    }

    /**
     * Payload bytes actually captured, after {@link #OK}.
     *
     * @return at most {@link #payloadLength()}.
     */
    public int capturedPayloadLength()
    {
        return Math.min(payloadLength(), frameEnd - payloadOffset());
    }

    /**
     * Whether the whole payload was captured, after {@link #OK}.
     *
     * @return true unless the snap length cut it.
     */
    public boolean isPayloadComplete()
    {
        return capturedPayloadLength() == payloadLength();
    }

    /**
     * Verifies the IPv4 header checksum, after {@link #OK} on an IPv4 frame.
     *
     * @return {@link #CHECKSUM_GOOD} or {@link #CHECKSUM_BAD}; {@link #CHECKSUM_ABSENT} for IPv6, which has none.
     */
    public int ipv4ChecksumStatus()
    {
        if (ipVersion != Ipv4Header.VERSION)
        {
            return CHECKSUM_ABSENT;
        }
        return Ipv4Header.isChecksumValid(buffer, ipOffset) ? CHECKSUM_GOOD : CHECKSUM_BAD;
    }

    /**
     * Verifies the UDP checksum over the pseudo header, after {@link #OK}.
     *
     * @return {@link #CHECKSUM_ABSENT} for 0, {@link #CHECKSUM_UNVERIFIABLE} when the payload is cut short,
     * otherwise {@link #CHECKSUM_GOOD} or {@link #CHECKSUM_BAD}.
     */
    public int udpChecksumStatus()
    {
        if (UdpHeader.checksum(buffer, udpOffset) == UdpHeader.NO_CHECKSUM)
        {
            return CHECKSUM_ABSENT;
        }
        if (!isPayloadComplete())
        {
            return CHECKSUM_UNVERIFIABLE;
        }
        final int length = udpLength();
        final boolean good = ipVersion == Ipv4Header.VERSION ?
            UdpHeader.isChecksumValidIpv4(buffer, udpOffset, length, Ipv4Header.sourceAddress(buffer, ipOffset),
                Ipv4Header.destinationAddress(buffer, ipOffset), false) :
            UdpHeader.isChecksumValidIpv6(buffer, udpOffset, length, buffer, ipOffset, false);
        return good ? CHECKSUM_GOOD : CHECKSUM_BAD;
    }

    /**
     * Text for a status, for messages.
     *
     * @param status from {@link #extract}.
     * @return e.g. {@code "IPv4 fragment"}.
     */
    public static String describe(final int status)
    {
        switch (status)
        {
            case OK:
                return "ok";
            case NO_LINK_LAYER:
                return "no link-layer header (frame too short or link type unsupported)";
            case NOT_IP:
                return "not IPv4 or IPv6";
            case TRUNCATED:
                return "IP or UDP header not completely captured";
            case BAD_IP_HEADER:
                return "malformed IP header";
            case FRAGMENT:
                return "IP fragment (not reassembled)";
            case IPV6_EXTENSION_HEADER:
                return "IPv6 extension header (not followed)";
            case NOT_UDP:
                return "not UDP";
            case BAD_UDP_LENGTH:
                return "UDP length inconsistent with the IP length";
            default:
                return "status " + status;
        }
    }

    private int extractIpv4(final int available)
    {
        if (available < Ipv4Header.ENCODED_LENGTH)
        {
            return TRUNCATED;
        }
        final int headerLength = Ipv4Header.headerLength(buffer, ipOffset);
        if (headerLength < Ipv4Header.ENCODED_LENGTH)
        {
            return BAD_IP_HEADER;
        }
        if (headerLength > available)
        {
            return TRUNCATED;
        }
        final int totalLength = Ipv4Header.totalLength(buffer, ipOffset);
        if (totalLength < headerLength)
        {
            return BAD_IP_HEADER;
        }
        ipProtocol = Ipv4Header.protocol(buffer, ipOffset);
        if (Ipv4Header.isFragment(buffer, ipOffset))
        {
            return FRAGMENT;
        }
        if (ipProtocol != Ipv4Header.PROTOCOL_UDP)
        {
            return NOT_UDP;
        }
        return extractUdp(ipOffset + headerLength, totalLength - headerLength);
    }

    private int extractIpv6(final int available)
    {
        if (available < Ipv6Header.ENCODED_LENGTH)
        {
            return TRUNCATED;
        }
        ipProtocol = Ipv6Header.nextHeader(buffer, ipOffset);
        switch (ipProtocol)
        {
            case Ipv4Header.PROTOCOL_UDP:
                return extractUdp(ipOffset + Ipv6Header.ENCODED_LENGTH, Ipv6Header.payloadLength(buffer, ipOffset));
            case Ipv6Header.NEXT_HEADER_FRAGMENT:
                return FRAGMENT;
            case Ipv6Header.NEXT_HEADER_HOP_BY_HOP:
            case Ipv6Header.NEXT_HEADER_ROUTING:
            case Ipv6Header.NEXT_HEADER_DESTINATION_OPTIONS:
                return IPV6_EXTENSION_HEADER;
            default:
                return NOT_UDP;
        }
    }

    private int extractUdp(final int offset, final int ipPayloadLength)
    {
        if (frameEnd - offset < UdpHeader.ENCODED_LENGTH)
        {
            return ipPayloadLength < UdpHeader.ENCODED_LENGTH ? BAD_UDP_LENGTH : TRUNCATED;
        }
        udpOffset = offset;
        final int udpLength = UdpHeader.length(buffer, offset);
        return udpLength < UdpHeader.ENCODED_LENGTH || udpLength > ipPayloadLength ? BAD_UDP_LENGTH : OK;
    }
}
