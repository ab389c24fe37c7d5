/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One device of an {@link InProcessUdpNetwork}, bound to an IPv4 {@code address:port}: a UDP socket without a
 * kernel. It extends fmc4j's {@link AbstractPacketIo}, which supplies the state machine (active, failed,
 * closed), the counters and the length checks; this class writes only the three device-specific methods.
 * <p>
 * Receive side: an Agrona {@link ManyToOneRingBuffer} (any number of senders, one poller). Each record is
 * {@code [sender IPv4 (4)][sender port (4)][headroom][datagram]}, so the datagram is handed to the handler in
 * place with the headroom the SPI promises in front of it: one copy on send, none on receive.
 * <p>
 * Send side: {@link #registerNextHop(InetSocketAddress)} turns an address into a small int once; {@code offer}
 * maps it back to the destination's table key with a primitive map and asks the network to route the datagram.
 * Nothing allocates per datagram.
 */
public final class InProcessUdpPacketIo extends AbstractPacketIo implements MessageHandler
{
    private static final int MSG_TYPE_DATAGRAM = 1;
    private static final int META_LENGTH = 8;

    private final InProcessUdpNetwork network;
    private final int localIpv4;
    private final int localPort;
    private final long localKey;
    private final String localText;
    private final ManyToOneRingBuffer rxRing;
    private final Long2LongHashMap nextHopKeys = new Long2LongHashMap(-1L);
    private final Long2LongHashMap nextHopIds = new Long2LongHashMap(-1L);
    private PacketHandler handler;
    private int work;

    InProcessUdpPacketIo(final InProcessUdpNetwork network, final PacketIoConfig config) throws IOException
    {
        super(InProcessUdpProvider.NAME, InProcessUdpProvider.NAME + " " + network.name() + " " +
            config.localAddress().getAddress().getHostAddress() + ":" + config.localAddress().getPort(), config);
        this.network = network;
        this.localIpv4 = InProcessUdpNetwork.ipv4(config.localAddress());
        this.localPort = config.localAddress().getPort();
        this.localKey = InProcessUdpNetwork.key(localIpv4, localPort);
        this.localText = config.localAddress().getAddress().getHostAddress() + ":" + localPort;
        // The ring must hold at least 8 of the largest records (Agrona's limit on one message is capacity / 8).
        final int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(
            config.intProperty(InProcessUdpProvider.NAME + ".ring.capacity", 256 * 1024),
            8 * (META_LENGTH + config.headroom() + config.mtu() + 64)));
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH);
        this.rxRing = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
        network.bind(this, localKey);
    }

    /**
     * The bound address as text.
     *
     * @return e.g. {@code 192.0.2.10:4341}.
     */
    public String localText()
    {
        return localText;
    }

    int localIpv4()
    {
        return localIpv4;
    }

    int localPort()
    {
        return localPort;
    }

    /** {@inheritDoc} */
    @Override
    public int registerNextHop(final InetSocketAddress destination)
    {
        final long key = InProcessUdpNetwork.key(destination);
        final long existing = nextHopIds.get(key);
        if (existing != -1L)
        {
            return (int)existing;
        }
        final int id = nextHopKeys.size() + 1;              // 0 is NO_NEXT_HOP
        nextHopKeys.put(id, key);
        nextHopIds.put(key, id);
        return id;
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
     * @param index     where the record starts.
     * @param length    the record's length.
     */
    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int datagram = length - META_LENGTH - headroom;
        if (msgTypeId != MSG_TYPE_DATAGRAM || datagram < 0)
        {
            counters.increment(PacketIoCounters.RX_DROP_MALFORMED);
            work++;
            return;
        }
        peer.ipv4(buffer.getInt(index), buffer.getInt(index + 4));
        work += deliver(handler, buffer, index + META_LENGTH + headroom, datagram, peer);
    }

    /** {@inheritDoc} */
    @Override
    protected int doOffer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        final long destination = nextHopKeys.get(nextHop);
        if (destination == -1L)
        {
            counters.increment(PacketIoCounters.TX_DROP_BAD_NEXT_HOP);
            return REJECTED;
        }
        network.route(destination, this, buffer, offset, length);
        return length;
    }

    /**
     * Called by the network on the sender's thread: copies one datagram into this device's receive ring.
     *
     * @return false when the ring is full (the datagram is lost, as with a full socket buffer).
     */
    boolean enqueue(final int fromIpv4, final int fromPort, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int index = rxRing.tryClaim(MSG_TYPE_DATAGRAM, META_LENGTH + headroom + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final MutableDirectBuffer ring = rxRing.buffer();
        ring.putInt(index, fromIpv4);
        ring.putInt(index + 4, fromPort);
        ring.putBytes(index + META_LENGTH + headroom, buffer, offset, length);
        rxRing.commit(index);
        return true;
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        network.unbind(this, localKey);
    }
}
