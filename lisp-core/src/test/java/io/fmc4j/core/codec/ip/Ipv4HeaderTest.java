/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import io.fmc4j.api.DecodeStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4HeaderTest
{
    private static final int SRC = 0xC0A80069;  // 192.168.0.105
    private static final int DST = 0x7F000001;  // 127.0.0.1

    private final Ipv4HeaderDecoder decoder = new Ipv4HeaderDecoder();
    private final Ipv4HeaderEncoder encoder = new Ipv4HeaderEncoder();

    @Test
    void shouldDecodeCapturedHeader()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 3);
        assertEquals(DecodeStatus.OK, Ipv4Header.validate(buffer, 3, 144));
        decoder.wrap(buffer, 3);
        assertEquals(4, decoder.version());
        assertEquals(20, decoder.headerLength());
        assertEquals(144, decoder.totalLength());
        assertEquals(124, decoder.payloadLength());
        assertEquals(23, decoder.payloadOffset());
        assertEquals(1, decoder.identification());
        assertFalse(decoder.dontFragment());
        assertFalse(decoder.isFragment());
        assertEquals(64, decoder.ttl());
        assertEquals(Ipv4Header.PROTOCOL_UDP, decoder.protocol());
        assertEquals(SRC, decoder.sourceAddress());
        assertEquals(DST, decoder.destinationAddress());
        assertEquals(0x3a4a, decoder.checksum());
        assertTrue(decoder.isChecksumValid());
        assertEquals(0x3a4a, Ipv4Header.computeChecksum(buffer, 3));
        assertEquals("Ipv4Header{src=192.168.0.105, dst=127.0.0.1, hl=20, len=144, id=1, ttl=64, proto=17, " +
            "checksum=0x3a4a}", decoder.toString());
    }

    @Test
    void shouldDetectCorruptedChecksum()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        buffer.putByte(8, (byte)63);  // TTL decremented without updating the checksum
        assertFalse(Ipv4Header.isChecksumValid(buffer, 0));
        Ipv4Header.updateChecksum(buffer, 0);
        assertTrue(Ipv4Header.isChecksumValid(buffer, 0));
    }

    @Test
    void shouldEncodeCapturedHeaderByteForByte()
    {
        final UnsafeBuffer expected = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[20]);
        buffer.setMemory(0, 20, (byte)0xEE);
        encoder.wrap(buffer, 0).totalLength(144).identification(1).dontFragment(false).ttl(64)
            .protocol(Ipv4Header.PROTOCOL_UDP).sourceAddress(SRC).destinationAddress(DST).updateChecksum();
        assertEquals(0, buffer.compareTo(new UnsafeBuffer(expected, 0, 20)));
    }

    @Test
    void shouldRoundTripFlagsAndTos()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        encoder.wrap(buffer, 4).tos(0xB8).totalLength(64 - 4).identification(0xFFFF).dontFragment(true).ttl(255)
            .protocol(Ipv4Header.PROTOCOL_TCP).sourceAddress(-1).destinationAddress(0).updateChecksum();
        assertEquals(DecodeStatus.OK, Ipv4Header.validate(buffer, 4, 60));
        decoder.wrap(buffer, 4);
        assertEquals(0xB8, decoder.tos());
        assertEquals(0xFFFF, decoder.identification());
        assertTrue(decoder.dontFragment());
        assertFalse(decoder.moreFragments());
        assertEquals(255, decoder.ttl());
        assertEquals(-1, decoder.sourceAddress());
        assertTrue(decoder.isChecksumValid());
    }

    @Test
    void shouldAcceptOptionsAndExposeHeaderLength()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[60]);
        encoder.wrap(buffer, 0).totalLength(60).ttl(1).protocol(Ipv4Header.PROTOCOL_UDP);
        buffer.putByte(0, (byte)0x4F);  // IHL 15: 40 bytes of options (zero = end of option list)
        Ipv4Header.updateChecksum(buffer, 0);
        assertEquals(DecodeStatus.OK, Ipv4Header.validate(buffer, 0, 60));
        assertEquals(60, decoder.wrap(buffer, 0).headerLength());
        assertTrue(decoder.isChecksumValid());
        assertEquals(DecodeStatus.TRUNCATED, Ipv4Header.validate(buffer, 0, 59));
    }

    @Test
    void shouldRejectMalformedHeaders()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        assertEquals(DecodeStatus.TRUNCATED, Ipv4Header.validate(buffer, 0, 19));
        assertEquals(DecodeStatus.TRUNCATED, Ipv4Header.validate(buffer, 0, 143));
        assertEquals(DecodeStatus.OK, Ipv4Header.validate(buffer, 0, 144));

        buffer.putByte(0, (byte)0x65);
        assertEquals(DecodeStatus.BAD_IP_HEADER, Ipv4Header.validate(buffer, 0, 144));
        buffer.putByte(0, (byte)0x44);
        assertEquals(DecodeStatus.BAD_IP_HEADER, Ipv4Header.validate(buffer, 0, 144));
        buffer.putByte(0, (byte)0x45);
        buffer.putShort(2, (short)19, java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(DecodeStatus.BAD_IP_HEADER, Ipv4Header.validate(buffer, 0, 144));
    }

    @Test
    void shouldRecogniseFragments()
    {
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        buffer.putShort(6, (short)Ipv4Header.FLAG_MF, java.nio.ByteOrder.BIG_ENDIAN);
        assertTrue(decoder.wrap(buffer, 0).isFragment());
        assertTrue(decoder.moreFragments());
        buffer.putShort(6, (short)(Ipv4Header.FLAG_DF | 0x0001), java.nio.ByteOrder.BIG_ENDIAN);
        assertTrue(decoder.isFragment());
        assertEquals(1, decoder.fragmentOffset());
        buffer.putShort(6, (short)Ipv4Header.FLAG_DF, java.nio.ByteOrder.BIG_ENDIAN);
        assertFalse(decoder.isFragment());
    }
}
