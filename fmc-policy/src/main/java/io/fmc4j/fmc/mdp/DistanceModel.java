/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.PolicyTable;

/**
 * A service-migration MDP whose state is the user-to-service distance {@code 0..maxDistance()} and whose actions
 * are target distances. Implemented by {@link FmcDistanceModel} (model 1) and {@link WangRingModel} (model 2).
 */
public interface DistanceModel
{
    /**
     * Short name for reports ("fmc", "wang").
     *
     * @return the model name.
     */
    String name();

    /**
     * Horizon: the largest distance the model has a state for.
     *
     * @return the maximum distance.
     */
    int maxDistance();

    /**
     * Discount factor.
     *
     * @return gamma in (0, 1).
     */
    double discount();

    /**
     * The model as a flat finite MDP for the generic solvers (built once, cached).
     *
     * @return the MDP; state {@code d} is distance {@code d}.
     */
    FiniteMdp mdp();

    /**
     * Target a policy uses beyond the horizon, where the model forces a migration.
     *
     * @param targets target per distance of the policy.
     * @return the beyond-horizon target.
     */
    int beyondTarget(int[] targets);

    /**
     * Wraps solved targets and values in a decision table.
     *
     * @param name    what produced them.
     * @param targets target per distance.
     * @param values  value per distance (expected discounted cost).
     * @return the table.
     */
    default PolicyTable table(final String name, final int[] targets, final double[] values)
    {
        return new PolicyTable(name, targets, values, beyondTarget(targets));
    }
}
