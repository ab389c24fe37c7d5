/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Destination address and port to the next-hop id a {@link PacketIo} takes. A hit costs one hash probe and
 * allocates nothing; the first packet to a new peer resolves it through {@link PacketIo#registerNextHop} (one
 * {@link InetSocketAddress}, once per peer). Open addressing with linear probing; full means new peers are
 * refused ({@link #UNREACHABLE}).
 */
final class PeerTable
{
    /** Returned when a destination cannot be registered. */
    static final int UNREACHABLE = Integer.MIN_VALUE;

    private final PacketIo io;
    private final int mask;
    private final long[] keyHi;
    private final long[] keyLo;
    private final long[] keyMeta;
    private final int[] hops;
    private int size;

    PeerTable(final PacketIo io, final int capacityPowerOfTwo)
    {
        if (Integer.bitCount(capacityPowerOfTwo) != 1)
        {
            throw new IllegalArgumentException("peer table capacity must be a power of two: " + capacityPowerOfTwo);
        }
        this.io = io;
        this.mask = capacityPowerOfTwo - 1;
        keyHi = new long[capacityPowerOfTwo];
        keyLo = new long[capacityPowerOfTwo];
        keyMeta = new long[capacityPowerOfTwo];
        hops = new int[capacityPowerOfTwo];
    }

    /**
     * Next hop for a peer as received.
     *
     * @param peer the peer.
     * @return the next-hop id, or {@link #UNREACHABLE}.
     */
    int nextHop(final PeerAddress peer)
    {
        switch (peer.family())
        {
            case PeerAddress.FAMILY_IPV4:
                return nextHop(4, (peer.ipv4() & 0xFFFF_FFFFL) << 32, 0, peer.port());
            case PeerAddress.FAMILY_IPV6:
                return nextHop(6, peer.ipv6High(), peer.ipv6Low(), peer.port());
            default:
                return PacketIo.NO_NEXT_HOP;
        }
    }

    /**
     * Next hop for an address.
     *
     * @param family 4 or 6; anything else gives {@link PacketIo#NO_NEXT_HOP} (point-to-point devices).
     * @param hi     left-aligned address high word (IPv4 in the top 32 bits).
     * @param lo     address low word.
     * @param port   UDP port.
     * @return the next-hop id, or {@link #UNREACHABLE}.
     */
    int nextHop(final int family, final long hi, final long lo, final int port)
    {
        if (family != 4 && family != 6)
        {
            return PacketIo.NO_NEXT_HOP;
        }
        final long meta = ((long)family << 32) | (port & 0xFFFF) | (1L << 40);
        int slot = (int)(mix(hi * 31 + lo * 17 + meta)) & mask;
        for (int probes = 0; probes <= mask; probes++)
        {
            if (keyMeta[slot] == 0)
            {
                break;
            }
            if (keyMeta[slot] == meta && keyHi[slot] == hi && keyLo[slot] == lo)
            {
                return hops[slot];
            }
            slot = (slot + 1) & mask;
        }
        if (keyMeta[slot] != 0 || size == mask)
        {
            return UNREACHABLE;
        }
        final int hop = register(family, hi, lo, port);
        if (hop != UNREACHABLE)
        {
            keyMeta[slot] = meta;
            keyHi[slot] = hi;
            keyLo[slot] = lo;
            hops[slot] = hop;
            size++;
        }
        return hop;
    }

    int size()
    {
        return size;
    }

    private int register(final int family, final long hi, final long lo, final int port)
    {
        final byte[] bytes;
        if (family == 4)
        {
            final int v4 = (int)(hi >>> 32);
            bytes = new byte[]{(byte)(v4 >>> 24), (byte)(v4 >>> 16), (byte)(v4 >>> 8), (byte)v4};
        }
        else
        {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(hi >>> (56 - 8 * i));
                bytes[8 + i] = (byte)(lo >>> (56 - 8 * i));
            }
        }
        try
        {
            return io.registerNextHop(new InetSocketAddress(InetAddress.getByAddress(bytes), port));
        }
        catch (final UnknownHostException | RuntimeException ex)
        {
            return UNREACHABLE;
        }
    }

    private static long mix(final long v)
    {
        long x = v ^ (v >>> 33);
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x ^ (x >>> 29);
    }
}
