/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.Afi;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Text forms of validated LISP addresses, for logs, JSON and the command line (cold path).
 * <ul>
 *   <li>IPv4 {@code 10.0.0.1}, IPv6 in RFC 5952 form {@code 2001:db8::1}, MAC {@code 00:11:22:33:44:55};</li>
 *   <li>distinguished name as is; AFI 0 as {@code no-address};</li>
 *   <li>Instance-ID LCAF {@code [iid]address}; AFI-List {@code (a, b)}; Source/Dest {@code (src/ml, dst/ml)};
 *   Key/Value {@code {key: value}}; ELP {@code elp(a -> b)}; NAT-Traversal {@code nat(global, ms, private
 *   ...)}; any other LCAF {@code lcaf-type(N bytes)}.</li>
 * </ul>
 */
public final class AddressText
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressText()
    {
    }

    /**
     * Text form of an address.
     *
     * @param buffer holding the validated address.
     * @param offset of its AFI.
     * @return the text.
     */
    public static String toString(final DirectBuffer buffer, final int offset)
    {
        return appendTo(new StringBuilder(), buffer, offset).toString();
    }

    /**
     * Appends the text form of an address.
     *
     * @param sb to append to.
     * @param buffer holding the validated address.
     * @param offset of its AFI.
     * @return {@code sb}.
     */
    public static StringBuilder appendTo(final StringBuilder sb, final DirectBuffer buffer, final int offset)
    {
        return appendTo(sb, buffer, offset, 0);
    }

    private static StringBuilder appendTo(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int depth)
    {
        final int afi = LispAddress.afi(buffer, offset);
        final int address = offset + LispAddress.AFI_LENGTH;
        switch (afi)
        {
            case Afi.NONE:
                return sb.append("no-address");
            case Afi.IPV4:
                return appendIpv4(sb, buffer.getInt(address, BIG_ENDIAN));
            case Afi.IPV6:
                return appendIpv6(sb, buffer, address);
            case Afi.MAC:
                return appendMac(sb, buffer, address);
            case Afi.DISTINGUISHED_NAME:
                for (int i = address; buffer.getByte(i) != 0; i++)
                {
                    final char c = (char)(buffer.getByte(i) & 0xFF);
                    sb.append(c >= 0x20 && c < 0x7F ? c : '?');
                }
                return sb;
            case Afi.LCAF:
                return depth >= Lcaf.MAX_DEPTH ? sb.append("lcaf(...)") : appendLcaf(sb, buffer, offset, depth);
            default:
                return sb.append("afi-").append(afi);
        }
    }

    private static StringBuilder appendLcaf(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int depth)
    {
        final int type = buffer.getByte(offset + Lcaf.TYPE_OFFSET) & 0xFF;
        final int length = buffer.getShort(offset + Lcaf.LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        final int body = offset + Lcaf.HEADER_LENGTH;
        final int end = body + length;
        switch (type)
        {
            case Lcaf.INSTANCE_ID:
                sb.append('[').append(buffer.getInt(body, BIG_ENDIAN) & 0xFFFF_FFFFL).append(']');
                return appendTo(sb, buffer, body + 4, depth + 1);
            case Lcaf.AFI_LIST:
                return appendList(sb.append('('), buffer, body, end, depth, ", ").append(')');
            case Lcaf.SOURCE_DEST:
            {
                final int sourceMask = buffer.getByte(body + 2) & 0xFF;
                final int destMask = buffer.getByte(body + 3) & 0xFF;
                final int source = body + 4;
                sb.append('(');
                appendTo(sb, buffer, source, depth + 1).append('/').append(sourceMask).append(", ");
                final int dest = source + LispAddress.encodedLength(buffer, source);
                return appendTo(sb, buffer, dest, depth + 1).append('/').append(destMask).append(')');
            }
            case Lcaf.KEY_VALUE:
            {
                sb.append('{');
                appendTo(sb, buffer, body, depth + 1).append(": ");
                return appendTo(sb, buffer, body + LispAddress.encodedLength(buffer, body), depth + 1).append('}');
            }
            case Lcaf.NAT_TRAVERSAL:
                sb.append("nat(ms-port ").append(buffer.getShort(body, BIG_ENDIAN) & 0xFFFF);
                sb.append(", etr-port ").append(buffer.getShort(body + 2, BIG_ENDIAN) & 0xFFFF).append(", ");
                return appendList(sb, buffer, body + 4, end, depth, ", ").append(')');
            case Lcaf.EXPLICIT_LOCATOR_PATH:
            {
                sb.append("elp(");
                int position = body;
                while (position < end)
                {
                    if (position != body)
                    {
                        sb.append(" -> ");
                    }
                    final int flags = buffer.getShort(position, BIG_ENDIAN) & 0x7;
                    appendTo(sb, buffer, position + 2, depth + 1);
                    if (flags != 0)
                    {
                        sb.append('{');
                        sb.append((flags & Lcaf.ELP_FLAG_L) != 0 ? "L" : "");
                        sb.append((flags & Lcaf.ELP_FLAG_P) != 0 ? "P" : "");
                        sb.append((flags & Lcaf.ELP_FLAG_S) != 0 ? "S" : "");
                        sb.append('}');
                    }
                    position += 2 + LispAddress.encodedLength(buffer, position + 2);
                }
                return sb.append(')');
            }
            default:
                return sb.append(Lcaf.typeName(type)).append('(').append(length).append(" bytes)");
        }
    }

    private static StringBuilder appendList(
        final StringBuilder sb,
        final DirectBuffer buffer,
        final int start,
        final int end,
        final int depth,
        final String separator)
    {
        int position = start;
        while (position < end)
        {
            if (position != start)
            {
                sb.append(separator);
            }
            appendTo(sb, buffer, position, depth + 1);
            position += LispAddress.encodedLength(buffer, position);
        }
        return sb;
    }

    /**
     * Appends a dotted-quad IPv4 address.
     *
     * @param sb to append to.
     * @param ipv4 the address, network order in an int.
     * @return {@code sb}.
     */
    public static StringBuilder appendIpv4(final StringBuilder sb, final int ipv4)
    {
        return Ipv4Header.appendAddress(sb, ipv4);
    }

    /**
     * Appends an IPv6 address in RFC 5952 canonical text form.
     *
     * @param sb to append to.
     * @param buffer holding the 16 address bytes.
     * @param offset of the first byte.
     * @return {@code sb}.
     */
    public static StringBuilder appendIpv6(final StringBuilder sb, final DirectBuffer buffer, final int offset)
    {
        return Ipv6Header.appendAddress(sb, buffer.getLong(offset, BIG_ENDIAN), buffer.getLong(offset + 8, BIG_ENDIAN));
    }

    /**
     * Appends a MAC address as six colon-separated lower-case hex pairs.
     *
     * @param sb to append to.
     * @param buffer holding the 6 bytes.
     * @param offset of the first byte.
     * @return {@code sb}.
     */
    public static StringBuilder appendMac(final StringBuilder sb, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < 6; i++)
        {
            if (i != 0)
            {
                sb.append(':');
            }
            final int b = buffer.getByte(offset + i) & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        return sb;
    }

    /**
     * Appends bytes as lower-case hex.
     *
     * @param sb to append to.
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return {@code sb}.
     */
    public static StringBuilder appendHex(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        return sb;
    }
}
