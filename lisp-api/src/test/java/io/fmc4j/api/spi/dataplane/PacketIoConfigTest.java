/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketIoConfigTest
{
    @Test
    void shouldConcludeDefaultsAndBecomeReadOnly()
    {
        final PacketIoConfig config = new PacketIoConfig().conclude();
        assertEquals(PacketIoConfig.DEFAULT_HEADROOM, config.headroom());
        assertEquals(PacketIoConfig.DEFAULT_MTU, config.mtu());
        assertEquals(PacketIoConfig.DEFAULT_BURST_SIZE, config.burstSize());
        assertNotNull(config.errorHandler());
        assertSame(config, config.conclude());
        assertThrows(IllegalStateException.class, () -> config.mtu(9000));
        assertThrows(IllegalStateException.class, () -> config.property("a", "b"));
    }

    @Test
    void shouldRejectBadValuesNamingTheSetting()
    {
        assertMessage(new PacketIoConfig().headroom(12), "headroom");
        assertMessage(new PacketIoConfig().headroom(-8), "headroom");
        assertMessage(new PacketIoConfig().headroom(PacketIoConfig.MAX_HEADROOM + 8), "headroom");
        assertMessage(new PacketIoConfig().mtu(PacketIoConfig.MIN_MTU - 1), "mtu");
        assertMessage(new PacketIoConfig().mtu(PacketIoConfig.MAX_MTU + 1), "mtu");
        assertMessage(new PacketIoConfig().burstSize(0), "burstSize");
        assertMessage(new PacketIoConfig().burstSize(PacketIoConfig.MAX_BURST_SIZE + 1), "burstSize");
        assertMessage(new PacketIoConfig().localAddress(InetSocketAddress.createUnresolved("x.invalid", 1)),
            "unresolved");
    }

    @Test
    void shouldAcceptTheBoundaries()
    {
        new PacketIoConfig().headroom(0).mtu(PacketIoConfig.MIN_MTU).burstSize(1).conclude();
        new PacketIoConfig().headroom(PacketIoConfig.MAX_HEADROOM).mtu(PacketIoConfig.MAX_MTU)
            .burstSize(PacketIoConfig.MAX_BURST_SIZE).conclude();
    }

    @Test
    void shouldReadBackendPropertiesWithDefaults()
    {
        final PacketIoConfig config = new PacketIoConfig().property("x.n", " 42 ").property("x.s", "v")
            .property("x.bad", "4k").property("x.gone", "1").property("x.gone", null);
        assertEquals(42, config.intProperty("x.n", 0));
        assertEquals(7, config.intProperty("x.absent", 7));
        assertEquals("v", config.stringProperty("x.s", "d"));
        assertEquals("d", config.stringProperty("x.gone", "d"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> config.intProperty("x.bad", 0));
        assertTrue(ex.getMessage().contains("x.bad"), ex.getMessage());
    }

    private static void assertMessage(final PacketIoConfig config, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, config::conclude);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
