/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.datapath;

import java.net.InetSocketAddress;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import org.agrona.DirectBuffer;

/**
 * A device that accepts every offered packet and only reads its first and last byte (so the offer cannot be
 * optimised away): isolates the data path's own cost from any backend's copy or system call.
 */
public final class SinkPacketIo implements PacketIo
{
    private final PacketIoCounters counters = new PacketIoCounters();
    private long checksum;

    /**
     * A running value over the offered packets.
     *
     * @return the value.
     */
    public long checksum()
    {
        return checksum;
    }

    @Override
    public String providerName()
    {
        return "sink";
    }

    @Override
    public String description()
    {
        return "sink";
    }

    @Override
    public int headroom()
    {
        return 128;
    }

    @Override
    public int mtu()
    {
        return 9000;
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        return 0;
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        checksum += buffer.getByte(offset) + buffer.getByte(offset + length - 1) + length + nextHop;
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
        return 1;
    }

    @Override
    public PacketIoCounters counters()
    {
        return counters;
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
