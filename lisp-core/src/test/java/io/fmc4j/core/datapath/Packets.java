/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Builds inner test packets.
 */
final class Packets
{
    private Packets()
    {
    }

    static int ipv4(final int a, final int b, final int c, final int d)
    {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /**
     * An IPv4/UDP packet with a patterned payload.
     */
    static int ipv4Udp(
        final MutableDirectBuffer buffer, final int offset, final int source, final int destination,
        final int sourcePort, final int destinationPort, final int totalLength, final boolean dontFragment)
    {
        final int payload = totalLength - IpUdp.IPV4_UDP_LENGTH;
        for (int i = 0; i < payload; i++)
        {
            buffer.putByte(offset + IpUdp.IPV4_UDP_LENGTH + i, (byte)(i * 7 + sourcePort));
        }
        IpUdp.writeIpv4Udp(buffer, offset, source, destination, sourcePort, destinationPort, payload, 33, 0x28,
            0x1234, dontFragment, true);
        return totalLength;
    }

    /**
     * An IPv6/UDP packet with a patterned payload.
     */
    static int ipv6Udp(
        final MutableDirectBuffer buffer, final int offset, final long sourceHi, final long sourceLo,
        final long destinationHi, final long destinationLo, final int sourcePort, final int totalLength)
    {
        final int payload = totalLength - IpUdp.IPV6_UDP_LENGTH;
        for (int i = 0; i < payload; i++)
        {
            buffer.putByte(offset + IpUdp.IPV6_UDP_LENGTH + i, (byte)(i * 3 + sourcePort));
        }
        IpUdp.writeIpv6Udp(buffer, offset, sourceHi, sourceLo, destinationHi, destinationLo, sourcePort, 9000,
            payload, 44, true);
        return totalLength;
    }

    static int ipv4Destination(final MutableDirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + Ipv4Header.DESTINATION_OFFSET, BIG_ENDIAN);
    }
}
