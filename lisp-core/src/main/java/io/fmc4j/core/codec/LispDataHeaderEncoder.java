/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.MutableDirectBuffer;

import static io.fmc4j.core.codec.LispDataHeader.FLAG_E;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_I;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_L;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_N;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_P;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_V;
import static io.fmc4j.core.codec.LispDataHeader.IID_LSB_OFFSET;
import static io.fmc4j.core.codec.LispDataHeader.MASK_12;
import static io.fmc4j.core.codec.LispDataHeader.MASK_24;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a LISP data header (RFC 9300 §5.3) or LISP-GPE header (RFC 9305) in place. {@link #wrap} zeroes the
 * 8 bytes; each setter sets its flag. Argument checks sit behind {@link CodecChecks#ENABLED}.
 * <pre>
 * encoder.wrap(buffer, offset).nonce(0xabcdef).instanceId(0x123, 1);   // c8abcdef 00012301
 * </pre>
 */
public final class LispDataHeaderEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points the encoder at 8 bytes and zeroes them.
     *
     * @param buffer to write into.
     * @param offset of the header.
     * @return this.
     */
    public LispDataHeaderEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putLong(offset, 0L);
        return this;
    }

    /**
     * Bytes the header occupies.
     *
     * @return {@link LispDataHeader#ENCODED_LENGTH}.
     */
    public int encodedLength()
    {
        return LispDataHeader.ENCODED_LENGTH;
    }

    /**
     * Sets the nonce and the N bit; clears V.
     *
     * @param nonce 24 bits.
     * @return this.
     */
    public LispDataHeaderEncoder nonce(final int nonce)
    {
        if (CodecChecks.ENABLED && (nonce & ~MASK_24) != 0)
        {
            throw new IllegalArgumentException("nonce > 24 bits: " + nonce);
        }
        final int flags = (buffer.getByte(offset) & 0xFF & ~FLAG_V) | FLAG_N;
        buffer.putInt(offset, (flags << 24) | nonce, BIG_ENDIAN);
        return this;
    }

    /**
     * The ITR's common case in one 64-bit store: N, L and I set, nonce, instance ID and 8 LSBs. Equivalent to
     * {@code nonce(nonce).instanceId(iid, lsb8)} after {@link #wrap}, without reading back what was written.
     *
     * @param nonce 24 bits.
     * @param iid 24 bits.
     * @param lsb8 8 locator-status bits.
     * @return this.
     */
    public LispDataHeaderEncoder nonceInstanceId(final int nonce, final int iid, final int lsb8)
    {
        if (CodecChecks.ENABLED && ((nonce | iid) & ~MASK_24) != 0)
        {
            throw new IllegalArgumentException("nonce or iid > 24 bits: " + nonce + ", " + iid);
        }
        final long high = ((long)(FLAG_N | FLAG_L | FLAG_I) << 24) | nonce;
        final long low = ((long)iid << 8) | (lsb8 & 0xFF);
        buffer.putLong(offset, (high << 32) | low, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets the map versions and the V bit; clears N.
     *
     * @param sourceVersion 12 bits.
     * @param destinationVersion 12 bits.
     * @return this.
     */
    public LispDataHeaderEncoder mapVersions(final int sourceVersion, final int destinationVersion)
    {
        if (CodecChecks.ENABLED && ((sourceVersion | destinationVersion) & ~MASK_12) != 0)
        {
            throw new IllegalArgumentException("map version > 12 bits");
        }
        final int flags = (buffer.getByte(offset) & 0xFF & ~FLAG_N) | FLAG_V;
        buffer.putInt(offset, (flags << 24) | (sourceVersion << 12) | destinationVersion, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets the E bit (ask the ETR to echo the nonce). Meaningful only with a nonce.
     *
     * @return this.
     */
    public LispDataHeaderEncoder echoNonceRequest()
    {
        buffer.putByte(offset, (byte)(buffer.getByte(offset) | FLAG_E));
        return this;
    }

    /**
     * Sets the instance ID with 8 LSBs, and the I and L bits.
     *
     * @param iid 24 bits.
     * @param lsb8 8 locator-status bits.
     * @return this.
     */
    public LispDataHeaderEncoder instanceId(final int iid, final int lsb8)
    {
        if (CodecChecks.ENABLED && (iid & ~MASK_24) != 0)
        {
            throw new IllegalArgumentException("iid > 24 bits: " + iid);
        }
        buffer.putByte(offset, (byte)(buffer.getByte(offset) | FLAG_I | FLAG_L));
        buffer.putInt(offset + IID_LSB_OFFSET, (iid << 8) | (lsb8 & 0xFF), BIG_ENDIAN);
        return this;
    }

    /**
     * Sets the instance ID without LSBs (I bit only; the LSB byte is zero).
     *
     * @param iid 24 bits.
     * @return this.
     */
    public LispDataHeaderEncoder instanceIdOnly(final int iid)
    {
        if (CodecChecks.ENABLED && (iid & ~MASK_24) != 0)
        {
            throw new IllegalArgumentException("iid > 24 bits: " + iid);
        }
        buffer.putByte(offset, (byte)(buffer.getByte(offset) | FLAG_I));
        buffer.putInt(offset + IID_LSB_OFFSET, iid << 8, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets 32 LSBs and the L bit; the I bit must not be set.
     *
     * @param lsb32 locator-status bits.
     * @return this.
     */
    public LispDataHeaderEncoder locatorStatusBits(final int lsb32)
    {
        if (CodecChecks.ENABLED && (buffer.getByte(offset) & FLAG_I) != 0)
        {
            throw new IllegalStateException("32-bit LSBs with the I bit set");
        }
        buffer.putByte(offset, (byte)(buffer.getByte(offset) | FLAG_L));
        buffer.putInt(offset + IID_LSB_OFFSET, lsb32, BIG_ENDIAN);
        return this;
    }

    /**
     * LISP-GPE: sets the P bit and the next protocol in the low byte of the first word.
     *
     * @param protocol e.g. {@link LispDataHeader#GPE_IPV4}.
     * @return this.
     */
    public LispDataHeaderEncoder nextProtocol(final int protocol)
    {
        buffer.putByte(offset, (byte)(buffer.getByte(offset) | FLAG_P));
        buffer.putByte(offset + 3, (byte)protocol);
        return this;
    }
}
