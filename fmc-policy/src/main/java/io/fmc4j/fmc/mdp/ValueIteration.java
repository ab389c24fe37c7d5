/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

/**
 * Value iteration (Jacobi sweeps) on any {@link DistanceModel}, run until the value error bound
 * {@code gamma / (1 - gamma) * ||V_{k+1} - V_k||} falls below {@code tolerance * max(1, ||V||)}. The policy is the
 * greedy one of the final values under {@link FiniteMdp}'s tie rule.
 */
public final class ValueIteration
{
    /** Default relative tolerance on the values. */
    public static final double DEFAULT_TOLERANCE = 1e-11;
    /** Sweeps after which a solve gives up. */
    public static final int MAX_SWEEPS = 10_000_000;

    private ValueIteration()
    {
    }

    /**
     * Solves with the default tolerance.
     *
     * @param model the model.
     * @return the solution.
     */
    public static MdpSolution solve(final DistanceModel model)
    {
        return solve(model, DEFAULT_TOLERANCE);
    }

    /**
     * Solves.
     *
     * @param model     the model.
     * @param tolerance relative bound on the value error, {@code > 0}.
     * @return the solution.
     * @throws IllegalStateException when {@link #MAX_SWEEPS} sweeps do not converge.
     */
    public static MdpSolution solve(final DistanceModel model, final double tolerance)
    {
        if (!(tolerance > 0))
        {
            throw new IllegalArgumentException("tolerance must be > 0: " + tolerance);
        }
        final FiniteMdp mdp = model.mdp();
        final int n = mdp.stateCount();
        final double gamma = mdp.discount();
        final double bound = gamma / (1 - gamma);
        double[] values = new double[n];
        double[] next = new double[n];
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++)
        {
            double diff = 0;
            double norm = 0;
            for (int s = 0; s < n; s++)
            {
                double best = Double.POSITIVE_INFINITY;
                for (int a = mdp.firstAction(s), end = mdp.endAction(s); a < end; a++)
                {
                    best = Math.min(best, mdp.q(a, values));
                }
                next[s] = best;
                diff = Math.max(diff, Math.abs(best - values[s]));
                norm = Math.max(norm, Math.abs(best));
            }
            final double[] swap = values;
            values = next;
            next = swap;
            if (bound * diff <= tolerance * Math.max(1.0, norm))
            {
                final int[] policy = new int[n];
                for (int s = 0; s < n; s++)
                {
                    policy[s] = mdp.greedyAction(s, values);
                }
                return MdpSolution.fromPolicy(model, "value-iteration", values, policy, sweep);
            }
        }
        throw new IllegalStateException("value iteration did not converge in " + MAX_SWEEPS + " sweeps");
    }
}
