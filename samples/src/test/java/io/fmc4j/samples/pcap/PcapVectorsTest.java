/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;

import io.fmc4j.api.LispPorts;
import io.fmc4j.core.codec.ip.Ipv4Header;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapVectorsTest
{
    private static final int TSHARK_UNVERIFIED = 2;

    private final UdpDatagramExtractor extractor = new UdpDatagramExtractor();

    @Test
    void shouldReadTheFrameCountOfEveryVector() throws IOException
    {
        for (final String[] file : Vectors.FILES)
        {
            int frames = 0;
            try (PcapReader reader = PcapReader.open(Vectors.path(file[0])))
            {
                assertEquals(LinkType.ETHERNET, reader.linkType(), file[0]);
                assertEquals(ByteOrder.LITTLE_ENDIAN, reader.byteOrder());
                assertFalse(reader.nanosecondResolution());
                while (reader.next())
                {
                    frames++;
                    assertEquals(frames, reader.frameIndex());
                }
            }
            assertEquals(Integer.parseInt(file[1]), frames, file[0]);
        }
    }

    @Test
    void shouldExtractTheLispDatagramOfEveryFrameAsTsharkDoes() throws IOException
    {
        final List<Vectors.Datagram> expected = Vectors.datagrams();
        assertEquals(72, expected.size());
        for (final String[] file : Vectors.FILES)
        {
            final Iterator<Vectors.Datagram> rows = expected.stream().filter(row -> row.file().equals(file[0]))
                .iterator();
            try (PcapReader reader = PcapReader.open(Vectors.path(file[0])))
            {
                while (reader.next())
                {
                    final Vectors.Datagram row = next(rows, file[0]);
                    final String where = file[0] + " frame " + reader.frameIndex();
                    assertEquals(row.frame(), reader.frameIndex(), where);
                    assertEquals(row.capturedLength(), reader.capturedLength(), where);
                    assertEquals(row.frameLength(), reader.originalLength(), where);

                    final int status = extractor.extract(reader.linkType(), reader.frame(), 0, reader.capturedLength());
                    assertEquals(UdpDatagramExtractor.OK, status,
                        () -> where + ": " + UdpDatagramExtractor.describe(status));
                    assertEquals(row.ipVersion(), extractor.ipVersion(), where);
                    assertEquals(14, extractor.ipOffset(), where);
                    assertEquals(row.sourcePort(), extractor.sourcePort(), where);
                    assertEquals(row.destinationPort(), extractor.destinationPort(), where);
                    assertTrue(isLisp(extractor.destinationPort()) || isLisp(extractor.sourcePort()), where);
                    assertEquals(row.udpLength(), extractor.udpLength(), where);
                    assertEquals(row.udpLength() - 8, extractor.payloadLength(), where);
                    assertEquals(14 + 20 + 8, extractor.payloadOffset(), where);
                    final int captured = Math.min(row.udpLength() - 8, reader.capturedLength() - 42);
                    assertEquals(captured, extractor.capturedPayloadLength(), where);
                    assertEquals(row.ipChecksum(), tsharkStatus(extractor.ipv4ChecksumStatus()),
                        where + " IP checksum");
                    final int ipEnd = 14 + Ipv4Header.totalLength(reader.frame(), 14);
                    if (row.udpChecksum() == TSHARK_UNVERIFIED && ipEnd > reader.capturedLength() &&
                        extractor.isPayloadComplete())
                    {
                        // tshark verifies only when the whole IP payload was captured; the extractor verifies
                        // whenever the bytes the UDP length covers were (tcpdump_lisp_invalid_length frame 1).
                        assertEquals(UdpDatagramExtractor.CHECKSUM_BAD, extractor.udpChecksumStatus(), where);
                        continue;
                    }
                    assertEquals(row.udpChecksum(), tsharkStatus(extractor.udpChecksumStatus()),
                        where + " UDP checksum");
                }
            }
            assertFalse(rows.hasNext(), "fewer frames than udp-datagrams.tsv lists, in " + file[0]);
        }
    }

    private static Vectors.Datagram next(final Iterator<Vectors.Datagram> rows, final String file)
    {
        assertTrue(rows.hasNext(), "more frames than udp-datagrams.tsv lists, in " + file);
        final Vectors.Datagram row = rows.next();
        assertEquals(file, row.file());
        return row;
    }

    private static boolean isLisp(final int port)
    {
        return port == LispPorts.CONTROL || port == LispPorts.DATA;
    }

    /** Maps the extractor's verdict to tshark's checksum status codes. */
    static int tsharkStatus(final int extractorStatus)
    {
        switch (extractorStatus)
        {
            case UdpDatagramExtractor.CHECKSUM_BAD:
                return 0;
            case UdpDatagramExtractor.CHECKSUM_GOOD:
                return 1;
            case UdpDatagramExtractor.CHECKSUM_UNVERIFIABLE:
                return 2;
            default:
                return 3;
        }
    }
}
