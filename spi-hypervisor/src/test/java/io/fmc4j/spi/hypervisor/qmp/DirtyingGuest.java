/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test guest (src/test/resources/guest/dirty-guest.S) with GNU as and ld at test time.
 */
final class DirtyingGuest
{
    static final int FILL_MB = 48;
    static final int HOT_MB = 16;
    static final int MEMORY_MB = 80;
    static final int PAGES_PER_SECOND = 2500;

    private DirtyingGuest()
    {
    }

    /**
     * Assemble and link the guest.
     *
     * @param directory where to build.
     * @return the kernel, or null with the reason in {@code why} when the tools are missing or fail.
     */
    static Path build(final Path directory, final StringBuilder why) throws IOException, InterruptedException
    {
        return build(directory, why, FILL_MB, HOT_MB, PAGES_PER_SECOND);
    }

    /**
     * Assemble and link a guest of a given shape.
     *
     * @param directory      where to build.
     * @param why            receives the reason of a failure.
     * @param fillMb         MiB filled with non-zero pages at boot.
     * @param hotMb          MiB of the working set dirtied afterwards.
     * @param pagesPerSecond dirty rate of the working set.
     * @return the kernel, or null when the tools are missing or fail.
     */
    static Path build(
        final Path directory, final StringBuilder why, final int fillMb, final int hotMb, final int pagesPerSecond)
        throws IOException, InterruptedException
    {
        Files.createDirectories(directory);
        final Path source = directory.resolve("dirty-guest.S");
        try (InputStream in = DirtyingGuest.class.getResourceAsStream("/guest/dirty-guest.S"))
        {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        final long period = tscHz() / pagesPerSecond;
        final Path object = directory.resolve("guest.o");
        final Path kernel = directory.resolve("guest.elf");
        if (!run(directory, why, List.of("as", "--32", "--defsym", "FILL_MB=" + fillMb, "--defsym",
            "HOT_MB=" + hotMb, "--defsym", "PERIOD=" + period, "-o", object.toString(), source.toString())))
        {
            return null;
        }
        if (!run(directory, why, List.of("ld", "-m", "elf_i386", "-Ttext", "0x100000", "-e", "_start", "-o",
            kernel.toString(), object.toString())))
        {
            return null;
        }
        return kernel;
    }

    static List<String> commandLine(final Path kernel)
    {
        return commandLine(kernel, MEMORY_MB);
    }

    static List<String> commandLine(final Path kernel, final int memoryMb)
    {
        return List.of(QmpHypervisorProvider.DEFAULT_BINARY, "-machine", "pc,accel=tcg", "-m", memoryMb + "M",
            "-nodefaults", "-no-user-config", "-display", "none", "-serial", "none", "-monitor", "none",
            "-kernel", kernel.toString());
    }

    /** Host TSC rate from /proc/cpuinfo ("cpu MHz"), 2 GHz when unknown; only the dirty rate depends on it. */
    static long tscHz()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
            {
                if (line.startsWith("cpu MHz"))
                {
                    return (long)(Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) * 1e6);
                }
            }
        }
        catch (final IOException | NumberFormatException ignore)
        {
            // Fall through to the default.
        }
        return 2_000_000_000L;
    }

    private static boolean run(final Path directory, final StringBuilder why, final List<String> argv)
        throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                why.append(String.join(" ", argv)).append(" failed: ").append(output);
                return false;
            }
            return true;
        }
        catch (final IOException ex)
        {
            why.append(argv.get(0)).append(" cannot run (install binutils): ").append(ex.getMessage());
            return false;
        }
    }
}
