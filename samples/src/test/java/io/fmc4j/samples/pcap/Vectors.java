/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public captures copied into {@code src/test/resources/vectors/} and tshark's reading of them
 * ({@code udp-datagrams.tsv}).
 */
public final class Vectors
{
    /** Every capture, with its frame count from the vectors README. */
    public static final String[][] FILES =
    {
        {"tcpdump_lisp_eid_register.pcap", "2"},
        {"tcpdump_lisp_eid_notify.pcap", "4"},
        {"tcpdump_lisp_ipv6.pcap", "2"},
        {"tcpdump_lisp_invalid.pcap", "2"},
        {"tcpdump_lisp_invalid_length.pcap", "1"},
        {"odl_southbound_handler_test_frames.pcap", "15"},
        {"odl_serializer_test_vectors.pcap", "39"},
        {"odl_lcaf_vectors_wrapped_in_map_register.pcap", "7"},
    };

    private Vectors()
    {
    }

    /**
     * Path of a vector file on the test class path.
     *
     * @param name file name.
     * @return its path.
     */
    public static Path path(final String name)
    {
        final URL url = Vectors.class.getResource("/vectors/" + name);
        if (url == null)
        {
            throw new IllegalStateException("missing test resource vectors/" + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * One row of {@code udp-datagrams.tsv}.
     *
     * @param file capture name.
     * @param frame frame number from 1.
     * @param capturedLength bytes captured.
     * @param frameLength bytes on the wire.
     * @param ipVersion 4 or 6.
     * @param sourcePort outer UDP source port.
     * @param destinationPort outer UDP destination port.
     * @param udpLength outer UDP length field.
     * @param ipChecksum tshark status: 0 bad, 1 good, 2 unverified, 3 not present.
     * @param udpChecksum tshark status, same codes.
     */
    public record Datagram(
        String file,
        int frame,
        int capturedLength,
        long frameLength,
        int ipVersion,
        int sourcePort,
        int destinationPort,
        int udpLength,
        int ipChecksum,
        int udpChecksum)
    {
    }

    /**
     * Reads {@code udp-datagrams.tsv}.
     *
     * @return its rows in order.
     */
    public static List<Datagram> datagrams()
    {
        try
        {
            final List<Datagram> rows = new ArrayList<>();
            for (final String line : Files.readAllLines(path("udp-datagrams.tsv"), StandardCharsets.UTF_8))
            {
                if (line.isBlank() || line.startsWith("#"))
                {
                    continue;
                }
                final String[] f = line.split("\t");
                rows.add(new Datagram(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                    Integer.parseInt(f[8]), Integer.parseInt(f[9])));
            }
            return rows;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
