/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.cost.VmCostModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolverAgreementTest
{
    private static final double RELATIVE = 1e-6;

    static Stream<Arguments> grid()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final int rings : new int[] {1, 2, 10, 40})
        {
            for (final double r : new double[] {0.005, 0.05, 0.1, 1.0 / 6.0})
            {
                for (final double b : new double[] {-1.0, -0.5, 0.0, 1.0, 5.0})
                {
                    for (final double gamma : new double[] {0.5, 0.9, 0.99})
                    {
                        cases.add(Arguments.of(rings, r, b, gamma));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "N={0} r={1} b={2} gamma={3}")
    @MethodSource("grid")
    void shouldAgreeOnValuesAndActionsAcrossSolvers(final int rings, final double r, final double b, final double gamma)
    {
        final WangRingModel model = new WangRingModel(
            new WangRingModel.Context().rings(rings).moveProbability(r).migrationWeight(b).discount(gamma));
        assertAgree(model);
    }

    @Property(tries = 150)
    void shouldAgreeOnRandomParameters(
        @ForAll @IntRange(min = 1, max = 30) final int rings,
        @ForAll @DoubleRange(min = 0.001, max = 0.1666) @Scale(4) final double r,
        @ForAll @DoubleRange(min = -1.0, max = 20.0) final double b,
        @ForAll @DoubleRange(min = 0.05, max = 0.97) final double gamma)
    {
        assertAgree(new WangRingModel(
            new WangRingModel.Context().rings(rings).moveProbability(r).migrationWeight(b).discount(gamma)));
    }

    @ParameterizedTest(name = "memory={0} MiB")
    @MethodSource("memorySizes")
    void shouldAgreeWithVmCostModel(final int memoryMiB)
    {
        final VmCostModel costs = new VmCostModel(new VmCostModel.Context()
            .memoryBytes(memoryMiB * 1024L * 1024L).bandwidthBitsPerSecond(1e9).hopLatencyMillis(3)
            .migrationCostPerSecond(0.2).latencyCostPerMillisecond(0.02));
        assertAgree(new WangRingModel(
            new WangRingModel.Context().rings(25).moveProbability(0.08).discount(0.95).costModel(costs)));
    }

    static Stream<Arguments> memorySizes()
    {
        return Stream.of(Arguments.of(64), Arguments.of(512), Arguments.of(4096), Arguments.of(32768));
    }

    @Property(tries = 200)
    void shouldEvaluateAnyPolicyInClosedFormAsTheDenseSolveDoes(
        @ForAll @IntRange(min = 1, max = 40) final int rings,
        @ForAll @DoubleRange(min = 0.001, max = 0.1666) @Scale(4) final double r,
        @ForAll @DoubleRange(min = -1.0, max = 10.0) final double b,
        @ForAll @DoubleRange(min = 0.05, max = 0.99) final double gamma,
        @ForAll final long seed)
    {
        final WangRingModel model = new WangRingModel(
            new WangRingModel.Context().rings(rings).moveProbability(r).migrationWeight(b).discount(gamma));
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] targets = new int[rings + 1];
        final int[] actions = new int[rings + 1];
        for (int d = 0; d <= rings; d++)
        {
            final int highest = d < rings ? d : rings - 1;
            // Half keep, half migrate anywhere below: includes migrations into states that migrate again.
            targets[d] = random.nextBoolean() && d < rings ? d : random.nextInt(highest + 1);
            actions[d] = model.mdp().actionWithTarget(d, targets[d]);
        }
        final double[] dense = model.mdp().evaluate(actions);
        final double[] closed = FastPolicyIteration.evaluate(model, targets);
        for (int d = 0; d <= rings; d++)
        {
            assertEquals(dense[d], closed[d], 1e-9 * Math.max(1, Math.abs(dense[d])), "d=" + d);
        }
    }

    static void assertAgree(final WangRingModel model)
    {
        final MdpSolution vi = ValueIteration.solve(model);
        final MdpSolution pi = PolicyIteration.solve(model);
        final MdpSolution fast = FastPolicyIteration.solve(model);
        for (int d = 0; d <= model.maxDistance(); d++)
        {
            final double scale = Math.max(1e-12, Math.abs(pi.value(d)));
            assertTrue(Math.abs(vi.value(d) - pi.value(d)) <= RELATIVE * scale, "VI vs PI at " + d);
            assertTrue(Math.abs(fast.value(d) - pi.value(d)) <= RELATIVE * scale, "fast vs PI at " + d);
        }
        assertArrayEquals(pi.targets(), vi.targets(), "VI actions");
        assertArrayEquals(pi.targets(), fast.targets(), "fast actions");
    }
}
