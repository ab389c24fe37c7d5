/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.emulation;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Provider {@value #NAME}: another provider's device behind a {@link PathDelayingPacketIo}, so that code which
 * opens its devices by name (an {@code XtrDataPlane}, a Map-Server) runs over emulated wide-area paths without
 * a line changed. Configured by properties of the {@link PacketIoConfig} (the rest of the configuration goes to
 * the wrapped provider):
 * <ul>
 *     <li>{@value #DELEGATE}: the wrapped provider's name (default {@code udp});</li>
 *     <li>{@value #DELAY_MS}: one-way delay in milliseconds (decimal) of every path not named below (default 0);</li>
 *     <li>{@value #DELAY_MS}{@code .ADDRESS}: one-way delay to the peer with that IP address, e.g.
 *     {@code emulated.delay.ms.192.0.2.7=125};</li>
 *     <li>{@value #LOSS}: probability in [0, 1) that a packet is lost (default 0), {@value #SEED}: its seed;</li>
 *     <li>{@value #CAPACITY}: packets each path's queue holds, a power of two (default 1024).</li>
 * </ul>
 * Always available (the wrapped provider may not be: {@link #open} then fails with its reason). Its priority is the
 * lowest of all, so {@code auto} never picks it.
 */
public final class EmulatedPathPacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "emulated";
    /** The priority: never chosen by {@code auto}. */
    public static final int PRIORITY = -1000;
    /** Property: the wrapped provider. */
    public static final String DELEGATE = "emulated.delegate";
    /** Property: default one-way delay in ms; with {@code .ADDRESS} appended, the delay to one peer. */
    public static final String DELAY_MS = "emulated.delay.ms";
    /** Property: loss probability. */
    public static final String LOSS = "emulated.loss";
    /** Property: seed of the loss draws. */
    public static final String SEED = "emulated.seed";
    /** Property: per-path queue capacity. */
    public static final String CAPACITY = "emulated.capacity";

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public EmulatedPathPacketIoProvider()
    {
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public int priority()
    {
        return PRIORITY;
    }

    /** {@inheritDoc} */
    @Override
    public Throwable unavailabilityCause()
    {
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        config.conclude();
        final String delegateName = config.stringProperty(DELEGATE, "udp");
        if (NAME.equals(delegateName))
        {
            throw new IllegalArgumentException(DELEGATE + " cannot be " + NAME + " itself");
        }
        final long defaultDelay = nanos(DELAY_MS, config.stringProperty(DELAY_MS, "0"));
        final Map<InetAddress, Long> delays = new HashMap<>();
        final String prefix = DELAY_MS + ".";
        for (final Map.Entry<String, String> e : config.properties().entrySet())
        {
            if (e.getKey().startsWith(prefix))
            {
                final String address = e.getKey().substring(prefix.length());
                final InetAddress peer;
                try
                {
                    peer = InetAddress.getByName(address);
                }
                catch (final IOException ex)
                {
                    throw new IllegalArgumentException(e.getKey() + ": not an IP address: " + address, ex);
                }
                delays.put(peer, nanos(e.getKey(), e.getValue()));
            }
        }
        final double loss = number(LOSS, config.stringProperty(LOSS, "0"));
        final long seed = (long)number(SEED, config.stringProperty(SEED, "0"));
        final int capacity = config.intProperty(CAPACITY, 1024);
        if (!(loss >= 0 && loss < 1))
        {
            throw new IllegalArgumentException(LOSS + " must be in [0, 1): " + loss);
        }
        if (capacity < 1 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException(CAPACITY + " must be a power of two: " + capacity);
        }
        final PacketIo inner = PacketIoProviders.select(delegateName).open(config);
        return new PathDelayingPacketIo(inner, peer -> delays.getOrDefault(peer, defaultDelay), defaultDelay, loss,
            seed, capacity, new SystemNanoClock());
    }

    private static long nanos(final String key, final String value)
    {
        final double ms = number(key, value);
        if (!(ms >= 0 && ms <= 3_600_000))
        {
            throw new IllegalArgumentException(key + " must be a delay in ms between 0 and 3600000: " + value);
        }
        return Math.round(ms * 1e6);
    }

    private static double number(final String key, final String value)
    {
        try
        {
            return Double.parseDouble(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " is not a number: " + value, ex);
        }
    }
}
