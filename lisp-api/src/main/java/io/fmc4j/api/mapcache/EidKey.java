/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import io.fmc4j.api.Afi;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The compact key of an EID prefix: three {@code long}s, compared and hashed without objects.
 * <ul>
 *   <li>{@code word0} = instance ID (24 bits) {@code << 32} | AFI (16 bits) {@code << 8} | mask length (8 bits);</li>
 *   <li>{@code hi}, {@code lo} = the address left-aligned in 128 bits, big-endian: IPv4 in the top 32 bits of
 *   {@code hi}, a MAC in the top 48 bits of {@code hi}, IPv6 across both.</li>
 * </ul>
 * Left alignment makes masking, matching and common-prefix arithmetic the same code for every AFI.
 */
public final class EidKey
{
    /** Largest instance ID (24 bits). */
    public static final int MAX_INSTANCE_ID = 0x00FF_FFFF;

    private EidKey()
    {
    }

    /**
     * Packs the first word.
     *
     * @param instanceId 24-bit instance ID.
     * @param afi        address family.
     * @param maskLength prefix length.
     * @return the packed word.
     */
    public static long word0(final int instanceId, final int afi, final int maskLength)
    {
        return ((long)(instanceId & MAX_INSTANCE_ID) << 32) | ((long)(afi & 0xFFFF) << 8) | (maskLength & 0xFF);
    }

    /**
     * Instance ID of a packed first word.
     *
     * @param word0 the first word.
     * @return the instance ID.
     */
    public static int instanceId(final long word0)
    {
        return (int)(word0 >>> 32) & MAX_INSTANCE_ID;
    }

    /**
     * AFI of a packed first word.
     *
     * @param word0 the first word.
     * @return the AFI.
     */
    public static int afi(final long word0)
    {
        return (int)(word0 >>> 8) & 0xFFFF;
    }

    /**
     * Mask length of a packed first word.
     *
     * @param word0 the first word.
     * @return the mask length.
     */
    public static int maskLength(final long word0)
    {
        return (int)word0 & 0xFF;
    }

    /**
     * Mask of the high word for a prefix length over the 128-bit left-aligned space.
     *
     * @param maskLength 0..128.
     * @return the mask.
     */
    public static long maskHi(final int maskLength)
    {
        return maskLength >= 64 ? -1L : (maskLength <= 0 ? 0L : -1L << (64 - maskLength));
    }

    /**
     * Mask of the low word for a prefix length over the 128-bit left-aligned space.
     *
     * @param maskLength 0..128.
     * @return the mask.
     */
    public static long maskLo(final int maskLength)
    {
        return maskLength <= 64 ? 0L : (maskLength >= 128 ? -1L : -1L << (128 - maskLength));
    }

    /**
     * Left-aligns an IPv4 address.
     *
     * @param address the address as a big-endian {@code int} (as read from a packet).
     * @return the high word.
     */
    public static long ipv4Hi(final int address)
    {
        return (long)address << 32;
    }

    /**
     * Left-aligns a 48-bit MAC address.
     *
     * @param mac the address in the low 48 bits.
     * @return the high word.
     */
    public static long macHi(final long mac)
    {
        return mac << 16;
    }

    /**
     * Reads the high word of an address of the AFI from a buffer (network byte order).
     *
     * @param afi    IPv4, IPv6 or MAC (the caller has checked it with {@link #isEidAfi(int)}).
     * @param buffer holding the address.
     * @param offset of the address.
     * @return the left-aligned high word.
     */
    public static long readHi(final int afi, final DirectBuffer buffer, final int offset)
    {
        switch (afi)
        {
            case Afi.IPV4:
                return ipv4Hi(buffer.getInt(offset, BIG_ENDIAN));
            case Afi.IPV6:
                return buffer.getLong(offset, BIG_ENDIAN);
            default:
                return (((long)buffer.getInt(offset, BIG_ENDIAN) << 32) |
                    ((long)(buffer.getShort(offset + 4, BIG_ENDIAN) & 0xFFFF) << 16));
        }
    }

    /**
     * Reads the low word of an address of the AFI from a buffer (network byte order).
     *
     * @param afi    IPv4, IPv6 or MAC.
     * @param buffer holding the address.
     * @param offset of the address.
     * @return the left-aligned low word (0 unless IPv6).
     */
    public static long readLo(final int afi, final DirectBuffer buffer, final int offset)
    {
        return afi == Afi.IPV6 ? buffer.getLong(offset + 8, BIG_ENDIAN) : 0L;
    }

