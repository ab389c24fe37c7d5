/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.Afi;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes AFI-encoded addresses. Each method writes at an offset and returns the number of bytes written, so
 * message encoders advance a cursor with it. Only {@link #putDistinguishedName} allocates (it encodes text).
 */
public final class AddressEncoder
{
    /** Instance-ID LCAF header plus the 32-bit IID, before the wrapped address. */
    public static final int INSTANCE_ID_PREFIX_LENGTH = Lcaf.HEADER_LENGTH + 4;

    private AddressEncoder()
    {
    }

    /**
     * AFI 0, no address.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @return 2.
     */
    public static int putNone(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putShort(offset, (short)Afi.NONE, BIG_ENDIAN);
        return LispAddress.AFI_LENGTH;
    }

    /**
     * An IPv4 address.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param ipv4 the address, network order in an int.
     * @return 6.
     */
    public static int putIpv4(final MutableDirectBuffer buffer, final int offset, final int ipv4)
    {
        buffer.putShort(offset, (short)Afi.IPV4, BIG_ENDIAN);
        buffer.putInt(offset + 2, ipv4, BIG_ENDIAN);
        return 6;
    }

    /**
     * An IPv6 address.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param high first 8 bytes, network order.
     * @param low last 8 bytes, network order.
     * @return 18.
     */
    public static int putIpv6(final MutableDirectBuffer buffer, final int offset, final long high, final long low)
    {
        buffer.putShort(offset, (short)Afi.IPV6, BIG_ENDIAN);
        buffer.putLong(offset + 2, high, BIG_ENDIAN);
        buffer.putLong(offset + 10, low, BIG_ENDIAN);
        return 18;
    }

    /**
     * A 48-bit MAC address.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param mac the address in the low 48 bits.
     * @return 8.
     */
    public static int putMac(final MutableDirectBuffer buffer, final int offset, final long mac)
    {
        buffer.putShort(offset, (short)Afi.MAC, BIG_ENDIAN);
        buffer.putShort(offset + 2, (short)(mac >>> 32), BIG_ENDIAN);
        buffer.putInt(offset + 4, (int)mac, BIG_ENDIAN);
        return 8;
    }

    /**
     * A distinguished name (AFI 17): ASCII, NUL-terminated. Cold path.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param name the name; must not contain NUL.
     * @return bytes written.
     */
    public static int putDistinguishedName(final MutableDirectBuffer buffer, final int offset, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        for (final byte b : bytes)
        {
            if (b == 0)
            {
                throw new IllegalArgumentException("distinguished name contains NUL");
            }
        }
        buffer.putShort(offset, (short)Afi.DISTINGUISHED_NAME, BIG_ENDIAN);
        buffer.putBytes(offset + 2, bytes);
        buffer.putByte(offset + 2 + bytes.length, (byte)0);
        return bytes.length + 3;
    }

    /**
     * Copies an already encoded address (any AFI, LCAFs included).
     *
     * @param buffer to write into.
     * @param offset to write at.
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return {@code length}.
     */
    public static int putEncoded(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer source,
        final int sourceOffset,
        final int length)
    {
        buffer.putBytes(offset, source, sourceOffset, length);
        return length;
    }

    /**
     * An LCAF header. The caller writes {@code bodyLength} bytes of body after it.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param type LCAF type.
     * @param flags the flags byte.
     * @param rsvd2 the type-specific Rsvd2 byte (IID mask-length for Instance-ID).
     * @param bodyLength length of what follows the header.
     * @return {@link Lcaf#HEADER_LENGTH}.
     */
    public static int putLcafHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final int type,
        final int flags,
        final int rsvd2,
        final int bodyLength)
    {
        if (CodecChecks.ENABLED && (bodyLength & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("LCAF body length > 65535: " + bodyLength);
        }
        buffer.putShort(offset, (short)Afi.LCAF, BIG_ENDIAN);
        buffer.putByte(offset + 2, (byte)0);
        buffer.putByte(offset + Lcaf.FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + Lcaf.TYPE_OFFSET, (byte)type);
        buffer.putByte(offset + Lcaf.RSVD2_OFFSET, (byte)rsvd2);
        buffer.putShort(offset + Lcaf.LENGTH_OFFSET, (short)bodyLength, BIG_ENDIAN);
        return Lcaf.HEADER_LENGTH;
    }

    /**
     * Rewrites the body length of an LCAF whose body has just been written.
     *
     * @param buffer holding the LCAF.
     * @param offset of its AFI.
     * @param end offset just past its body.
     * @return the total encoded length of the LCAF.
     */
    public static int finishLcaf(final MutableDirectBuffer buffer, final int offset, final int end)
    {
        final int bodyLength = end - offset - Lcaf.HEADER_LENGTH;
        buffer.putShort(offset + Lcaf.LENGTH_OFFSET, (short)bodyLength, BIG_ENDIAN);
        return end - offset;
    }

    /**
     * The head of an Instance-ID LCAF: header and IID. Write the wrapped address right after it, then call
     * {@link #finishLcaf(MutableDirectBuffer, int, int)}.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param iid the instance ID.
     * @param iidMaskLength the IID mask-length byte (32 for a single instance).
     * @return {@link #INSTANCE_ID_PREFIX_LENGTH}.
     */
    public static int putInstanceIdHead(
        final MutableDirectBuffer buffer, final int offset, final long iid, final int iidMaskLength)
    {
        putLcafHeader(buffer, offset, Lcaf.INSTANCE_ID, 0, iidMaskLength, 0);
        buffer.putInt(offset + Lcaf.HEADER_LENGTH, (int)iid, BIG_ENDIAN);
        return INSTANCE_ID_PREFIX_LENGTH;
    }

    /**
     * An IPv4 address in instance {@code iid}: plain AFI for IID 0 (as deployed xTRs expect), else an
     * Instance-ID LCAF with mask-length 32.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param iid instance ID.
     * @param ipv4 the address.
     * @return bytes written.
     */
    public static int putIpv4(final MutableDirectBuffer buffer, final int offset, final long iid, final int ipv4)
    {
        if (iid == 0)
        {
            return putIpv4(buffer, offset, ipv4);
        }
        final int head = putInstanceIdHead(buffer, offset, iid, 32);
        return finishLcaf(buffer, offset, offset + head + putIpv4(buffer, offset + head, ipv4));
    }

    /**
     * An IPv6 address in instance {@code iid}: plain AFI for IID 0, else an Instance-ID LCAF.
     *
     * @param buffer to write into.
     * @param offset of the AFI.
     * @param iid instance ID.
     * @param high first 8 bytes.
     * @param low last 8 bytes.
     * @return bytes written.
     */
    public static int putIpv6(
        final MutableDirectBuffer buffer, final int offset, final long iid, final long high, final long low)
    {
        if (iid == 0)
        {
            return putIpv6(buffer, offset, high, low);
        }
        final int head = putInstanceIdHead(buffer, offset, iid, 32);
        return finishLcaf(buffer, offset, offset + head + putIpv6(buffer, offset + head, high, low));
    }
}
