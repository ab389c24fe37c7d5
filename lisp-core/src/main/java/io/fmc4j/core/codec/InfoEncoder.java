/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes an Info-Request or Info-Reply: header, nonce, authentication field (zeroed; sign with a
 * {@link LispAuthenticator} at {@link InfoMessage#AUTH_OFFSET}), TTL, EID prefix, then AFI 0 (request) or a
 * NAT-Traversal LCAF (reply).
 */
public final class InfoEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;

    /**
     * Starts an Info message with the given authentication field size.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @param reply true for an Info-Reply.
     * @param nonce the nonce.
     * @param keyIdField the 16-bit Key ID / Algorithm ID field.
     * @param authLength bytes of authentication data.
     * @return this.
     */
    public InfoEncoder wrap(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean reply,
        final long nonce,
        final int keyIdField,
        final int authLength)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putInt(offset, (MessageType.INFO << 28) | (reply ? InfoMessage.FLAG_R : 0), BIG_ENDIAN);
        buffer.putLong(offset + ControlHeader.NONCE_OFFSET, nonce, BIG_ENDIAN);
        buffer.putShort(offset + MapRegister.KEY_ID_OFFSET, (short)keyIdField, BIG_ENDIAN);
        buffer.putShort(offset + MapRegister.AUTH_LENGTH_OFFSET, (short)authLength, BIG_ENDIAN);
        buffer.setMemory(offset + InfoMessage.AUTH_OFFSET, authLength, (byte)0);
        limit = offset + InfoMessage.AUTH_OFFSET + authLength;
        return this;
    }

    /**
     * TTL and the EID prefix, any encoded address copied.
     *
     * @param ttl minutes.
     * @param maskLength prefix length.
     * @param source holding the encoded EID.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public InfoEncoder eid(
        final long ttl, final int maskLength, final DirectBuffer source, final int sourceOffset, final int length)
    {
        buffer.putInt(limit, (int)ttl, BIG_ENDIAN);
        buffer.putByte(limit + 4, (byte)0);
        buffer.putByte(limit + 5, (byte)maskLength);
        limit += 6;
        limit += AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length);
        return this;
    }

    /**
     * TTL and an IPv4 EID prefix.
     *
     * @param ttl minutes.
     * @param iid instance ID.
     * @param maskLength 0..32.
     * @param ipv4 the prefix.
     * @return this.
     */
    public InfoEncoder eidIpv4(final long ttl, final long iid, final int maskLength, final int ipv4)
    {
        buffer.putInt(limit, (int)ttl, BIG_ENDIAN);
        buffer.putByte(limit + 4, (byte)0);
        buffer.putByte(limit + 5, (byte)maskLength);
        limit += 6;
        limit += AddressEncoder.putIpv4(buffer, limit, iid, ipv4);
        return this;
    }

    /**
     * The Info-Request's trailing AFI 0.
     *
     * @return this.
     */
    public InfoEncoder noNatAddress()
    {
        limit += AddressEncoder.putNone(buffer, limit);
        return this;
    }

    /**
     * The Info-Reply's NAT-Traversal LCAF, with IPv4 global ETR RLOC, MS RLOC, private ETR RLOC and RTRs.
     *
     * @param msPort Map-Server UDP port.
     * @param etrPort the ETR's translated UDP port.
     * @param globalEtr global (translated) ETR RLOC.
     * @param ms Map-Server RLOC.
     * @param privateEtr private ETR RLOC.
     * @param rtrs RTR RLOCs.
     * @return this.
     */
    public InfoEncoder natTraversalIpv4(
        final int msPort, final int etrPort, final int globalEtr, final int ms, final int privateEtr, final int... rtrs)
    {
        final int start = limit;
        int position = start + AddressEncoder.putLcafHeader(buffer, start, Lcaf.NAT_TRAVERSAL, 0, 0, 0);
        buffer.putShort(position, (short)msPort, BIG_ENDIAN);
        buffer.putShort(position + 2, (short)etrPort, BIG_ENDIAN);
        position += 4;
        position += AddressEncoder.putIpv4(buffer, position, globalEtr);
        position += AddressEncoder.putIpv4(buffer, position, ms);
        position += AddressEncoder.putIpv4(buffer, position, privateEtr);
        for (final int rtr : rtrs)
        {
            position += AddressEncoder.putIpv4(buffer, position, rtr);
        }
        limit = start + AddressEncoder.finishLcaf(buffer, start, position);
        return this;
    }

    /**
     * The trailing address copied from an encoded one (AFI 0 or an LCAF).
     *
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public InfoEncoder natAddress(final DirectBuffer source, final int sourceOffset, final int length)
    {
        limit += AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length);
        return this;
    }

    /**
     * Bytes written.
     *
     * @return the message length.
     */
    public int encodedLength()
    {
        return limit - offset;
    }
}
