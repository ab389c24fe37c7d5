/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of an AFI-encoded address as it appears in LISP messages: a 16-bit AFI followed by the address
 * (nothing for AFI 0, 4 bytes IPv4, 16 bytes IPv6, 6 bytes MAC, a NUL-terminated distinguished name, or an
 * LCAF). Validation is total and recursive into LCAFs up to {@link Lcaf#MAX_DEPTH}.
 */
public final class LispAddress
{
    /** Length of the AFI field. */
    public static final int AFI_LENGTH = 2;

    private LispAddress()
    {
    }

    /**
     * AFI of an address.
     *
     * @param buffer holding the address.
     * @param offset of the AFI.
     * @return the AFI, unsigned.
     */
    public static int afi(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Checks an address and measures it. Never throws, never reads at or past {@code limit}.
     *
     * @param buffer holding the address.
     * @param offset of the AFI.
     * @param limit end of the bytes that may be read (exclusive).
     * @return the encoded length (AFI included, at least 2), or a negative {@link DecodeStatus}.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int limit)
    {
        return validate(buffer, offset, limit, 0);
    }

    /**
     * Checks an address and its mask length together, as an EID prefix.
     *
     * @param buffer holding the address.
     * @param offset of the AFI.
     * @param limit end of the readable bytes (exclusive).
     * @param maskLength the prefix length that goes with the address.
     * @return the encoded length, or a negative {@link DecodeStatus}.
     */
    public static int validatePrefix(final DirectBuffer buffer, final int offset, final int limit, final int maskLength)
    {
        final int length = validate(buffer, offset, limit, 0);
        if (length < 0)
        {
            return length;
        }
        final int innerOffset = innermostOffset(buffer, offset);
        final int max = Afi.maxMaskLength(afi(buffer, innerOffset));
        if (max >= 0 && maskLength > max)
        {
            return DecodeStatus.BAD_MASK_LENGTH;
        }
        return length;
    }

    static int validate(final DirectBuffer buffer, final int offset, final int limit, final int depth)
    {
        if (limit - offset < AFI_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int afi = afi(buffer, offset);
        final int length;
        switch (afi)
        {
            case Afi.NONE:
                return AFI_LENGTH;
            case Afi.IPV4:
                length = AFI_LENGTH + Afi.IPV4_LENGTH;
                break;
            case Afi.IPV6:
                length = AFI_LENGTH + Afi.IPV6_LENGTH;
                break;
            case Afi.MAC:
                length = AFI_LENGTH + Afi.MAC_LENGTH;
                break;
            case Afi.DISTINGUISHED_NAME:
                return validateName(buffer, offset, limit);
            case Afi.LCAF:
                return validateLcaf(buffer, offset, limit, depth);
            default:
                return DecodeStatus.BAD_AFI;
        }
        return limit - offset < length ? DecodeStatus.TRUNCATED : length;
    }

    private static int validateName(final DirectBuffer buffer, final int offset, final int limit)
    {
        for (int i = offset + AFI_LENGTH; i < limit; i++)
        {
            if (buffer.getByte(i) == 0)
            {
                return i + 1 - offset;
            }
        }
        return DecodeStatus.TRUNCATED;
    }

    private static int validateLcaf(final DirectBuffer buffer, final int offset, final int limit, final int depth)
    {
        if (depth >= Lcaf.MAX_DEPTH)
        {
            return DecodeStatus.LCAF_TOO_DEEP;
        }
        if (limit - offset < Lcaf.HEADER_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int bodyLength = buffer.getShort(offset + Lcaf.LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        final int body = offset + Lcaf.HEADER_LENGTH;
        final int end = body + bodyLength;
        if (end > limit)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int type = buffer.getByte(offset + Lcaf.TYPE_OFFSET) & 0xFF;
        final int status;
        switch (type)
        {
            case Lcaf.AFI_LIST:
                status = validateSequence(buffer, body, end, depth, 0, 0);
                break;
            case Lcaf.INSTANCE_ID:
                status = validateSequence(buffer, body, end, depth, 4, 1);
                break;
            case Lcaf.NAT_TRAVERSAL:
                status = validateSequence(buffer, body, end, depth, 4, -3);
                break;
            case Lcaf.EXPLICIT_LOCATOR_PATH:
                status = validateElp(buffer, body, end, depth);
                break;
            case Lcaf.SOURCE_DEST:
                status = validateSequence(buffer, body, end, depth, 4, 2);
                break;
            case Lcaf.KEY_VALUE:
                status = validateSequence(buffer, body, end, depth, 0, 2);
                break;
            default:
                status = DecodeStatus.OK;
                break;
        }
        return status < 0 ? status : Lcaf.HEADER_LENGTH + bodyLength;
    }

    /**
     * A fixed prefix then addresses filling the body exactly.
     *
     * @param count exact number of addresses when positive, at least {@code -count} when negative, any when 0.
     */
    private static int validateSequence(
        final DirectBuffer buffer,
        final int body,
        final int end,
        final int depth,
        final int fixed,
        final int count)
    {
        if (end - body < fixed)
        {
            return DecodeStatus.LCAF_LENGTH_MISMATCH;
        }
        int position = body + fixed;
        int seen = 0;
        while (position < end)
        {
            final int length = validate(buffer, position, end, depth + 1);
            if (length < 0)
            {
                return length == DecodeStatus.TRUNCATED ? DecodeStatus.LCAF_LENGTH_MISMATCH : length;
            }
            position += length;
            seen++;
        }
        if ((count > 0 && seen != count) || (count < 0 && seen < -count))
        {
            return DecodeStatus.LCAF_LENGTH_MISMATCH;
        }
        return DecodeStatus.OK;
    }

    private static int validateElp(final DirectBuffer buffer, final int body, final int end, final int depth)
    {
        int position = body;
        while (position < end)
        {
            if (end - position < 2)
            {
                return DecodeStatus.LCAF_LENGTH_MISMATCH;
            }
            final int length = validate(buffer, position + 2, end, depth + 1);
            if (length < 0)
            {
                return length == DecodeStatus.TRUNCATED ? DecodeStatus.LCAF_LENGTH_MISMATCH : length;
            }
            position += 2 + length;
        }
        return DecodeStatus.OK;
    }

    /**
     * Encoded length of an address already validated.
     *
     * @param buffer holding the address.
     * @param offset of the AFI.
     * @return its length including the AFI.
     */
    public static int encodedLength(final DirectBuffer buffer, final int offset)
    {
        final int afi = afi(buffer, offset);
        switch (afi)
        {
            case Afi.LCAF:
                return Lcaf.HEADER_LENGTH + (buffer.getShort(offset + Lcaf.LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF);
            case Afi.DISTINGUISHED_NAME:
                int i = offset + AFI_LENGTH;
                while (buffer.getByte(i) != 0)
                {
                    i++;
                }
                return i + 1 - offset;
            default:
                return AFI_LENGTH + Math.max(0, Afi.fixedLength(afi));
        }
    }

    /**
     * LCAF type of an address.
     *
     * @param buffer holding the address.
     * @param offset of the AFI.
     * @return the LCAF type, or -1 when the AFI is not LCAF.
     */
    public static int lcafType(final DirectBuffer buffer, final int offset)
    {
        return afi(buffer, offset) == Afi.LCAF ? buffer.getByte(offset + Lcaf.TYPE_OFFSET) & 0xFF : -1;
    }

    /**
     * Instance ID of an address: the IID of an Instance-ID LCAF, 0 for anything else.
     *
     * @param buffer holding the validated address.
     * @param offset of the AFI.
     * @return the instance ID (RFC 8060 carries 32 bits; LISP uses the low 24).
     */
    public static long instanceId(final DirectBuffer buffer, final int offset)
    {
        return lcafType(buffer, offset) == Lcaf.INSTANCE_ID ?
            buffer.getInt(offset + Lcaf.HEADER_LENGTH, BIG_ENDIAN) & 0xFFFF_FFFFL : 0;
    }

    /**
     * Offset of the address an Instance-ID LCAF wraps (following nested Instance-IDs), or the offset itself.
     *
     * @param buffer holding the validated address.
     * @param offset of the AFI.
     * @return offset of the innermost AFI.
     */
    public static int innermostOffset(final DirectBuffer buffer, final int offset)
    {
        int position = offset;
        for (int depth = 0; depth < Lcaf.MAX_DEPTH && lcafType(buffer, position) == Lcaf.INSTANCE_ID; depth++)
        {
            position += Lcaf.HEADER_LENGTH + 4;
        }
        return position;
    }
}
