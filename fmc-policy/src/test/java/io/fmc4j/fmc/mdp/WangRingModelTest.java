/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.cost.MigrationCostModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WangRingModelTest
{
    private static WangRingModel model(final int rings, final double r, final double b, final double gamma)
    {
        return new WangRingModel(
            new WangRingModel.Context().rings(rings).moveProbability(r).migrationWeight(b).discount(gamma));
    }

    @Test
    void shouldUseTheRingChainOfThePaper()
    {
        final WangRingModel m = model(10, 0.1, 1, 0.9);
        assertEquals(0.6, m.outProbability(0), 1e-15);
        assertEquals(0.0, m.inProbability(0), 1e-15);
        assertEquals(0.25, m.outProbability(5), 1e-15);
        assertEquals(0.15, m.inProbability(5), 1e-15);
        assertEquals(0.6, m.stayProbability(5), 1e-15);
        assertEquals(0.1, m.inProbability(10), 1e-15);
        assertEquals(0.0, m.outProbability(10), 1e-15);
    }

    @Test
    void shouldUseThePaperCosts()
    {
        final WangRingModel m = model(10, 0.1, 2, 0.9);
        assertEquals(0, m.transmissionCost(0), 0);
        assertEquals(0, m.migrationCost(0), 0);
        assertEquals(1 - Math.pow(0.8, 3), m.transmissionCost(3), 1e-15);
        assertEquals(1 + 2 * (1 - Math.pow(0.8, 3)), m.migrationCost(3), 1e-15);
    }

    @ParameterizedTest(name = "r={0} b={1} gamma={2}")
    @CsvSource({"0.02,0,0.9", "0.1,0.5,0.9", "0.1,3,0.99", "0.16,10,0.5", "0.05,1,0.7"})
    void shouldMakeMyopicEqualNeverMigrateWhenMigrationCostsAtLeastOne(
        final double r, final double b, final double gamma)
    {
        // c_m(x) = 1 + b(1 - 0.8^x) >= 1 > 1 - 0.8^y = c_d(y) for b >= 0: myopic never migrates voluntarily.
        final WangRingModel m = model(10, r, b, gamma);
        final MdpSolution myopic = Baselines.myopic(m);
        final MdpSolution never = Baselines.neverMigrate(m);
        assertArrayEquals(never.targets(), myopic.targets());
        assertArrayEquals(never.values(), myopic.values(), 0);
    }

    @ParameterizedTest(name = "r={0} b={1} gamma={2}")
    @CsvSource({"0.02,-0.5,0.9", "0.1,0.5,0.9", "0.1,3,0.99", "0.16,10,0.5", "0.05,-1,0.7", "0.05,1,0.9"})
    void shouldBeAtLeastAsGoodAsEveryBaselineFromEveryDistance(final double r, final double b, final double gamma)
    {
        final WangRingModel m = model(10, r, b, gamma);
        final MdpSolution fast = FastPolicyIteration.solve(m);
        for (final MdpSolution baseline : new MdpSolution[] {
            Baselines.neverMigrate(m), Baselines.alwaysMigrate(m), Baselines.myopic(m)})
        {
            for (int d = 0; d <= 10; d++)
            {
                assertTrue(fast.value(d) <= baseline.value(d) + 1e-9, baseline.solver() + " better at d=" + d);
            }
        }
    }

    @Test
    void shouldMigrateEverySlotWhenMigrationIsCheaperThanAnyDistance()
    {
        // b = -1: c_m(x) = 0.8^x < 1; with fast users staying away costs more than moving back.
        final MdpSolution fast = FastPolicyIteration.solve(model(10, 1.0 / 6.0, -1, 0.99));
        assertEquals(0, fast.target(10));
        assertTrue(fast.threshold() <= 3, "threshold " + fast.threshold());
    }

    @Test
    void shouldValueAlwaysMigrateInClosedForm()
    {
        // Always to 0: V(0) = gamma (6r V(1) + (1 - 6r) V(0)), V(d) = c_m(d) + V(0) for d > 0.
        final double r = 0.1;
        final double gamma = 0.8;
        final WangRingModel m = model(5, r, 1, gamma);
        final MdpSolution always = Baselines.alwaysMigrate(m);
        final double v0 = gamma * 6 * r * m.migrationCost(1) / (1 - gamma);
        assertEquals(v0, always.value(0), 1e-12);
        assertEquals(m.migrationCost(4) + v0, always.value(4), 1e-12);
    }

    @Test
    void shouldHandleLargeHorizonsWithoutOverflow()
    {
        final WangRingModel m = model(200, 0.001, 1, 0.9);
        final MdpSolution fast = FastPolicyIteration.solve(m);
        for (int d = 0; d <= 200; d++)
        {
            assertTrue(Double.isFinite(fast.value(d)), "d=" + d);
        }
        final MdpSolution pi = PolicyIteration.solve(m);
        assertArrayEquals(pi.targets(), fast.targets());
        assertEquals(pi.value(200), fast.value(200), 1e-9);
    }

    @Test
    void shouldRejectBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> model(0, 0.1, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(WangRingModel.MAX_RINGS + 1, 0.1, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(10, 0, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(10, 0.17, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(10, Double.NaN, 1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(10, 0.1, -1.5, 0.9));
        assertThrows(IllegalArgumentException.class, () -> model(10, 0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> model(10, 0.1, 1, 1));
        final MigrationCostModel broken = new MigrationCostModel()
        {
            @Override
            public double migrationCost(final int distance)
            {
                return distance == 3 ? Double.NaN : distance;
            }

            @Override
            public double transmissionCost(final int distance)
            {
                return distance;
            }
        };
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new WangRingModel(new WangRingModel.Context().costModel(broken)));
        assertTrue(e.getMessage().contains("distance 3"), e.getMessage());
    }
}
