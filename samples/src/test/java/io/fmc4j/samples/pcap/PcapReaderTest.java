/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.fmc4j.core.codec.ip.IpUdp;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapReaderTest
{
    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripBothByteOrdersAndResolutions() throws IOException
    {
        for (final ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN})
        {
            for (final boolean nanos : new boolean[] {false, true})
            {
                final Path file = dir.resolve("rt-" + order + "-" + nanos + ".pcap");
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[100]);
                try (PcapWriter writer = PcapWriter.create(file, LinkType.ETHERNET, nanos, order))
                {
                    for (int i = 0; i < 3; i++)
                    {
                        frame.setMemory(0, 100, (byte)i);
                        writer.writeFrame(T0 + i, frame, 0, 60 + i, 1500);
                    }
                }
                try (PcapReader reader = PcapReader.open(file))
                {
                    assertEquals(order, reader.byteOrder());
                    assertEquals(nanos, reader.nanosecondResolution());
                    assertEquals(LinkType.ETHERNET, reader.linkType());
                    assertEquals(2, reader.versionMajor());
                    assertEquals(4, reader.versionMinor());
                    assertEquals(PcapWriter.SNAP_LENGTH, reader.snapLength());
                    for (int i = 0; i < 3; i++)
                    {
                        assertTrue(reader.next());
                        assertEquals(i + 1, reader.frameIndex());
                        assertEquals(nanos ? T0 + i : (T0 / 1000) * 1000, reader.timestampNanos());
                        assertEquals(T0 / 1_000_000_000L, reader.timestampSeconds());
                        assertEquals(60 + i, reader.capturedLength());
                        assertEquals(1500, reader.originalLength());
                        assertEquals((byte)i, reader.frame().getByte(59 + i));
                    }
                    assertFalse(reader.next());
                    assertFalse(reader.next());
                }
            }
        }
    }

    @Test
    void shouldReadAVectorRewrittenBigEndianWithNanoseconds() throws IOException
    {
        final Path copy = dir.resolve("be.pcap");
        final String name = "tcpdump_lisp_eid_notify.pcap";
        try (PcapReader reader = PcapReader.open(Vectors.path(name));
            PcapWriter writer = PcapWriter.create(copy, reader.linkType(), true, ByteOrder.BIG_ENDIAN))
        {
            while (reader.next())
            {
                writer.writeFrame(reader.timestampNanos(), reader.frame(), 0, reader.capturedLength(),
                    reader.originalLength());
            }
        }
        try (PcapReader original = PcapReader.open(Vectors.path(name)); PcapReader rewritten = PcapReader.open(copy))
        {
            assertEquals(ByteOrder.BIG_ENDIAN, rewritten.byteOrder());
            while (original.next())
            {
                assertTrue(rewritten.next());
                assertEquals(original.timestampNanos(), rewritten.timestampNanos());
                assertEquals(original.capturedLength(), rewritten.capturedLength());
                assertEquals(0, new UnsafeBuffer(original.frame(), 0, original.capturedLength())
                    .compareTo(new UnsafeBuffer(rewritten.frame(), 0, rewritten.capturedLength())));
            }
            assertFalse(rewritten.next());
        }
    }

    @Test
    void shouldRefusePcapngWithAHint() throws IOException
    {
        final Path file = dir.resolve("x.pcapng");
        Files.write(file, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A});
        final PcapFormatException ex = assertThrows(PcapFormatException.class, () -> PcapReader.open(file));
        assertTrue(ex.getMessage().contains("pcapng not supported, convert with editcap -F pcap"), ex.getMessage());
    }

    @Test
    void shouldRefuseFilesThatAreNotPcap() throws IOException
    {
        final Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(PcapFormatException.class, () -> PcapReader.open(empty)).getMessage()
            .contains("shorter than the 24-byte file header"));

        final Path text = dir.resolve("text.pcap");
        Files.writeString(text, "this is not a capture file at all");
        assertTrue(assertThrows(PcapFormatException.class, () -> PcapReader.open(text)).getMessage()
            .contains("not a pcap file: magic 0x74686973"));

        final byte[] header = Files.readAllBytes(Vectors.path("tcpdump_lisp_eid_register.pcap"));
        header[4] = 3;
        final Path version = dir.resolve("v3.pcap");
        Files.write(version, header);
        assertTrue(assertThrows(PcapFormatException.class, () -> PcapReader.open(version)).getMessage()
            .contains("unsupported pcap version 3.4"));
    }

    @Test
    void shouldNameTheRecordThatIsTruncated() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Vectors.path("tcpdump_lisp_eid_register.pcap"));
        // 24 header + 16 + 158 (frame 1) + 16 + 170 (frame 2) = 384
        assertEquals(384, bytes.length);
        assertRecordError(Arrays.copyOf(bytes, 383), 2, 198, "truncated record data, 169 of 170 bytes");
        assertRecordError(Arrays.copyOf(bytes, 200), 2, 198, "truncated record header, 2 of 16 bytes");
        assertRecordError(Arrays.copyOf(bytes, 100), 1, 24, "truncated record data, 60 of 158 bytes");
    }

    @Test
    void shouldRejectImpossibleCapturedLength() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Vectors.path("tcpdump_lisp_eid_register.pcap"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(198 + 8, 0x7FFF_FFFF);
        assertRecordError(bytes, 2, 198, "captured length 2147483647 exceeds 262144 (corrupt record)");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(198 + 8, -1);
        assertRecordError(bytes, 2, 198, "captured length 4294967295 exceeds 262144");
    }

    @Test
    void shouldReadFromAStream() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Vectors.path("tcpdump_lisp_eid_notify.pcap"));
        int frames = 0;
        try (PcapReader reader = PcapReader.open(
            Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), "stdin"))
        {
            while (reader.next())
            {
                frames++;
            }
        }
        assertEquals(4, frames);
    }

    @Test
    void shouldWriteIpPacketsUnderEveryLinkTypeAndFindThemAgain() throws IOException
    {
        final UnsafeBuffer v4 = new UnsafeBuffer(new byte[28 + 12]);
        IpUdp.writeIpv4Udp(v4, 0, 0x0A000001, 0x0A000002, 40000, 4342, 12, 64, true);
        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[48 + 12]);
        IpUdp.writeIpv6Udp(v6, 0, 0x20010db8L << 32, 1, 0x20010db8L << 32, 2, 40001, 4341, 12, 64, true);
        final int[][] linkTypes =
        {
            {LinkType.ETHERNET, 14}, {LinkType.RAW, 0}, {LinkType.LINUX_SLL, 16}, {LinkType.LINUX_SLL2, 20},
            {LinkType.NULL, 4}, {LinkType.LOOP, 4}, {LinkType.IPV4, 0}, {LinkType.IPV6, 0},
        };
        final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
        for (final ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN})
        {
            for (final int[] linkType : linkTypes)
            {
                final Path file = dir.resolve(LinkType.name(linkType[0]) + order + ".pcap");
                try (PcapWriter writer = PcapWriter.create(file, linkType[0], false, order))
                {
                    if (linkType[0] != LinkType.IPV6)
                    {
                        writer.writeIpPacket(T0, v4, 0, v4.capacity());
                    }
                    if (linkType[0] != LinkType.IPV4)
                    {
                        writer.writeIpPacket(T0, v6, 0, v6.capacity());
                    }
                }
                try (PcapReader reader = PcapReader.open(file))
                {
                    while (reader.next())
                    {
                        final String where = LinkType.name(linkType[0]) + " " + order + " frame " + reader.frameIndex();
                        assertEquals(UdpDatagramExtractor.OK,
                            extractor.extract(reader.linkType(), reader.frame(), 0, reader.capturedLength()), where);
                        assertEquals(linkType[1], extractor.ipOffset(), where);
                        final int version = extractor.ipVersion();
                        assertEquals(version == 4 ? 40000 : 40001, extractor.sourcePort(), where);
                        assertEquals(12, extractor.payloadLength(), where);
                        assertEquals(UdpDatagramExtractor.CHECKSUM_GOOD, extractor.udpChecksumStatus(), where);
                    }
                }
            }
        }
    }

    private void assertRecordError(
        final byte[] bytes, final int record, final long offset, final String what) throws IOException
    {
        final Path file = dir.resolve("bad.pcap");
        Files.write(file, bytes);
        try (PcapReader reader = PcapReader.open(file))
        {
            for (int i = 1; i < record; i++)
            {
                assertTrue(reader.next());
            }
            final PcapFormatException ex = assertThrows(PcapFormatException.class, reader::next);
            assertEquals(record, ex.recordIndex());
            assertEquals(offset, ex.fileOffset());
            assertTrue(ex.getMessage().contains("record " + record + " at offset " + offset + ": " + what),
                ex.getMessage());
            assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
        }
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }
}
