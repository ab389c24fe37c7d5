/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import io.fmc4j.api.Afi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An EID prefix as an immutable value, for configuration, tests and the control plane (cold path). The data path
 * uses the same key as three {@code long}s, see {@link EidKey}.
 * <p>
 * Text form: {@code [iid]address/length}, the instance ID part optional (0), e.g. {@code 10.1.0.0/16},
 * {@code [7]2001:db8::/32}, {@code 00:16:3e:00:00:01/48}.
 */
public final class EidPrefix implements Comparable<EidPrefix>
{
    private final long word0;
    private final long hi;
    private final long lo;

    private EidPrefix(final long word0, final long hi, final long lo)
    {
        this.word0 = word0;
        this.hi = hi;
        this.lo = lo;
    }

    /**
     * A prefix from its compact form, checked.
     *
     * @param instanceId instance ID (24 bits).
     * @param afi        IPv4, IPv6 or MAC.
     * @param maskLength prefix length.
     * @param hi         left-aligned high word.
     * @param lo         left-aligned low word.
     * @return the prefix.
     * @throws IllegalArgumentException naming the reason when {@link EidKey#validate} refuses it.
     */
    public static EidPrefix of(final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        final int status = EidKey.validate(instanceId, afi, maskLength, hi, lo);
        if (status != MapCacheStatus.OK)
        {
            final StringBuilder sb = new StringBuilder("invalid EID prefix (").append(MapCacheStatus.name(status))
                .append("): iid=").append(instanceId).append(" afi=").append(afi).append(" mask=").append(maskLength)
                .append(" address=");
            EidKey.appendTo(sb, EidKey.word0(0, afi, maskLength), hi, lo);
            throw new IllegalArgumentException(sb.toString());
        }
        return new EidPrefix(EidKey.word0(instanceId, afi, maskLength), hi, lo);
    }

    /**
     * An IPv4 prefix, checked.
     *
     * @param instanceId instance ID.
     * @param address    big-endian address.
     * @param maskLength 0..32.
     * @return the prefix.
     */
    public static EidPrefix ipv4(final int instanceId, final int address, final int maskLength)
    {
        return of(instanceId, Afi.IPV4, maskLength, EidKey.ipv4Hi(address), 0L);
    }

    /**
     * Parses the text form (see the class comment). Never resolves names.
     *
     * @param text e.g. {@code [1]10.0.0.0/8}.
     * @return the prefix.
     * @throws IllegalArgumentException with the reason, for text that is not a valid prefix.
     */
    public static EidPrefix parse(final String text)
    {
        String s = text.trim();
        int iid = 0;
        if (s.startsWith("["))
        {
            final int close = s.indexOf(']');
            if (close < 0)
            {
                throw new IllegalArgumentException("unterminated instance ID in: " + text);
            }
            iid = parseNumber(s.substring(1, close), text);
            s = s.substring(close + 1);
        }
        final int slash = s.lastIndexOf('/');
        final String address = slash < 0 ? s : s.substring(0, slash);
        final int afi = afiOf(address);
        final int maskLength = slash < 0 ? Afi.maxMaskLength(afi) : parseNumber(s.substring(slash + 1), text);
        final long hi;
        long lo = 0L;
        switch (afi)
        {
            case Afi.IPV4:
                hi = EidKey.ipv4Hi(parseIpv4(address, text));
                break;
            case Afi.MAC:
                hi = EidKey.macHi(parseMac(address, text));
                break;
            default:
                final byte[] bytes = parseIpv6(address, text);
                long h = 0;
                long l = 0;
                for (int i = 0; i < 8; i++)
                {
                    h = (h << 8) | (bytes[i] & 0xFF);
                    l = (l << 8) | (bytes[i + 8] & 0xFF);
                }
                hi = h;
                lo = l;
                break;
        }
        if (maskLength > Afi.maxMaskLength(afi))
        {
            throw new IllegalArgumentException("mask length " + maskLength + " longer than " + Afi.name(afi) +
                " allows (" + Afi.maxMaskLength(afi) + "): " + text);
        }
        return of(iid, afi, maskLength, hi, lo);
    }

