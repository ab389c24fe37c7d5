/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.policy;

import io.fmc4j.fmc.PolicyTable;
import io.fmc4j.fmc.PublishedPolicy;
import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hot path: one migration decision, as the FMC controller takes it on every locator change. Distances cycle through
 * a pre-drawn pseudo-random sequence over {@code 0..15} (some beyond the N = 10 horizon) so that the branch is not
 * trivially predicted. {@code published} adds the volatile read of {@link PublishedPolicy}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PolicyDecisionBenchmark
{
    private static final int MASK = 1023;

    private final int[] distances = new int[MASK + 1];
    private PolicyTable table;
    private PublishedPolicy published;
    private int index;

    /**
     * Solves the policy once and draws the distances.
     */
    @Setup
    public void setUp()
    {
        table = FastPolicyIteration.solve(new WangRingModel(
            new WangRingModel.Context().rings(10).moveProbability(0.05).migrationWeight(1).discount(0.9))).toTable();
        published = new PublishedPolicy(table);
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < distances.length; i++)
        {
            distances[i] = random.nextInt(16);
        }
    }

    /**
     * A lookup in the immutable table.
     *
     * @return the target distance.
     */
    @Benchmark
    public int table()
    {
        return table.targetDistance(distances[index++ & MASK]);
    }

    /**
     * A lookup through the atomically replaceable policy.
     *
     * @return the target distance.
     */
    @Benchmark
    public int published()
    {
        return published.targetDistance(distances[index++ & MASK]);
    }
}
