/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.memory;

import java.nio.ByteBuffer;

import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A point-to-point link between two in-memory devices: one Agrona {@link OneToOneRingBuffer} per direction,
 * off-heap. Each endpoint is a {@link MemoryPacketIo}; what one offers, the other polls.
 * <p>
 * Every ring record carries {@code headroom} spare bytes in front of the packet, so the receiver hands the
 * packet to its handler in place, with writable headroom, without a copy: a send is one copy into the ring, a
 * receive is none.
 */
public final class MemoryLink
{
    /** Default bytes of packet data per direction. */
    public static final int DEFAULT_RING_CAPACITY = 1 << 20;

    private final OneToOneRingBuffer aToB;
    private final OneToOneRingBuffer bToA;
    private final MemoryPacketIo endpointA;
    private final MemoryPacketIo endpointB;

    private MemoryLink(final String name, final PacketIoConfig config, final int ringCapacity)
    {
        if (!BitUtil.isPowerOfTwo(ringCapacity))
        {
            throw new IllegalArgumentException("ring capacity must be a power of two: " + ringCapacity);
        }
        final int maxRecord = config.headroom() + config.mtu() + 8;
        if (maxRecord > ringCapacity / 8)
        {
            throw new IllegalArgumentException(
                "ring capacity " + ringCapacity + " too small for headroom + mtu " + maxRecord + " (needs 8x)");
        }
        aToB = new OneToOneRingBuffer(new UnsafeBuffer(allocate(ringCapacity)));
        bToA = new OneToOneRingBuffer(new UnsafeBuffer(allocate(ringCapacity)));
        endpointA = new MemoryPacketIo(name + ":a", config, bToA, aToB, this);
        endpointB = new MemoryPacketIo(name + ":b", config, aToB, bToA, this);
    }

    /**
     * Creates a link whose two endpoints share {@code config}.
     *
     * @param name         a name for descriptions.
     * @param config       a configuration (concluded here); property {@code memory.ring.capacity} sets the
     *                     bytes per direction (a power of two, default {@value #DEFAULT_RING_CAPACITY}).
     * @return the link.
     * @throws IllegalArgumentException when the ring capacity is bad.
     */
    public static MemoryLink create(final String name, final PacketIoConfig config)
    {
        config.conclude();
        return new MemoryLink(name, config, config.intProperty("memory.ring.capacity", DEFAULT_RING_CAPACITY));
    }

    /**
     * The first endpoint.
     *
     * @return endpoint a.
     */
    public MemoryPacketIo endpointA()
    {
        return endpointA;
    }

    /**
     * The second endpoint.
     *
     * @return endpoint b.
     */
    public MemoryPacketIo endpointB()
    {
        return endpointB;
    }

    MemoryPacketIo peerOf(final MemoryPacketIo endpoint)
    {
        return endpoint == endpointA ? endpointB : endpointA;
    }

    void endpointClosed(final MemoryPacketIo endpoint)
    {
        MemoryPacketIoProvider.release(this, endpoint);
    }

    private static ByteBuffer allocate(final int capacity)
    {
        return BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH);
    }
}
