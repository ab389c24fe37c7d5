/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs system commands for the tests that need root and tools ({@code ip}, {@code ping}, {@code iperf3},
 * {@code tshark}).
 */
final class Shell
{
    private Shell()
    {
    }

    static boolean isRoot()
    {
        try
        {
            return "0".equals(run(30, "id", "-u").trim());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static String which(final String name)
    {
        for (final String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"})
        {
            final Path path = Path.of(dir, name);
            if (Files.isExecutable(path))
            {
                return path.toString();
            }
        }
        return null;
    }

    static String run(final String... command) throws IOException
    {
        return run(30, command);
    }

    static String run(final int timeoutSeconds, final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), ex);
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
