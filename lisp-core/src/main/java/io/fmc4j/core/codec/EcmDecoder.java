/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a validated ECM in place: its flags, the inner IP and UDP headers, and where the inner control
 * message is (decode it with the decoder of its type).
 */
public final class EcmDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int udpOffset;

    /**
     * Points the decoder at a validated ECM.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public EcmDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        final int ip = offset + Ecm.INNER_IP_OFFSET;
        this.udpOffset = ip + Ecm.innerIpHeaderLength(buffer, ip, Integer.MAX_VALUE);
        return this;
    }

    /**
     * Flag bits ({@link Ecm#FLAGS_MASK}).
     *
     * @return the flags.
     */
    public int flags()
    {
        return ControlHeader.word(buffer, offset) & Ecm.FLAGS_MASK;
    }

    /**
     * Inner IP version.
     *
     * @return 4 or 6.
     */
    public int innerIpVersion()
    {
        return (buffer.getByte(offset + Ecm.INNER_IP_OFFSET) & 0xFF) >>> 4;
    }

    /**
     * Offset of the inner IP header.
     *
     * @return the offset.
     */
    public int innerIpOffset()
    {
        return offset + Ecm.INNER_IP_OFFSET;
    }

    /**
     * Offset of the inner source address bytes (4 or 16 of them).
     *
     * @return the offset.
     */
    public int innerSourceOffset()
    {
        return innerIpOffset() + (innerIpVersion() == 4 ? 12 : 8);
    }

    /**
     * Offset of the inner destination address bytes.
     *
     * @return the offset.
     */
    public int innerDestinationOffset()
    {
        return innerIpOffset() + (innerIpVersion() == 4 ? 16 : 24);
    }

    /**
     * Inner UDP source port (the port the Map-Reply goes back to).
     *
     * @return the port.
     */
    public int innerSourcePort()
    {
        return buffer.getShort(udpOffset, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Inner UDP destination port.
     *
     * @return the port.
     */
    public int innerDestinationPort()
    {
        return buffer.getShort(udpOffset + 2, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Offset of the inner control message.
     *
     * @return the offset.
     */
    public int messageOffset()
    {
        return udpOffset + Ecm.UDP_HEADER_LENGTH;
    }

    /**
     * Length of the inner control message (from the inner UDP length).
     *
     * @return bytes.
     */
    public int messageLength()
    {
        return (buffer.getShort(udpOffset + 4, BIG_ENDIAN) & 0xFFFF) - Ecm.UDP_HEADER_LENGTH;
    }

    /**
     * Bytes the ECM occupies.
     *
     * @return the length.
     */
    public int encodedLength()
    {
        return messageOffset() + messageLength() - offset;
    }
}
