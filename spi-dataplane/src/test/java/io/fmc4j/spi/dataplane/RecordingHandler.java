/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import org.agrona.MutableDirectBuffer;

/**
 * Test handler that copies every packet and its sender (allocates; not for allocation tests).
 */
public final class RecordingHandler implements PacketBurstHandler
{
    /** Packets received, copied. */
    public final List<byte[]> packets = new ArrayList<>();
    /** Senders, as text. */
    public final List<String> sources = new ArrayList<>();
    /** Offsets the packets were delivered at. */
    public final List<Integer> offsets = new ArrayList<>();
    /** The size of each burst handed over through {@link #onBurst}. */
    public final List<Integer> bursts = new ArrayList<>();

    @Override
    public void onBurst(
        final MutableDirectBuffer[] buffers, final int[] burstOffsets, final int[] lengths, final int count)
    {
        bursts.add(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] copy = new byte[lengths[i]];
            buffers[i].getBytes(burstOffsets[i], copy);
            packets.add(copy);
            sources.add("burst");
            offsets.add(burstOffsets[i]);
        }
    }

    @Override
    public void onPacket(
        final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress source)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        packets.add(copy);
        sources.add(source.toString());
        offsets.add(offset);
    }
}
