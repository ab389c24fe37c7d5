/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.PolicyTable;
import io.fmc4j.fmc.mdp.Baselines;
import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.FmcDistanceModel;
import io.fmc4j.fmc.mdp.MdpSolution;
import io.fmc4j.fmc.mdp.PolicyIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest
{
    private static final int RUNS = 2000;
    private static final int SLOTS = 250;
    private static final long SEED = 20_260_125L;

    private static WangRingModel wang(final double r, final double b)
    {
        return new WangRingModel(
            new WangRingModel.Context().rings(10).moveProbability(r).migrationWeight(b).discount(0.9));
    }

    private static PolicyTable[] solvedAndBaselines(final WangRingModel m)
    {
        return new PolicyTable[] {
            FastPolicyIteration.solve(m).toTable(),
            Baselines.neverMigrate(m).toTable(),
            Baselines.alwaysMigrate(m).toTable(),
            Baselines.myopic(m).toTable()};
    }

    @ParameterizedTest(name = "r={0} b={1}")
    @CsvSource({"0.02,-0.5", "0.1,-0.5", "0.02,1", "0.1,1", "0.05,0"})
    void shouldBeatEveryBaselineOnTheRingChainAndTheHexGrid(final double r, final double b)
    {
        final WangRingModel m = wang(r, b);
        final PolicyTable[] policies = solvedAndBaselines(m);
        final Scenario[] scenarios = {new RingChainScenario(m), new GridScenario(m, new HexRandomWalk(r))};
        for (final Scenario scenario : scenarios)
        {
            final Simulator.Result[] results = Simulator.compare(scenario, 0.9, RUNS, SLOTS, SEED, policies);
            final Simulator.Result solved = results[0];
            for (int i = 1; i < results.length; i++)
            {
                if (policies[i].sameDecisions(policies[0]))
                {
                    assertEquals(results[i].discountedCost(), solved.discountedCost(), 0, "same table, same cost");
                    continue;
                }
                assertTrue(solved.discountedCost() < results[i].discountedCost(),
                    scenario.getClass().getSimpleName() + ": " + results[i].policy() + " " +
                    results[i].discountedCost() + " <= solved " + solved.discountedCost());
            }
        }
    }

    @Test
    void shouldTieMyopicWithNeverMigrateWhenMigrationCostsAtLeastOne()
    {
        final WangRingModel m = wang(0.1, 0.5);
        final PolicyTable[] policies = solvedAndBaselines(m);
        final Simulator.Result[] results = Simulator.compare(
            new GridScenario(m, new HexRandomWalk(0.1)), 0.9, 200, 100, SEED, policies);
        assertEquals(results[1].discountedCost(), results[3].discountedCost(), 0);
        assertEquals(results[1].slotCost(), results[3].slotCost(), 0);
    }

    @Test
    void shouldEstimateTheSolvedValueOnTheExactChain()
    {
        final WangRingModel m = wang(0.05, 1);
        final MdpSolution fast = FastPolicyIteration.solve(m);
        final Simulator.Result result = Simulator.compare(
            new RingChainScenario(m), 0.9, 20_000, 250, SEED, fast.toTable())[0];
        assertEquals(fast.value(0), result.discountedCost(), 4 * result.discountedCostStdErr());
    }

    @Test
    void shouldEstimateTheFmcValueOnTheLineWalkAndBeatItsBaselines()
    {
        final FmcDistanceModel m = new FmcDistanceModel(new FmcDistanceModel.Context().awayProbability(0.6).tau(0.3));
        final MdpSolution solved = PolicyIteration.solve(m);
        final PolicyTable[] policies = {
            solved.toTable(),
            Baselines.neverMigrate(m).toTable(),
            Baselines.alwaysMigrate(m).toTable(),
            Baselines.myopic(m).toTable()};
        final Simulator.Result[] results = Simulator.compare(new FmcLineScenario(m), 0.9, 20_000, 250, SEED, policies);
        assertEquals(solved.value(0), results[0].discountedCost(), 4 * results[0].discountedCostStdErr());
        for (int i = 1; i < results.length; i++)
        {
            if (!policies[i].sameDecisions(policies[0]))
            {
                assertTrue(results[0].discountedCost() < results[i].discountedCost(), results[i].policy());
            }
        }
    }

    @Test
    void shouldMoveTheServiceAlongAShortestPath()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (final Mobility walk : new Mobility[] {new HexRandomWalk(1.0 / 6.0), new ManhattanWalk(0.25)})
        {
            walk.reset();
            for (int i = 0; i < 500; i++)
            {
                walk.step(random);
            }
            final int d = walk.distance();
            assertTrue(d > 0, "walk went nowhere");
            walk.moveServiceTowardsUser(d / 2);
            assertEquals(d / 2, walk.distance());
            walk.moveServiceTowardsUser(0);
            assertEquals(0, walk.distance());
        }
    }

    @Test
    void shouldRejectBadSimulationParameters()
    {
        final WangRingModel m = wang(0.1, 1);
        final PolicyTable t = Baselines.neverMigrate(m).toTable();
        assertThrows(IllegalArgumentException.class,
            () -> Simulator.compare(new RingChainScenario(m), 0.9, 1, 10, 1, t));
        assertThrows(IllegalArgumentException.class,
            () -> Simulator.compare(new RingChainScenario(m), 0.9, 10, 0, 1, t));
        assertThrows(IllegalArgumentException.class,
            () -> Simulator.compare(new RingChainScenario(m), 1.0, 10, 10, 1, t));
        assertThrows(IllegalArgumentException.class, () -> new HexRandomWalk(0.2));
        assertThrows(IllegalArgumentException.class, () -> new ManhattanWalk(0));
    }
}
