/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api;

/**
 * Address Family Identifiers used by LISP (IANA "Address Family Numbers", RFC 8060 for LCAF).
 * <p>
 * An open value set: unknown values are carried as {@code int}, counted and skipped, never mapped to an enum.
 */
public final class Afi
{
    /** No address (an empty source EID, a negative record of unspecified family). */
    public static final int NONE = 0;
    /** IPv4, 4 bytes. */
    public static final int IPV4 = 1;
    /** IPv6, 16 bytes. */
    public static final int IPV6 = 2;
    /** Distinguished name: a NUL-terminated ASCII string. */
    public static final int DISTINGUISHED_NAME = 17;
    /** LISP Canonical Address Format, RFC 8060. */
    public static final int LCAF = 16387;
    /** 48-bit MAC address, 6 bytes. */
    public static final int MAC = 16389;

    /** Length of the IPv4 address in bytes. */
    public static final int IPV4_LENGTH = 4;
    /** Length of the IPv6 address in bytes. */
    public static final int IPV6_LENGTH = 16;
    /** Length of the MAC address in bytes. */
    public static final int MAC_LENGTH = 6;

    private Afi()
    {
    }

    /**
     * Fixed address length of an AFI.
     *
     * @param afi the address family.
     * @return the address length in bytes, or -1 when the length is not fixed (LCAF, names) or the AFI is unknown.
     */
    public static int fixedLength(final int afi)
    {
        switch (afi)
        {
            case NONE:
                return 0;
            case IPV4:
                return IPV4_LENGTH;
            case IPV6:
                return IPV6_LENGTH;
            case MAC:
                return MAC_LENGTH;
            default:
                return -1;
        }
    }

    /**
     * Maximum mask length for a prefix of the AFI.
     *
     * @param afi the address family.
     * @return 32, 128 or 48; 0 for {@link #NONE}; -1 for an AFI without prefixes.
     */
    public static int maxMaskLength(final int afi)
    {
        final int length = fixedLength(afi);
        return length < 0 ? -1 : length * 8;
    }

    /**
     * A short lower-case name for logs and JSON.
     *
     * @param afi the address family.
     * @return the name, or {@code "afi-N"} for a value without one.
     */
    public static String name(final int afi)
    {
        switch (afi)
        {
            case NONE:
                return "none";
            case IPV4:
                return "ipv4";
            case IPV6:
                return "ipv6";
            case DISTINGUISHED_NAME:
                return "dn";
            case LCAF:
                return "lcaf";
            case MAC:
                return "mac";
            default:
                return "afi-" + afi;
        }
    }
}
