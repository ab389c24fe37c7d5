/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.spi.hypervisor.qmp.QemuLauncher;
import io.fmc4j.spi.hypervisor.qmp.QemuProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link QemuLauncher} that puts an emulated inter-DC link in front of every destination it starts: asked for a
 * destination listening on {@code tcp:127.0.0.1:P}, it starts QEMU with {@code -incoming} on a free port Q and a
 * {@link DelayingTcpRelay} listening on P that forwards to Q. The {@code qmp} backend then migrates to P as usual
 * and the stream crosses the relay. Relays are registered with the {@link Cleanup}.
 */
public final class RelayingQemuLauncher implements QemuLauncher
{
    private final QemuLauncher delegate;
    private final Cleanup cleanup;
    private final long rttNanos;
    private final long rateBitsPerSecond;
    private final int windowBytes;

    /**
     * A launcher.
     *
     * @param delegate          starts the QEMU processes.
     * @param cleanup           receives the relays.
     * @param rttNanos          the link's RTT.
     * @param rateBitsPerSecond the link's rate, 0 for none.
     * @param windowBytes       the emulated TCP window.
     */
    public RelayingQemuLauncher(final QemuLauncher delegate, final Cleanup cleanup, final long rttNanos,
        final long rateBitsPerSecond, final int windowBytes)
    {
        this.delegate = delegate;
        this.cleanup = cleanup;
        this.rttNanos = rttNanos;
        this.rateBitsPerSecond = rateBitsPerSecond;
        this.windowBytes = windowBytes;
    }

    @Override
    public QemuProcess launch(final String name, final List<String> commandLine, final String incomingUri)
        throws IOException
    {
        if (incomingUri == null)
        {
            return delegate.launch(name, commandLine, null);
        }
        if (!incomingUri.startsWith("tcp:127.0.0.1:"))
        {
            throw new IOException("the relaying launcher only serves tcp:127.0.0.1:PORT, not " + incomingUri);
        }
        final int relayPort;
        try
        {
            relayPort = Integer.parseInt(incomingUri.substring("tcp:127.0.0.1:".length()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("bad port in " + incomingUri, ex);
        }
        final int qemuPort = freePort();
        final DelayingTcpRelay relay = cleanup.add(new DelayingTcpRelay(new DelayingTcpRelay.Context()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), relayPort))
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), qemuPort))
            .rtt(rttNanos, TimeUnit.NANOSECONDS).rateBitsPerSecond(rateBitsPerSecond).windowBytes(windowBytes)
            .connectRetryMs(5_000).conclude()));
        try
        {
            return delegate.launch(name, commandLine, "tcp:127.0.0.1:" + qemuPort);
        }
        catch (final IOException | RuntimeException ex)
        {
            cleanup.closeNow(relay);
            throw ex;
        }
    }

    /**
     * A free loopback port (free when asked; the caller binds it soon after).
     *
     * @return the port.
     * @throws IOException when no port can be bound.
     */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
