/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

/**
 * The sender of a received packet, as a reused mutable value: a backend fills one instance before each
 * {@link PacketHandler#onPacket} call, so reading it allocates nothing. Backends that do not know a sender
 * (TUN, DPDK, in-memory) report {@link #FAMILY_NONE}.
 */
public final class PeerAddress
{
    /** No address known. */
    public static final int FAMILY_NONE = 0;
    /** An IPv4 address in {@link #ipv4()}. */
    public static final int FAMILY_IPV4 = 4;
    /** An IPv6 address in {@link #ipv6High()} and {@link #ipv6Low()}. */
    public static final int FAMILY_IPV6 = 6;

    private int family;
    private int ipv4;
    private long ipv6High;
    private long ipv6Low;
    private int port;

    /**
     * Marks the address as unknown.
     *
     * @return this.
     */
    public PeerAddress clear()
    {
        family = FAMILY_NONE;
        ipv4 = 0;
        ipv6High = 0;
        ipv6Low = 0;
        port = 0;
        return this;
    }

    /**
     * Sets an IPv4 sender.
     *
     * @param address the address, network byte order packed into an int (first octet in the high byte).
     * @param port    the UDP port, 0..65535.
     * @return this.
     */
    public PeerAddress ipv4(final int address, final int port)
    {
        this.family = FAMILY_IPV4;
        this.ipv4 = address;
        this.ipv6High = 0;
        this.ipv6Low = 0;
        this.port = port;
        return this;
    }

    /**
     * Sets an IPv6 sender.
     *
     * @param high the first 8 bytes of the address, big-endian.
     * @param low  the last 8 bytes of the address, big-endian.
     * @param port the UDP port, 0..65535.
     * @return this.
     */
    public PeerAddress ipv6(final long high, final long low, final int port)
    {
        this.family = FAMILY_IPV6;
        this.ipv4 = 0;
        this.ipv6High = high;
        this.ipv6Low = low;
        this.port = port;
        return this;
    }

    /**
     * The address family.
     *
     * @return {@link #FAMILY_NONE}, {@link #FAMILY_IPV4} or {@link #FAMILY_IPV6}.
     */
    public int family()
    {
        return family;
    }

    /**
     * The IPv4 address.
     *
     * @return the address with its first octet in the high byte; 0 unless the family is IPv4.
     */
    public int ipv4()
    {
        return ipv4;
    }

    /**
     * The first half of the IPv6 address.
     *
     * @return bytes 0..7, big-endian; 0 unless the family is IPv6.
     */
    public long ipv6High()
    {
        return ipv6High;
    }

    /**
     * The second half of the IPv6 address.
     *
     * @return bytes 8..15, big-endian; 0 unless the family is IPv6.
     */
    public long ipv6Low()
    {
        return ipv6Low;
    }

    /**
     * The UDP port.
     *
     * @return 0..65535; 0 when unknown.
     */
    public int port()
    {
        return port;
    }

    /**
     * Appends a readable form ({@code 192.0.2.1:4341}, {@code [2001:db8:0:0:0:0:0:1]:4341} or {@code none}).
     *
     * @param out where to append.
     * @return {@code out}.
     */
    public StringBuilder appendTo(final StringBuilder out)
    {
        if (family == FAMILY_IPV4)
        {
            out.append(ipv4 >>> 24).append('.').append((ipv4 >>> 16) & 0xFF).append('.')
                .append((ipv4 >>> 8) & 0xFF).append('.').append(ipv4 & 0xFF).append(':').append(port);
        }
        else if (family == FAMILY_IPV6)
        {
            out.append('[');
            for (int i = 0; i < 8; i++)
            {
                final long half = i < 4 ? ipv6High : ipv6Low;
                final int shift = 48 - 16 * (i & 3);
                if (i > 0)
                {
                    out.append(':');
                }
                out.append(Integer.toHexString((int)((half >>> shift) & 0xFFFF)));
            }
            out.append("]:").append(port);
        }
        else
        {
            out.append("none");
        }
        return out;
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(48)).toString();
    }
}
