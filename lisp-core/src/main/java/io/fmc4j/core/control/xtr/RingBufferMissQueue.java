/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A {@link MissQueue} over an Agrona {@link ManyToOneRingBuffer}: any number of data-path threads offer, one
 * control agent drains. Each miss is a 24-byte record (instance ID and AFI, high word, low word).
 */
public final class RingBufferMissQueue implements MissQueue
{
    private static final int MSG_TYPE = 1;
    private static final int RECORD_LENGTH = 24;

    private final ManyToOneRingBuffer ring;
    private final ThreadLocal<UnsafeBuffer> scratch =
        ThreadLocal.withInitial(() -> new UnsafeBuffer(BufferUtil.allocateDirectAligned(RECORD_LENGTH, 8)));
    private MissHandler handler;
    private final MessageHandler adapter = this::onRecord;

    /**
     * A queue of the given ring capacity.
     *
     * @param capacity ring bytes, a power of two (each miss takes 32 bytes with its record header).
     */
    public RingBufferMissQueue(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    @Override
    public boolean offer(final int instanceId, final int afi, final long hi, final long lo)
    {
        final MutableDirectBuffer record = scratch.get();
        record.putInt(0, instanceId);
        record.putInt(4, afi);
        record.putLong(8, hi);
        record.putLong(16, lo);
        return ring.write(MSG_TYPE, record, 0, RECORD_LENGTH);
    }

    @Override
    public int drain(final MissHandler handler, final int limit)
    {
        this.handler = handler;
        return ring.read(adapter, limit);
    }

    private void onRecord(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final DirectBuffer b = buffer;
        final int afi = b.getInt(index + 4);
        handler.onMiss(b.getInt(index), afi, afi == io.fmc4j.api.Afi.IPV6 ? 128 : 32, b.getLong(index + 8),
            b.getLong(index + 16));
    }
}
