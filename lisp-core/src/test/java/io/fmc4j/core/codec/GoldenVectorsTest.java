/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every captured vector validates to the status recorded in {@code vectors/expected-status.txt} (reviewed
 * against tshark's verdict on the same frames), and every valid control message round-trips to identical bytes.
 * Run with {@code -Dvectors.regenerate=true} to rewrite the manifest, then review the diff.
 */
class GoldenVectorsTest
{
    private static final String MANIFEST = "expected-status.txt";

    static int status(final String name, final UnsafeBuffer buffer)
    {
        return name.contains("port4341") ?
            LispDataHeader.validate(buffer, 0, buffer.capacity()) :
            ControlHeader.validate(buffer, 0, buffer.capacity());
    }

    @Test
    void shouldValidateEveryVectorToItsRecordedStatus() throws IOException
    {
        final Map<String, String> actual = new LinkedHashMap<>();
        for (final Path file : Vectors.all())
        {
            final String name = Vectors.name(file);
            actual.put(name, DecodeStatus.name(status(name, Vectors.buffer(file))));
        }
        assertFalse(actual.isEmpty(), "no vectors found");
        if (Boolean.getBoolean("vectors.regenerate"))
        {
            final List<String> lines = new ArrayList<>();
            actual.forEach((k, v) -> lines.add(k + " " + v));
            Files.write(Path.of("src/test/resources/vectors", MANIFEST), lines, StandardCharsets.US_ASCII);
        }
        final Map<String, String> expected = new LinkedHashMap<>();
        for (final String line : Vectors.resource("/vectors/" + MANIFEST).split("\n"))
        {
            if (!line.isBlank() && !line.startsWith("#"))
            {
                final String[] parts = line.trim().split(" ");
                expected.put(parts[0], parts[1]);
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void shouldRoundTripEveryValidControlVectorToIdenticalBytes()
    {
        final Reencoder reencoder = new Reencoder();
        int roundTripped = 0;
        for (final Path file : Vectors.all())
        {
            final String name = Vectors.name(file);
            final UnsafeBuffer in = Vectors.buffer(file);
            if (name.contains("port4341") || status(name, in) != DecodeStatus.OK)
            {
                continue;
            }
            final UnsafeBuffer out = new UnsafeBuffer(new byte[in.capacity() + 64]);
            final int length = reencoder.reencode(in, 0, in.capacity(), out, 0);
            final byte[] bytes = new byte[Math.max(0, length)];
            out.getBytes(0, bytes);
            assertEquals(HexFormat.of().formatHex(in.byteArray()), HexFormat.of().formatHex(bytes), name);
            roundTripped++;
        }
        assertFalse(roundTripped < 40, "expected most vectors to be valid, round-tripped " + roundTripped);
    }
}
