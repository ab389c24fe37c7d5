/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import java.util.SplittableRandom;

/**
 * Wang et al.'s 2-D mobility: a random walk on a hexagonal grid (axial coordinates) that moves to each of the 6
 * neighbours with probability {@code r} per slot and stays with {@code 1 - 6r}. The distance is the hex (ring)
 * distance, which the ring chain of {@code WangRingModel} approximates.
 */
public final class HexRandomWalk implements Mobility
{
    private static final int[] DQ = {1, 1, 0, -1, -1, 0};
    private static final int[] DR = {0, -1, -1, 0, 1, 1};

    private final double r;
    private int userQ;
    private int userR;
    private int serviceQ;
    private int serviceR;

    /**
     * A walk.
     *
     * @param r probability of moving to each neighbour, in {@code (0, 1/6]}.
     */
    public HexRandomWalk(final double r)
    {
        if (!(r > 0 && r <= 1.0 / 6.0))
        {
            throw new IllegalArgumentException("r must be in (0, 1/6]: " + r);
        }
        this.r = r;
    }

    @Override
    public void reset()
    {
        userQ = 0;
        userR = 0;
        serviceQ = 0;
        serviceR = 0;
    }

    @Override
    public void step(final SplittableRandom random)
    {
        final double u = random.nextDouble();
        final int direction = (int)(u / r);
        if (direction < 6)
        {
            userQ += DQ[direction];
            userR += DR[direction];
        }
    }

    @Override
    public int distance()
    {
        return hexDistance(serviceQ, serviceR, userQ, userR);
    }

    @Override
    public void moveServiceTowardsUser(final int target)
    {
        int d = distance();
        while (d > target)
        {
            for (int i = 0; i < 6; i++)
            {
                final int q = serviceQ + DQ[i];
                final int s = serviceR + DR[i];
                if (hexDistance(q, s, userQ, userR) == d - 1)
                {
                    serviceQ = q;
                    serviceR = s;
                    break;
                }
            }
            d--;
        }
    }

    static int hexDistance(final int q1, final int r1, final int q2, final int r2)
    {
        final int dq = q1 - q2;
        final int dr = r1 - r2;
        return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
    }
}
