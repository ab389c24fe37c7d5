/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayingTcpRelayTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    /** A server that echoes every byte of every connection back, or only reads (a sink) and hashes. */
    private ServerSocket echoServer(final boolean echo) throws IOException
    {
        final ServerSocket server = keep(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        final Thread thread = new Thread(() ->
        {
            while (!server.isClosed())
            {
                try
                {
                    final Socket socket = server.accept();
                    final Thread worker = new Thread(() ->
                    {
                        try (socket;
                            InputStream in = socket.getInputStream();
                            OutputStream out = socket.getOutputStream())
                        {
                            final byte[] buffer = new byte[64 * 1024];
                            int n;
                            while ((n = in.read(buffer)) >= 0)
                            {
                                if (echo)
                                {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            }
                        }
                        catch (final IOException ignore)
                        {
                            // The peer went away.
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                }
                catch (final IOException ex)
                {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private DelayingTcpRelay relay(final int targetPort, final long rttMs, final long rate, final int window)
        throws IOException
    {
        return keep(new DelayingTcpRelay(new DelayingTcpRelay.Context()
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort))
            .rtt(rttMs, TimeUnit.MILLISECONDS).rateBitsPerSecond(rate).windowBytes(window).conclude()));
    }

    private Socket connect(final DelayingTcpRelay relay) throws IOException
    {
        final Socket socket = keep(new Socket(InetAddress.getLoopbackAddress(), relay.port()));
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        return socket;
    }

    @Test
    void shouldDelayARoundTripByTheConfiguredRtt() throws Exception
    {
        final ServerSocket echo = echoServer(true);
        final DelayingTcpRelay relay = relay(echo.getLocalPort(), 80, 0, 1 << 20);
        final Socket socket = connect(relay);
        final long[] rtts = new long[7];
        for (int i = 0; i < rtts.length; i++)
        {
            final long start = System.nanoTime();
            socket.getOutputStream().write(i);
            assertEquals(i, socket.getInputStream().read());
            rtts[i] = (System.nanoTime() - start) / 1_000_000L;
        }
        Arrays.sort(rtts);
        final long median = rtts[rtts.length / 2];
        assertTrue(rtts[0] >= 79, "no round trip shorter than the RTT: " + Arrays.toString(rtts));
        assertTrue(median <= 80 + 40, "median within 40 ms of 80 ms on a loaded machine: " + Arrays.toString(rtts));
    }

    @Test
    void shouldDeliverEveryByteIntactInBothDirections() throws Exception
    {
        final ServerSocket echo = echoServer(true);
        final DelayingTcpRelay relay = relay(echo.getLocalPort(), 10, 0, 256 * 1024);
        final Socket socket = connect(relay);
        final byte[] data = new byte[8 << 20];
        new Random(42).nextBytes(data);
        final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final MessageDigest digest = MessageDigest.getInstance("SHA-256");
                final byte[] buffer = new byte[32 * 1024];
                long total = 0;
                int n;
                while (total < data.length && (n = socket.getInputStream().read(buffer)) >= 0)
                {
                    digest.update(buffer, 0, n);
                    total += n;
                }
                return digest.digest();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final Random sizes = new Random(7);
        for (int offset = 0; offset < data.length;)
        {
            final int length = Math.min(data.length - offset, 1 + sizes.nextInt(100_000));
            socket.getOutputStream().write(data, offset, length);
            offset += length;
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), received.get(30, TimeUnit.SECONDS));
        // The relay counts a write once it returns, so the client may read the last bytes just before they are
        // counted: give the copy threads a moment to account for them.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((relay.forwardBytes() < data.length || relay.backwardBytes() < data.length) &&
            System.nanoTime() - deadline < 0)
        {
            Thread.sleep(1);
        }
        assertEquals(data.length, relay.forwardBytes());
        assertEquals(data.length, relay.backwardBytes());
    }

    @Test
    void shouldPaceToTheRate() throws Exception
    {
        final ServerSocket echo = echoServer(true);
        final DelayingTcpRelay relay = relay(echo.getLocalPort(), 0, 40_000_000L, 1 << 20);
        final Socket socket = connect(relay);
        final byte[] data = new byte[5_000_000];
        final long start = System.nanoTime();
        socket.getOutputStream().write(data);
        final byte[] back = socket.getInputStream().readNBytes(data.length);
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(data.length, back.length);
        assertTrue(seconds >= 0.9, "5 MB at 40 Mbit/s takes about 1 s (each way), took " + seconds + " s");
    }

    @Test
    void shouldCapTheThroughputAtTheWindowOverTheRtt() throws Exception
    {
        final ServerSocket sink = echoServer(false);
        final DelayingTcpRelay relay = relay(sink.getLocalPort(), 100, 0, 64 * 1024);
        final Socket socket = connect(relay);
        final byte[] data = new byte[640 * 1024];
        final long start = System.nanoTime();
        socket.getOutputStream().write(data);
        while (relay.forwardBytes() < data.length)
        {
            Thread.sleep(5);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.9, "640 KiB with a 64 KiB window and 100 ms RTT takes 1 s or more: " + seconds);
    }

    @Test
    void shouldPassEndOfStreamOnAndCloseCleanly() throws Exception
    {
        final ServerSocket echo = echoServer(true);
        final DelayingTcpRelay relay = relay(echo.getLocalPort(), 20, 0, 1 << 20);
        final Socket socket = connect(relay);
        socket.getOutputStream().write(new byte[] {1, 2, 3});
        socket.shutdownOutput();
        assertArrayEquals(new byte[] {1, 2, 3}, socket.getInputStream().readAllBytes(), "echo, then end of stream");
        final Socket second = connect(relay);
        second.getOutputStream().write(9);
        assertEquals(9, second.getInputStream().read());
        relay.close();
        assertEquals(-1, second.getInputStream().read(), "closing the relay closes its connections");
        assertEquals(0, relay.connectionsFailed());
        assertTrue(waitForNoRelayThreads(), "copy threads ended: " + relayThreads());
    }

    @Test
    void shouldCloseTheClientWhenTheTargetRefuses() throws Exception
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = free.getLocalPort();
        }
        final DelayingTcpRelay relay = relay(port, 10, 0, 1 << 20);
        final Socket socket = connect(relay);
        assertEquals(-1, socket.getInputStream().read());
        assertEquals(1, relay.connectionsFailed());
    }

    @Test
    void shouldRetryATargetThatIsNotListeningYet() throws Exception
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = free.getLocalPort();
        }
        final DelayingTcpRelay relay = keep(new DelayingTcpRelay(new DelayingTcpRelay.Context()
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).connectRetryMs(5_000).conclude()));
        final Socket socket = connect(relay);
        socket.getOutputStream().write(7);
        Thread.sleep(300);
        try (ServerSocket late = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            Socket accepted = late.accept())
        {
            assertEquals(7, accepted.getInputStream().read(), "the byte waited for the target to listen");
        }
        assertEquals(0, relay.connectionsFailed());
    }

    @Test
    void shouldRejectABadConfiguration()
    {
        assertThrows(IllegalArgumentException.class, () -> new DelayingTcpRelay.Context().conclude());
        final InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        assertThrows(IllegalArgumentException.class,
            () -> new DelayingTcpRelay.Context().target(target).rtt(-1, TimeUnit.MILLISECONDS).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new DelayingTcpRelay.Context().target(target).windowBytes(1000).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new DelayingTcpRelay.Context().target(target).rateBitsPerSecond(-5).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new DelayingTcpRelay.Context().target(target).connectRetryMs(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new DelayingTcpRelay(new DelayingTcpRelay.Context()));
    }

    @Test
    void shouldNotAllocatePerByteInTheCopyLoop() throws Exception
    {
        final ServerSocket sink = echoServer(false);
        final DelayingTcpRelay relay = relay(sink.getLocalPort(), 2, 0, 1 << 20);
        final Socket socket = connect(relay);
        final byte[] chunk = new byte[256 * 1024];
        for (int i = 0; i < 40; i++)
        {
            socket.getOutputStream().write(chunk);
        }
        final Thread copier = relayThreads().stream().filter((t) -> t.getName().startsWith("fmc4j-relay-fwd"))
            .findFirst().orElseThrow();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getThreadAllocatedBytes(copier.getId());
        final long sent = relay.forwardBytes();
        for (int i = 0; i < 256; i++)
        {
            socket.getOutputStream().write(chunk);
        }
        while (relay.forwardBytes() < sent + 256L * chunk.length)
        {
            Thread.sleep(5);
        }
        final long allocated = threads.getThreadAllocatedBytes(copier.getId()) - before;
        assertTrue(allocated < 64 * 1024, "64 MiB relayed with " + allocated + " bytes allocated by the copy thread");
    }

    private static List<Thread> relayThreads()
    {
        final List<Thread> result = new ArrayList<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("fmc4j-relay-") && thread.isAlive())
            {
                result.add(thread);
            }
        }
        return result;
    }

    private static boolean waitForNoRelayThreads() throws InterruptedException
    {
        for (int i = 0; i < 200; i++)
        {
            if (relayThreads().isEmpty())
            {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
