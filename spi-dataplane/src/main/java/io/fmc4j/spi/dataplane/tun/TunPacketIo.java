/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.tun;

import java.io.IOException;
import java.util.Arrays;

import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.AbstractPacketIo;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A Linux TUN device ({@code IFF_TUN | IFF_NO_PI}, non-blocking), the EID side of an xTR: packets are bare
 * IPv4/IPv6 datagrams.
 * <p>
 * Receive: one JNI call per poll reads up to {@code min(limit, burstSize)} packets with {@code read(2)} into an
 * off-heap arena of {@code burstSize} slots, each {@code headroom + mtu + 1} bytes rounded to a cache line, the
 * packet behind its own headroom. Send: {@code write(2)} straight from the offered buffer when it is off-heap,
 * else through a staging copy. {@code EAGAIN} on send is {@link #BACK_PRESSURED}. {@code EBADFD}, {@code ENODEV},
 * {@code ENXIO}, {@code EBADF} or {@code EIO} (the interface was deleted) fail the device; other errors are
 * counted.
 */
public final class TunPacketIo extends AbstractPacketIo
{
    private final int fd;
    private final String interfaceName;
    private final int burstSize;
    private final int stride;
    private final UnsafeBuffer arena;
    private final UnsafeBuffer lengths;
    private final UnsafeBuffer staging;
    private final MutableDirectBuffer[] burstBuffers;
    private final int[] burstOffsets;
    private final int[] burstLengths;

    private TunPacketIo(final PacketIoConfig config, final int fd, final String interfaceName)
    {
        super(TunPacketIoProvider.NAME, "tun " + interfaceName, config);
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.burstSize = config.burstSize();
        this.stride = BitUtil.align(headroom + mtu + 1, BitUtil.CACHE_LINE_LENGTH);
        this.arena = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(stride * burstSize, BitUtil.CACHE_LINE_LENGTH));
        this.lengths = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(Integer.BYTES * burstSize, BitUtil.CACHE_LINE_LENGTH));
        this.burstBuffers = new MutableDirectBuffer[burstSize];
        Arrays.fill(burstBuffers, arena);
        this.burstOffsets = new int[burstSize];
        this.burstLengths = new int[burstSize];
        this.staging = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(BitUtil.align(mtu, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH));
    }

    static TunPacketIo open(final PacketIoConfig config) throws IOException
    {
        final boolean up = Boolean.parseBoolean(config.stringProperty("tun.up", "true"));
        final int fd = TunNative.open(config.deviceName(), config.mtu(), up);
        if (fd < 0)
        {
            throw new IOException("cannot open TUN device '" + config.deviceName() + "': " +
                TunNative.strerror(-fd) + " (errno " + -fd + ")");
        }
        final String name = TunNative.name(fd);
        return new TunPacketIo(config, fd, name != null ? name : String.valueOf(config.deviceName()));
    }

    /**
     * The kernel's name for the interface (the configured one, or the one the kernel chose).
     *
     * @return e.g. {@code fmc0}.
     */
    public String interfaceName()
    {
        return interfaceName;
    }

    /** {@inheritDoc} */
    @Override
    protected int doPoll(final PacketHandler handler, final int limit)
    {
        final int count = readBatch(limit);
        final int n = accepted(count);
        for (int k = 0; k < n; k++)
        {
            handler.onPacket(arena, burstOffsets[k], burstLengths[k], peer);
        }
        return count;
    }

    /**
     * Checks and counts the packets of a read batch: the accepted ones' offsets in the arena and lengths go into
     * {@code burstOffsets} and {@code burstLengths}.
     *
     * @return packets accepted.
     */
    private int accepted(final int count)
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = lengths.getInt(i << 2);
            if (accept(length))
            {
                burstOffsets[n] = i * stride + headroom;
                burstLengths[n] = length;
                n++;
            }
        }
        return n;
    }

    /**
     * Reads up to {@code min(limit, burstSize)} packets into the arena's slots, their lengths into {@code lengths}.
     *
     * @return packets read; 0 on a read error (reported).
     */
    private int readBatch(final int limit)
    {
        final int count = TunNative.readBurst(
            fd, arena.addressOffset(), stride, headroom, mtu + 1, lengths.addressOffset(), Math.min(limit, burstSize));
        if (count < 0)
        {
            onReadError(-count);
            return 0;
        }
        return count;
    }

    /**
     * {@inheritDoc} One read batch, handed over whole: every packet of it lies in its own slot of the arena.
     */
    @Override
    protected int doPollBurst(final PacketBurstHandler handler, final int limit)
    {
        final int count = readBatch(limit);
        final int n = accepted(count);
        if (n > 0)
        {
            handler.onBurst(burstBuffers, burstOffsets, burstLengths, n);
        }
        return count;
    }

    /** {@inheritDoc} */
    @Override
    protected int doOffer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
    {
        if (offset < 0 || length > buffer.capacity() - offset)
        {
            // The write below reads raw memory, outside Agrona's bounds checks: never let a bad slice through.
            throw new IndexOutOfBoundsException(
                "offset=" + offset + " length=" + length + " capacity=" + buffer.capacity());
        }
        final long address;
        if (buffer.byteArray() == null)
        {
            address = buffer.addressOffset() + offset;
        }
        else
        {
            staging.putBytes(0, buffer, offset, length);
            address = staging.addressOffset();
        }
        final int result = TunNative.write(fd, address, length);
        if (result >= 0)
        {
            return length;
        }
        final int errno = -result;
        if (errno == TunNative.EAGAIN || errno == TunNative.ENOBUFS)
        {
            return BACK_PRESSURED;
        }
        if (TunNative.isFatal(errno))
        {
            fail(new IOException(description() + ": write failed, " + TunNative.strerror(errno)));
            counters.increment(PacketIoCounters.TX_DROP_NOT_ACTIVE);
            return FAILED;
        }
        counters.increment(PacketIoCounters.TX_ERRORS);
        return REJECTED;
    }

    /** {@inheritDoc} */
    @Override
    protected void doClose()
    {
        TunNative.close(fd);
    }

    private void onReadError(final int errno)
    {
        if (TunNative.isFatal(errno))
        {
            fail(new IOException(description() + ": read failed, " + TunNative.strerror(errno) +
                " (interface deleted?)"));
        }
        else
        {
            counters.increment(PacketIoCounters.RX_ERRORS);
        }
    }
}
