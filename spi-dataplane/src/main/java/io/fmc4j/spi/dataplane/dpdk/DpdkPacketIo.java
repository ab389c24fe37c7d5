/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.dpdk;

import java.io.IOException;

import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.fmc4j.spi.dataplane.dpdk.DpdkNative.DESC_ADDRESS;
import static io.fmc4j.spi.dataplane.dpdk.DpdkNative.DESC_LENGTH;
import static io.fmc4j.spi.dataplane.dpdk.DpdkNative.DESC_MBUF;
import static io.fmc4j.spi.dataplane.dpdk.DpdkNative.DESC_ROOM;
import static io.fmc4j.spi.dataplane.dpdk.DpdkNative.DESC_SIZE;

/**
 * One DPDK ethdev port with one rx and one tx queue on its own {@code rte_mempool}; packets are Ethernet frames.
 * <p>
 * Receive is zero-copy: one JNI call per poll frees the previous burst's mbufs and runs {@code rte_eth_rx_burst};
 * each packet is handed to the handler through a reused {@link UnsafeBuffer} wrapped on the mbuf's memory,
 * headroom included (the mbuf headroom, {@code RTE_PKTMBUF_HEADROOM}, so the configured headroom may not exceed
 * it). Send copies each offered packet into a pre-allocated mbuf (no JNI call per packet); {@link #flush()} (or a
 * full queue) sends the queue with one {@code rte_eth_tx_burst}. Packets the device does not take stay queued;
 * when the queue is full {@code offer} answers {@link #BACK_PRESSURED}. A port that disappears (hot-unplug) fails
 * the device on the next poll or flush.
 */
public final class DpdkPacketIo extends AbstractPacketIo
{
    private final int port;
    private final String deviceName;
    private final boolean attachedHere;
    private final int burstSize;
    private final UnsafeBuffer rxDesc;
    private final UnsafeBuffer txDesc;
    private final UnsafeBuffer[] rxViews;
    private final int[] burstOffsets;
    private final int[] burstLengths;
    private final UnsafeBuffer txView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer statsBuffer;
    private int rxHeld;
    private int received;
    private int txCount;

