/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.MigrationPolicy;

import java.util.SplittableRandom;

/**
 * One user and its service under synthetic mobility, advanced slot by slot under a policy. Implementations draw a
 * fixed number of random numbers per user move, so that policies compared on the same seed see the same user
 * trajectory wherever the mobility does not depend on the service's position (common random numbers).
 */
public interface Scenario
{
    /**
     * Starts a run: user and service co-located.
     *
     * @param random the run's random source.
     */
    void reset(SplittableRandom random);

    /**
     * Plays one slot: the policy decides on the current distance, the service moves if told to, the user moves.
     *
     * @param policy the policy under test.
     * @param random the run's random source.
     * @return the cost of the slot.
     */
    double slot(MigrationPolicy policy, SplittableRandom random);

    /**
     * Current user-to-service distance.
     *
     * @return the distance.
     */
    int distance();

    /**
     * Migrations since the last {@link #reset(SplittableRandom)}.
     *
     * @return the count, forced migrations included.
     */
    long migrations();
}
