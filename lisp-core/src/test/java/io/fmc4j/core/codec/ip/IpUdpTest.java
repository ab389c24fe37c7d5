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
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpUdpTest
{
    @Test
    void shouldWriteCapturedIpv4UdpHeadersInFrontOfPayload()
    {
        final UnsafeBuffer expected = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        buffer.setMemory(0, IpUdp.IPV4_UDP_LENGTH, (byte)0x5A);
        final int written = IpUdp.writeIpv4Udp(
            buffer, 0, 0xC0A80069, 0x7F000001, 4342, 4342, 116, 64, 0, 1, false, true);
        assertEquals(28, written);
        assertEquals(0, buffer.compareTo(expected));
    }

    @Test
    void shouldWriteCapturedIpv6UdpHeadersInFrontOfPayload()
    {
        final UnsafeBuffer expected = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        final UnsafeBuffer buffer = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        buffer.setMemory(0, IpUdp.IPV6_UDP_LENGTH, (byte)0x5A);
        final long prefix = 0x2610_00d0_ffff_0192L;
        final int written = IpUdp.writeIpv6Udp(buffer, 0, prefix, 1L, prefix, 2L, 4342, 4342, 96, 255, true);
        assertEquals(48, written);
        assertEquals(0, buffer.compareTo(expected));
    }

    @Test
    void shouldWriteAtomicDatagramWithoutUdpChecksumByDefault()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        IpUdp.writeIpv4Udp(buffer, 8, 0x0A000001, 0x0A000002, 61000, 4341, 20, 32, false);
        final Ipv4HeaderDecoder ip = new Ipv4HeaderDecoder().wrap(buffer, 8);
        assertEquals(48, ip.totalLength());
        assertEquals(true, ip.dontFragment());
        assertEquals(true, ip.isChecksumValid());
        assertEquals(0, UdpHeader.checksum(buffer, 28));
        assertEquals(36, IpUdp.parseIpUdp(buffer, 8, 48, IpUdp.CHECKSUM_VERIFY));
        assertEquals(20, IpUdp.payloadLength(buffer, 36));
    }

    @Test
    void shouldRejectOversizedPayloadWhenChecksEnabled()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        assertThrows(IllegalArgumentException.class,
            () -> IpUdp.writeIpv4Udp(buffer, 0, 1, 2, 3, 4, 65508, 64, false));
        assertThrows(IllegalArgumentException.class,
            () -> IpUdp.writeIpv6Udp(buffer, 0, 1, 2, 3, 4, 5, 6, -1, 64, false));
    }

    @Test
    void shouldParseCapturedPackets()
    {
        final UnsafeBuffer v4 = Packets.buffer(Packets.MAP_REGISTER_IPV4, 5);
        assertEquals(5 + 28, IpUdp.parseIpUdp(v4, 5, 144, IpUdp.CHECKSUM_VERIFY));
        assertEquals(116, IpUdp.payloadLength(v4, 33));
        final UnsafeBuffer v6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        assertEquals(48, IpUdp.parseIpUdp(v6, 0, 144, IpUdp.CHECKSUM_VERIFY));
        assertEquals(96, IpUdp.payloadLength(v6, 48));
    }

    @Test
    void shouldSkipIpv4Options()
    {
        // The captured Map-Register with a 4-byte option (NOP x3, EOL) inserted: IHL 6, total length 148.
        final UnsafeBuffer original = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        final UnsafeBuffer v4 = new UnsafeBuffer(new byte[148]);
        v4.putBytes(0, original, 0, 20);
        v4.putInt(20, 0x0101_0100, BIG_ENDIAN);
        v4.putBytes(24, original, 20, 124);
        v4.putByte(0, (byte)0x46);
        v4.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, (short)148, BIG_ENDIAN);
        Ipv4Header.updateChecksum(v4, 0);
        assertEquals(32, IpUdp.parseIpUdp(v4, 0, 148, IpUdp.CHECKSUM_VERIFY));
        assertEquals(116, IpUdp.payloadLength(v4, 32));
    }

    @Test
    void shouldIgnoreLinkPaddingAfterTheDatagram()
    {
        final UnsafeBuffer v4 = Packets.buffer(Packets.MAP_REGISTER_IPV4 + "000000000000", 0);
        assertEquals(28, IpUdp.parseIpUdp(v4, 0, 150, IpUdp.CHECKSUM_VERIFY));
    }

    @Test
    void shouldReportEachMalformationWithAStatus()
    {
        assertEquals(DecodeStatus.TRUNCATED, IpUdp.parseIpUdp(new UnsafeBuffer(new byte[1]), 0, 0, 0));
        final UnsafeBuffer v4 = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
        assertEquals(DecodeStatus.TRUNCATED, IpUdp.parseIpUdp(v4, 0, 100, IpUdp.CHECKSUM_IGNORE));

        v4.putByte(0, (byte)0x35);
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_IGNORE));
        v4.putByte(0, (byte)0x45);

        v4.putShort(6, (short)Ipv4Header.FLAG_MF, BIG_ENDIAN);
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_IGNORE));
        v4.putShort(6, (short)0, BIG_ENDIAN);

        v4.putByte(9, (byte)Ipv4Header.PROTOCOL_TCP);
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_IGNORE));
        v4.putByte(9, (byte)Ipv4Header.PROTOCOL_UDP);

        v4.putShort(24, (short)125, BIG_ENDIAN);  // UDP length past the IP payload
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_IGNORE));
        v4.putShort(24, (short)124, BIG_ENDIAN);

        v4.putByte(143, (byte)1);  // payload corrupted: UDP checksum fails
        assertEquals(28, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_IGNORE));
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_VERIFY));

        final UnsafeBuffer v6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
        v6.putByte(6, (byte)Ipv6Header.NEXT_HEADER_FRAGMENT);
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v6, 0, 144, IpUdp.CHECKSUM_IGNORE));
        v6.putByte(6, (byte)Ipv4Header.PROTOCOL_UDP);
        UdpHeader.checksum(v6, 40, 0);
        assertEquals(DecodeStatus.BAD_IP_HEADER, IpUdp.parseIpUdp(v6, 0, 144, IpUdp.CHECKSUM_VERIFY));
        assertEquals(48, IpUdp.parseIpUdp(v6, 0, 144, IpUdp.CHECKSUM_VERIFY_ZERO_ALLOWED));
    }
}
