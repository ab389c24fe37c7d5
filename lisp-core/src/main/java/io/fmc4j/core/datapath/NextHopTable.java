/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.spi.dataplane.PacketIo;

/**
 * RLOC address to next-hop id of a socket-based RLOC-side device, for one data-path thread. A lookup of a known
 * RLOC is an open-addressing probe over primitive arrays and does not allocate; the first packet to a new RLOC
 * registers it with {@link PacketIo#registerNextHop(InetSocketAddress)} (a cold-path call that builds an
 * {@link InetSocketAddress}, once per RLOC, on the thread that also offers to the device).
 */
final class NextHopTable
{
    static final int FAILED = Integer.MIN_VALUE;

    private long[] his;
    private long[] los;
    private int[] ids;
    private int size;
    private final int port;

    NextHopTable(final int initialCapacity, final int port)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1);
        his = new long[capacity];
        los = new long[capacity];
        ids = new int[capacity];
        Arrays.fill(ids, -1);
        this.port = port;
    }

    NextHopTable(final int initialCapacity)
    {
        this(initialCapacity, LispPorts.DATA);
    }

    /**
     * The next hop of an RLOC, registering it on first use.
     *
     * @param io  the device.
     * @param afi IPv4 or IPv6.
     * @param hi  left-aligned high word.
     * @param lo  low word.
     * @return the id, or {@link #FAILED}.
     */
    int nextHop(final PacketIo io, final int afi, final long hi, final long lo)
    {
        final long keyLo = afi == Afi.IPV6 ? lo : 1L;
        final int mask = ids.length - 1;
        int index = hash(hi, keyLo) & mask;
        while (true)
        {
            final int id = ids[index];
            if (id == -1)
            {
                return register(io, afi, hi, keyLo);
            }
            if (his[index] == hi && los[index] == keyLo)
            {
                return id;
            }
            index = (index + 1) & mask;
        }
    }

    int size()
    {
        return size;
    }

    private int register(final PacketIo io, final int afi, final long hi, final long keyLo)
    {
        final int id;
        try
        {
            id = io.registerNextHop(new InetSocketAddress(toAddress(afi, hi, keyLo), port));
        }
        catch (final IllegalArgumentException | IllegalStateException | UnknownHostException ex)
        {
            return FAILED;
        }
        if ((size + 1) * 2 > ids.length)
        {
            grow();
        }
        insert(hi, keyLo, id);
        size++;
        return id;
    }

    private void insert(final long hi, final long keyLo, final int id)
    {
        final int mask = ids.length - 1;
        int index = hash(hi, keyLo) & mask;
        while (ids[index] != -1)
        {
            index = (index + 1) & mask;
        }
        his[index] = hi;
        los[index] = keyLo;
        ids[index] = id;
    }

    private void grow()
    {
        final long[] oldHis = his;
        final long[] oldLos = los;
        final int[] oldIds = ids;
        his = new long[oldIds.length * 2];
        los = new long[oldIds.length * 2];
        ids = new int[oldIds.length * 2];
        Arrays.fill(ids, -1);
        for (int i = 0; i < oldIds.length; i++)
        {
            if (oldIds[i] != -1)
            {
                insert(oldHis[i], oldLos[i], oldIds[i]);
            }
        }
    }

    private static InetAddress toAddress(final int afi, final long hi, final long lo) throws UnknownHostException
    {
        if (afi == Afi.IPV4)
        {
            final int a = (int)(hi >>> 32);
            return InetAddress.getByAddress(new byte[] {(byte)(a >>> 24), (byte)(a >>> 16), (byte)(a >>> 8), (byte)a});
        }
        final byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte)(lo >>> (56 - 8 * i));
        }
        return InetAddress.getByAddress(bytes);
    }

    private static int hash(final long hi, final long lo)
    {
        long h = (hi ^ (lo * 0x9E37_79B9_7F4A_7C15L)) * 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 31;
        return (int)h;
    }
}
