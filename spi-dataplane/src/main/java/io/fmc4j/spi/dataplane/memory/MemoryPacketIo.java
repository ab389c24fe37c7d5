/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.memory;

import java.io.IOException;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * One endpoint of a {@link MemoryLink}. {@code offer} claims a ring record of {@code headroom + length} bytes
 * and copies the packet behind the headroom; {@code poll} hands each record's packet to the handler in place.
 * When the peer endpoint closes, the next {@code offer} fails this device (the link is down).
 */
public final class MemoryPacketIo extends AbstractPacketIo implements MessageHandler
{
    static final int MSG_TYPE_PACKET = 1;

    private final OneToOneRingBuffer rxRing;
    private final OneToOneRingBuffer txRing;
    private final MemoryLink link;
    private PacketHandler handler;
    private int work;

    MemoryPacketIo(
        final String name,
        final PacketIoConfig config,
        final OneToOneRingBuffer rxRing,
        final OneToOneRingBuffer txRing,
        final MemoryLink link)
    {
        super(MemoryPacketIoProvider.NAME, "memory " + name, config);
        this.rxRing = rxRing;
        this.txRing = txRing;
        this.link = link;
    }

    /** {@inheritDoc} */
    @Override
    protected int doPoll(final PacketHandler handler, final int limit)
    {
        this.handler = handler;
        this.work = 0;
        rxRing.read(this, limit);
        this.handler = null;
        return work;
    }

    /**
     * Ring callback; not for users.
     *
     * @param msgTypeId the record type.
     * @param buffer    the ring's buffer.
     * @param index     where the record's payload starts.
     * @param length    payload length, headroom included.
     */
    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != MSG_TYPE_PACKET || length < headroom)
        {
            counters.increment(PacketIoCounters.RX_DROP_MALFORMED);
            work++;
            return;
        }
        work += deliver(handler, buffer, index + headroom, length - headroom, peer);
    }

    /** {@inheritDoc} */
    @Override
    protected int doOffer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (link.peerOf(this).state() == STATE_CLOSED)
        {
            fail(new IOException(description() + ": peer endpoint closed, link is down"));
            counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
            return FAILED;
        }
        final int index = txRing.tryClaim(MSG_TYPE_PACKET, headroom + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return BACK_PRESSURED;
        }
        txRing.buffer().putBytes(index + headroom, buffer, offset, length);
        txRing.commit(index);
        return length;
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        link.endpointClosed(this);
    }
}
