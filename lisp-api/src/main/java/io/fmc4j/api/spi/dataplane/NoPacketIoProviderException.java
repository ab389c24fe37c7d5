/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

/**
 * The configured packet-I/O provider is missing or unavailable; the message lists every provider found and
 * why each is unavailable.
 */
public final class NoPacketIoProviderException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception without a cause.
     *
     * @param message the full description.
     */
    public NoPacketIoProviderException(final String message)
    {
        super(message);
    }

    /**
     * An exception with the chosen provider's unavailability cause.
     *
     * @param message the full description.
     * @param cause   why the provider is unavailable.
     */
    public NoPacketIoProviderException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
