/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes an ECM: header, inner IPv4/IPv6 and UDP headers; the caller writes the control message at
 * {@link #messageOffset()} and then calls {@link #finish(int)}, which sets lengths and checksums.
 * <pre>
 * ecm.wrap(buffer, 0).innerIpv4(itrRloc, eid, 4342, 4342);
 * int inner = request.wrap(buffer, ecm.messageOffset())...encodedLength();
 * int length = ecm.finish(inner);
 * </pre>
 */
public final class EcmEncoder
{
    private static final int DEFAULT_TTL = 64;

    private MutableDirectBuffer buffer;
    private int offset;
    private int udpOffset;

    /**
     * Starts an ECM.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @return this.
     */
    public EcmEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.udpOffset = -1;
        buffer.putInt(offset, MessageType.ECM << 28, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets flag bits (S, D, E, M).
     *
     * @param flags {@code Ecm.FLAG_*} bits.
     * @return this.
     */
    public EcmEncoder flags(final int flags)
    {
        final int word = buffer.getInt(offset, BIG_ENDIAN);
        buffer.putInt(offset, word | (flags & Ecm.FLAGS_MASK), BIG_ENDIAN);
        return this;
    }

    /**
     * Inner IPv4 and UDP headers (lengths and checksums are set by {@link #finish(int)}).
     *
     * @param source inner source address (the ITR's RLOC).
     * @param destination inner destination (the EID looked up).
     * @param sourcePort inner UDP source port.
     * @param destinationPort inner UDP destination port (4342).
     * @return this.
     */
    public EcmEncoder innerIpv4(
        final int source, final int destination, final int sourcePort, final int destinationPort)
    {
        final int ip = offset + Ecm.INNER_IP_OFFSET;
        buffer.putInt(ip, 0x4500_0000, BIG_ENDIAN);
        buffer.putInt(ip + 4, 0, BIG_ENDIAN);
        buffer.putInt(ip + 8, (DEFAULT_TTL << 24) | (Ecm.PROTOCOL_UDP << 16), BIG_ENDIAN);
        buffer.putInt(ip + 12, source, BIG_ENDIAN);
        buffer.putInt(ip + 16, destination, BIG_ENDIAN);
        return udp(ip + Ecm.IPV4_HEADER_LENGTH, sourcePort, destinationPort);
    }

    /**
     * Inner IPv6 and UDP headers.
     *
     * @param sourceHigh first 8 bytes of the source.
     * @param sourceLow last 8 bytes of the source.
     * @param destinationHigh first 8 bytes of the destination.
     * @param destinationLow last 8 bytes of the destination.
     * @param sourcePort inner UDP source port.
     * @param destinationPort inner UDP destination port.
     * @return this.
     */
    public EcmEncoder innerIpv6(
        final long sourceHigh,
        final long sourceLow,
        final long destinationHigh,
        final long destinationLow,
        final int sourcePort,
        final int destinationPort)
    {
        final int ip = offset + Ecm.INNER_IP_OFFSET;
        buffer.putInt(ip, 0x6000_0000, BIG_ENDIAN);
        buffer.putInt(ip + 4, (Ecm.PROTOCOL_UDP << 8) | DEFAULT_TTL, BIG_ENDIAN);
        buffer.putLong(ip + 8, sourceHigh, BIG_ENDIAN);
        buffer.putLong(ip + 16, sourceLow, BIG_ENDIAN);
        buffer.putLong(ip + 24, destinationHigh, BIG_ENDIAN);
        buffer.putLong(ip + 32, destinationLow, BIG_ENDIAN);
        return udp(ip + Ecm.IPV6_HEADER_LENGTH, sourcePort, destinationPort);
    }

    /**
     * Inner IP and UDP headers copied as they are (for forwarding an ECM unchanged). {@link #finish(int)}
     * still rewrites lengths and checksums.
     *
     * @param source holding the headers.
     * @param ipOffset offset of the inner IP header.
     * @param headersLength IP header plus UDP header length.
     * @return this.
     */
    public EcmEncoder innerHeaders(final DirectBuffer source, final int ipOffset, final int headersLength)
    {
        buffer.putBytes(offset + Ecm.INNER_IP_OFFSET, source, ipOffset, headersLength);
        udpOffset = offset + Ecm.INNER_IP_OFFSET + headersLength - Ecm.UDP_HEADER_LENGTH;
        return this;
    }

    private EcmEncoder udp(final int udp, final int sourcePort, final int destinationPort)
    {
        udpOffset = udp;
        buffer.putShort(udp, (short)sourcePort, BIG_ENDIAN);
        buffer.putShort(udp + 2, (short)destinationPort, BIG_ENDIAN);
        buffer.putInt(udp + 4, 0, BIG_ENDIAN);
        return this;
    }

    /**
     * Where the inner control message goes.
     *
     * @return the offset.
     */
    public int messageOffset()
    {
        return udpOffset + Ecm.UDP_HEADER_LENGTH;
    }

    /**
     * Sets the inner lengths, the IPv4 header checksum and the inner UDP checksum.
     *
     * @param messageLength length of the control message written at {@link #messageOffset()}.
     * @return the length of the whole ECM.
     */
    public int finish(final int messageLength)
    {
        final int ip = offset + Ecm.INNER_IP_OFFSET;
        final int udpLength = Ecm.UDP_HEADER_LENGTH + messageLength;
        buffer.putShort(udpOffset + 4, (short)udpLength, BIG_ENDIAN);
        final int checksum;
        if ((buffer.getByte(ip) & 0xF0) == 0x40)
        {
            final int totalLength = Ecm.IPV4_HEADER_LENGTH + udpLength;
            buffer.putShort(ip + Ipv4Header.TOTAL_LENGTH_OFFSET, (short)totalLength, BIG_ENDIAN);
            Ipv4Header.updateChecksum(buffer, ip);
            checksum = UdpHeader.computeChecksumIpv4(buffer, udpOffset, udpLength,
                Ipv4Header.sourceAddress(buffer, ip), Ipv4Header.destinationAddress(buffer, ip));
        }
        else
        {
            buffer.putShort(ip + Ipv6Header.PAYLOAD_LENGTH_OFFSET, (short)udpLength, BIG_ENDIAN);
            checksum = UdpHeader.computeChecksumIpv6(buffer, udpOffset, udpLength, buffer, ip);
        }
        UdpHeader.checksum(buffer, udpOffset, checksum);
        return messageOffset() + messageLength - offset;
    }
}
