/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.spi.hypervisor.qmp.QmpHypervisorProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service VM of the QEMU experiments: the Multiboot kernel of the {@code qmp} backend's tests
 * ({@code dirty-guest.S}), assembled and linked at run time with GNU {@code as} and {@code ld}. It fills
 * {@code fillMb} MiB with non-zero pages at boot (so the first pass has real pages to send) and then dirties one page
 * of a {@code hotMb} MiB working set {@code pagesPerSecond} times a second, timed by the TSC so the rate does not
 * depend on how fast TCG emulates it. Nothing is downloaded.
 *
 * @param kernel         the linked kernel.
 * @param memoryMb       guest RAM.
 * @param fillMb         MiB filled at boot.
 * @param hotMb          MiB of the working set.
 * @param pagesPerSecond dirty rate of the working set.
 */
public record TestbedGuest(Path kernel, int memoryMb, int fillMb, int hotMb, int pagesPerSecond)
{
    /** Where the guest fills memory from (physical address), as in {@code dirty-guest.S}. */
    public static final long REGION = 0x200000L;

    /**
     * Checks that QEMU and binutils are here, then builds the guest.
     *
     * @param directory      where to build.
     * @param memoryMb       guest RAM, at least fillMb + 4.
     * @param fillMb         MiB filled with non-zero pages at boot.
     * @param hotMb          MiB dirtied afterwards (at most fillMb).
     * @param pagesPerSecond dirty rate.
     * @return the guest.
     * @throws TestbedException when QEMU or binutils is missing or the build fails.
     */
    public static TestbedGuest build(
        final Path directory, final int memoryMb, final int fillMb, final int hotMb, final int pagesPerSecond)
        throws TestbedException
    {
        if (fillMb < 1 || hotMb < 1 || hotMb > fillMb || memoryMb < fillMb + 4 || pagesPerSecond < 1)
        {
            throw new TestbedException("bad guest shape: memory " + memoryMb + " MiB, fill " + fillMb + " MiB, hot " +
                hotMb + " MiB, " + pagesPerSecond + " pages/s (need 1 <= hot <= fill <= memory - 4, rate >= 1)");
        }
        requireQemu();
        try
        {
            Files.createDirectories(directory);
            final Path source = directory.resolve("dirty-guest.S");
            try (InputStream in = TestbedGuest.class.getResourceAsStream("dirty-guest.S"))
            {
                if (in == null)
                {
                    throw new TestbedException("dirty-guest.S is missing from the fmc4j jar");
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
            return new TestbedGuest(kernel, memoryMb, fillMb, hotMb, pagesPerSecond);
        }
        catch (final IOException ex)
        {
            throw new TestbedException("cannot build the guest in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Fails with a clear message when QEMU is not installed.
     *
     * @throws TestbedException naming the package to install.
     */
    public static void requireQemu() throws TestbedException
    {
        if (QmpHypervisorProvider.findOnPath(QmpHypervisorProvider.DEFAULT_BINARY) == null)
        {
            throw new TestbedException(QmpHypervisorProvider.DEFAULT_BINARY +
                " not found on PATH: this experiment migrates real QEMU guests (Debian: apt-get install " +
                "qemu-system-x86 binutils)");
        }
    }

    /**
     * The QEMU command line (TCG: no KVM needed), without {@code -qmp} and {@code -incoming}.
     *
     * @return binary first, then arguments.
     */
    public List<String> commandLine()
    {
        return List.of(QmpHypervisorProvider.DEFAULT_BINARY, "-machine", "pc,accel=tcg", "-m", memoryMb + "M",
            "-nodefaults", "-no-user-config", "-display", "none", "-serial", "none", "-monitor", "none",
            "-kernel", kernel.toString());
    }

    /**
     * Physical address of the last page the guest fills at boot: once it holds the fill pattern, the guest is in
     * its steady state (only the working set changes).
     *
     * @return the address.
     */
    public long lastFilledPage()
    {
        return REGION + fillMb * 1024L * 1024L - 4096;
    }

    /**
     * Host TSC rate from /proc/cpuinfo ("cpu MHz"), 2 GHz when unknown; only the dirty rate depends on it.
     *
     * @return ticks per second.
     */
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

    private static void run(final Path directory, final List<String> argv) throws TestbedException
    {
        try
        {
            final Process process = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new TestbedException(argv.get(0) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0)
            {
                throw new TestbedException(String.join(" ", argv) + " failed: " + output.strip());
            }
        }
        catch (final IOException ex)
        {
            throw new TestbedException(argv.get(0) + " cannot run (Debian: apt-get install binutils): " +
                ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while building the guest", ex);
        }
    }
}
