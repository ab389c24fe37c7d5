/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A QEMU process started by a {@link QemuLauncher}.
 */
public final class QemuProcess implements AutoCloseable
{
    private final Process process;
    private final String qmpAddress;
    private final Path log;

    /**
     * A started process.
     *
     * @param process    the OS process.
     * @param qmpAddress its QMP address.
     * @param log        file receiving its standard output and error.
     */
    public QemuProcess(final Process process, final String qmpAddress, final Path log)
    {
        this.process = process;
        this.qmpAddress = qmpAddress;
        this.log = log;
    }

    /**
     * The OS process.
     *
     * @return the process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Where its QMP monitor listens.
     *
     * @return {@code unix:PATH} or {@code tcp:HOST:PORT}.
     */
    public String qmpAddress()
    {
        return qmpAddress;
    }

    /**
     * Its output.
     *
     * @return the log file.
     */
    public Path log()
    {
        return log;
    }

    /**
     * Kill it and wait briefly for it to end.
     */
    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(2, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
