/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.cost;

/**
 * The cost family of Wang et al. (IEEE/ACM ToN 2019): {@code c_m(x) = beta_c + beta_l theta^x} and
 * {@code c_d(y) = delta_c + delta_l theta^y} for positive distances, 0 at distance 0. With {@code theta < 1} and
 * negative {@code beta_l}, {@code delta_l} both costs grow with distance and saturate, as a multi-hop path's cost does
 * once the core is reached.
 * <p>
 * {@link #paper(double)} gives the paper's setting: {@code theta = 0.8}, {@code delta_c = 1}, {@code delta_l = -1},
 * {@code beta_l = -b}, {@code beta_c = 1 - beta_l}, so {@code c_d(y) = 1 - 0.8^y} and
 * {@code c_m(x) = 1 + b (1 - 0.8^x)}.
 */
public final class ExponentialCostModel implements MigrationCostModel
{
    /** The paper's theta. */
    public static final double PAPER_THETA = 0.8;

    private final double theta;
    private final double betaC;
    private final double betaL;
    private final double deltaC;
    private final double deltaL;

    /**
     * A cost model of this family.
     *
     * @param theta  base in (0, 1].
     * @param betaC  constant part of the migration cost.
     * @param betaL  exponential part of the migration cost.
     * @param deltaC constant part of the transmission cost.
     * @param deltaL exponential part of the transmission cost.
     * @throws IllegalArgumentException when a parameter is not finite or theta is outside (0, 1].
     */
    public ExponentialCostModel(
        final double theta, final double betaC, final double betaL, final double deltaC, final double deltaL)
    {
        if (!(theta > 0 && theta <= 1))
        {
            throw new IllegalArgumentException("theta must be in (0, 1]: " + theta);
        }
        if (!Double.isFinite(betaC) || !Double.isFinite(betaL) || !Double.isFinite(deltaC) || !Double.isFinite(deltaL))
        {
            throw new IllegalArgumentException("cost coefficients must be finite");
        }
        this.theta = theta;
        this.betaC = betaC;
        this.betaL = betaL;
        this.deltaC = deltaC;
        this.deltaL = deltaL;
    }

    /**
     * The paper's costs.
     *
     * @param b migration-cost weight: {@code c_m(x) = 1 + b (1 - 0.8^x)}; {@code b >= -1} keeps costs non-negative.
     * @return the cost model.
     * @throws IllegalArgumentException when {@code b < -1} or not finite.
     */
    public static ExponentialCostModel paper(final double b)
    {
        if (!(b >= -1) || !Double.isFinite(b))
        {
            throw new IllegalArgumentException("b must be finite and >= -1 (else migrating gets negative cost): " + b);
        }
        return new ExponentialCostModel(PAPER_THETA, 1 + b, -b, 1, -1);
    }

    @Override
    public double migrationCost(final int distance)
    {
        return distance <= 0 ? 0 : betaC + betaL * Math.pow(theta, distance);
    }

    @Override
    public double transmissionCost(final int distance)
    {
        return distance <= 0 ? 0 : deltaC + deltaL * Math.pow(theta, distance);
    }
}
