/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.MapCacheStatus;

/**
 * A mapping change an {@link EidRelocator} could not make, with the mapping database's status when there is one.
 */
public final class RelocationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** No status: the failure was not a refusal of the mapping database. */
    public static final int NO_STATUS = Integer.MIN_VALUE;

    /** The {@link MapCacheStatus} value, or {@link #NO_STATUS}. */
    private final int status;

    /**
     * A failure.
     *
     * @param message what was attempted and why it failed.
     * @param status  a {@link MapCacheStatus} value, or {@link #NO_STATUS}.
     */
    public RelocationException(final String message, final int status)
    {
        super(status == NO_STATUS ? message : message + ": " + MapCacheStatus.name(status));
        this.status = status;
    }

    /**
     * The mapping database's status.
     *
     * @return a {@link MapCacheStatus} value, or {@link #NO_STATUS}.
     */
    public int status()
    {
        return status;
    }
}
