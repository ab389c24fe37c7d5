/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.io.IOException;

/**
 * A kind of packet device, found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/io.fmc4j.api.spi.dataplane.PacketIoProvider}). Implementations have a public no-arg
 * constructor that does no I/O.
 */
public interface PacketIoProvider
{
    /**
     * The stable configuration key, e.g. {@code "udp"}, {@code "tun"}, {@code "dpdk"}, {@code "memory"}.
     *
     * @return the name, lower case.
     */
    String name();

    /**
     * Preference when the configuration says {@code "auto"}: the available provider with the highest
     * priority wins.
     *
     * @return the priority.
     */
    int priority();

    /**
     * Why this provider cannot work on this machine. Cheap, cached after the first call, never throws.
     *
     * @return the cause, or null when the provider is usable.
     */
    Throwable unavailabilityCause();

    /**
     * Is this provider usable here?
     *
     * @return true when {@link #unavailabilityCause()} is null.
     */
    default boolean isAvailable()
    {
        return unavailabilityCause() == null;
    }

    /**
     * Opens a device. Cold path.
     *
     * @param config the configuration, concluded by this call if it was not already.
     * @return the open device.
     * @throws IOException           when the device cannot be opened.
     * @throws IllegalStateException when the provider is unavailable.
     */
    PacketIo open(PacketIoConfig config) throws IOException;
}
