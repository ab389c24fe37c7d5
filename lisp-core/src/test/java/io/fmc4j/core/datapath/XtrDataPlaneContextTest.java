/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.function.UnaryOperator;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.NoPacketIoProviderException;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XtrDataPlaneContextTest extends DataPathTestSupport
{
    @BeforeEach
    void setUp() throws Exception
    {
        openCache();
    }

    @AfterEach
    void tearDown()
    {
        closeCache();
    }

    @Test
    void shouldNameTheFirstBadSetting()
    {
        assertBad("mapCache", c -> c.mapCache(null));
        assertBad("rlocMode", c -> c.rlocMode(7));
        assertBad("rlocMtu", c -> c.rlocMtu(100));
        assertBad("sourceMapVersion", c -> c.sourceMapVersion(0x1000));
        assertBad("outerTtl", c -> c.outerTtl(256));
        assertBad("pollLimit", c -> c.pollLimit(0));
        assertBad("threads", c -> c.threads(0));
        assertBad("instance ID", c -> c.eidDevice(1 << 24, "memory", t -> new PacketIoConfig()));
        assertBad("one EID-side device", c -> c.eidDevice(5, "memory", t -> new PacketIoConfig())
            .eidDevice(5, "memory", t -> new PacketIoConfig()));
        assertBad("map-request rate", c -> c.mapRequestsPerSecond(0));
        assertBad("eventQueueCapacity", c -> c.eventQueueCapacity(1000));
        final IllegalArgumentException noRloc = assertThrows(IllegalArgumentException.class,
            () -> new XtrDataPlane.Context().mapCache(cache).conclude());
        assertTrue(noRloc.getMessage().contains("localRloc"), noRloc.getMessage());
    }

    @Test
    void shouldRefuseChangesAfterConclude()
    {
        final XtrDataPlane.Context ctx = context(RlocMode.IP).conclude();
        assertThrows(IllegalStateException.class, () -> ctx.rlocMtu(1400));
    }

    @Test
    void shouldFailToLaunchWithAnUnknownProviderAndListTheOnesFound()
    {
        final NoPacketIoProviderException ex = assertThrows(NoPacketIoProviderException.class,
            () -> XtrDataPlane.launch(context(RlocMode.IP).rlocDevice("nonesuch", t -> new PacketIoConfig())
                .eidDevice(0, "memory", t -> new PacketIoConfig().deviceName("x"))));
        assertTrue(ex.getMessage().contains("memory"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnEidDeviceWithoutRoomForTheHeaders()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> XtrDataPlane.launch(context(RlocMode.IP)
                .rlocDevice("memory", t -> new PacketIoConfig().deviceName("rloc-h"))
                .eidDevice(0, "memory", t -> new PacketIoConfig().deviceName("eid-h").headroom(32))));
        assertTrue(ex.getMessage().contains("headroom 32"), ex.getMessage());
    }

    @Test
    void shouldLaunchThreadsOverMemoryDevicesAndStopThem() throws Exception
    {
        try (XtrDataPlane xtr = XtrDataPlane.launch(context(RlocMode.IP).threads(2)
            .rlocDevice("memory", t -> new PacketIoConfig().deviceName("launch-rloc-" + t))
            .eidDevice(0, "memory", t -> new PacketIoConfig().deviceName("launch-eid-" + t))))
        {
            assertEquals(2, xtr.agents().length);
            final long deadline = System.currentTimeMillis() + 5000;
            while ((xtr.counters()[0].get(DataPathCounters.AGENT_DUTY_CYCLES) == 0 ||
                xtr.counters()[1].get(DataPathCounters.AGENT_DUTY_CYCLES) == 0) &&
                System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(xtr.counters()[0].get(DataPathCounters.AGENT_DUTY_CYCLES) > 0);
            assertTrue(xtr.counters()[1].get(DataPathCounters.AGENT_DUTY_CYCLES) > 0);
            assertEquals("memory launch-rloc-1:a", xtr.rlocDevice(1).description());
            assertEquals("memory launch-eid-0:a", xtr.eidDevice(0, 0).description());
            assertEquals(PacketIo.STATE_ACTIVE, xtr.rlocDevice(0).state());
        }
    }

    private void assertBad(final String expected, final UnaryOperator<XtrDataPlane.Context> change)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> change.apply(context(RlocMode.IP)).conclude());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
