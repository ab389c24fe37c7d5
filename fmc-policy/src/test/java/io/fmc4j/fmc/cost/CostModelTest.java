/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.cost;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CostModelTest
{
    @Test
    void shouldGiveThePaperCosts()
    {
        final ExponentialCostModel paper = ExponentialCostModel.paper(0.5);
        assertEquals(0, paper.migrationCost(0), 0);
        assertEquals(0, paper.transmissionCost(0), 0);
        assertEquals(1 + 0.5 * (1 - 0.8), paper.migrationCost(1), 1e-15);
        assertEquals(1 - 0.8 * 0.8, paper.transmissionCost(2), 1e-15);
    }

    @Test
    void shouldPriceAVmMigrationFromMemoryAndBandwidth()
    {
        final VmCostModel vm = new VmCostModel(new VmCostModel.Context()
            .memoryBytes(1_000_000_000L).copyFactor(1.0).bandwidthBitsPerSecond(8e9).hopLatencyMillis(5)
            .migrationCostPerSecond(2).latencyCostPerMillisecond(0.1));
        // 1 GB at 8 Gb/s = 1 s, plus 2 x 3 hops x 5 ms = 0.03 s.
        assertEquals(1.03, vm.migrationSeconds(3), 1e-12);
        assertEquals(2.06, vm.migrationCost(3), 1e-12);
        assertEquals(0, vm.migrationCost(0), 0);
        assertEquals(0.1 * 5 * 4, vm.transmissionCost(4), 1e-12);
    }

    @Test
    void shouldRejectBadInputs()
    {
        assertThrows(IllegalArgumentException.class, () -> ExponentialCostModel.paper(-2));
        assertThrows(IllegalArgumentException.class, () -> ExponentialCostModel.paper(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialCostModel(1.5, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new VmCostModel(new VmCostModel.Context().memoryBytes(0)));
        assertThrows(IllegalArgumentException.class,
            () -> new VmCostModel(new VmCostModel.Context().bandwidthBitsPerSecond(0)));
        assertThrows(IllegalArgumentException.class, () -> new VmCostModel(new VmCostModel.Context().copyFactor(0.5)));
        assertThrows(IllegalArgumentException.class,
            () -> new VmCostModel(new VmCostModel.Context().hopLatencyMillis(Double.NaN)));
    }
}
