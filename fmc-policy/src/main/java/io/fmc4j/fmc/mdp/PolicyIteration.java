/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

/**
 * Howard's policy iteration on any {@link DistanceModel}: exact evaluation by a dense linear solve (O(n^3) per
 * step), greedy improvement that keeps the incumbent action on ties, until the policy is stable. Starts from the
 * policy that migrates least (largest target in every state).
 */
public final class PolicyIteration
{
    /** Improvement steps after which a solve gives up (policy iteration converges in far fewer). */
    public static final int MAX_ITERATIONS = 10_000;

    private PolicyIteration()
    {
    }

    /**
     * Solves.
     *
     * @param model the model.
     * @return the solution.
     * @throws IllegalStateException when the policy does not stabilise.
     */
    public static MdpSolution solve(final DistanceModel model)
    {
        final FiniteMdp mdp = model.mdp();
        final int n = mdp.stateCount();
        final int[] policy = new int[n];
        for (int s = 0; s < n; s++)
        {
            int chosen = mdp.firstAction(s);
            for (int a = chosen + 1; a < mdp.endAction(s); a++)
            {
                if (mdp.target(a) > mdp.target(chosen))
                {
                    chosen = a;
                }
            }
            policy[s] = chosen;
        }
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++)
        {
            final double[] values = mdp.evaluate(policy);
            boolean changed = false;
            for (int s = 0; s < n; s++)
            {
                final int improved = mdp.greedyAction(s, values, policy[s]);
                if (improved != policy[s])
                {
                    policy[s] = improved;
                    changed = true;
                }
            }
            if (!changed)
            {
                for (int s = 0; s < n; s++)
                {
                    policy[s] = mdp.greedyAction(s, values);
                }
                return MdpSolution.fromPolicy(model, "policy-iteration", mdp.evaluate(policy), policy, iteration);
            }
        }
        throw new IllegalStateException("policy iteration did not stabilise in " + MAX_ITERATIONS + " steps");
    }
}
