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
 * A guest for exercising live migration without a disk image: the Multiboot kernel {@code dirty-guest.S} (shipped in
 * this jar, about 40 instructions), assembled and linked at run time with GNU {@code as} and {@code ld}. It fills
 * {@code fillMb} MiB from {@link #REGION} with non-zero pages at boot, so that the first pre-copy pass has real pages
 * to send, then dirties one page of its first {@code hotMb} MiB {@code pagesPerSecond} times a second, timed by the
 * TSC so that the rate does not depend on how fast TCG emulates it. Used by this backend's tests and by the
 * {@code fmc4j testbed} experiments; nothing is downloaded.
 */
public final class DirtyMemoryGuest
{
    /** Physical address the guest fills memory from. */
    public static final long REGION = 0x200000L;

    private DirtyMemoryGuest()
    {
    }

    /**
     * Assembles and links the guest.
     *
     * @param directory      where to build (created if needed).
     * @param fillMb         MiB filled with non-zero pages at boot.
     * @param hotMb          MiB of the working set dirtied afterwards.
     * @param pagesPerSecond dirty rate of the working set.
     * @return the kernel, for {@code qemu-system-x86_64 -kernel}.
     * @throws IOException          when {@code as} or {@code ld} is missing (the message says to install binutils),
     *                              fails (with its output) or does not finish within 60 s.
     * @throws InterruptedException when interrupted while the tools run.
     */
    public static Path build(final Path directory, final int fillMb, final int hotMb, final int pagesPerSecond)
        throws IOException, InterruptedException
    {
        Files.createDirectories(directory);
        final Path source = directory.resolve("dirty-guest.S");
        try (InputStream in = DirtyMemoryGuest.class.getResourceAsStream("dirty-guest.S"))
        {
            if (in == null)
            {
                throw new IOException("dirty-guest.S is missing from the fmc4j-spi-hypervisor jar");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        final long period = Math.max(1, tscHz() / pagesPerSecond);
        final Path object = directory.resolve("guest.o");
        final Path kernel = directory.resolve("guest.elf");
        run(directory, List.of("as", "--32", "--defsym", "FILL_MB=" + fillMb, "--defsym", "HOT_MB=" + hotMb,
            "--defsym", "PERIOD=" + period, "-o", object.toString(), source.toString()));
        run(directory, List.of("ld", "-m", "elf_i386", "-Ttext", "0x100000", "-e", "_start", "-o",
            kernel.toString(), object.toString()));
        return kernel;
    }

    /**
     * The QEMU command line of the guest (TCG: no KVM needed), without {@code -qmp} and {@code -incoming}.
     *
     * @param kernel   from {@link #build}.
     * @param memoryMb guest RAM, more than the filled MiB plus the kernel's own.
     * @return binary first, then arguments.
     */
    public static List<String> commandLine(final Path kernel, final int memoryMb)
    {
        return List.of(QmpHypervisorProvider.DEFAULT_BINARY, "-machine", "pc,accel=tcg", "-m", memoryMb + "M",
            "-nodefaults", "-no-user-config", "-display", "none", "-serial", "none", "-monitor", "none",
            "-kernel", kernel.toString());
    }

    /**
     * Host TSC rate from {@code /proc/cpuinfo} ("cpu MHz"), 2 GHz when unknown; only the dirty rate depends on it.
     *
     * @return ticks per second.
     */
    public static long tscHz()
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

    private static void run(final Path directory, final List<String> argv) throws IOException, InterruptedException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new IOException(argv.get(0) + " cannot run (Debian: apt-get install binutils): " + ex.getMessage(),
                ex);
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException(argv.get(0) + " did not finish within 60 s");
        }
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", argv) + " failed: " + output.strip());
        }
    }
}
