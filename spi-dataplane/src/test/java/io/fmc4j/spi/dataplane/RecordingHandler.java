/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import org.agrona.MutableDirectBuffer;

/**
 * Test handler that copies every packet and its sender (allocates; not for allocation tests).
 */
public final class RecordingHandler implements PacketHandler
{
    /** Packets received, copied. */
    public final List<byte[]> packets = new ArrayList<>();
    /** Senders, as text. */
    public final List<String> sources = new ArrayList<>();
    /** Offsets the packets were delivered at. */
    public final List<Integer> offsets = new ArrayList<>();

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
