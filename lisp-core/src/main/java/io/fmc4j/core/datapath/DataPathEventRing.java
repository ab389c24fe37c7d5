/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.datapath.DataPathEventHandler;
import io.fmc4j.api.datapath.DataPathEventQueue;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The {@link DataPathEventQueue}: an Agrona {@link ManyToOneRingBuffer} (bounded, lock-free, many producers, one
 * consumer) of fixed-layout binary records. Producers claim a record, write primitives into it and commit it, so
 * neither side allocates; an object queue (JCTools' MPSC queues) would need a pool of mutable event objects and a
 * return queue to do the same.
 */
public final class DataPathEventRing implements DataPathEventQueue
{
    /** Record type: a Map-Request is needed. */
    public static final int MAP_REQUEST = 1;
    /** Record type: an echo-nonce request. */
    public static final int ECHO_NONCE = 2;
    /** Record type: a locator-status-bits change. */
    public static final int LSB_CHANGE = 3;
    /** Default capacity in bytes (about 16k events). */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private static final int RECORD_LENGTH = 48;

    private final ManyToOneRingBuffer ring;
    private final AtomicBuffer droppedCounter = new UnsafeBuffer(
        BufferUtil.allocateDirectAligned(BitUtil.CACHE_LINE_LENGTH, BitUtil.CACHE_LINE_LENGTH));
    private DataPathEventHandler handler;
    private final MessageHandler dispatcher = this::dispatch;

    /**
     * A queue of {@code capacity} bytes of events (48 bytes of data plus an 8-byte header each).
     *
     * @param capacity a power of two, at least 1024.
     */
    public DataPathEventRing(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity) || capacity < 1024)
        {
            throw new IllegalArgumentException("event queue capacity must be a power of two >= 1024: " + capacity);
        }
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
    }

    /**
     * Queues a Map-Request event (any thread).
     *
     * @param instanceId instance ID.
     * @param afi        AFI of the EID.
     * @param maskLength prefix length.
     * @param eidHi      EID high word.
     * @param eidLo      EID low word.
     * @param sourceHi   inner source high word.
     * @param sourceLo   inner source low word.
     * @return true when queued, false when the queue is full (counted in {@link #dropped()}).
     */
    public boolean offerMapRequest(
        final int instanceId, final int afi, final int maskLength, final long eidHi, final long eidLo,
        final long sourceHi, final long sourceLo)
    {
        final int index = ring.tryClaim(MAP_REQUEST, RECORD_LENGTH);
        if (index < 0)
        {
            return full();
        }
        final MutableDirectBuffer b = ring.buffer();
        b.putInt(index, instanceId);
        b.putInt(index + 4, afi);
        b.putInt(index + 8, maskLength);
        b.putLong(index + 16, eidHi);
        b.putLong(index + 24, eidLo);
        b.putLong(index + 32, sourceHi);
        b.putLong(index + 40, sourceLo);
        ring.commit(index);
        return true;
    }

    /**
     * Queues an echo-nonce event (any thread).
     *
     * @param instanceId instance ID.
     * @param rlocAfi    AFI of the remote RLOC.
     * @param rlocHi     RLOC high word.
     * @param rlocLo     RLOC low word.
     * @param nonce      the nonce.
     * @return true when queued.
     */
    public boolean offerEchoNonce(
        final int instanceId, final int rlocAfi, final long rlocHi, final long rlocLo, final int nonce)
    {
        final int index = ring.tryClaim(ECHO_NONCE, RECORD_LENGTH);
        if (index < 0)
        {
            return full();
        }
        final MutableDirectBuffer b = ring.buffer();
        b.putInt(index, instanceId);
        b.putInt(index + 4, rlocAfi);
        b.putInt(index + 8, nonce);
        b.putLong(index + 16, rlocHi);
        b.putLong(index + 24, rlocLo);
        ring.commit(index);
        return true;
    }

    /**
     * Queues a locator-status-bits event (any thread).
     *
     * @param instanceId instance ID.
     * @param rlocAfi    AFI of the remote RLOC.
     * @param rlocHi     RLOC high word.
     * @param rlocLo     RLOC low word.
     * @param previous   bits before, or -1.
     * @param current    bits now.
     * @return true when queued.
     */
    public boolean offerLocatorStatusBits(
        final int instanceId, final int rlocAfi, final long rlocHi, final long rlocLo, final int previous,
        final int current)
    {
        final int index = ring.tryClaim(LSB_CHANGE, RECORD_LENGTH);
        if (index < 0)
        {
            return full();
        }
        final MutableDirectBuffer b = ring.buffer();
        b.putInt(index, instanceId);
        b.putInt(index + 4, rlocAfi);
        b.putInt(index + 8, previous);
        b.putInt(index + 12, current);
        b.putLong(index + 16, rlocHi);
        b.putLong(index + 24, rlocLo);
        ring.commit(index);
        return true;
    }

    @Override
    public int drain(final DataPathEventHandler handler, final int limit)
    {
        this.handler = handler;
        try
        {
            return ring.read(dispatcher, limit);
        }
        finally
        {
            this.handler = null;
        }
    }

    @Override
    public long dropped()
    {
        return droppedCounter.getLongVolatile(0);
    }

    @Override
    public int capacity()
    {
        return ring.capacity();
    }

    /**
     * Bytes of events queued now (approximate while producers run).
     *
     * @return the size.
     */
    public int size()
    {
        return ring.size();
    }

    private boolean full()
    {
        droppedCounter.getAndAddLong(0, 1);
        return false;
    }

    private void dispatch(
        final int type, final MutableDirectBuffer b, final int index, final int length)
    {
        switch (type)
        {
            case MAP_REQUEST:
                handler.onMapRequest(b.getInt(index), b.getInt(index + 4), b.getInt(index + 8),
                    b.getLong(index + 16), b.getLong(index + 24), b.getLong(index + 32), b.getLong(index + 40));
                break;
            case ECHO_NONCE:
                handler.onEchoNonceRequest(b.getInt(index), b.getInt(index + 4), b.getLong(index + 16),
                    b.getLong(index + 24), b.getInt(index + 8));
                break;
            case LSB_CHANGE:
                handler.onLocatorStatusBits(b.getInt(index), b.getInt(index + 4), b.getLong(index + 16),
                    b.getLong(index + 24), b.getInt(index + 8), b.getInt(index + 12));
                break;
            default:
                break;
        }
    }
}
