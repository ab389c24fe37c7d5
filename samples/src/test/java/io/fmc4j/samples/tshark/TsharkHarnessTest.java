/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.tshark;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.samples.pcap.LinkType;
import io.fmc4j.samples.pcap.PcapReader;
import io.fmc4j.samples.pcap.PcapWriter;
import io.fmc4j.samples.pcap.UdpDatagramExtractor;
import io.fmc4j.samples.pcap.Vectors;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsharkHarnessTest
{
    @TempDir
    Path dir;

    @BeforeAll
    static void requireTshark()
    {
        Tshark.assumeAvailable();
    }

    @Test
    void shouldReadMapRegisterFieldsAsTheBytesSay() throws IOException
    {
        final Path capture = Vectors.path("tcpdump_lisp_eid_register.pcap");
        final List<TsharkFrame> frames = Tshark.decode(capture);
        assertEquals(2, frames.size());
        final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
        try (PcapReader reader = PcapReader.open(capture))
        {
            for (final TsharkFrame frame : frames)
            {
                assertTrue(reader.next());
                assertEquals(reader.frameIndex(), frame.number());
                assertEquals(UdpDatagramExtractor.OK,
                    extractor.extract(reader.linkType(), reader.frame(), 0, reader.capturedLength()));
                final DirectBuffer bytes = reader.frame();
                final int lispOffset = extractor.payloadOffset();

                final JsonNode lisp = frame.lastLayer("lisp");
                assertNotNull(lisp, "tshark found no lisp layer in frame " + frame.number());
                final int type = (bytes.getByte(lispOffset) & 0xFF) >>> 4;
                assertEquals(3, type);  // Map-Register
                assertEquals(type, TsharkFrame.number(lisp, "lisp.type"));
                assertEquals(bytes.getLong(lispOffset + 4, BIG_ENDIAN), TsharkFrame.number(lisp, "lisp.nonce"));
                assertEquals(bytes.getByte(lispOffset + 3) & 0xFF, TsharkFrame.number(lisp, "lisp.records"));
                assertEquals(bytes.getShort(lispOffset + 12, BIG_ENDIAN) & 0xFFFF,
                    TsharkFrame.number(lisp, "lisp.keyid"));
                assertEquals(bytes.getShort(lispOffset + 14, BIG_ENDIAN) & 0xFFFF,
                    TsharkFrame.number(lisp, "lisp.authlen"));
            }
            assertFalse(reader.next());
        }
        // Repeated records come back in order, not collapsed to the last one.
        assertEquals(List.of("10.30.1.100", "10.30.1.96"),
            TsharkFrame.fields(frames.get(0).lastLayer("lisp"), "lisp.mapping.eid.ipv4"));
    }

    @Test
    void shouldSeeBothLayersOfAnEncapsulatedControlMessage() throws IOException
    {
        final List<TsharkFrame> frames = Tshark.decode(Vectors.path("odl_southbound_handler_test_frames.pcap"));
        final TsharkFrame ecm = frames.get(11);
        assertEquals(12, ecm.number());
        assertEquals(2, ecm.layers("lisp").size());
        assertEquals(8, TsharkFrame.number(ecm.firstLayer("lisp"), "lisp.type"));
        assertEquals(1, TsharkFrame.number(ecm.lastLayer("lisp"), "lisp.type"));
        assertEquals(0xfff5bf5d7b7593e6L, TsharkFrame.number(ecm.lastLayer("lisp"), "lisp.nonce"));
        assertEquals("2610:d0:ffff:192::2", TsharkFrame.field(ecm.lastLayer("lisp"), "lisp.mreq.record.prefix.ipv6"));
        assertEquals(2, ecm.layers("udp").size());
        assertTrue(frames.get(0).has("_ws.malformed"));
    }

    @Test
    void shouldAgreeWithTsharkOnEveryVectorFrame() throws IOException
    {
        final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
        int compared = 0;
        for (final String[] file : Vectors.FILES)
        {
            final Path capture = Vectors.path(file[0]);
            final List<TsharkFrame> frames = Tshark.decode(capture);
            assertEquals(Integer.parseInt(file[1]), frames.size(), file[0]);
            try (PcapReader reader = PcapReader.open(capture))
            {
                for (final TsharkFrame frame : frames)
                {
                    assertTrue(reader.next());
                    final String where = file[0] + " frame " + frame.number();
                    assertEquals(UdpDatagramExtractor.OK,
                        extractor.extract(reader.linkType(), reader.frame(), 0, reader.capturedLength()), where);
                    final JsonNode udp = frame.firstLayer("udp");
                    assertEquals(TsharkFrame.number(udp, "udp.srcport"), extractor.sourcePort(), where);
                    assertEquals(TsharkFrame.number(udp, "udp.dstport"), extractor.destinationPort(), where);
                    assertEquals(TsharkFrame.number(udp, "udp.length"), extractor.udpLength(), where);
                    final JsonNode ip = frame.firstLayer("ip");
                    assertEquals(TsharkFrame.number(ip, "ip.checksum.status") == 1,
                        extractor.ipv4ChecksumStatus() == UdpDatagramExtractor.CHECKSUM_GOOD, where);
                    final JsonNode lisp = frame.firstLayer("lisp");
                    if (lisp != null && TsharkFrame.field(lisp, "lisp.type") != null)
                    {
                        final int type = (reader.frame().getByte(extractor.payloadOffset()) & 0xFF) >>> 4;
                        assertEquals(TsharkFrame.number(lisp, "lisp.type"), type, where);
                    }
                    compared++;
                }
                assertFalse(reader.next());
            }
        }
        assertEquals(72, compared);
    }

    @Test
    void shouldHaveTsharkVerifyTheChecksumsWeWriteUnderEveryLinkType() throws IOException
    {
        final byte[] mapRequestStart = {0x10, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8};
        final UnsafeBuffer v4 = new UnsafeBuffer(new byte[IpUdp.IPV4_UDP_LENGTH + mapRequestStart.length]);
        v4.putBytes(IpUdp.IPV4_UDP_LENGTH, mapRequestStart);
        IpUdp.writeIpv4Udp(v4, 0, 0xC0000201, 0xC6336402, 61000, 4342, mapRequestStart.length, 64, true);
        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[IpUdp.IPV6_UDP_LENGTH + mapRequestStart.length]);
        v6.putBytes(IpUdp.IPV6_UDP_LENGTH, mapRequestStart);
        IpUdp.writeIpv6Udp(v6, 0, 0x2001_0db8_0000_0000L, 1, 0x2001_0db8_0000_0000L, 2, 61001, 4342,
            mapRequestStart.length, 64, true);

        final List<Path> captures = new ArrayList<>();
        for (final int linkType : new int[] {LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL,
            LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP})
        {
            for (final ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN})
            {
                final Path file = dir.resolve(LinkType.name(linkType) + "-" + order + ".pcap");
                try (PcapWriter writer = PcapWriter.create(file, linkType, order == BIG_ENDIAN, order))
                {
                    writer.writeIpPacket(1_000_000_123L, v4, 0, v4.capacity());
                    writer.writeIpPacket(2_000_000_456L, v6, 0, v6.capacity());
                }
                captures.add(file);
            }
        }
        for (final Path capture : captures)
        {
            final List<TsharkFrame> frames = Tshark.decode(capture);
            assertEquals(2, frames.size(), capture.toString());
            for (final TsharkFrame frame : frames)
            {
                final String where = capture.getFileName() + " frame " + frame.number();
                final JsonNode udp = frame.firstLayer("udp");
                assertNotNull(udp, where + ": tshark found no UDP");
                assertEquals(1, TsharkFrame.number(udp, "udp.checksum.status"), where + ": UDP checksum");
                assertEquals(20, TsharkFrame.number(udp, "udp.length"), where);
                if (frame.number() == 1)
                {
                    assertEquals(1, TsharkFrame.number(frame.firstLayer("ip"), "ip.checksum.status"), where);
                    assertEquals("1", TsharkFrame.field(frame.firstLayer("ip"), "ip.flags.df"), where);
                }
                else
                {
                    assertEquals("2001:db8::1", TsharkFrame.field(frame.firstLayer("ipv6"), "ipv6.src"), where);
                }
                assertEquals(1, TsharkFrame.number(frame.firstLayer("lisp"), "lisp.type"), where);
                final String epoch = TsharkFrame.field(frame.layers().path("frame"), "frame.time_epoch");
                assertEquals(frame.number() == 1 ? "1.000000" : "2.000000", epoch.substring(0, 8), where);
            }
        }
    }
}
