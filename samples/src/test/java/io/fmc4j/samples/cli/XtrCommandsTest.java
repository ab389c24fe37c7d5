/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.control.xtr.XtrContext;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code fmc4j xtr --commands} lines: valid ones reach the agent, bad ones are refused with a reason.
 */
class XtrCommandsTest
{
    @Test
    void shouldApplyValidCommandsAndRefuseBadOnes() throws Exception
    {
        try (PacketIo io = PacketIoProviders.select("udp").open(new PacketIoConfig()
                .localAddress(new InetSocketAddress("127.0.0.1", 0)));
            ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(16)))
        {
            final XtrControlAgent agent = new XtrControlAgent(new XtrContext()
                .controlAddress(new InetSocketAddress("127.0.0.1", 4342))
                .addMapResolver(new InetSocketAddress("127.0.0.1", 4342)), io, cache, null);
            assertTrue(XtrCommand.apply(agent, "add 10.100.0.5/32 2 100 merge"));
            assertTrue(XtrCommand.apply(agent, "ADD 10.100.0.6/32 1 100"));
            assertTrue(XtrCommand.apply(agent, "promote 10.100.0.5/32 1 100"));
            assertTrue(XtrCommand.apply(agent, "remove 10.100.0.5/32"));
            assertTrue(XtrCommand.apply(agent, "resolve 10.1.0.7/32"));
            agent.doWork();
            assertTrue(agent.servesEid(EidPrefix.parse("10.100.0.6/32")));
            assertFalse(agent.servesEid(EidPrefix.parse("10.100.0.5/32")));

            final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> XtrCommand.apply(agent, "move 10.100.0.5/32"));
            assertTrue(unknown.getMessage().contains("unknown command"), unknown.getMessage());
            final IllegalArgumentException arity = assertThrows(IllegalArgumentException.class,
                () -> XtrCommand.apply(agent, "add 10.100.0.5/32 1"));
            assertTrue(arity.getMessage().contains("add takes 3 or 4 arguments"), arity.getMessage());
            assertThrows(IllegalArgumentException.class, () -> XtrCommand.apply(agent, "add 10.100.0.5/32 1 100 now"));
            assertThrows(IllegalArgumentException.class, () -> XtrCommand.apply(agent, "remove not-a-prefix"));
            assertThrows(IllegalArgumentException.class, () -> XtrCommand.apply(agent, "promote 10.1.0.0/24 x 100"));
            assertThrows(IllegalArgumentException.class, () -> XtrCommand.apply(agent, "add 10.1.0.0/24 300 100"));
        }
    }
}
