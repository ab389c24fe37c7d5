/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidPrefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XtrConfigFileTest
{
    private static final List<String> EXAMPLE = List.of(
        "# site A xTR",
        "xtr-id       = 0x0123456789abcdef0011223344556677",
        "site-id      = 7",
        "control      = 192.0.2.10:4342",
        "map-server   = 192.0.2.1:4342 sha1 secret=s3cret   # one record per Map-Register",
        "map-server   = 192.0.2.2 sha256 key-id=0 secret=other",
        "map-resolver = 192.0.2.1:4342",
        "map-resolver = 192.0.2.2",
        "eid          = 10.1.0.0/24 priority=1 weight=100",
        "eid          = [5]2001:db8:1::/48",
        "subscribe    = false",
        "probe-interval-ms = 10000",
        "map-cache-capacity = 1024");

    @Test
    void shouldParseTheDocumentedExample()
    {
        final XtrConfigFile config = XtrConfigFile.parse(EXAMPLE);
        final XtrContext ctx = config.context();
        assertEquals(0x0123456789abcdefL, ctx.xtrIdHigh());
        assertEquals(0x0011223344556677L, ctx.xtrIdLow());
        assertEquals(7, ctx.siteId());
        assertEquals((192 << 24) | (2 << 8) | 10, ctx.rlocIpv4(), "the RLOC defaults to the control address");
        assertEquals(2, ctx.mapServers().size());
        assertEquals(4342, ctx.mapResolvers().get(1).getPort());
        assertEquals(2, ctx.eids().size());
        assertEquals(EidPrefix.parse("[5]2001:db8:1::/48"), ctx.eids().get(1).prefix());
        assertFalse(ctx.subscribe());
        assertTrue(ctx.notifyAck());
        assertEquals(10_000, ctx.probeIntervalMs());
        assertEquals(1024, config.mapCacheCapacity());
    }

    @Test
    void shouldNameTheLineOfAnError()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 192.0.2.10", "eid = 10.1.0.0/33")));
        assertTrue(ex.getMessage().startsWith("line 2 (eid)"), ex.getMessage());
    }

    @Test
    void shouldRejectBadValues()
    {
        assertThrows(IllegalArgumentException.class, () -> XtrConfigFile.parse(List.of("frobnicate = 1")));
        assertThrows(IllegalArgumentException.class, () -> XtrConfigFile.parse(List.of("control = 300.1.1.1")));
        assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 192.0.2.1", "map-server = 192.0.2.1 sha1")));
        assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 192.0.2.1", "map-server = 192.0.2.1 md5 secret=x")));
        assertThrows(IllegalArgumentException.class, () -> XtrConfigFile.parse(List.of("subscribe = maybe")));
        assertThrows(IllegalArgumentException.class, () -> XtrConfigFile.parse(List.of("eid = 10.0.0.0/8")),
            "no control address");
        assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 192.0.2.1", "eid = 10.0.0.0/8")), "EIDs but no map-server");
        assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 0.0.0.0:4342")), "wildcard bind needs an explicit rloc");
        assertEquals((192 << 24) | (2 << 8) | 1,
            XtrConfigFile.parse(List.of("control = 0.0.0.0:4342", "rloc = 192.0.2.1")).context().rlocIpv4());
    }

    @Test
    void shouldReadTheDataPathsPacketIoSettings()
    {
        final XtrConfigFile defaults = XtrConfigFile.parse(List.of("control = 192.0.2.10"));
        assertEquals("udp", defaults.rlocDataplane());
        assertFalse(defaults.forwardDeparted());
        assertTrue(defaults.packetIoProperties().isEmpty());
        final XtrConfigFile config = XtrConfigFile.parse(List.of(
            "control = 192.0.2.10",
            "rloc-dataplane = emulated",
            "forward-departed = true",
            "packet-io-property = emulated.delay.ms = 5",
            "packet-io-property = emulated.delay.ms.192.0.2.21=125"));
        assertEquals("emulated", config.rlocDataplane());
        assertTrue(config.forwardDeparted());
        assertEquals(List.of("emulated.delay.ms", "emulated.delay.ms.192.0.2.21"),
            List.copyOf(config.packetIoProperties().keySet()));
        assertEquals("125", config.packetIoProperties().get("emulated.delay.ms.192.0.2.21"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> XtrConfigFile.parse(List.of("control = 192.0.2.10", "packet-io-property = novalue")));
        assertTrue(ex.getMessage().startsWith("line 2 (packet-io-property)"), ex.getMessage());
    }
}
