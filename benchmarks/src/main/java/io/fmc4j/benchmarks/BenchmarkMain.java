/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code benchmarks/target/benchmarks.jar}: JMH's own {@code Main}, with the JVM flags that
 * Agrona and Chronicle Map need passed to every fork. The flags come from the root POM (one place), through a
 * filtered resource, because a jar manifest's {@code Add-Opens} does not reach JMH's forked JVMs.
 */
public final class BenchmarkMain
{
    private BenchmarkMain()
    {
    }

    /**
     * Runs JMH.
     *
     * @param args JMH command-line arguments; {@code -jvmArgsAppend} given here is kept after ours.
     * @throws Exception when JMH fails.
     */
    public static void main(final String[] args) throws Exception
    {
        org.openjdk.jmh.Main.main(withJvmFlags(args));
    }

    /**
     * The JVM flags every benchmark fork needs.
     *
     * @return the flags, space-separated.
     */
    public static String jvmFlags()
    {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/fmc4j-jvm-flags.txt"))
        {
            if (in == null)
            {
                throw new IllegalStateException("fmc4j-jvm-flags.txt missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read fmc4j-jvm-flags.txt", ex);
        }
    }

    static String[] withJvmFlags(final String[] args)
    {
        final List<String> out = new ArrayList<>(Arrays.asList(args));
        final int index = out.indexOf("-jvmArgsAppend");
        if (index >= 0 && index + 1 < out.size())
        {
            out.set(index + 1, jvmFlags() + " " + out.get(index + 1));
        }
        else
        {
            out.add("-jvmArgsAppend");
            out.add(jvmFlags());
        }
        return out.toArray(new String[0]);
    }
}
