/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Ipv6HeaderTest
{
    private static final long PREFIX = 0x2610_00d0_ffff_0192L;

    private final Ipv6HeaderDecoder decoder = new Ipv6HeaderDecoder();
    private final Ipv6HeaderEncoder encoder = new Ipv6HeaderEncoder();

    @Test
    void shouldDecodeCapturedHeader()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REQUEST_IPV6, 2);
        assertEquals(DecodeStatus.OK, Ipv6Header.validate(buffer, 2, 144));
        decoder.wrap(buffer, 2);
        assertEquals(6, decoder.version());
        assertEquals(0, decoder.trafficClass());
        assertEquals(0, decoder.flowLabel());
        assertEquals(104, decoder.payloadLength());
        assertEquals(Ipv4Header.PROTOCOL_UDP, decoder.nextHeader());
        assertEquals(255, decoder.hopLimit());
        assertEquals(PREFIX, decoder.sourceHigh());
        assertEquals(1L, decoder.sourceLow());
        assertEquals(PREFIX, decoder.destinationHigh());
        assertEquals(2L, decoder.destinationLow());
        assertEquals(10, decoder.sourceAddressOffset());
        assertEquals(42, decoder.payloadOffset());
        assertEquals("Ipv6Header{src=2610:d0:ffff:192::1, dst=2610:d0:ffff:192::2, tc=0, flow=0, plen=104, " +
            "next=17, hlim=255}", decoder.toString());
    }

    @Test
    void shouldEncodeCapturedHeaderByteForByte()
    {
        final UnsafeBuffer expected = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[40]);
        buffer.setMemory(0, 40, (byte)0xEE);
        encoder.wrap(buffer, 0).payloadLength(104).nextHeader(17).hopLimit(255).sourceAddress(PREFIX, 1L)
            .destinationAddress(expected, Ipv6Header.DESTINATION_OFFSET);
        assertEquals(0, buffer.compareTo(new UnsafeBuffer(expected, 0, 40)));
    }

    @Test
    void shouldRoundTripTrafficClassAndFlowLabel()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[40]);
        encoder.wrap(buffer, 0).flowLabel(0xFFFFF).trafficClass(0xAB).flowLabel(0x12345);
        decoder.wrap(buffer, 0);
        assertEquals(6, decoder.version());
        assertEquals(0xAB, decoder.trafficClass());
        assertEquals(0x12345, decoder.flowLabel());
    }

    @Test
    void shouldRejectMalformedHeaders()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        assertEquals(DecodeStatus.TRUNCATED, Ipv6Header.validate(buffer, 0, 39));
        assertEquals(DecodeStatus.TRUNCATED, Ipv6Header.validate(buffer, 0, 143));
        buffer.putByte(0, (byte)0x40);
        assertEquals(DecodeStatus.BAD_IP_HEADER, Ipv6Header.validate(buffer, 0, 144));
    }

    @Test
    void shouldFormatAddressesAsRfc5952()
    {
        assertEquals("::", format(0, 0));
        assertEquals("::1", format(0, 1));
        assertEquals("2001:db8::", format(0x2001_0db8_0000_0000L, 0));
        assertEquals("2001:db8:0:1:1:1:1:1", format(0x2001_0db8_0000_0001L, 0x0001_0001_0001_0001L));
        assertEquals("2001:0:0:1::1", format(0x2001_0000_0000_0001L, 1));
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", format(-1L, -1L));
    }

    private static String format(final long high, final long low)
    {
        return Ipv6Header.appendAddress(new StringBuilder(), high, low).toString();
    }
}
