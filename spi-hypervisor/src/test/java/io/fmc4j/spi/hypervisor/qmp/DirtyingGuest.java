/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tests' shape of the {@link DirtyMemoryGuest}: 48 MiB filled, a 16 MiB working set, 80 MiB of RAM.
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
        try
        {
            return DirtyMemoryGuest.build(directory, fillMb, hotMb, pagesPerSecond);
        }
        catch (final IOException ex)
        {
            why.append(ex.getMessage());
            return null;
        }
    }

    static List<String> commandLine(final Path kernel)
    {
        return DirtyMemoryGuest.commandLine(kernel, MEMORY_MB);
    }

    static List<String> commandLine(final Path kernel, final int memoryMb)
    {
        return DirtyMemoryGuest.commandLine(kernel, memoryMb);
    }
}
