/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a validated Info-Request or Info-Reply in place.
 */
public final class InfoDecoder
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * Points the decoder at a validated message.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public InfoDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * R: an Info-Reply.
     *
     * @return the bit.
     */
    public boolean reply()
    {
        return (ControlHeader.word(buffer, offset) & InfoMessage.FLAG_R) != 0;
    }

    /**
     * The nonce.
     *
     * @return 64 bits.
     */
    public long nonce()
    {
        return ControlHeader.nonce(buffer, offset);
    }

    /**
     * The 16-bit Key ID / Algorithm ID field.
     *
     * @return the field.
     */
    public int keyIdField()
    {
        return buffer.getShort(offset + MapRegister.KEY_ID_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Authentication data length.
     *
     * @return bytes.
     */
    public int authLength()
    {
        return buffer.getShort(offset + MapRegister.AUTH_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    private int ttlOffset()
    {
        return offset + InfoMessage.AUTH_OFFSET + authLength();
    }

    /**
     * TTL in minutes.
     *
     * @return unsigned 32 bits.
     */
    public long ttl()
    {
        return buffer.getInt(ttlOffset(), BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * EID prefix length.
     *
     * @return 0..128.
     */
    public int maskLength()
    {
        return buffer.getByte(ttlOffset() + 5) & 0xFF;
    }

    /**
     * Offset of the EID prefix's AFI.
     *
     * @return the offset.
     */
    public int eidOffset()
    {
        return ttlOffset() + 6;
    }

    /**
     * Offset of the trailing address: AFI 0 in a request, the NAT-Traversal LCAF in a reply.
     *
     * @return the offset.
     */
    public int natOffset()
    {
        return eidOffset() + LispAddress.encodedLength(buffer, eidOffset());
    }

    /**
     * Bytes the message occupies.
     *
     * @return the length.
     */
    public int encodedLength()
    {
        return natOffset() + LispAddress.encodedLength(buffer, natOffset()) - offset;
    }
}
