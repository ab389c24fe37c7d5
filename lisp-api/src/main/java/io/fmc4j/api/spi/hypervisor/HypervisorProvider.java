/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.io.IOException;

/**
 * A hypervisor backend found with {@link java.util.ServiceLoader}. Implementations have a public no-argument
 * constructor that does no I/O.
 */
public interface HypervisorProvider
{
    /**
     * Stable configuration key of the backend, e.g. {@code "qmp"}, {@code "xen"}, {@code "sim"}.
     *
     * @return the provider name.
     */
    String name();

    /**
     * Order among available providers when the configuration says {@code "auto"}: highest wins.
     *
     * @return the priority.
     */
    int priority();

    /**
     * Why the backend cannot be used on this machine. Cheap after the first call, cached, never throws.
     *
     * @return null when usable, otherwise the cause.
     */
    Throwable unavailabilityCause();

    /**
     * Open a control session on this machine's hypervisor.
     *
     * @param config concluded configuration.
     * @return the control, to be closed by the caller.
     * @throws IOException when the hypervisor cannot be reached.
     */
    HypervisorControl open(HypervisorConfig config) throws IOException;
}
