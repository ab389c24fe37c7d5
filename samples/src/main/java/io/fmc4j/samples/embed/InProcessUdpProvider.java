/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * A packet-I/O backend written outside fmc4j and plugged in the way any product plugs its own: this class is
 * listed in {@code META-INF/services/io.fmc4j.api.spi.dataplane.PacketIoProvider} of the jar that holds it,
 * {@link io.fmc4j.api.spi.dataplane.PacketIoProviders#select(String)} finds it by {@link #NAME}, and every fmc4j
 * component that takes a provider name (the data plane's {@code rlocDevice}/{@code eidDevice}, the xTR and
 * Map-Server configuration files' {@code dataplane}/{@code provider}) can then use it.
 * <p>
 * Devices are UDP-like endpoints of an {@link InProcessUdpNetwork}: {@code deviceName} names the network
 * (default {@code default}), {@code localAddress} the IPv4 address and port to bind. Property
 * {@code inproc-udp.ring.capacity} sets the receive ring's size in bytes (default 256 KiB).
 */
public final class InProcessUdpProvider implements PacketIoProvider
{
    /** The provider name to select. */
    public static final String NAME = "inproc-udp";

    /**
     * Below every real backend, so that {@code auto} never picks an in-process network over a real one.
     */
    public static final int PRIORITY = -200;

    /**
     * What {@link java.util.ServiceLoader} calls; does no I/O.
     */
    public InProcessUdpProvider()
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

    /**
     * Always usable: it needs nothing from the machine.
     *
     * @return null.
     */
    @Override
    public Throwable unavailabilityCause()
    {
        return null;
    }

    /**
     * Binds a device on a network.
     *
     * @param config {@code localAddress} (IPv4, with a port) is required; {@code deviceName} names the network.
     * @return the device.
     * @throws IOException              when the address is already bound on that network.
     * @throws IllegalArgumentException when the local address is missing, not IPv4, a wildcard or port 0.
     */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        config.conclude();
        final var local = config.localAddress();
        if (local == null)
        {
            throw new IllegalArgumentException(NAME + " needs a localAddress (IPv4 address and port) to bind");
        }
        InProcessUdpNetwork.ipv4(local);
        if (local.getAddress().isAnyLocalAddress() || local.getPort() == 0)
        {
            throw new IllegalArgumentException(NAME + " binds one address and port, not a wildcard: " + local);
        }
        final String network = config.deviceName() == null || config.deviceName().isEmpty() ?
            "default" : config.deviceName();
        return new InProcessUdpPacketIo(InProcessUdpNetwork.named(network), config);
    }
}
