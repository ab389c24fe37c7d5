/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs system commands for tests that need root and tools such as {@code ip}.
 */
public final class Commands
{
    private Commands()
    {
    }

    /**
     * Is this process root?
     *
     * @return true for uid 0.
     */
    public static boolean isRoot()
    {
        try
        {
            return "0".equals(run("id", "-u").trim());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Finds an executable in the usual places.
     *
     * @param name e.g. {@code ip}.
     * @return its path, or null.
     */
    public static String which(final String name)
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

    /**
     * Runs a command and returns its output.
     *
     * @param command the command and arguments.
     * @return stdout and stderr.
     * @throws IOException when it cannot run, times out or exits non-zero.
     */
    public static String run(final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!process.waitFor(20, TimeUnit.SECONDS))
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
