/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.MigrationPolicy;
import io.fmc4j.fmc.mdp.WangRingModel;

import java.util.SplittableRandom;

/**
 * Model 2 exactly as the MDP states it: the distance itself follows the 1-D ring chain from the post-action
 * distance. Its mean discounted cost from distance 0 estimates {@code V(0)} of the policy, which checks the solver
 * and the simulator against each other.
 */
public final class RingChainScenario implements Scenario
{
    private final WangRingModel model;
    private int distance;
    private long migrations;

    /**
     * A scenario.
     *
     * @param model the model.
     */
    public RingChainScenario(final WangRingModel model)
    {
        this.model = model;
    }

    @Override
    public void reset(final SplittableRandom random)
    {
        distance = 0;
        migrations = 0;
    }

    @Override
    public double slot(final MigrationPolicy policy, final SplittableRandom random)
    {
        final int d = distance;
        final int target = policy.targetDistance(d);
        if (target < 0 || target > d || target >= model.maxDistance())
        {
            throw new IllegalStateException("policy returned target " + target + " at distance " + d);
        }
        if (target < d)
        {
            migrations++;
        }
        final double cost = model.migrationCost(d - target) + model.transmissionCost(target);
        final double u = random.nextDouble();
        final double out = model.outProbability(target);
        if (u < out)
        {
            distance = target + 1;
        }
        else if (u < out + model.inProbability(target))
        {
            distance = target - 1;
        }
        else
        {
            distance = target;
        }
        return cost;
    }

    @Override
    public int distance()
    {
        return distance;
    }

    @Override
    public long migrations()
    {
        return migrations;
    }
}
