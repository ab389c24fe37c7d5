/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc;

import java.util.Arrays;

/**
 * A solved policy: an immutable table from distance {@code 0..maxDistance} to target distance, with the value
 * (expected discounted cost) of each distance kept for reporting. Distances beyond {@code maxDistance} are
 * decided by a single {@code beyondTarget} (the model's horizon forces a migration there).
 * <p>
 * Reading is the hot path: one bounds test and one array load, no allocation. The arrays are copied in and never
 * exposed, so a table can be shared by any number of threads once published.
 */
public final class PolicyTable implements MigrationPolicy
{
    private final String name;
    private final int[] targets;
    private final double[] values;
    private final int maxDistance;
    private final int beyondTarget;

    /**
     * A table.
     *
     * @param name         what produced it, for reports ("fast", "never-migrate", ...).
     * @param targets      target distance per distance, {@code 0 <= targets[d] <= d}.
     * @param values       expected discounted cost per distance (same length), or {@code null} when unknown.
     * @param beyondTarget target for distances greater than {@code targets.length - 1}.
     * @throws IllegalArgumentException when a target is out of range or the lengths differ.
     */
    public PolicyTable(final String name, final int[] targets, final double[] values, final int beyondTarget)
    {
        if (targets.length == 0)
        {
            throw new IllegalArgumentException("empty policy table");
        }
        for (int d = 0; d < targets.length; d++)
        {
            if (targets[d] < 0 || targets[d] > d)
            {
                throw new IllegalArgumentException("target " + targets[d] + " at distance " + d + " not in [0, " +
                    d + "]");
            }
        }
        if (values != null && values.length != targets.length)
        {
            throw new IllegalArgumentException("values length " + values.length + " != targets length " +
                targets.length);
        }
        if (beyondTarget < 0 || beyondTarget >= targets.length)
        {
            throw new IllegalArgumentException("beyond-horizon target " + beyondTarget + " not in [0, " +
                (targets.length - 1) + "]");
        }
        this.name = name;
        this.targets = targets.clone();
        this.values = values == null ? null : values.clone();
        this.maxDistance = targets.length - 1;
        this.beyondTarget = beyondTarget;
    }

    /**
     * {@inheritDoc}
     * <p>
     * O(1), allocation-free. Distances beyond {@link #maxDistance()} get the beyond-horizon target.
     */
    @Override
    public int targetDistance(final int distance)
    {
        if (distance < 0)
        {
            return INVALID_DISTANCE;
        }
        return distance <= maxDistance ? targets[distance] : beyondTarget;
    }

    /**
     * What produced this table.
     *
     * @return the name given at construction.
     */
    public String name()
    {
        return name;
    }

    /**
     * The model horizon.
     *
     * @return the largest distance with its own entry.
     */
    public int maxDistance()
    {
        return maxDistance;
    }

    /**
     * Target used for distances beyond the horizon.
     *
     * @return the beyond-horizon target distance.
     */
    public int beyondTarget()
    {
        return beyondTarget;
    }

    /**
     * Whether values were recorded.
     *
     * @return {@code true} when {@link #value(int)} is meaningful.
     */
    public boolean hasValues()
    {
        return values != null;
    }

    /**
     * Expected discounted cost from a distance under this policy (cold path, reporting).
     *
     * @param distance a distance in {@code [0, maxDistance]}.
     * @return the value, or {@code NaN} when the table has none.
     */
    public double value(final int distance)
    {
        return values == null ? Double.NaN : values[distance];
    }

    /**
     * A copy of the targets (cold path).
     *
     * @return target distance per distance.
     */
    public int[] targets()
    {
        return targets.clone();
    }

    /**
     * A copy of the values (cold path).
     *
     * @return value per distance, or {@code null}.
     */
    public double[] values()
    {
        return values == null ? null : values.clone();
    }

    /**
     * Whether two tables decide the same way everywhere (names and values ignored).
     *
     * @param other another table.
     * @return {@code true} when every decision is equal.
     */
    public boolean sameDecisions(final PolicyTable other)
    {
        return Arrays.equals(targets, other.targets) && beyondTarget == other.beyondTarget;
    }

    @Override
    public String toString()
    {
        return name + Arrays.toString(targets) + " beyond->" + beyondTarget;
    }
}
