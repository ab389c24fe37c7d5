/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

/**
 * The pcap link-layer header types (tcpdump.org {@code LINKTYPE_*} values, as stored in files) that
 * {@link LinkLayerDecoder} understands. The value set is open: any other value is carried as an {@code int}.
 */
public final class LinkType
{
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    /** Ethernet II, with optional 802.1Q / 802.1ad VLAN tags. */
    public static final int ETHERNET = 1;
    /** Raw IP: the frame starts with an IPv4 or IPv6 header. */
    public static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4. */
    public static final int IPV4 = 228;
    /** Raw IPv6. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkType()
    {
    }

    /**
     * A readable name, for messages.
     *
     * @param linkType a link type value.
     * @return e.g. {@code "ETHERNET"}, or {@code "LINKTYPE_N"} for values not listed here.
     */
    public static String name(final int linkType)
    {
        switch (linkType)
        {
            case NULL:
                return "NULL";
            case ETHERNET:
                return "ETHERNET";
            case RAW:
                return "RAW";
            case LOOP:
                return "LOOP";
            case LINUX_SLL:
                return "LINUX_SLL";
            case IPV4:
                return "IPV4";
            case IPV6:
                return "IPV6";
            case LINUX_SLL2:
                return "LINUX_SLL2";
            default:
                return "LINKTYPE_" + linkType;
        }
    }
}
