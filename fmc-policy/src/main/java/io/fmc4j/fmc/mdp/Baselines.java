/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

/**
 * The reference policies a solved policy is compared with, each evaluated exactly on its model.
 * <ul>
 * <li>never-migrate: keep the service wherever the model allows; where it does not (Wang's {@code N}) migrate to the
 * user (target 0), and model 1's forced migration beyond {@code thr} stays as the model defines it;</li>
 * <li>always-migrate: move the service to the user (target 0) every slot in which the model allows it;</li>
 * <li>myopic: minimise the cost of the current slot only. For {@link WangRingModel} that is "migrate to 0 when
 * {@code c_d(d) > c_m(d)}, else stay" (Wang et al.'s baseline); for other models, the action with the smallest
 * expected immediate cost, ties to the smallest migration.</li>
 * </ul>
 */
public final class Baselines
{
    /** Name of the never-migrate baseline. */
    public static final String NEVER_MIGRATE = "never-migrate";
    /** Name of the always-migrate baseline. */
    public static final String ALWAYS_MIGRATE = "always-migrate";
    /** Name of the myopic baseline. */
    public static final String MYOPIC = "myopic";

    private Baselines()
    {
    }

    /**
     * The never-migrate policy.
     *
     * @param model the model.
     * @return its targets and exact values.
     */
    public static MdpSolution neverMigrate(final DistanceModel model)
    {
        final FiniteMdp mdp = model.mdp();
        final int[] policy = new int[mdp.stateCount()];
        for (int s = 0; s < policy.length; s++)
        {
            final int stay = mdp.actionWithTarget(s, s);
            policy[s] = stay >= 0 ? stay : mdp.actionWithTarget(s, 0);
        }
        return evaluate(model, NEVER_MIGRATE, policy);
    }

    /**
     * The always-migrate policy.
     *
     * @param model the model.
     * @return its targets and exact values.
     */
    public static MdpSolution alwaysMigrate(final DistanceModel model)
    {
        final FiniteMdp mdp = model.mdp();
        final int[] policy = new int[mdp.stateCount()];
        for (int s = 0; s < policy.length; s++)
        {
            final int toZero = mdp.actionWithTarget(s, 0);
            policy[s] = toZero >= 0 ? toZero : mdp.actionWithTarget(s, s);
        }
        return evaluate(model, ALWAYS_MIGRATE, policy);
    }

    /**
     * The myopic policy.
     *
     * @param model the model.
     * @return its targets and exact values.
     */
    public static MdpSolution myopic(final DistanceModel model)
    {
        final FiniteMdp mdp = model.mdp();
        final int[] policy = new int[mdp.stateCount()];
        if (model instanceof WangRingModel)
        {
            final WangRingModel wang = (WangRingModel)model;
            final int n = wang.maxDistance();
            for (int d = 0; d <= n; d++)
            {
                final boolean migrate = d == n || wang.transmissionCost(d) > wang.migrationCost(d);
                policy[d] = mdp.actionWithTarget(d, migrate ? 0 : d);
            }
        }
        else
        {
            final double[] zero = new double[mdp.stateCount()];
            for (int s = 0; s < policy.length; s++)
            {
                int chosen = -1;
                for (int a = mdp.firstAction(s); a < mdp.endAction(s); a++)
                {
                    if (chosen < 0 || mdp.q(a, zero) < mdp.q(chosen, zero) ||
                        (mdp.q(a, zero) == mdp.q(chosen, zero) && mdp.target(a) > mdp.target(chosen)))
                    {
                        chosen = a;
                    }
                }
                policy[s] = chosen;
            }
        }
        return evaluate(model, MYOPIC, policy);
    }

    private static MdpSolution evaluate(final DistanceModel model, final String name, final int[] policy)
    {
        return MdpSolution.fromPolicy(model, name, model.mdp().evaluate(policy), policy, 0);
    }
}
