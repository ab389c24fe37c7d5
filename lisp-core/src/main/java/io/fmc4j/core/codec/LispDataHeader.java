/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of the 8-byte LISP data header that follows UDP port 4341 (RFC 9300 §5.3), and its LISP-GPE variant
 * (RFC 9305 §3).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |N|L|E|V|I|R|K|K|            Nonce/Map-Version                  |
 * |                 Instance ID/Locator-Status-Bits               |
 * LISP-GPE:
 * |N|L|E|V|I|P|K|K|    Nonce/Map-Version          | Next Protocol |
 * </pre>
 */
public final class LispDataHeader
{
    /** Header length. */
    public static final int ENCODED_LENGTH = 8;
    /** Offset of the Instance-ID / LSB word. */
    public static final int IID_LSB_OFFSET = 4;

    /** Nonce present. */
    public static final int FLAG_N = 0x80;
    /** Locator-Status-Bits field enabled. */
    public static final int FLAG_L = 0x40;
    /** Echo-nonce request. */
    public static final int FLAG_E = 0x20;
    /** Map-version present (never with N). */
    public static final int FLAG_V = 0x10;
    /** Instance ID present. */
    public static final int FLAG_I = 0x08;
    /** LISP-GPE: Next Protocol field present (RFC 9305). Reserved in plain LISP. */
    public static final int FLAG_P = 0x04;

    /** 24-bit mask for the nonce and the instance ID. */
    public static final int MASK_24 = 0x00FF_FFFF;
    /** 12-bit mask for a map version. */
    public static final int MASK_12 = 0x0FFF;

    /** LISP-GPE next protocol: IPv4. */
    public static final int GPE_IPV4 = 0x01;
    /** LISP-GPE next protocol: IPv6. */
    public static final int GPE_IPV6 = 0x02;
    /** LISP-GPE next protocol: Ethernet. */
    public static final int GPE_ETHERNET = 0x03;
    /** LISP-GPE next protocol: NSH. */
    public static final int GPE_NSH = 0x04;

    private LispDataHeader()
    {
    }

    /**
     * Checks a received header. Total over any input: never throws, never allocates.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @param length bytes received from {@code offset} (not the buffer capacity).
     * @return {@link DecodeStatus#OK}, {@link DecodeStatus#TRUNCATED} or {@link DecodeStatus#NONCE_AND_MAP_VERSION}.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ENCODED_LENGTH)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int flags = buffer.getByte(offset) & 0xFF;
        return (flags & (FLAG_N | FLAG_V)) == (FLAG_N | FLAG_V) ? DecodeStatus.NONCE_AND_MAP_VERSION : DecodeStatus.OK;
    }

    /**
     * Flags byte.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return the first byte, unsigned.
     */
    public static int flags(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset) & 0xFF;
    }

    /**
     * The 24 bits after the flags: nonce, or source and destination map versions.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return the 24-bit field.
     */
    public static int nonceField(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, BIG_ENDIAN) & MASK_24;
    }

    /**
     * The second 32-bit word: instance ID and LSBs, or 32 LSBs.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return the word.
     */
    public static int iidLsbWord(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + IID_LSB_OFFSET, BIG_ENDIAN);
    }
}
