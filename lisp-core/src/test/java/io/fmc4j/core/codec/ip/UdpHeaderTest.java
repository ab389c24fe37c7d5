/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpHeaderTest
{
    private static final int SRC = 0xC0A80069;
    private static final int DST = 0x7F000001;

    private final UdpHeaderDecoder decoder = new UdpHeaderDecoder();
    private final UdpHeaderEncoder encoder = new UdpHeaderEncoder();

    @Test
    void shouldDecodeAndVerifyCapturedIpv4Datagram()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        assertEquals(DecodeStatus.OK, UdpHeader.validate(buffer, 20, 124));
        decoder.wrap(buffer, 20);
        assertEquals(4342, decoder.sourcePort());
        assertEquals(4342, decoder.destinationPort());
        assertEquals(124, decoder.length());
        assertEquals(116, decoder.payloadLength());
        assertEquals(28, decoder.payloadOffset());
        assertEquals(0xed51, decoder.checksum());
        assertEquals(0xed51, UdpHeader.computeChecksumIpv4(buffer, 20, 124, SRC, DST));
        assertTrue(decoder.isChecksumValidIpv4(SRC, DST, false));
        assertFalse(decoder.isChecksumValidIpv4(SRC, DST + 1, false));
        assertEquals("UdpHeader{sport=4342, dport=4342, len=124, checksum=0xed51}", decoder.toString());
    }

    @Test
    void shouldDecodeAndVerifyCapturedIpv6Datagram()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        decoder.wrap(buffer, 40);
        assertEquals(104, decoder.length());
        assertEquals(0x948b, UdpHeader.computeChecksumIpv6(buffer, 40, 104, buffer, 0));
        assertEquals(0x948b, UdpHeader.computeChecksumIpv6(
            buffer, 40, 104, 0x2610_00d0_ffff_0192L, 1L, 0x2610_00d0_ffff_0192L, 2L));
        assertTrue(decoder.isChecksumValidIpv6(buffer, 0, false));
        buffer.putByte(100, (byte)(buffer.getByte(100) ^ 0x10));
        assertFalse(decoder.isChecksumValidIpv6(buffer, 0, false));
    }

    @Test
    void shouldApplyZeroChecksumRules()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        UdpHeader.checksum(buffer, 20, 0);
        assertTrue(UdpHeader.isChecksumValidIpv4(buffer, 20, 124, SRC, DST, true));
        assertFalse(UdpHeader.isChecksumValidIpv4(buffer, 20, 124, SRC, DST, false));
        final UnsafeBuffer v6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        UdpHeader.checksum(v6, 40, 0);
        assertFalse(UdpHeader.isChecksumValidIpv6(v6, 40, 104, v6, 0, false));
        assertTrue(UdpHeader.isChecksumValidIpv6(v6, 40, 104, v6, 0, true));
    }

    @Test
    void shouldSendComputedZeroAsAllOnes()
    {
        // Pseudo header + header sum to 0xFFFF when the payload is chosen so: the checksum computes to 0.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[10]);
        encoder.wrap(buffer, 0).sourcePort(0).destinationPort(0).length(10);
        // sum = 17 (protocol) + 10 (length, pseudo) + 10 (length, header) + payload word
        buffer.putShort(8, (short)(0xFFFF - 37), BIG_ENDIAN);
        encoder.updateChecksumIpv4(0, 0);
        assertEquals(0xFFFF, decoder.wrap(buffer, 0).checksum());
        assertTrue(decoder.isChecksumValidIpv4(0, 0, false));
    }

    @Test
    void shouldEncodeCapturedHeaderByteForByte()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        final UnsafeBuffer expected = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        buffer.putLong(20, -1L);
        encoder.wrap(buffer, 20).sourcePort(4342).destinationPort(4342).length(124).updateChecksumIpv4(SRC, DST);
        assertEquals(0, buffer.compareTo(expected));

        final UnsafeBuffer v6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        final UnsafeBuffer expectedV6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        encoder.wrap(v6, 40).sourcePort(4342).destinationPort(4342).length(104).updateChecksumIpv6(v6, 0);
        assertEquals(0, v6.compareTo(expectedV6));
    }

    @Test
    void shouldRejectMalformedHeaders()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        assertEquals(DecodeStatus.TRUNCATED, UdpHeader.validate(buffer, 20, 7));
        assertEquals(DecodeStatus.TRUNCATED, UdpHeader.validate(buffer, 20, 123));
        buffer.putShort(24, (short)7, BIG_ENDIAN);
        assertEquals(DecodeStatus.BAD_IP_HEADER, UdpHeader.validate(buffer, 20, 124));
    }
}
