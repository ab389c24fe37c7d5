/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.agrona.ErrorHandler;

/**
 * Configuration of one device, in Aeron's {@code Context} style: fluent setters, then {@link #conclude()}
 * checks everything once, before the device opens. Cold path.
 * <p>
 * Generic settings are typed fields; backend-specific ones are string {@link #property(String, String)
 * properties} whose keys start with the provider's name (e.g. {@code dpdk.eal.args}).
 */
public final class PacketIoConfig
{
    /** Default headroom: room for Ethernet (14), outer IPv6 (40), UDP (8) and LISP (8) headers, rounded up. */
    public static final int DEFAULT_HEADROOM = 128;
    /** Largest accepted headroom. */
    public static final int MAX_HEADROOM = 1024;
    /** Default {@link #mtu()}. */
    public static final int DEFAULT_MTU = 1500;
    /** Smallest accepted MTU (the IPv4 minimum). */
    public static final int MIN_MTU = 68;
    /** Largest accepted MTU. */
    public static final int MAX_MTU = 65535;
    /** Default packets per receive or send burst. */
    public static final int DEFAULT_BURST_SIZE = 32;
    /** Largest burst. */
    public static final int MAX_BURST_SIZE = 1024;

    private String deviceName;
    private InetSocketAddress localAddress;
    private int headroom = DEFAULT_HEADROOM;
    private int mtu = DEFAULT_MTU;
    private int burstSize = DEFAULT_BURST_SIZE;
    private ErrorHandler errorHandler;
    private final Map<String, String> properties = new TreeMap<>();
    private boolean concluded;

    /**
     * The device to open: TUN interface name, DPDK device name, in-memory link name.
     *
     * @param deviceName the name; null lets the backend choose.
     * @return this.
     */
    public PacketIoConfig deviceName(final String deviceName)
    {
        checkNotConcluded();
        this.deviceName = deviceName;
        return this;
    }

    /**
     * The device to open.
     *
     * @return the name, or null.
     */
    public String deviceName()
    {
        return deviceName;
    }

    /**
     * Where a socket backend binds (UDP: address and port; port 0 picks a free one).
     *
     * @param localAddress the address.
     * @return this.
     */
    public PacketIoConfig localAddress(final InetSocketAddress localAddress)
    {
        checkNotConcluded();
        this.localAddress = localAddress;
        return this;
    }

    /**
     * Where a socket backend binds.
     *
     * @return the address, or null.
     */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /**
     * Writable bytes guaranteed in front of each received packet (see {@link PacketIo}), a multiple of 8.
     *
     * @param headroom 0..{@value #MAX_HEADROOM}.
     * @return this.
     */
    public PacketIoConfig headroom(final int headroom)
    {
        checkNotConcluded();
        this.headroom = headroom;
        return this;
    }

    /**
     * Writable bytes in front of each received packet.
     *
     * @return the headroom.
     */
    public int headroom()
    {
        return headroom;
    }

    /**
     * Longest packet received whole or sent.
     *
     * @param mtu {@value #MIN_MTU}..{@value #MAX_MTU}.
     * @return this.
     */
    public PacketIoConfig mtu(final int mtu)
    {
        checkNotConcluded();
        this.mtu = mtu;
        return this;
    }

    /**
     * Longest packet received whole or sent.
     *
     * @return the MTU.
     */
    public int mtu()
    {
        return mtu;
    }

    /**
     * Packets per native receive or send burst (DPDK, TUN) and size of the send queue of batching devices.
     *
     * @param burstSize 1..{@value #MAX_BURST_SIZE}.
     * @return this.
     */
    public PacketIoConfig burstSize(final int burstSize)
    {
        checkNotConcluded();
        this.burstSize = burstSize;
        return this;
    }

    /**
     * Packets per native burst.
     *
     * @return the burst size.
     */
    public int burstSize()
    {
        return burstSize;
    }

    /**
     * Receives the cause when the device fails mid-run (called once, on the thread that saw the failure).
     *
     * @param errorHandler the handler; null for none.
     * @return this.
     */
    public PacketIoConfig errorHandler(final ErrorHandler errorHandler)
    {
        checkNotConcluded();
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * Receives the cause when the device fails mid-run.
     *
     * @return the handler; a no-op when none was set and the config is concluded.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * A backend-specific setting.
     *
     * @param key   e.g. {@code dpdk.eal.args}.
     * @param value the value; null removes the key.
     * @return this.
     */
    public PacketIoConfig property(final String key, final String value)
    {
        checkNotConcluded();
        if (value == null)
        {
            properties.remove(key);
        }
        else
        {
            properties.put(key, value);
        }
        return this;
    }

    /**
     * A backend-specific setting.
     *
     * @param key          the key.
     * @param defaultValue returned when the key is absent.
     * @return the value.
     */
    public String stringProperty(final String key, final String defaultValue)
    {
        return properties.getOrDefault(key, defaultValue);
    }

    /**
     * A backend-specific integer setting.
     *
     * @param key          the key.
     * @param defaultValue returned when the key is absent.
     * @return the value.
     * @throws IllegalArgumentException when the value is not an integer.
     */
    public int intProperty(final String key, final int defaultValue)
    {
        final String value = properties.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("property " + key + " is not an integer: '" + value + "'", ex);
        }
    }

    /**
     * All backend-specific settings.
     *
     * @return an unmodifiable sorted view.
     */
    public Map<String, String> properties()
    {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * Checks the settings once; afterwards the config is read-only. Calling it again does nothing.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public PacketIoConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (headroom < 0 || headroom > MAX_HEADROOM || (headroom & 7) != 0)
        {
            throw new IllegalArgumentException(
                "headroom must be a multiple of 8 in 0.." + MAX_HEADROOM + ": " + headroom);
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU)
        {
            throw new IllegalArgumentException("mtu must be in " + MIN_MTU + ".." + MAX_MTU + ": " + mtu);
        }
        if (burstSize < 1 || burstSize > MAX_BURST_SIZE)
        {
            throw new IllegalArgumentException("burstSize must be in 1.." + MAX_BURST_SIZE + ": " + burstSize);
        }
        if (localAddress != null && localAddress.isUnresolved())
        {
            throw new IllegalArgumentException("localAddress is unresolved: " + localAddress);
        }
        if (errorHandler == null)
        {
            errorHandler = (throwable) ->
            {
            };
        }
        concluded = true;
        return this;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("PacketIoConfig is concluded and read-only");
        }
    }

    @Override
    public String toString()
    {
        return "PacketIoConfig{deviceName=" + deviceName + ", localAddress=" + localAddress + ", headroom=" +
            headroom + ", mtu=" + mtu + ", burstSize=" + burstSize + ", properties=" + properties + '}';
    }
}
