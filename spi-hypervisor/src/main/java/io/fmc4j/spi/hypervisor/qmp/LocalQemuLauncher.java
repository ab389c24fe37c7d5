/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts QEMU on this machine with its QMP monitor on a Unix socket in a run directory.
 */
public final class LocalQemuLauncher implements QemuLauncher
{
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path runDirectory;
    private final long startTimeoutMs;

    /**
     * A launcher.
     *
     * @param runDirectory   where sockets and logs go; created when missing.
     * @param startTimeoutMs how long QEMU may take to open its monitor.
     */
    public LocalQemuLauncher(final Path runDirectory, final long startTimeoutMs)
    {
        this.runDirectory = runDirectory;
        this.startTimeoutMs = startTimeoutMs;
    }

    @Override
    public QemuProcess launch(final String name, final List<String> commandLine, final String incomingUri)
        throws IOException
    {
        if (commandLine == null || commandLine.isEmpty())
        {
            throw new IllegalArgumentException("no QEMU command line for VM '" + name + "'");
        }
        Files.createDirectories(runDirectory);
        final String stem = name + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        final Path socket = runDirectory.resolve(stem + ".qmp");
        final Path log = runDirectory.resolve(stem + ".log");
        Files.deleteIfExists(socket);
        final List<String> argv = new ArrayList<>(commandLine);
        argv.add("-qmp");
        argv.add("unix:" + socket + ",server=on,wait=off");
        if (incomingUri != null)
        {
            argv.add("-incoming");
            argv.add(incomingUri);
        }
        final Process process = new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        final long deadline = System.nanoTime() + startTimeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                throw new IOException("QEMU for '" + name + "' exited with " + process.exitValue() + ": " +
                    tail(log) + " (command: " + String.join(" ", argv) + ")");
            }
            if (Files.exists(socket) && accepts(socket))
            {
                return new QemuProcess(process, "unix:" + socket, log);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted starting QEMU", ex);
            }
        }
        process.destroyForcibly();
        throw new IOException("QEMU for '" + name + "' did not open " + socket + " within " + startTimeoutMs +
            " ms: " + tail(log));
    }

    private static boolean accepts(final Path socket)
    {
        // The probe connection is closed at once; QEMU then accepts the next client.
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String tail(final Path log)
    {
        try
        {
            final String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.length() > 400 ? "..." + text.substring(text.length() - 400) : text;
        }
        catch (final IOException ex)
        {
            return "(no output)";
        }
    }
}
