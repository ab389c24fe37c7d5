/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapRobustnessTest
{
    private static final byte[] VECTOR = read("tcpdump_lisp_eid_notify.pcap");

    @Property(tries = 1000)
    void shouldEndOrNameTheBadRecordForAnyCorruption(
        @ForAll @IntRange(min = 24, max = 775) final int position,
        @ForAll @Size(min = 1, max = 8) final byte[] garbage,
        @ForAll @IntRange(min = 24, max = 776) final int cut)
    {
        final byte[] bytes = java.util.Arrays.copyOf(VECTOR, Math.min(cut, VECTOR.length));
        for (int i = 0; i < garbage.length && position + i < bytes.length; i++)
        {
            bytes[position + i] = garbage[i];
        }
        readAll(bytes);
    }

    @Property(tries = 1000)
    void shouldEndOrNameTheBadRecordForArbitraryRecords(@ForAll @Size(max = 400) final byte[] records)
    {
        final byte[] bytes = new byte[24 + records.length];
        System.arraycopy(VECTOR, 0, bytes, 0, 24);
        System.arraycopy(records, 0, bytes, 24, records.length);
        readAll(bytes);
    }

    private static void readAll(final byte[] bytes)
    {
        final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
        int frames = 0;
        try (PcapReader reader = PcapReader.open(Channels.newChannel(new ByteArrayInputStream(bytes)), "fuzz"))
        {
            while (reader.next())
            {
                frames++;
                // Every record consumes at least its 16-byte header: the loop is bounded by the input size.
                assertTrue(frames <= bytes.length / 16);
                final int status = extractor.extract(reader.linkType(), reader.frame(), 0, reader.capturedLength());
                if (status == UdpDatagramExtractor.OK)
                {
                    assertTrue(extractor.payloadOffset() <= reader.capturedLength());
                    assertTrue(extractor.capturedPayloadLength() >= 0);
                    extractor.udpChecksumStatus();
                    extractor.ipv4ChecksumStatus();
                }
            }
        }
        catch (final PcapFormatException ex)
        {
            assertTrue(ex.getMessage().startsWith("fuzz: record " + ex.recordIndex() + " at offset "), ex.getMessage());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] read(final String name)
    {
        try
        {
            return Files.readAllBytes(Vectors.path(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
