/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.policy;

import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.MdpSolution;
import io.fmc4j.fmc.mdp.PolicyIteration;
import io.fmc4j.fmc.mdp.ValueIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cold path: time to solve Wang et al.'s ring MDP ({@code r = 0.05}, {@code b = 1}, {@code gamma = 0.9}) with each
 * solver, for N = 10, 50 and 200 rings. The flat MDP the generic solvers read is built in setup (it is cached in the
 * model); {@link #buildFlatMdp()} measures that build on its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PolicySolveBenchmark
{
    @Param({"10", "50", "200"})
    private int rings;

    private WangRingModel model;

    /**
     * Builds the model and its flat MDP.
     */
    @Setup
    public void setUp()
    {
        model = newModel();
        model.mdp();
    }

    private WangRingModel newModel()
    {
        return new WangRingModel(
            new WangRingModel.Context().rings(rings).moveProbability(0.05).migrationWeight(1).discount(0.9));
    }

    /**
     * Closed-form policy iteration.
     *
     * @return the solution.
     */
    @Benchmark
    public MdpSolution fast()
    {
        return FastPolicyIteration.solve(model);
    }

    /**
     * Policy iteration with dense O(N^3) evaluation.
     *
     * @return the solution.
     */
    @Benchmark
    public MdpSolution policyIteration()
    {
        return PolicyIteration.solve(model);
    }

    /**
     * Value iteration to a 1e-11 relative value error.
     *
     * @return the solution.
     */
    @Benchmark
    public MdpSolution valueIteration()
    {
        return ValueIteration.solve(model);
    }

    /**
     * Building a model and its flat MDP, which the generic solvers need and the fast one does not.
     *
     * @return the model.
     */
    @Benchmark
    public Object buildFlatMdp()
    {
        return newModel().mdp();
    }
}
