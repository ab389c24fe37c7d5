/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden vectors under {@code src/test/resources/vectors}: one {@code .hex} file per captured UDP payload,
 * {@code #} lines are comments.
 */
final class Vectors
{
    private Vectors()
    {
    }

    static Path root()
    {
        try
        {
            final URL url = Vectors.class.getResource("/vectors");
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static List<Path> all()
    {
        try (Stream<Path> files = Files.walk(root()))
        {
            final List<Path> out = new ArrayList<>();
            files.filter((p) -> p.toString().endsWith(".hex")).sorted().forEach(out::add);
            return out;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String name(final Path file)
    {
        return root().relativize(file).toString().replace('\\', '/');
    }

    static byte[] bytes(final Path file)
    {
        try
        {
            final StringBuilder hex = new StringBuilder();
            for (final String line : Files.readAllLines(file, StandardCharsets.US_ASCII))
            {
                if (!line.startsWith("#"))
                {
                    hex.append(line.trim());
                }
            }
            return HexFormat.of().parseHex(hex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static UnsafeBuffer buffer(final Path file)
    {
        return new UnsafeBuffer(bytes(file));
    }

    static String resource(final String name)
    {
        try (InputStream in = Vectors.class.getResourceAsStream(name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
