/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A hash of an inner packet's flow: addresses, protocol and, for TCP, UDP and SCTP (and not for later IPv4
 * fragments, which carry no ports), the two ports. Every packet of a flow hashes alike, so the ITR picks the same
 * RLOC and the same outer UDP source port for all of them (RFC 9300 §5.3, §12). Stateless, never allocates; the
 * caller has validated the header.
 */
public final class FlowHash
{
    private static final int PROTOCOL_SCTP = 132;

    private FlowHash()
    {
    }

    /**
     * Hash of an IPv4 packet's flow.
     *
     * @param buffer holding the packet.
     * @param offset of the IPv4 header.
     * @param length bytes of the packet.
     * @return a well-mixed 32-bit hash.
     */
    public static int ipv4(final DirectBuffer buffer, final int offset, final int length)
    {
        final long addresses = buffer.getLong(offset + Ipv4Header.SOURCE_OFFSET, BIG_ENDIAN);
        final int protocol = buffer.getByte(offset + Ipv4Header.PROTOCOL_OFFSET) & 0xFF;
        final int headerLength = (buffer.getByte(offset) & 0x0F) << 2;
        int ports = 0;
        if (hasPorts(protocol) && (Ipv4Header.flagsAndFragmentOffset(buffer, offset) &
            Ipv4Header.FRAGMENT_OFFSET_MASK) == 0 && headerLength + 4 <= length)
        {
            ports = buffer.getInt(offset + headerLength, BIG_ENDIAN);
        }
        return mix(addresses ^ ((long)protocol << 32 | (ports & 0xFFFF_FFFFL)) * 0x9E37_79B9_7F4A_7C15L);
    }

    /**
     * {@link #ipv4(DirectBuffer, int, int)} at a raw address, without bounds checks: the caller has checked that
     * {@code length} bytes of a validated IPv4 packet lie there.
     *
     * @param array   the backing array, or null for off-heap memory.
     * @param address address (array offset or native address) of the IPv4 header.
     * @param length  bytes of the packet.
     * @return the same hash as {@link #ipv4(DirectBuffer, int, int)}.
     */
    public static int ipv4(final byte[] array, final long address, final int length)
    {
        final long addresses = Raw.longBigEndian(array, address + Ipv4Header.SOURCE_OFFSET);
        final int protocol = UnsafeApi.getByte(array, address + Ipv4Header.PROTOCOL_OFFSET) & 0xFF;
        final int headerLength = (UnsafeApi.getByte(array, address) & 0x0F) << 2;
        int ports = 0;
        if (hasPorts(protocol) &&
            (Raw.shortBigEndian(array, address + Ipv4Header.FLAGS_FRAGMENT_OFFSET) &
            Ipv4Header.FRAGMENT_OFFSET_MASK) == 0 && headerLength + 4 <= length)
        {
            ports = Raw.intBigEndian(array, address + headerLength);
        }
        return mix(addresses ^ ((long)protocol << 32 | (ports & 0xFFFF_FFFFL)) * 0x9E37_79B9_7F4A_7C15L);
    }

    /**
     * Hash of an IPv6 packet's flow (ports only when the next header is directly TCP, UDP or SCTP).
     *
     * @param buffer holding the packet.
     * @param offset of the IPv6 header.
     * @param length bytes of the packet.
     * @return a well-mixed 32-bit hash.
     */
    public static int ipv6(final DirectBuffer buffer, final int offset, final int length)
    {
        final int protocol = buffer.getByte(offset + Ipv6Header.NEXT_HEADER_OFFSET) & 0xFF;
        int ports = 0;
        if (hasPorts(protocol) && Ipv6Header.ENCODED_LENGTH + 4 <= length)
        {
            ports = buffer.getInt(offset + Ipv6Header.ENCODED_LENGTH, BIG_ENDIAN);
        }
        long h = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET) * 0x9E37_79B9_7F4A_7C15L;
        h = (h ^ buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET + 8)) * 0xBF58_476D_1CE4_E5B9L;
        h = (h ^ buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET)) * 0x94D0_49BB_1331_11EBL;
        h = (h ^ buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET + 8)) * 0x9E37_79B9_7F4A_7C15L;
        return mix(h ^ ((long)protocol << 32 | (ports & 0xFFFF_FFFFL)));
    }

    private static boolean hasPorts(final int protocol)
    {
        return protocol == Ipv4Header.PROTOCOL_TCP || protocol == Ipv4Header.PROTOCOL_UDP ||
            protocol == PROTOCOL_SCTP;
    }

    private static int mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return (int)h;
    }
}
