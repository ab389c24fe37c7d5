/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.PolicyTable;

/**
 * The result of a solve: value (expected discounted cost) and target distance per distance, with the work done.
 */
public final class MdpSolution
{
    private final DistanceModel model;
    private final String solver;
    private final double[] values;
    private final int[] targets;
    private final int iterations;

    MdpSolution(
        final DistanceModel model, final String solver, final double[] values, final int[] targets,
        final int iterations)
    {
        this.model = model;
        this.solver = solver;
        this.values = values;
        this.targets = targets;
        this.iterations = iterations;
    }

    static MdpSolution fromPolicy(
        final DistanceModel model, final String solver, final double[] values, final int[] policy,
        final int iterations)
    {
        final FiniteMdp mdp = model.mdp();
        final int[] targets = new int[policy.length];
        for (int s = 0; s < policy.length; s++)
        {
            targets[s] = mdp.target(policy[s]);
        }
        return new MdpSolution(model, solver, values, targets, iterations);
    }

    /**
     * Solver that produced this solution.
     *
     * @return "value-iteration", "policy-iteration", "fast" or a baseline name.
     */
    public String solver()
    {
        return solver;
    }

    /**
     * Value of a distance.
     *
     * @param distance a distance in {@code [0, maxDistance]}.
     * @return expected discounted cost from it.
     */
    public double value(final int distance)
    {
        return values[distance];
    }

    /**
     * Target of a distance.
     *
     * @param distance a distance in {@code [0, maxDistance]}.
     * @return target distance.
     */
    public int target(final int distance)
    {
        return targets[distance];
    }

    /**
     * Copy of the values.
     *
     * @return value per distance.
     */
    public double[] values()
    {
        return values.clone();
    }

    /**
     * Copy of the targets.
     *
     * @return target per distance.
     */
    public int[] targets()
    {
        return targets.clone();
    }

    /**
     * Sweeps (value iteration) or improvement steps (policy iterations) until convergence.
     *
     * @return the iteration count.
     */
    public int iterations()
    {
        return iterations;
    }

    /**
     * Smallest distance at which the policy migrates.
     *
     * @return that distance, or {@code maxDistance + 1} when it never migrates within the horizon.
     */
    public int threshold()
    {
        for (int d = 0; d < targets.length; d++)
        {
            if (targets[d] < d)
            {
                return d;
            }
        }
        return targets.length;
    }

    /**
     * The hot-path decision table.
     *
     * @return an immutable table.
     */
    public PolicyTable toTable()
    {
        return model.table(solver, targets, values);
    }
}
