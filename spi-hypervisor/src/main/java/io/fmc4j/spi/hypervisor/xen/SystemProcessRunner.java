/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands as operating-system processes.
 */
public final class SystemProcessRunner implements ProcessRunner
{
    @Override
    public Result run(final List<String> argv, final long timeoutMs) throws IOException
    {
        final Process process = new ProcessBuilder(argv).start();
        final CompletableFuture<String> stdout = drain(process.getInputStream());
        final CompletableFuture<String> stderr = drain(process.getErrorStream());
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                return new Result(-1, stdout.get(1, TimeUnit.SECONDS), "timed out after " + timeoutMs + " ms");
            }
            return new Result(process.exitValue(), stdout.get(1, TimeUnit.SECONDS), stderr.get(1, TimeUnit.SECONDS));
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + argv.get(0), ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("cannot read the output of " + argv.get(0) + ": " + ex, ex);
        }
    }

    @Override
    public Running start(final List<String> argv) throws IOException
    {
        final Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        final BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return new Running()
        {
            public BufferedReader output()
            {
                return reader;
            }

            public int waitFor(final long timeoutMs) throws InterruptedException
            {
                return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : Integer.MIN_VALUE;
            }

            public boolean killChildren()
            {
                final List<ProcessHandle> children = process.toHandle().descendants().toList();
                children.forEach(ProcessHandle::destroy);
                return !children.isEmpty();
            }

            public void destroy()
            {
                process.toHandle().descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        };
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                return "";
            }
        });
    }
}