    private static int afiOf(final String address)
    {
        if (address.indexOf(':') < 0 && address.indexOf('-') < 0)
        {
            return Afi.IPV4;
        }
        final String[] parts = address.split("[:-]", -1);
        if (parts.length == 6 && address.length() == 17)
        {
            return Afi.MAC;
        }
        return Afi.IPV6;
    }

    private static int parseNumber(final String s, final String text)
    {
        try
        {
            final int n = Integer.parseInt(s);
            if (n < 0)
            {
                throw new IllegalArgumentException("negative number in: " + text);
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number '" + s + "' in: " + text, ex);
        }
    }

    private static int parseIpv4(final String s, final String text)
    {
        final String[] parts = s.split("\\.", -1);
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int address = 0;
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3)
            {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            final int b = parseNumber(part, text);
            if (b > 255)
            {
                throw new IllegalArgumentException("IPv4 byte out of range in: " + text);
            }
            address = (address << 8) | b;
        }
        return address;
    }

    private static long parseMac(final String s, final String text)
    {
        long mac = 0;
        for (final String part : s.split("[:-]", -1))
        {
            if (part.length() != 2 ||
                Character.digit(part.charAt(0), 16) < 0 || Character.digit(part.charAt(1), 16) < 0)
            {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    private static byte[] parseIpv6(final String s, final String text)
    {
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.')
            {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
        }
        try
        {
            // A literal with ':' is parsed, never resolved (checked above: only hex digits, ':' and '.').
            final InetAddress address = InetAddress.getByName(s);
            if (!(address instanceof Inet6Address))
            {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return address.getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IPv6 address: " + text, ex);
        }
    }

    /**
     * Instance ID.
     *
     * @return 24 bits.
     */
    public int instanceId()
    {
        return EidKey.instanceId(word0);
    }

    /**
     * Address family.
     *
     * @return IPv4, IPv6 or MAC.
     */
    public int afi()
    {
        return EidKey.afi(word0);
    }

    /**
     * Prefix length.
     *
     * @return the mask length.
     */
    public int maskLength()
    {
        return EidKey.maskLength(word0);
    }

    /**
     * First word of the compact key.
     *
     * @return see {@link EidKey}.
     */
    public long word0()
    {
        return word0;
    }

    /**
     * Left-aligned high word.
     *
     * @return the high 64 bits.
     */
    public long hi()
    {
        return hi;
    }

    /**
     * Left-aligned low word.
     *
     * @return the low 64 bits.
     */
    public long lo()
    {
        return lo;
    }

    /**
     * Does this prefix cover another (same instance ID and AFI, not longer, same leading bits)?
     *
     * @param other a prefix.
     * @return true when every address of {@code other} is in this prefix.
     */
    public boolean covers(final EidPrefix other)
    {
        final int length = maskLength();
        return instanceId() == other.instanceId() && afi() == other.afi() && length <= other.maskLength() &&
            (other.hi & EidKey.maskHi(length)) == hi && (other.lo & EidKey.maskLo(length)) == lo;
    }

    /**
     * The prefix of the given length that contains this one's address.
     *
     * @param maskLength not longer than this AFI allows.
     * @return a prefix.
     */
    public EidPrefix withMaskLength(final int maskLength)
    {
        return of(instanceId(), afi(), maskLength, hi & EidKey.maskHi(maskLength), lo & EidKey.maskLo(maskLength));
    }

    @Override
    public int compareTo(final EidPrefix o)
    {
        int c = Long.compare(word0 & ~0xFFL, o.word0 & ~0xFFL);
        if (c == 0)
        {
            c = Long.compareUnsigned(hi, o.hi);
        }
        if (c == 0)
        {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(maskLength(), o.maskLength());
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof EidPrefix))
        {
            return false;
        }
        final EidPrefix p = (EidPrefix)o;
        return word0 == p.word0 && hi == p.hi && lo == p.lo;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(EidKey.hash(word0, hi, lo));
    }

    @Override
    public String toString()
    {
        return EidKey.appendTo(new StringBuilder(), word0, hi, lo).toString();
    }
}
