/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Finds the network-layer packet in a captured frame. Reusable and allocation-free:
 * <pre>
 * if (link.decode(reader.linkType(), frame, 0, reader.capturedLength()) == LinkLayerDecoder.IPV4) { ... }
 * </pre>
 * {@link #decode} returns {@link #IPV4}, {@link #IPV6}, {@link #OTHER_NETWORK} (e.g. ARP: the EtherType is in
 * {@link #networkProtocol()}), or a negative status. Bytes past the link header are not looked at.
 */
public final class LinkLayerDecoder
{
    /** The frame carries an IPv4 packet at {@link #networkOffset()}. */
    public static final int IPV4 = 4;
    /** The frame carries an IPv6 packet at {@link #networkOffset()}. */
    public static final int IPV6 = 6;
    /** The frame carries another network protocol, given in {@link #networkProtocol()} as an EtherType. */
    public static final int OTHER_NETWORK = 1;
    /** The frame is shorter than its link-layer header. */
    public static final int TRUNCATED = -1;
    /** A link type this decoder does not handle. */
    public static final int UNSUPPORTED_LINK_TYPE = -2;

    /** EtherType of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** EtherType of an 802.1Q VLAN tag. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** EtherType of an 802.1ad service tag (QinQ). */
    public static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard QinQ EtherType still seen in captures. */
    public static final int ETHERTYPE_QINQ_OLD = 0x9100;

    /** Length of an Ethernet II header without tags. */
    public static final int ETHERNET_HEADER_LENGTH = 14;
    /** Length of a Linux cooked v1 header. */
    public static final int SLL_HEADER_LENGTH = 16;
    /** Length of a Linux cooked v2 header. */
    public static final int SLL2_HEADER_LENGTH = 20;
    /** Length of a BSD loopback header. */
    public static final int NULL_HEADER_LENGTH = 4;

    private static final int AF_INET = 2;
    private static final int AF_INET6_LINUX = 10;
    private static final int AF_INET6_NETBSD_OPENBSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;
    private static final int VLAN_TAG_LENGTH = 4;

    private int networkOffset;
    private int networkProtocol;
    private int vlanCount;
    private int outerVlanId;

    /**
     * Decodes the link-layer header of one frame.
     *
     * @param linkType the capture's link type, e.g. {@link LinkType#ETHERNET}.
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param length captured bytes of the frame.
     * @return {@link #IPV4}, {@link #IPV6}, {@link #OTHER_NETWORK}, {@link #TRUNCATED} or
     * {@link #UNSUPPORTED_LINK_TYPE}.
     */
    public int decode(final int linkType, final DirectBuffer buffer, final int offset, final int length)
    {
        networkOffset = offset;
        networkProtocol = 0;
        vlanCount = 0;
        outerVlanId = -1;
        switch (linkType)
        {
            case LinkType.ETHERNET:
                return decodeEthernet(buffer, offset, length);
            case LinkType.RAW:
                return decodeRaw(buffer, offset, length);
            case LinkType.IPV4:
                return found(offset, ETHERTYPE_IPV4);
            case LinkType.IPV6:
                return found(offset, ETHERTYPE_IPV6);
            case LinkType.LINUX_SLL:
                return length < SLL_HEADER_LENGTH ? TRUNCATED :
                    found(offset + SLL_HEADER_LENGTH, buffer.getShort(offset + 14, BIG_ENDIAN) & 0xFFFF);
            case LinkType.LINUX_SLL2:
                return length < SLL2_HEADER_LENGTH ? TRUNCATED :
                    found(offset + SLL2_HEADER_LENGTH, buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF);
            case LinkType.NULL:
                return decodeLoopback(buffer, offset, length, false);
            case LinkType.LOOP:
                return decodeLoopback(buffer, offset, length, true);
            default:
                return UNSUPPORTED_LINK_TYPE;
        }
    }

    /**
     * Offset of the network-layer packet, valid after a non-negative {@link #decode}.
     *
     * @return absolute offset in the buffer.
     */
    public int networkOffset()
    {
        return networkOffset;
    }

    /**
     * Network protocol as an EtherType ({@link #ETHERTYPE_IPV4}, {@link #ETHERTYPE_IPV6} or other), valid after a
     * non-negative {@link #decode}. For loopback captures carrying neither IPv4 nor IPv6, the address family.
     *
     * @return 16 bits.
     */
    public int networkProtocol()
    {
        return networkProtocol;
    }

    /**
     * Number of VLAN tags skipped in an Ethernet frame.
     *
     * @return 0 when untagged.
     */
    public int vlanCount()
    {
        return vlanCount;
    }

    /**
     * VLAN ID of the outermost tag.
     *
     * @return 12 bits, or -1 when untagged.
     */
    public int outerVlanId()
    {
        return outerVlanId;
    }

    private int decodeEthernet(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ETHERNET_HEADER_LENGTH)
        {
            return TRUNCATED;
        }
        int typeOffset = offset + 12;
        int type = buffer.getShort(typeOffset, BIG_ENDIAN) & 0xFFFF;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD)
        {
            if (typeOffset + VLAN_TAG_LENGTH + 2 > offset + length)
            {
                return TRUNCATED;
            }
            if (vlanCount == 0)
            {
                outerVlanId = buffer.getShort(typeOffset + 2, BIG_ENDIAN) & 0x0FFF;
            }
            vlanCount++;
            typeOffset += VLAN_TAG_LENGTH;
            type = buffer.getShort(typeOffset, BIG_ENDIAN) & 0xFFFF;
        }
        return found(typeOffset + 2, type);
    }

    private int decodeRaw(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return TRUNCATED;
        }
        final int version = (buffer.getByte(offset) & 0xFF) >>> 4;
        return found(offset, version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : 0);
    }

    private int decodeLoopback(
        final DirectBuffer buffer, final int offset, final int length, final boolean networkOrder)
    {
        if (length < NULL_HEADER_LENGTH)
        {
            return TRUNCATED;
        }
        int family = buffer.getInt(offset, networkOrder ? BIG_ENDIAN : LITTLE_ENDIAN);
        if (!networkOrder && (family & 0xFFFF_0000) != 0)
        {
            // Written by a big-endian host: the family is in the high bytes when read little-endian.
            family = Integer.reverseBytes(family);
        }
        final int protocol;
        switch (family)
        {
            case AF_INET:
                protocol = ETHERTYPE_IPV4;
                break;
            case AF_INET6_LINUX:
            case AF_INET6_NETBSD_OPENBSD:
            case AF_INET6_FREEBSD:
            case AF_INET6_DARWIN:
                protocol = ETHERTYPE_IPV6;
                break;
            default:
                protocol = family & 0xFFFF;
                break;
        }
        return found(offset + NULL_HEADER_LENGTH, protocol);
    }

    private int found(final int offset, final int protocol)
    {
        networkOffset = offset;
        networkProtocol = protocol;
        return protocol == ETHERTYPE_IPV4 ? IPV4 : protocol == ETHERTYPE_IPV6 ? IPV6 : OTHER_NETWORK;
    }
}