    private DpdkPacketIo(
        final PacketIoConfig config, final int port, final String deviceName, final boolean attachedHere)
    {
        super(DpdkPacketIoProvider.NAME, "dpdk " + deviceName + " (port " + port + ")", config);
        this.port = port;
        this.deviceName = deviceName;
        this.attachedHere = attachedHere;
        this.burstSize = config.burstSize();
        this.rxViews = new UnsafeBuffer[burstSize];
        for (int i = 0; i < burstSize; i++)
        {
            rxViews[i] = new UnsafeBuffer(0, 0);
        }
        this.burstOffsets = new int[burstSize];
        this.burstLengths = new int[burstSize];
        this.rxDesc = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(DESC_SIZE * burstSize, BitUtil.CACHE_LINE_LENGTH));
        this.txDesc = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(DESC_SIZE * burstSize, BitUtil.CACHE_LINE_LENGTH));
        this.statsBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(8 * Long.BYTES, Long.BYTES));
    }

    static DpdkPacketIo open(final PacketIoConfig config, final String[] ealArgs) throws IOException
    {
        final String name = config.deviceName();
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("dpdk provider needs a deviceName (e.g. net_null0, or a port name)");
        }
        DpdkNative.ensureEal(ealArgs);
        final int mbufHeadroom = DpdkNative.mbufHeadroom();
        if (config.headroom() > mbufHeadroom)
        {
            throw new IllegalArgumentException("headroom " + config.headroom() +
                " exceeds the mbuf headroom RTE_PKTMBUF_HEADROOM=" + mbufHeadroom);
        }
        final int rxDescriptors = config.intProperty("dpdk.rxDescriptors", 1024);
        final int txDescriptors = config.intProperty("dpdk.txDescriptors", 1024);
        final int mbufs = config.intProperty("dpdk.mbufs", 8191);
        if (mbufs < rxDescriptors + txDescriptors + 2 * config.burstSize())
        {
            throw new IllegalArgumentException("dpdk.mbufs " + mbufs +
                " must cover rx and tx descriptors plus two bursts");
        }
        final int existing = DpdkNative.portByName(name);
        final boolean existed = existing >= 0;
        final int port = existed ? existing : DpdkNative.attach(name, config.stringProperty("dpdk.devargs", ""));
        if (port < 0)
        {
            throw new IOException("cannot attach DPDK device '" + name + "': " + DpdkNative.strerror(-port));
        }
        final int dataRoom = Math.max(2048, BitUtil.align(config.mtu(), BitUtil.CACHE_LINE_LENGTH));
        final int started = DpdkNative.portStart(port, rxDescriptors, txDescriptors, mbufs, dataRoom);
        if (started < 0)
        {
            if (!existed)
            {
                DpdkNative.detach(name);
            }
            final String hint = -started == DpdkNative.EBUSY ? " (already open in this process)" : "";
            throw new IOException("cannot start DPDK port " + port + " (" + name + "): " +
                DpdkNative.strerror(-started) + hint);
        }
        final DpdkPacketIo io = new DpdkPacketIo(config, port, name, !existed);
        if (DpdkNative.txFill(port, io.txDesc.addressOffset(), 0, io.burstSize) < 0)
        {
            io.close();
            throw new IOException("mempool of port " + port + " too small for a tx burst");
        }
        return io;
    }

    /**
     * The ethdev port id.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * The device's own statistics ({@code rte_eth_stats_get}). Cold path: allocates the result.
     *
     * @return ipackets, opackets, ibytes, obytes, imissed, ierrors, oerrors, rx_nombuf; or null when the port is
     * gone.
     */
    public long[] portStatistics()
    {
        if (DpdkNative.stats(port, statsBuffer.addressOffset()) < 0)
        {
            return null;
        }
        final long[] values = new long[8];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = statsBuffer.getLong(i * Long.BYTES);
        }
        return values;
    }

    /**
     * Packets queued by {@code offer} and not yet taken by the device.
     *
     * @return the queue length.
     */
    public int queuedForSend()
    {
        return txCount;
    }

    /** {@inheritDoc} */
    @Override
    protected int doPoll(final PacketHandler handler, final int limit)
    {
        final int n = receive(limit);
        for (int k = 0; k < n; k++)
        {
            handler.onPacket(rxViews[k], burstOffsets[k], burstLengths[k], peer);
        }
        return received;
    }

    /**
     * Frees the previous batch's mbufs and receives up to {@code min(limit, burstSize)} into {@code rxDesc}.
     *
     * @return packets received; 0 when the port is gone (the device then fails).
     */
    private int rxBatch(final int limit)
    {
        final int count = DpdkNative.rxBurst(port, rxDesc.addressOffset(), rxHeld, Math.min(limit, burstSize));
        if (count < 0)
        {
            rxHeld = 0;
            fail(new IOException(description() + ": port is gone (" + DpdkNative.strerror(-count) + ")"));
            return 0;
        }
        rxHeld = count;
        return count;
    }

    /**
     * {@inheritDoc} One {@code rte_eth_rx_burst}, handed over whole: each packet in its own mbuf, seen through its
     * own view; the mbufs go back to the pool at the next poll.
     */
    @Override
    protected int doPollBurst(final PacketBurstHandler handler, final int limit)
    {
        final int n = receive(limit);
        if (n > 0)
        {
            handler.onBurst(rxViews, burstOffsets, burstLengths, n);
        }
        return received;
    }

    /**
     * One receive batch, checked and counted: the accepted packets' views, offsets and lengths go into
     * {@code rxViews}, {@code burstOffsets} and {@code burstLengths}; {@link #received} is set to the packets taken
     * from the port (the work done, dropped ones included).
     *
     * @return packets accepted.
     */
    private int receive(final int limit)
    {
        final UnsafeBuffer desc = rxDesc;
        final int count = rxBatch(limit);
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            final int base = i * DESC_SIZE;
            final int length = desc.getInt(base + DESC_LENGTH);
            if (length < 0 || desc.getInt(base + DESC_ROOM) < headroom)
            {
                counters.increment(PacketIoCounters.RX_DROP_MALFORMED);
                continue;
            }
            if (accept(length))
            {
                rxViews[n].wrap(desc.getLong(base + DESC_ADDRESS) - headroom, headroom + length);
                burstOffsets[n] = headroom;
                burstLengths[n] = length;
                n++;
            }
        }
        received = count;
        return n;
    }

    /** {@inheritDoc} */
    @Override
    protected int doOffer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (txCount == burstSize)
        {
            send();
            if (state() != STATE_ACTIVE)
            {
                counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
                return FAILED;
            }
            if (txCount == burstSize)
            {
                return BACK_PRESSURED;
            }
        }
        final UnsafeBuffer desc = txDesc;
        final int base = txCount * DESC_SIZE;
        if (desc.getLong(base + DESC_MBUF) == 0 &&
            DpdkNative.txFill(port, desc.addressOffset(), txCount, burstSize) < 0)
        {
            return BACK_PRESSURED;
        }
        final int room = desc.getInt(base + DESC_ROOM);
        if (length > room)
        {
            counters.increment(PacketIoCounters.TX_DROP_TOO_LONG);
            return REJECTED;
        }
        txView.wrap(desc.getLong(base + DESC_ADDRESS), room);
        txView.putBytes(0, buffer, offset, length);
        desc.putInt(base + DESC_LENGTH, length);
        txCount++;
        return length;
    }

    /** {@inheritDoc} */
    @Override
    public int flush()
    {
        if (txCount == 0 || state() != STATE_ACTIVE)
        {
            return 0;
        }
        return send();
    }

    private int send()
    {
        final int sent = DpdkNative.txBurst(port, txDesc.addressOffset(), txCount, burstSize);
        if (sent < 0)
        {
            counters.add(PacketIoCounters.TX_DROP_DEVICE, txCount);
            txCount = 0;
            fail(new IOException(description() + ": port is gone (" + DpdkNative.strerror(-sent) + ")"));
            return 0;
        }
        txCount -= sent;
        return sent;
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        DpdkNative.freeSlots(rxDesc.addressOffset(), 0, rxHeld);
        rxHeld = 0;
        if (txCount > 0)
        {
            counters.add(PacketIoCounters.TX_DROP_DEVICE, txCount);
        }
        DpdkNative.freeSlots(txDesc.addressOffset(), 0, burstSize);
        txCount = 0;
        DpdkNative.portStop(port, attachedHere ? deviceName : null);
    }
}
