/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import java.util.SplittableRandom;

/**
 * A user moving on a grid of cells, each cell a data centre's service area, and its service placed on the same
 * grid. The user's moves never depend on where the service is.
 */
public interface Mobility
{
    /**
     * Puts user and service on the same cell.
     */
    void reset();

    /**
     * Moves the user one slot, drawing exactly one random number.
     *
     * @param random the random source.
     */
    void step(SplittableRandom random);

    /**
     * Grid distance between user and service.
     *
     * @return the distance in cells (rings).
     */
    int distance();

    /**
     * Moves the service along a shortest path towards the user until it is {@code target} cells away.
     *
     * @param target the distance to reach, {@code 0 <= target <= distance()}.
     */
    void moveServiceTowardsUser(int target);
}
