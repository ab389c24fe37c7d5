/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.core.codec.ip.InternetChecksum;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes the ICMP errors an ITR sends back to an inner source whose packet would exceed the RLOC-side MTU once
 * encapsulated (RFC 9300 §7.1): ICMP type 3 code 4 "fragmentation needed" with the next-hop MTU (RFC 1191), or
 * ICMPv6 type 2 "packet too big" with the MTU (RFC 4443 §3.2). The error's source address is the inner packet's
 * destination (the host the source was trying to reach, so the source's stack matches it to the flow), its
 * destination the inner source. No error is sent about an ICMP error (RFC 1812 §4.3.2.7, RFC 4443 §2.4(e)).
 * Stateless; writes into a caller-owned buffer; never allocates.
 */
final class TooBig
{
    static final int ICMP_PROTOCOL = 1;
    static final int ICMPV6_NEXT_HEADER = 58;
    static final int ICMP_DEST_UNREACHABLE = 3;
    static final int ICMP_FRAGMENTATION_NEEDED = 4;
    static final int ICMPV6_PACKET_TOO_BIG = 2;
    private static final int ICMP_HEADER = 8;
    /** RFC 1812 §4.3.2.3: the error, IP header included, should not exceed 576 bytes. */
    private static final int IPV4_ERROR_MAX = 576;
    /** RFC 4443 §2.4(c): as much of the invoking packet as fits the IPv6 minimum MTU. */
    private static final int IPV6_ERROR_MAX = 1280;

    /**
     * An ICMP fragmentation-needed error about an IPv4 packet.
     *
     * @param in       holding the invoking packet.
     * @param offset   of its IPv4 header.
     * @param length   its length.
     * @param mtu      the largest inner packet that fits.
     * @param out      where to write the error.
     * @param outOffset where its IPv4 header starts.
     * @return the error's length, or 0 when none may be sent.
     */
    int writeIpv4(
        final DirectBuffer in, final int offset, final int length, final int mtu, final MutableDirectBuffer out,
        final int outOffset)
    {
        final int headerLength = Ipv4Header.headerLength(in, offset);
        if (Ipv4Header.protocol(in, offset) == ICMP_PROTOCOL && headerLength < length)
        {
            final int type = in.getByte(offset + headerLength) & 0xFF;
            if (type != 0 && type != 8 && type != 13 && type != 14)
            {
                return 0;
            }
        }
        if ((Ipv4Header.flagsAndFragmentOffset(in, offset) & Ipv4Header.FRAGMENT_OFFSET_MASK) != 0)
        {
            return 0;
        }
        final int quoted = Math.min(length, IPV4_ERROR_MAX - Ipv4Header.ENCODED_LENGTH - ICMP_HEADER);
        final int total = Ipv4Header.ENCODED_LENGTH + ICMP_HEADER + quoted;
        out.putInt(outOffset, 0x4500_0000 | total, BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.IDENTIFICATION_OFFSET, 0, BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.TTL_OFFSET, (64 << 24) | (ICMP_PROTOCOL << 16), BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.SOURCE_OFFSET, Ipv4Header.destinationAddress(in, offset), BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.DESTINATION_OFFSET, Ipv4Header.sourceAddress(in, offset), BIG_ENDIAN);
        Ipv4Header.updateChecksum(out, outOffset);
        final int icmp = outOffset + Ipv4Header.ENCODED_LENGTH;
        out.putInt(icmp, (ICMP_DEST_UNREACHABLE << 24) | (ICMP_FRAGMENTATION_NEEDED << 16), BIG_ENDIAN);
        out.putInt(icmp + 4, mtu & 0xFFFF, BIG_ENDIAN);
        out.putBytes(icmp + ICMP_HEADER, in, offset, quoted);
        final int checksum = InternetChecksum.checksum(out, icmp, ICMP_HEADER + quoted);
        out.putShort(icmp + 2, (short)checksum, BIG_ENDIAN);
        return total;
    }

    /**
     * An ICMPv6 packet-too-big error about an IPv6 packet.
     *
     * @param in       holding the invoking packet.
     * @param offset   of its IPv6 header.
     * @param length   its length.
     * @param mtu      the largest inner packet that fits.
     * @param out      where to write the error.
     * @param outOffset where its IPv6 header starts.
     * @return the error's length, or 0 when none may be sent.
     */
    int writeIpv6(
        final DirectBuffer in, final int offset, final int length, final int mtu, final MutableDirectBuffer out,
        final int outOffset)
    {
        if (Ipv6Header.nextHeader(in, offset) == ICMPV6_NEXT_HEADER && length > Ipv6Header.ENCODED_LENGTH &&
            (in.getByte(offset + Ipv6Header.ENCODED_LENGTH) & 0x80) == 0)
        {
            return 0;
        }
        final int quoted = Math.min(length, IPV6_ERROR_MAX - Ipv6Header.ENCODED_LENGTH - ICMP_HEADER);
        final int payload = ICMP_HEADER + quoted;
        out.putInt(outOffset, 0x6000_0000, BIG_ENDIAN);
        out.putInt(outOffset + Ipv6Header.PAYLOAD_LENGTH_OFFSET, (payload << 16) | (ICMPV6_NEXT_HEADER << 8) | 255,
            BIG_ENDIAN);
        out.putBytes(outOffset + Ipv6Header.SOURCE_OFFSET, in, offset + Ipv6Header.DESTINATION_OFFSET,
            Ipv6Header.ADDRESS_LENGTH);
        out.putBytes(outOffset + Ipv6Header.DESTINATION_OFFSET, in, offset + Ipv6Header.SOURCE_OFFSET,
            Ipv6Header.ADDRESS_LENGTH);
        final int icmp = outOffset + Ipv6Header.ENCODED_LENGTH;
        out.putInt(icmp, ICMPV6_PACKET_TOO_BIG << 24, BIG_ENDIAN);
        out.putInt(icmp + 4, mtu, BIG_ENDIAN);
        out.putBytes(icmp + ICMP_HEADER, in, offset, quoted);
        final long sum = Ipv6Header.addressSum(out, outOffset) + InternetChecksum.sum(payload) +
            InternetChecksum.sum(ICMPV6_NEXT_HEADER) + InternetChecksum.sum(out, icmp, payload);
        out.putShort(icmp + 2, (short)InternetChecksum.complement(sum), BIG_ENDIAN);
        return Ipv6Header.ENCODED_LENGTH + payload;
    }
}
