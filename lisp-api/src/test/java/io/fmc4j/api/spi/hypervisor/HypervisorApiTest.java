/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypervisorApiTest
{
    @Test
    void shouldValidateMigrationParametersOnceAndFreezeThem()
    {
        final MigrationParameters parameters = new MigrationParameters();
        assertEquals(MigrationParameters.DEFAULT_DOWNTIME_LIMIT_MS, parameters.downtimeLimitMs());
        assertEquals(0, parameters.bandwidthLimitBitsPerSecond());
        assertFalse(parameters.isConcluded());
        parameters.bandwidthLimitBitsPerSecond(100_000_000L).conclude();
        assertTrue(parameters.isConcluded());
        assertThrows(IllegalStateException.class, () -> parameters.downtimeLimitMs(10));
        assertThrows(IllegalArgumentException.class,
            () -> new MigrationParameters().bandwidthLimitBitsPerSecond(-1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new MigrationParameters().downtimeLimitMs(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new MigrationParameters().timeoutMs(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new MigrationParameters().maxPasses(0).conclude());
    }

    @Test
    void shouldNameTheFailingPropertyOfAConfig()
    {
        final HypervisorConfig config = new HypervisorConfig().host("dc1").property("qmp.pollMs", "often")
            .property("qmp.commandTimeoutMs", " 250 ").eid("web", "10.1.0.5/32").conclude();
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> config.longProperty("qmp.pollMs", 100));
        assertTrue(ex.getMessage().contains("qmp.pollMs"), ex.getMessage());
        assertEquals(250, config.longProperty("qmp.commandTimeoutMs", 5000));
        assertEquals(7, config.longProperty("absent", 7));
        assertEquals("x", config.propertyOrDefault("absent", "x"));
        assertEquals("10.1.0.5/32", config.eid("web"));
        assertThrows(IllegalStateException.class, () -> config.host("dc2"));
        assertThrows(UnsupportedOperationException.class, () -> config.properties().put("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> new HypervisorConfig().host(" ").conclude());
    }

    @Test
    void shouldRejectEmptyNamesAndHosts()
    {
        assertThrows(IllegalArgumentException.class, () -> new VmInfo("", null, 1, VmState.RUNNING, "dc1"));
        assertThrows(IllegalArgumentException.class, () -> new VmInfo("web", null, -1, VmState.RUNNING, "dc1"));
        assertThrows(IllegalArgumentException.class, () -> MigrationTarget.host(""));
        final VmInfo web = new VmInfo("web", "10.1.0.5/32", 1 << 30, VmState.RUNNING, "dc1");
        assertEquals(new VmInfo("web", "10.1.0.5/32", 1 << 30, VmState.MIGRATED, "dc2"),
            web.with(VmState.MIGRATED, "dc2"));
    }

    @Test
    void shouldGiveStableNamesToConstants()
    {
        assertEquals(List.of("unknown", "running", "paused", "incoming", "migrated", "shutoff", "state-6"),
            List.of(VmState.name(0), VmState.name(1), VmState.name(2), VmState.name(3), VmState.name(4),
                VmState.name(5), VmState.name(6)));
        assertEquals("source-paused", MigrationEventType.name(MigrationEventType.SOURCE_PAUSED));
        assertEquals("type-42", MigrationEventType.name(42));
        assertTrue(MigrationEventType.isTerminal(MigrationEventType.CANCELLED));
        assertFalse(MigrationEventType.isTerminal(MigrationEventType.DESTINATION_RESUMED));
        assertEquals("cancelled", MigrationOutcome.name(MigrationOutcome.CANCELLED));
        assertEquals("outcome--1", MigrationOutcome.name(-1));
    }

    @Test
    void shouldListEveryProviderInTheSelectionFailure()
    {
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> HypervisorProviders.select("qmp", List.of()));
        assertTrue(ex.getMessage().contains("'qmp' is not found"), ex.getMessage());
        assertTrue(ex.getMessage().contains("none (is fmc4j-spi-hypervisor on the class path?)"), ex.getMessage());
    }
}
