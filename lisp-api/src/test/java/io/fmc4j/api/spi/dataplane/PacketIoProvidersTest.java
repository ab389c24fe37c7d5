/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketIoProvidersTest
{
    private static final PacketIoProvider FAST_BROKEN = new FakeProvider("fast", 100, "no such device");
    private static final PacketIoProvider MIDDLE = new FakeProvider("middle", 50, null);
    private static final PacketIoProvider SLOW = new FakeProvider("slow", 1, null);
    private static final List<PacketIoProvider> ALL = List.of(FAST_BROKEN, MIDDLE, SLOW);

    @Test
    void shouldSelectByName()
    {
        assertSame(SLOW, PacketIoProviders.select("slow", ALL));
    }

    @Test
    void shouldSelectTheAvailableProviderWithTheHighestPriorityForAuto()
    {
        assertSame(MIDDLE, PacketIoProviders.select(PacketIoProviders.AUTO, ALL));
    }

    @Test
    void shouldListEveryProviderAndItsCauseWhenTheNamedOneIsUnavailable()
    {
        final NoPacketIoProviderException ex =
            assertThrows(NoPacketIoProviderException.class, () -> PacketIoProviders.select("fast", ALL));
        final String message = ex.getMessage();
        assertTrue(message.startsWith("packet-I/O provider 'fast' is unavailable"), message);
        assertTrue(message.contains("fast (priority 100): unavailable: no such device"), message);
        assertTrue(message.contains("middle (priority 50): available"), message);
        assertTrue(message.contains("slow (priority 1): available"), message);
        assertEquals("no such device", ex.getCause().getMessage());
    }

    @Test
    void shouldListEveryProviderWhenTheNameIsUnknown()
    {
        final NoPacketIoProviderException ex =
            assertThrows(NoPacketIoProviderException.class, () -> PacketIoProviders.select("dpkd", ALL));
        assertTrue(ex.getMessage().startsWith("packet-I/O provider 'dpkd' not found"), ex.getMessage());
        assertTrue(ex.getMessage().contains("middle (priority 50)"), ex.getMessage());
    }

    @Test
    void shouldFailAutoWhenNothingIsAvailableAndSayWhenNothingIsInstalled()
    {
        final NoPacketIoProviderException ex = assertThrows(NoPacketIoProviderException.class,
            () -> PacketIoProviders.select(PacketIoProviders.AUTO, List.of(FAST_BROKEN)));
        assertTrue(ex.getMessage().contains("no such device"), ex.getMessage());
        final NoPacketIoProviderException none = assertThrows(NoPacketIoProviderException.class,
            () -> PacketIoProviders.select(PacketIoProviders.AUTO, List.of()));
        assertTrue(none.getMessage().contains("none (is fmc4j-spi-dataplane on the class path?)"), none.getMessage());
    }

    @Test
    void shouldFindNoProvidersOnTheApiClassPathAlone()
    {
        assertTrue(PacketIoProviders.load(null).isEmpty());
    }

    private static final class FakeProvider implements PacketIoProvider
    {
        private final String name;
        private final int priority;
        private final Throwable cause;

        FakeProvider(final String name, final int priority, final String cause)
        {
            this.name = name;
            this.priority = priority;
            this.cause = cause == null ? null : new UnsupportedOperationException(cause);
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public int priority()
        {
            return priority;
        }

        @Override
        public Throwable unavailabilityCause()
        {
            return cause;
        }

        @Override
        public PacketIo open(final PacketIoConfig config) throws IOException
        {
            throw new IOException("not a real provider");
        }
    }
}
