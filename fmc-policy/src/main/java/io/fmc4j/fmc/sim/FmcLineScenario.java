/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.MigrationPolicy;
import io.fmc4j.fmc.mdp.FmcDistanceModel;

import java.util.SplittableRandom;

/**
 * Model 1 on a 1-D walk: user and service have positions on a line of service areas. Each slot the policy decides on
 * the distance; migrating (any target below the distance) moves the service to the user's area and earns
 * {@code Q(0) - C_m}. Otherwise the user moves one area away from the service with probability {@code p} (either way
 * when co-located) or one area back, earning {@code Q(s')}; a move past the threshold forces a migration
 * ({@code Q(0) - C_m}, distance 0). The slot's cost is the negated reward, as in {@link FmcDistanceModel}.
 */
public final class FmcLineScenario implements Scenario
{
    private final FmcDistanceModel model;
    private long user;
    private long service;
    private long migrations;

    /**
     * A scenario.
     *
     * @param model the model.
     */
    public FmcLineScenario(final FmcDistanceModel model)
    {
        this.model = model;
    }

    @Override
    public void reset(final SplittableRandom random)
    {
        user = 0;
        service = 0;
        migrations = 0;
    }

    @Override
    public double slot(final MigrationPolicy policy, final SplittableRandom random)
    {
        final int s = distance();
        final int target = policy.targetDistance(s);
        if (target < 0 || target > s)
        {
            throw new IllegalStateException("policy returned target " + target + " at distance " + s);
        }
        if (target < s)
        {
            service = user;
            migrations++;
            return -(model.q0() - model.migrationCost());
        }
        final double u = random.nextDouble();
        if (user == service)
        {
            user += u < 0.5 ? 1 : -1;
        }
        else
        {
            final long away = Long.signum(user - service);
            user += u < model.awayProbability() ? away : -away;
        }
        if (distance() > model.maxDistance())
        {
            service = user;
            migrations++;
            return -(model.q0() - model.migrationCost());
        }
        return -model.qoe(distance());
    }

    @Override
    public int distance()
    {
        return (int)Math.abs(user - service);
    }

    @Override
    public long migrations()
    {
        return migrations;
    }
}
