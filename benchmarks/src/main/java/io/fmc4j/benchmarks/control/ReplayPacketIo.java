/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.control;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;

/**
 * A device that hands one prepared message to every {@code poll} (copied into a receive buffer, as a socket
 * backend would) and swallows what is offered, so a benchmark measures the agent and not a socket.
 */
final class ReplayPacketIo implements PacketIo
{
    private final UnsafeBuffer rx = new UnsafeBuffer(new byte[4096]);
    private final PeerAddress source = new PeerAddress();
    private DirectBuffer message;
    private int messageOffset;
    private int messageLength;
    private int nextHops;
    final UnsafeBuffer lastOffered = new UnsafeBuffer(new byte[4096]);
    long offered;
    long offeredBytes;

    void next(final DirectBuffer buffer, final int offset, final int length, final int ipv4, final int port)
    {
        this.message = buffer;
        this.messageOffset = offset;
        this.messageLength = length;
        source.ipv4(ipv4, port);
    }

    @Override
    public String providerName()
    {
        return "replay";
    }

    @Override
    public String description()
    {
        return "replay";
    }

    @Override
    public int headroom()
    {
        return 128;
    }

    @Override
    public int mtu()
    {
        return 1500;
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        if (null == message)
        {
            return 0;
        }
        rx.putBytes(128, message, messageOffset, messageLength);
        handler.onPacket(rx, 128, messageLength, source);
        return 1;
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        offered++;
        lastOffered.putBytes(0, buffer, offset, Math.min(length, lastOffered.capacity()));
        offeredBytes += length;
        return length;
    }

    @Override
    public int flush()
    {
        return 0;
    }

    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        return nextHops++;
    }

    @Override
    public PacketIoCounters counters()
    {
        throw new UnsupportedOperationException("no counters on the replay device");
    }

    @Override
    public int state()
    {
        return STATE_ACTIVE;
    }

    @Override
    public Throwable failureCause()
    {
        return null;
    }

    @Override
    public void close()
    {
    }
}
