/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.cost.ExponentialCostModel;
import io.fmc4j.fmc.cost.MigrationCostModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FmcDistanceModelTest
{
    private static FmcDistanceModel model(final double p, final double tau, final double gamma)
    {
        return new FmcDistanceModel(new FmcDistanceModel.Context()
            .threshold(10).k(1).q0(10).tau(tau).awayProbability(p).discount(gamma));
    }

    @ParameterizedTest(name = "gamma={0}")
    @ValueSource(doubles = {0.5, 0.8, 0.9, 0.95})
    void shouldFindThresholdPoliciesWithFig14Trends(final double gamma)
    {
        final int[][] thresholds = new int[2][10];
        final double[] taus = {0.1, 0.5};
        for (int t = 0; t < taus.length; t++)
        {
            for (int i = 0; i < 10; i++)
            {
                final double p = (i + 1) / 10.0;
                final FmcDistanceModel model = model(p, taus[t], gamma);
                final MdpSolution pi = PolicyIteration.solve(model);
                final MdpSolution vi = ValueIteration.solve(model);
                assertArrayEquals(pi.targets(), vi.targets(), "p=" + p);
                final int threshold = pi.threshold();
                for (int s = 0; s < 10; s++)
                {
                    assertEquals(s >= threshold ? 0 : s, pi.target(s), "not a threshold policy, p=" + p + " s=" + s);
                }
                thresholds[t][i] = threshold;
                if (i > 0)
                {
                    assertTrue(threshold <= thresholds[t][i - 1], "threshold rose with p at p=" + p);
                }
            }
            assertTrue(thresholds[t][0] > thresholds[t][9], "threshold should fall over p = 0.1..1.0");
        }
        for (int i = 0; i < 10; i++)
        {
            assertTrue(thresholds[1][i] >= thresholds[0][i], "threshold fell with tau at p=" + (i + 1) / 10.0);
        }
    }

    @Test
    void shouldReproduceTheThresholdsDocumentedForGamma09()
    {
        final int[] tau01 = new int[10];
        final int[] tau05 = new int[10];
        for (int i = 0; i < 10; i++)
        {
            tau01[i] = PolicyIteration.solve(model((i + 1) / 10.0, 0.1, 0.9)).threshold();
            tau05[i] = PolicyIteration.solve(model((i + 1) / 10.0, 0.5, 0.9)).threshold();
        }
        assertArrayEquals(new int[] {3, 2, 2, 2, 2, 1, 1, 1, 1, 1}, tau01);
        assertArrayEquals(new int[] {4, 4, 4, 3, 3, 3, 3, 3, 2, 2}, tau05);
    }

    @Test
    void shouldNeverMigrateWhenMigrationIsFreeOfBenefit()
    {
        // K = 0: distance costs nothing, so migrating only costs C_m.
        final FmcDistanceModel model = new FmcDistanceModel(new FmcDistanceModel.Context().k(0).tau(0.1));
        final MdpSolution pi = PolicyIteration.solve(model);
        assertEquals(model.maxDistance() + 1, pi.threshold());
    }

    @Test
    void shouldReportNegatedRewardAsValue()
    {
        // p = 1, thr = 1: 0 -> 1 (reward Q(1)), 1 -> forced migration to 0 (reward Q0 - Cm), period 2.
        final FmcDistanceModel model = new FmcDistanceModel(new FmcDistanceModel.Context()
            .threshold(1).awayProbability(1).q0(10).k(1).tau(0.5).discount(0.5));
        final MdpSolution pi = PolicyIteration.solve(model);
        final double q1 = 9;
        final double forced = 10 - 5;
        // V0 = -(q1 + g forced + g^2 q1 + ...) = -(q1 + g forced) / (1 - g^2)
        assertEquals(-(q1 + 0.5 * forced) / (1 - 0.25), pi.value(0), 1e-12);
        assertEquals(-(forced + 0.5 * q1) / (1 - 0.25), pi.value(1), 1e-12);
    }

    @Test
    void shouldDeriveKAndTauFromACostModel()
    {
        final MigrationCostModel linear = new MigrationCostModel()
        {
            @Override
            public double migrationCost(final int distance)
            {
                return distance == 0 ? 0 : 3;
            }

            @Override
            public double transmissionCost(final int distance)
            {
                return 0.5 * distance;
            }
        };
        final FmcDistanceModel model = new FmcDistanceModel(
            new FmcDistanceModel.Context().threshold(4).q0(12).costModel(linear));
        assertEquals(0.5, model.k(), 1e-12);
        assertEquals(0.25, model.tau(), 1e-12);
        assertEquals(3, model.migrationCost(), 1e-12);
        final FmcDistanceModel fromPaper = new FmcDistanceModel(
            new FmcDistanceModel.Context().threshold(10).costModel(ExponentialCostModel.paper(1)));
        assertTrue(fromPaper.k() > 0 && fromPaper.tau() > 0);
    }

    @Test
    void shouldRejectBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .threshold(0)));
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .awayProbability(1.5)));
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .awayProbability(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .tau(-0.1)));
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .q0(0)));
        assertThrows(IllegalArgumentException.class, () -> new FmcDistanceModel(new FmcDistanceModel.Context()
            .discount(1)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new FmcDistanceModel(new FmcDistanceModel.Context().k(Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("K"), e.getMessage());
    }
}
