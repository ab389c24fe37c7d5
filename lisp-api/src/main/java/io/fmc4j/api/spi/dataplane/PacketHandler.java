/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import org.agrona.MutableDirectBuffer;

/**
 * Receives the packets of one {@link PacketIo#poll(PacketHandler, int)} call.
 * <p>
 * The buffer region {@code [offset - io.headroom(), offset + length)} belongs to the handler until it returns:
 * it may rewrite the packet in place, write headers into the headroom in front of it and hand the grown slice
 * to another {@link PacketIo#offer(org.agrona.DirectBuffer, int, int, int)} (which copies or sends it before
 * returning). After the handler returns the backend reuses the memory, so nothing may keep a reference to it.
 */
@FunctionalInterface
public interface PacketHandler
{
    /**
     * One received packet.
     *
     * @param buffer holds the packet; writable, including the headroom in front of {@code offset}.
     * @param offset where the packet's first byte is.
     * @param length the packet's length in bytes, as received (never the capacity of the buffer).
     * @param source where the packet came from, where the backend knows it (UDP); a reused object, valid only
     *               during this call.
     */
    void onPacket(MutableDirectBuffer buffer, int offset, int length, PeerAddress source);
}
