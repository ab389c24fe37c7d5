/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Where a VM goes.
 *
 * @param host    destination host name (what {@link HypervisorControl#host()} says there).
 * @param address backend-specific destination: a QEMU migration URI such as {@code "tcp:10.0.0.2:4444"}, the
 *                {@code xl migrate} host argument, or null to let the backend derive it from the host.
 */
public record MigrationTarget(String host, String address)
{
    /**
     * Validates the host.
     *
     * @param host    destination host.
     * @param address backend-specific address or null.
     */
    public MigrationTarget
    {
        if (host == null || host.isEmpty())
        {
            throw new IllegalArgumentException("target host must not be empty");
        }
    }

    /**
     * A target named only by host.
     *
     * @param host destination host.
     * @return the target.
     */
    public static MigrationTarget host(final String host)
    {
        return new MigrationTarget(host, null);
    }
}
