/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.core.codec.CodecChecks;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a 20-byte IPv4 header (no options) in place. {@link #wrap} zeroes the header and sets version 4, IHL 5;
 * set the fields, then call {@link #updateChecksum()} last.
 * <pre>
 * encoder.wrap(buffer, 0).totalLength(28).ttl(64).protocol(17).sourceAddress(src).destinationAddress(dst)
 *     .updateChecksum();
 * </pre>
 */
public final class Ipv4HeaderEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points the encoder at 20 bytes, zeroes them and writes version 4, IHL 5.
     *
     * @param buffer to write into.
     * @param offset of the header.
     * @return this.
     */
    public Ipv4HeaderEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putLong(offset, 0L);
        buffer.putLong(offset + 8, 0L);
        buffer.putInt(offset + 16, 0);
        buffer.putByte(offset, (byte)0x45);
        return this;
    }

    /**
     * Bytes the header occupies.
     *
     * @return {@link Ipv4Header#ENCODED_LENGTH}.
     */
    public int encodedLength()
    {
        return Ipv4Header.ENCODED_LENGTH;
    }

    /**
     * Type of service byte.
     *
     * @param tos DSCP and ECN, 8 bits.
     * @return this.
     */
    public Ipv4HeaderEncoder tos(final int tos)
    {
        buffer.putByte(offset + Ipv4Header.TOS_OFFSET, (byte)tos);
        return this;
    }

    /**
     * Total length, header included.
     *
     * @param totalLength 20..65535.
     * @return this.
     */
    public Ipv4HeaderEncoder totalLength(final int totalLength)
    {
        if (CodecChecks.ENABLED && (totalLength < Ipv4Header.ENCODED_LENGTH || totalLength > 0xFFFF))
        {
            throw new IllegalArgumentException("IPv4 total length out of 20..65535: " + totalLength);
        }
        buffer.putShort(offset + Ipv4Header.TOTAL_LENGTH_OFFSET, (short)totalLength, BIG_ENDIAN);
        return this;
    }

    /**
     * Identification.
     *
     * @param identification 16 bits.
     * @return this.
     */
    public Ipv4HeaderEncoder identification(final int identification)
    {
        buffer.putShort(offset + Ipv4Header.IDENTIFICATION_OFFSET, (short)identification, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets or clears DF; the fragment offset stays zero.
     *
     * @param dontFragment whether to set Don't Fragment.
     * @return this.
     */
    public Ipv4HeaderEncoder dontFragment(final boolean dontFragment)
    {
        buffer.putShort(
            offset + Ipv4Header.FLAGS_FRAGMENT_OFFSET, (short)(dontFragment ? Ipv4Header.FLAG_DF : 0), BIG_ENDIAN);
        return this;
    }

    /**
     * Time to live.
     *
     * @param ttl 8 bits.
     * @return this.
     */
    public Ipv4HeaderEncoder ttl(final int ttl)
    {
        buffer.putByte(offset + Ipv4Header.TTL_OFFSET, (byte)ttl);
        return this;
    }

    /**
     * Protocol of the payload.
     *
     * @param protocol e.g. {@link Ipv4Header#PROTOCOL_UDP}.
     * @return this.
     */
    public Ipv4HeaderEncoder protocol(final int protocol)
    {
        buffer.putByte(offset + Ipv4Header.PROTOCOL_OFFSET, (byte)protocol);
        return this;
    }

    /**
     * Source address.
     *
     * @param address 32 bits in network order.
     * @return this.
     */
    public Ipv4HeaderEncoder sourceAddress(final int address)
    {
        buffer.putInt(offset + Ipv4Header.SOURCE_OFFSET, address, BIG_ENDIAN);
        return this;
    }

    /**
     * Destination address.
     *
     * @param address 32 bits in network order.
     * @return this.
     */
    public Ipv4HeaderEncoder destinationAddress(final int address)
    {
        buffer.putInt(offset + Ipv4Header.DESTINATION_OFFSET, address, BIG_ENDIAN);
        return this;
    }

    /**
     * Computes and stores the header checksum; call after the other fields.
     *
     * @return this.
     */
    public Ipv4HeaderEncoder updateChecksum()
    {
        Ipv4Header.updateChecksum(buffer, offset);
        return this;
    }
}
