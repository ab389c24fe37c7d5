/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static io.fmc4j.core.codec.LispDataHeader.FLAG_E;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_I;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_L;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_N;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_P;
import static io.fmc4j.core.codec.LispDataHeader.FLAG_V;
import static io.fmc4j.core.codec.LispDataHeader.MASK_12;

/**
 * Reads a LISP data header (RFC 9300 §5.3) or LISP-GPE header (RFC 9305) in place. Call
 * {@link LispDataHeader#validate} first; the getters assume {@link LispDataHeader#ENCODED_LENGTH} bytes.
 */
public final class LispDataHeaderDecoder
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * Points the decoder at a header. Does not validate or allocate.
     *
     * @param buffer holding the header.
     * @param offset of the header.
     * @return this.
     */
    public LispDataHeaderDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
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
     * Flags byte, unsigned.
     *
     * @return N L E V I R/P K K.
     */
    public int flags()
    {
        return LispDataHeader.flags(buffer, offset);
    }

    /**
     * N bit.
     *
     * @return whether the nonce field holds a nonce.
     */
    public boolean noncePresent()
    {
        return (flags() & FLAG_N) != 0;
    }

    /**
     * L bit.
     *
     * @return whether the LSBs are enabled.
     */
    public boolean locatorStatusBitsEnabled()
    {
        return (flags() & FLAG_L) != 0;
    }

    /**
     * E bit.
     *
     * @return whether the sender asks for its nonce to be echoed.
     */
    public boolean echoNonceRequest()
    {
        return (flags() & FLAG_E) != 0;
    }

    /**
     * V bit.
     *
     * @return whether the nonce field holds map versions.
     */
    public boolean mapVersionPresent()
    {
        return (flags() & FLAG_V) != 0;
    }

    /**
     * I bit.
     *
     * @return whether the second word holds an instance ID.
     */
    public boolean instanceIdPresent()
    {
        return (flags() & FLAG_I) != 0;
    }

    /**
     * P bit of LISP-GPE (reserved in plain LISP).
     *
     * @return whether the low byte of the first word is a next protocol.
     */
    public boolean nextProtocolPresent()
    {
        return (flags() & FLAG_P) != 0;
    }

    /**
     * Nonce, when {@link #noncePresent()}. Under LISP-GPE with P set, only the top 16 bits carry the nonce.
     *
     * @return the 24-bit nonce field.
     */
    public int nonce()
    {
        return LispDataHeader.nonceField(buffer, offset);
    }

    /**
     * Source map version, when {@link #mapVersionPresent()}.
     *
     * @return 12 bits.
     */
    public int sourceMapVersion()
    {
        return nonce() >>> 12;
    }

    /**
     * Destination map version, when {@link #mapVersionPresent()}.
     *
     * @return 12 bits.
     */
    public int destinationMapVersion()
    {
        return nonce() & MASK_12;
    }

    /**
     * LISP-GPE next protocol, when {@link #nextProtocolPresent()}.
     *
     * @return the low byte of the first word.
     */
    public int nextProtocol()
    {
        return buffer.getByte(offset + 3) & 0xFF;
    }

    /**
     * Instance ID, when {@link #instanceIdPresent()}.
     *
     * @return 24 bits.
     */
    public int instanceId()
    {
        return LispDataHeader.iidLsbWord(buffer, offset) >>> 8;
    }

    /**
     * Locator-Status-Bits: 8 bits when an instance ID is present, 32 otherwise.
     *
     * @return the LSBs.
     */
    public int locatorStatusBits()
    {
        final int word = LispDataHeader.iidLsbWord(buffer, offset);
        return instanceIdPresent() ? word & 0xFF : word;
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        sb.append("LispDataHeader{flags=0x").append(Integer.toHexString(flags()));
        sb.append(", nonce=0x").append(Integer.toHexString(nonce()));
        if (instanceIdPresent())
        {
            sb.append(", iid=").append(instanceId());
        }
        return sb.append(", lsb=0x").append(Integer.toHexString(locatorStatusBits())).append('}');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
