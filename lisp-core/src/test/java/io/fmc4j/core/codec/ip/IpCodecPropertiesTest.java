/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpCodecPropertiesTest
{
    @Property(tries = 2000)
    void shouldValidateArbitraryBytesWithoutThrowing(
        @ForAll @Size(max = 100) final byte[] bytes,
        @ForAll @IntRange(max = 100) final int claimedLength,
        @ForAll @IntRange(min = 0, max = 2) final int policy)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = Math.min(claimedLength, bytes.length);
        assertStatus(Ipv4Header.validate(buffer, 0, length));
        assertStatus(Ipv6Header.validate(buffer, 0, length));
        assertStatus(UdpHeader.validate(buffer, 0, length));
        final int parsed = IpUdp.parseIpUdp(buffer, 0, length, policy);
        assertTrue(parsed < 0 ? isStatus(parsed) : parsed >= 28 && parsed <= length, () -> "parsed " + parsed);
    }

    @Property(tries = 300)
    void shouldRoundTripIpv4UdpAndReportEveryTruncation(
        @ForAll @Size(max = 64) final byte[] payload,
        @ForAll final int source,
        @ForAll final int destination,
        @ForAll @IntRange(max = 0xFFFF) final int sourcePort,
        @ForAll @IntRange(max = 0xFFFF) final int destinationPort,
        @ForAll @IntRange(max = 255) final int ttl,
        @ForAll final boolean checksum)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[IpUdp.IPV4_UDP_LENGTH + payload.length]);
        buffer.putBytes(IpUdp.IPV4_UDP_LENGTH, payload);
        IpUdp.writeIpv4Udp(buffer, 0, source, destination, sourcePort, destinationPort, payload.length, ttl, checksum);
        final int total = buffer.capacity();
        assertEquals(28, IpUdp.parseIpUdp(buffer, 0, total, IpUdp.CHECKSUM_VERIFY));
        final Ipv4HeaderDecoder ip = new Ipv4HeaderDecoder().wrap(buffer, 0);
        assertEquals(source, ip.sourceAddress());
        assertEquals(destination, ip.destinationAddress());
        assertEquals(ttl, ip.ttl());
        final UdpHeaderDecoder udp = new UdpHeaderDecoder().wrap(buffer, 20);
        assertEquals(sourcePort, udp.sourcePort());
        assertEquals(destinationPort, udp.destinationPort());
        assertEquals(payload.length, udp.payloadLength());
        for (int length = 0; length < total; length++)
        {
            assertEquals(DecodeStatus.TRUNCATED, IpUdp.parseIpUdp(buffer, 0, length, IpUdp.CHECKSUM_VERIFY));
        }
    }

    @Property(tries = 300)
    void shouldRoundTripIpv6UdpAndReportEveryTruncation(
        @ForAll @Size(max = 64) final byte[] payload,
        @ForAll final long sourceHigh,
        @ForAll final long sourceLow,
        @ForAll final long destinationHigh,
        @ForAll final long destinationLow,
        @ForAll @IntRange(max = 0xFFFF) final int sourcePort,
        @ForAll @IntRange(max = 255) final int hopLimit)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[IpUdp.IPV6_UDP_LENGTH + payload.length]);
        buffer.putBytes(IpUdp.IPV6_UDP_LENGTH, payload);
        IpUdp.writeIpv6Udp(buffer, 0, sourceHigh, sourceLow, destinationHigh, destinationLow, sourcePort, 4342,
            payload.length, hopLimit, true);
        final int total = buffer.capacity();
        assertEquals(48, IpUdp.parseIpUdp(buffer, 0, total, IpUdp.CHECKSUM_VERIFY));
        final Ipv6HeaderDecoder ip = new Ipv6HeaderDecoder().wrap(buffer, 0);
        assertEquals(sourceHigh, ip.sourceHigh());
        assertEquals(destinationLow, ip.destinationLow());
        assertEquals(hopLimit, ip.hopLimit());
        for (int length = 0; length < total; length++)
        {
            assertEquals(DecodeStatus.TRUNCATED, IpUdp.parseIpUdp(buffer, 0, length, IpUdp.CHECKSUM_VERIFY));
        }
    }

    @Property(tries = 300)
    void shouldDetectAnySingleBitFlipInTheUdpDatagram(
        @ForAll @Size(min = 1, max = 64) final byte[] payload,
        @ForAll @IntRange(max = 10_000) final int position)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[IpUdp.IPV4_UDP_LENGTH + payload.length]);
        buffer.putBytes(IpUdp.IPV4_UDP_LENGTH, payload);
        IpUdp.writeIpv4Udp(buffer, 0, 0x0A000001, 0x0A000002, 4341, 4341, payload.length, 64, true);
        final int bit = position % (8 * (buffer.capacity() - 20));
        final int index = 20 + bit / 8;
        if (index == 24 || index == 25)
        {
            return;  // the UDP length: a flip there is caught as a length error or a checksum error
        }
        buffer.putByte(index, (byte)(buffer.getByte(index) ^ (1 << (bit & 7))));
        if (UdpHeader.checksum(buffer, 20) == UdpHeader.NO_CHECKSUM)
        {
            return;  // a checksum flipped to 0 reads as "none", which IPv4 allows
        }
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(buffer, 0, buffer.capacity(), IpUdp.CHECKSUM_VERIFY));
    }

    private static void assertStatus(final int status)
    {
        assertTrue(isStatus(status), () -> "status " + status);
    }

    private static boolean isStatus(final int status)
    {
        return status == DecodeStatus.OK || status == DecodeStatus.TRUNCATED || status == DecodeStatus.BAD_IP_HEADER;
    }
}