    /**
     * Is the AFI one an EID prefix may have in the map-cache?
     *
     * @param afi address family.
     * @return true for IPv4, IPv6 and MAC.
     */
    public static boolean isEidAfi(final int afi)
    {
        return afi == Afi.IPV4 || afi == Afi.IPV6 || afi == Afi.MAC;
    }

    /**
     * Checks a prefix: instance ID range, AFI, mask length and host bits.
     *
     * @param instanceId instance ID.
     * @param afi        address family.
     * @param maskLength prefix length.
     * @param hi         left-aligned high word.
     * @param lo         left-aligned low word.
     * @return {@link MapCacheStatus#OK} or the reason it is refused.
     */
    public static int validate(final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        if ((instanceId & ~MAX_INSTANCE_ID) != 0)
        {
            return MapCacheStatus.BAD_INSTANCE_ID;
        }
        if (!isEidAfi(afi))
        {
            return MapCacheStatus.UNKNOWN_AFI;
        }
        if (maskLength < 0 || maskLength > Afi.maxMaskLength(afi))
        {
            return MapCacheStatus.BAD_MASK_LENGTH;
        }
        if ((hi & ~maskHi(maskLength)) != 0 || (lo & ~maskLo(maskLength)) != 0)
        {
            return MapCacheStatus.HOST_BITS_SET;
        }
        return MapCacheStatus.OK;
    }

    /**
     * Number of leading bits two left-aligned addresses share.
     *
     * @param hiA high word of a.
     * @param loA low word of a.
     * @param hiB high word of b.
     * @param loB low word of b.
     * @return 0..128.
     */
    public static int commonPrefixLength(final long hiA, final long loA, final long hiB, final long loB)
    {
        final long x = hiA ^ hiB;
        return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(loA ^ loB);
    }

    /**
     * A well-mixed 64-bit hash of a key (a Stafford variant of the SplitMix64 finaliser over the three words).
     *
     * @param word0 first word.
     * @param hi    high word.
     * @param lo    low word.
     * @return the hash.
     */
    public static long hash(final long word0, final long hi, final long lo)
    {
        long h = word0 * 0x9E37_79B9_7F4A_7C15L;
        h ^= hi + 0xBF58_476D_1CE4_E5B9L + (h << 6) + (h >>> 2);
        h ^= lo + 0x94D0_49BB_1331_11EBL + (h << 6) + (h >>> 2);
        h ^= h >>> 31;
        h *= 0x7FB5_D329_728E_A185L;
        h ^= h >>> 27;
        h *= 0x81DA_DEF4_BC2D_D44DL;
        return h ^ (h >>> 33);
    }

    /**
     * Appends the address and mask in text form, for the cold path.
     *
     * @param sb    to append to.
     * @param word0 first word.
     * @param hi    high word.
     * @param lo    low word.
     * @return {@code sb}.
     */
    public static StringBuilder appendTo(final StringBuilder sb, final long word0, final long hi, final long lo)
    {
        final int iid = instanceId(word0);
        if (iid != 0)
        {
            sb.append('[').append(iid).append(']');
        }
        final int afi = afi(word0);
        switch (afi)
        {
            case Afi.IPV4:
                for (int i = 0; i < 4; i++)
                {
                    if (i > 0)
                    {
                        sb.append('.');
                    }
                    sb.append((int)(hi >>> (56 - 8 * i)) & 0xFF);
                }
                break;
            case Afi.IPV6:
                for (int i = 0; i < 8; i++)
                {
                    if (i > 0)
                    {
                        sb.append(':');
                    }
                    final long w = i < 4 ? hi : lo;
                    sb.append(Integer.toHexString((int)(w >>> (48 - 16 * (i & 3))) & 0xFFFF));
                }
                break;
            case Afi.MAC:
                for (int i = 0; i < 6; i++)
                {
                    if (i > 0)
                    {
                        sb.append(':');
                    }
                    final int b = (int)(hi >>> (56 - 8 * i)) & 0xFF;
                    sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
                }
                break;
            default:
                sb.append(Afi.name(afi)).append(':').append(Long.toHexString(hi)).append(Long.toHexString(lo));
                break;
        }
        return sb.append('/').append(maskLength(word0));
    }
}
