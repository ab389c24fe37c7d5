/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeCommandTest
{
    private static final Set<String> TYPES = Set.of("map-request", "map-reply", "map-register", "map-notify",
        "map-notify-ack", "map-referral", "info", "ecm", "data", "unknown");
    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            return Fmc4j.run(args);
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private List<JsonNode> lines() throws IOException
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (!line.isBlank())
            {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    private static Path vector(final String name) throws URISyntaxException
    {
        return Path.of(DecodeCommandTest.class.getResource("/vectors/" + name).toURI());
    }

    @Test
    void shouldPrintOneValidJsonObjectPerLispFrameOfEveryVector() throws Exception
    {
        final String[] files = {"odl_lcaf_vectors_wrapped_in_map_register.pcap", "odl_serializer_test_vectors.pcap",
            "odl_southbound_handler_test_frames.pcap", "tcpdump_lisp_eid_notify.pcap", "tcpdump_lisp_eid_register.pcap",
            "tcpdump_lisp_invalid.pcap", "tcpdump_lisp_invalid_length.pcap", "tcpdump_lisp_ipv6.pcap"};
        final int[] frames = {7, 39, 15, 4, 2, 2, 1, 2};
        for (int i = 0; i < files.length; i++)
        {
            out.reset();
            assertEquals(0, run("decode", vector(files[i]).toString()), files[i]);
            final List<JsonNode> lines = lines();
            assertEquals(frames[i], lines.size(), files[i]);
            for (int f = 0; f < lines.size(); f++)
            {
                final JsonNode line = lines.get(f);
                assertEquals(f + 1, line.get("frame").asInt());
                assertEquals(4342, line.get("port").asInt());
                assertTrue(TYPES.contains(line.get("type").asText()), line.toString());
                assertTrue(line.has("error") || line.has("flags"), line.toString());
                if (line.has("nonce"))
                {
                    assertTrue(line.get("nonce").asText().matches("[0-9a-f]{16}"), line.toString());
                }
            }
        }
    }

    @Test
    void shouldVerifyOpenDaylightMapRegistersWithTheirKey() throws Exception
    {
        assertEquals(0, run("decode", vector("odl_southbound_handler_test_frames.pcap").toString(),
            "--key", "password"));
        int valid = 0;
        for (final JsonNode line : lines())
        {
            if ("map-register".equals(line.get("type").asText()) && !line.has("error"))
            {
                assertTrue(line.get("auth").get("valid").asBoolean(), line.toString());
                assertEquals(20, line.get("auth").get("length").asInt());
                final JsonNode record = line.get("records").get(0);
                assertTrue(record.get("eid").asText().contains("/"), record.toString());
                assertTrue(record.get("locators").get(0).has("rloc"));
                valid++;
            }
        }
        assertEquals(6, valid);
        out.reset();
        run("decode", vector("odl_southbound_handler_test_frames.pcap").toString(), "--key", "wrong");
        for (final JsonNode line : lines())
        {
            if (line.has("auth"))
            {
                assertFalse(line.get("auth").get("valid").asBoolean());
            }
        }
    }

    @Test
    void shouldDescribeMapRequestsInsideEcm() throws Exception
    {
        run("decode", vector("odl_southbound_handler_test_frames.pcap").toString());
        final JsonNode ecm = lines().get(12);
        assertEquals("ecm", ecm.get("type").asText());
        final JsonNode inner = ecm.get("inner");
        assertEquals("map-request", inner.get("type").asText());
        assertEquals("153.16.254.1", inner.get("source_eid").asText());
        assertEquals("10.0.20.200/32", inner.get("records").get(0).get("eid").asText());
        assertEquals(1, inner.get("itr_rlocs").size());
    }

    @Test
    void shouldReportMalformedPacketsAndGoOn() throws Exception
    {
        run("decode", vector("tcpdump_lisp_eid_notify.pcap").toString());
        final List<JsonNode> lines = lines();
        assertEquals("truncated", lines.get(2).get("error").asText());
        assertFalse(lines.get(3).get("records").isEmpty());
    }

    @Test
    void shouldFailCleanlyOnMissingCorruptAndPcapngFiles(@TempDir final Path dir) throws IOException
    {
        assertEquals(2, run("decode", dir.resolve("missing.pcap").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        final Path garbage = dir.resolve("garbage.pcap");
        Files.write(garbage, "this is not a capture".getBytes(StandardCharsets.US_ASCII));
        err.reset();
        assertEquals(1, run("decode", garbage.toString()));
        assertFalse(err.toString(StandardCharsets.UTF_8).isBlank());
        final Path pcapng = dir.resolve("x.pcapng");
        Files.write(pcapng, new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a});
        err.reset();
        assertEquals(1, run("decode", pcapng.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pcapng"), err.toString(StandardCharsets.UTF_8));
    }
}
