/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.MigrationPolicy;
import io.fmc4j.fmc.mdp.WangRingModel;

import java.util.SplittableRandom;

/**
 * Model 2's slot on a real 2-D grid: the controller acts on the grid distance {@code d}, moving the service along a
 * shortest path to distance {@code d'}; the slot costs {@code c_m(d - d') + c_d(d')} with the model's costs (distances
 * past {@code N} cost as {@code N}); then the user takes one step of its {@link Mobility}.
 */
public final class GridScenario implements Scenario
{
    private final WangRingModel model;
    private final Mobility mobility;
    private long migrations;

    /**
     * A scenario.
     *
     * @param model    costs and horizon.
     * @param mobility the user's walk, for example {@link HexRandomWalk}.
     */
    public GridScenario(final WangRingModel model, final Mobility mobility)
    {
        this.model = model;
        this.mobility = mobility;
    }

    @Override
    public void reset(final SplittableRandom random)
    {
        mobility.reset();
        migrations = 0;
    }

    @Override
    public double slot(final MigrationPolicy policy, final SplittableRandom random)
    {
        final int d = mobility.distance();
        final int target = policy.targetDistance(d);
        if (target < 0 || target > d)
        {
            throw new IllegalStateException("policy returned target " + target + " at distance " + d);
        }
        if (target < d)
        {
            mobility.moveServiceTowardsUser(target);
            migrations++;
        }
        final int n = model.maxDistance();
        final double cost = model.migrationCost(Math.min(d - target, n)) + model.transmissionCost(Math.min(target, n));
        mobility.step(random);
        return cost;
    }

    @Override
    public int distance()
    {
        return mobility.distance();
    }

    @Override
    public long migrations()
    {
        return migrations;
    }
}
