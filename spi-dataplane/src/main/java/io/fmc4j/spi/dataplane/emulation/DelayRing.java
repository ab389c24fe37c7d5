/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A bounded FIFO of packets with release times, in pre-allocated slots: the queue behind the delaying decorators.
 * Packets leave in the order they came, each no earlier than its release time. Not thread-safe.
 */
final class DelayRing
{
    private final int slotSize;
    private final int capacity;
    private final UnsafeBuffer slots;
    private final long[] releaseAt;
    private final int[] lengths;
    private final int[] nextHops;
    private long head;
    private long tail;

    /**
     * A ring.
     *
     * @param capacity packets it holds, a power of two.
     * @param slotSize the longest packet, in bytes.
     */
    DelayRing(final int capacity, final int slotSize)
    {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.slots = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * slotSize));
        this.releaseAt = new long[capacity];
        this.lengths = new int[capacity];
        this.nextHops = new int[capacity];
    }

    boolean isFull()
    {
        return tail - head == capacity;
    }

    int size()
    {
        return (int)(tail - head);
    }

    /**
     * When the first packet is due.
     *
     * @return its release time, or {@link Long#MAX_VALUE} when empty.
     */
    long nextReleaseNanos()
    {
        return head == tail ? Long.MAX_VALUE : releaseAt[(int)head & (capacity - 1)];
    }

    /**
     * Copies a packet in; the caller checked {@link #isFull()} and the length against the slot size.
     */
    void add(final DirectBuffer buffer, final int offset, final int length, final int nextHop, final long due)
    {
        final int index = (int)tail & (capacity - 1);
        slots.putBytes(index * slotSize, buffer, offset, length);
        releaseAt[index] = due;
        lengths[index] = length;
        nextHops[index] = nextHop;
        tail++;
    }

    /**
     * Hands every packet due by {@code now} to a device, in order, stopping at the first it cannot take.
     *
     * @param device where they go.
     * @param now    the clock time.
     * @return packets released.
     */
    int release(final PacketIo device, final long now)
    {
        int released = 0;
        while (head != tail)
        {
            final int index = (int)head & (capacity - 1);
            if (releaseAt[index] - now > 0 ||
                device.offer(slots, index * slotSize, lengths[index], nextHops[index]) == PacketIo.BACK_PRESSURED)
            {
                break;
            }
            head++;
            released++;
        }
        return released;
    }
}
