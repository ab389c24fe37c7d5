/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A loopback TCP proxy that emulates a long path for one connection: every chunk is held for a one-way delay before
 * it is forwarded, and at most {@code windowBytes} may be in flight, so throughput is capped at about
 * {@code window / delay}, as a TCP window caps it over an RTT. Used to show the RTT effect on real QEMU migrations
 * (this kernel has no netem).
 */
final class DelayLineProxy implements AutoCloseable
{
    private final ServerSocket server;
    private final int targetPort;
    private final long delayNanos;
    private final int windowBytes;
    private volatile boolean closed;

    private record Chunk(long dueNanos, byte[] bytes)
    {
    }

    DelayLineProxy(final int targetPort, final long delayMs, final int windowBytes) throws IOException
    {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayNanos = delayMs * 1_000_000L;
        this.windowBytes = windowBytes;
        final Thread acceptor = new Thread(this::accept, "delay-line-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return server.getLocalPort();
    }

    private void accept()
    {
        try (Socket client = server.accept();
            Socket target = new Socket())
        {
            target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
            final Thread back = pump(target.getInputStream(), client.getOutputStream(), "delay-line-back");
            pump(client.getInputStream(), target.getOutputStream(), "delay-line-forth").join();
            back.join();
        }
        catch (final IOException | InterruptedException ignore)
        {
            // The migration ended or the test closed the proxy.
        }
    }

    private Thread pump(final InputStream in, final OutputStream out, final String name)
    {
        final ArrayDeque<Chunk> line = new ArrayDeque<>();
        final long[] inFlight = {0};
        final boolean[] eof = {false};
        final Thread reader = new Thread(() ->
        {
            final byte[] buffer = new byte[16384];
            try
            {
                int n;
                while (!closed && (n = in.read(buffer)) > 0)
                {
                    synchronized (line)
                    {
                        while (inFlight[0] >= windowBytes && !closed)
                        {
                            line.wait();
                        }
                        line.addLast(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                        inFlight[0] += n;
                        line.notifyAll();
                    }
                }
            }
            catch (final IOException | InterruptedException ignore)
            {
                // Connection closed.
            }
            synchronized (line)
            {
                eof[0] = true;
                line.notifyAll();
            }
        }, name + "-read");
        final Thread writer = new Thread(() ->
        {
            try
            {
                while (true)
                {
                    final Chunk chunk;
                    synchronized (line)
                    {
                        while (line.isEmpty() && !eof[0])
                        {
                            line.wait();
                        }
                        if (line.isEmpty())
                        {
                            break;
                        }
                        chunk = line.peekFirst();
                    }
                    final long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0)
                    {
                        Thread.sleep(wait / 1_000_000L, (int)(wait % 1_000_000L));
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    synchronized (line)
                    {
                        line.removeFirst();
                        inFlight[0] -= chunk.bytes().length;
                        line.notifyAll();
                    }
                }
                out.close();
            }
            catch (final IOException | InterruptedException ignore)
            {
                // Connection closed.
            }
        }, name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
        return writer;
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        server.close();
    }
}
