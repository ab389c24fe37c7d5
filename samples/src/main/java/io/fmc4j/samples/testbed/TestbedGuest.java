/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.spi.hypervisor.qmp.DirtyMemoryGuest;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisorProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The service VM of the QEMU experiments: the {@code qmp} backend's {@link DirtyMemoryGuest}, assembled and linked
 * at run time with GNU {@code as} and {@code ld}. It fills
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
    public static final long REGION = DirtyMemoryGuest.REGION;

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
            return new TestbedGuest(DirtyMemoryGuest.build(directory, fillMb, hotMb, pagesPerSecond), memoryMb,
                fillMb, hotMb, pagesPerSecond);
        }
        catch (final IOException ex)
        {
            throw new TestbedException("cannot build the guest in " + directory + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while building the guest", ex);
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
        return DirtyMemoryGuest.commandLine(kernel, memoryMb);
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
}
