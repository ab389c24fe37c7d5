/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import java.util.SplittableRandom;

/**
 * A random walk on a square (Manhattan) grid: each of the 4 neighbours with probability {@code r} per slot, stay with
 * {@code 1 - 4r}; the distance is the Manhattan distance. A street-grid alternative to {@link HexRandomWalk}; the
 * ring chain does not model it exactly, which makes it a robustness check of a policy solved on that chain.
 */
public final class ManhattanWalk implements Mobility
{
    private static final int[] DX = {1, -1, 0, 0};
    private static final int[] DY = {0, 0, 1, -1};

    private final double r;
    private int userX;
    private int userY;
    private int serviceX;
    private int serviceY;

    /**
     * A walk.
     *
     * @param r probability of moving to each neighbour, in {@code (0, 1/4]}.
     */
    public ManhattanWalk(final double r)
    {
        if (!(r > 0 && r <= 0.25))
        {
            throw new IllegalArgumentException("r must be in (0, 1/4]: " + r);
        }
        this.r = r;
    }

    @Override
    public void reset()
    {
        userX = 0;
        userY = 0;
        serviceX = 0;
        serviceY = 0;
    }

    @Override
    public void step(final SplittableRandom random)
    {
        final int direction = (int)(random.nextDouble() / r);
        if (direction < 4)
        {
            userX += DX[direction];
            userY += DY[direction];
        }
    }

    @Override
    public int distance()
    {
        return Math.abs(userX - serviceX) + Math.abs(userY - serviceY);
    }

    @Override
    public void moveServiceTowardsUser(final int target)
    {
        int d = distance();
        while (d > target)
        {
            if (serviceX != userX)
            {
                serviceX += Integer.signum(userX - serviceX);
            }
            else
            {
                serviceY += Integer.signum(userY - serviceY);
            }
            d--;
        }
    }
}
