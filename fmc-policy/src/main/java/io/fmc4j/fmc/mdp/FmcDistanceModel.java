/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.cost.MigrationCostModel;

/**
 * Model 1: the Follow Me Cloud one-dimensional distance MDP (Ksentini, Taleb, Chen, ICC 2014; Taleb, Ksentini,
 * Frangoudis, IEEE TCC 2019, section 5).
 * <p>
 * State {@code s in 0..thr} is the distance, in service areas, between the user and its service. Actions are
 * <em>continue</em> (target {@code s}) and <em>migrate</em> (target 0). Under continue the user moves one area
 * away with probability {@code p} and one area back with {@code 1 - p}; from 0 it always moves to 1. Migrate
 * resets the distance to 0. At {@code thr} only continue is offered: a move out of the threshold forces a
 * migration (next state 0, migration cost paid); at 0 only continue is offered, since a migration there would
 * move nothing.
 * <p>
 * Reward {@code r(s, s', a) = Q(s') - g(a)} with {@code Q(s) = Q(0) - K s}, {@code g(migrate) = C_m = tau Q(0)},
 * {@code g(continue) = 0}, discount {@code gamma}. The solvers minimise cost, so the MDP carries
 * {@code cost = -E[r]} and every value reported for this model is a negated expected discounted reward.
 * <p>
 * The printed model does not fix {@code gamma} or {@code Q(0)}; the defaults here are {@link #DEFAULT_DISCOUNT}
 * and {@link #DEFAULT_Q0} ({@code = thr K}, so the QoE reaches 0 at the threshold).
 */
public final class FmcDistanceModel implements DistanceModel
{
    /** Default threshold (TCC'19 Fig. 14). */
    public static final int DEFAULT_THRESHOLD = 10;
    /** Default QoE slope K (TCC'19 Fig. 14). */
    public static final double DEFAULT_K = 1.0;
    /** Default QoE at distance 0. */
    public static final double DEFAULT_Q0 = 10.0;
    /** Default discount factor. */
    public static final double DEFAULT_DISCOUNT = 0.9;

    private final Context context;
    private final FiniteMdp mdp;

    /**
     * Fluent configuration, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        private int threshold = DEFAULT_THRESHOLD;
        private double awayProbability = 0.5;
        private double k = DEFAULT_K;
        private double q0 = DEFAULT_Q0;
        private double tau = 0.5;
        private double discount = DEFAULT_DISCOUNT;
        private MigrationCostModel costModel;

        /**
         * @param threshold the largest distance {@code thr >= 1}; a move beyond forces a migration.
         * @return this.
         */
        public Context threshold(final int threshold)
        {
            this.threshold = threshold;
            return this;
        }

        /**
         * @param p probability that the user moves one area away from its service, in {@code [0, 1]}.
         * @return this.
         */
        public Context awayProbability(final double p)
        {
            this.awayProbability = p;
            return this;
        }

        /**
         * @param k QoE lost per area of distance, {@code >= 0}.
         * @return this.
         */
        public Context k(final double k)
        {
            this.k = k;
            return this;
        }

        /**
         * @param q0 QoE when co-located, {@code > 0}.
         * @return this.
         */
        public Context q0(final double q0)
        {
            this.q0 = q0;
            return this;
        }

        /**
         * @param tau migration cost as a fraction of {@code Q(0)}: {@code C_m = tau Q(0)}, {@code >= 0}.
         * @return this.
         */
        public Context tau(final double tau)
        {
            this.tau = tau;
            return this;
        }

        /**
         * @param discount gamma in (0, 1).
         * @return this.
         */
        public Context discount(final double discount)
        {
            this.discount = discount;
            return this;
        }

        /**
         * Derives {@code K} and {@code tau} from a cost model when the model is built, replacing {@link #k(double)}
         * and {@link #tau(double)}: {@code K = (c_d(thr) - c_d(0)) / thr}, the mean slope of the transmission cost
         * over the threshold, and {@code tau = C_m / Q(0)} with {@code C_m} the mean of {@code c_m(1..thr)}, since this
         * model has one migration cost and a linear QoE. {@code Q(0)} stays as set.
         *
         * @param costModel the cost function, or {@code null} to use {@code K} and {@code tau} as set.
         * @return this.
         */
        public Context costModel(final MigrationCostModel costModel)
        {
            this.costModel = costModel;
            return this;
        }

        /**
         * Validates every parameter.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad parameter.
         */
        public Context conclude()
        {
            if (costModel != null && threshold >= 1 && threshold <= 1_000_000)
            {
                k = (costModel.transmissionCost(threshold) - costModel.transmissionCost(0)) / threshold;
                double sum = 0;
                for (int x = 1; x <= threshold; x++)
                {
                    sum += costModel.migrationCost(x);
                }
                tau = sum / threshold / q0;
                costModel = null;
            }
            require(threshold >= 1 && threshold <= 1_000_000, "threshold must be in [1, 1000000]: " + threshold);
            require(awayProbability >= 0 && awayProbability <= 1, "p must be in [0, 1]: " + awayProbability);
            require(k >= 0 && Double.isFinite(k), "K must be finite and >= 0: " + k);
            require(q0 > 0 && Double.isFinite(q0), "Q(0) must be finite and > 0: " + q0);
            require(tau >= 0 && Double.isFinite(tau), "tau must be finite and >= 0: " + tau);
            require(discount > 0 && discount < 1, "gamma must be in (0, 1): " + discount);
            return this;
        }

        private Context copy()
        {
            return new Context().threshold(threshold).awayProbability(awayProbability).k(k).q0(q0).tau(tau)
                .discount(discount).costModel(costModel);
        }
    }

    /**
     * Builds the model.
     *
     * @param context parameters; copied, then validated.
     * @throws IllegalArgumentException when a parameter is out of range.
     */
    public FmcDistanceModel(final Context context)
    {
        this.context = context.copy().conclude();
        this.mdp = buildMdp();
    }

    private FiniteMdp buildMdp()
    {
        final int thr = context.threshold;
        final double p = context.awayProbability;
        final double migrationCost = migrationCost();
        final FiniteMdp.Builder builder = new FiniteMdp.Builder(context.discount);
        builder.state().action(0, -qoe(1)).transition(1, 1.0);
        for (int s = 1; s < thr; s++)
        {
            builder.state()
                .action(s, -(p * qoe(s + 1) + (1 - p) * qoe(s - 1))).transition(s + 1, p).transition(s - 1, 1 - p)
                .action(0, -(qoe(0) - migrationCost)).transition(0, 1.0);
        }
        builder.state()
            .action(thr, -(p * (qoe(0) - migrationCost) + (1 - p) * qoe(thr - 1)))
            .transition(0, p).transition(thr - 1, 1 - p);
        return builder.build();
    }

    /**
     * QoE at a distance.
     *
     * @param distance distance in areas.
     * @return {@code Q(0) - K distance}.
     */
    public double qoe(final int distance)
    {
        return context.q0 - context.k * distance;
    }

    /**
     * Migration cost.
     *
     * @return {@code C_m = tau Q(0)}.
     */
    public double migrationCost()
    {
        return context.tau * context.q0;
    }

    /**
     * Probability of moving away.
     *
     * @return p.
     */
    public double awayProbability()
    {
        return context.awayProbability;
    }

    /**
     * Migration cost fraction.
     *
     * @return tau.
     */
    public double tau()
    {
        return context.tau;
    }

    /**
     * QoE at distance 0.
     *
     * @return Q(0).
     */
    public double q0()
    {
        return context.q0;
    }

    /**
     * QoE slope.
     *
     * @return K.
     */
    public double k()
    {
        return context.k;
    }

    @Override
    public String name()
    {
        return "fmc";
    }

    @Override
    public int maxDistance()
    {
        return context.threshold;
    }

    @Override
    public double discount()
    {
        return context.discount;
    }

    @Override
    public FiniteMdp mdp()
    {
        return mdp;
    }

    /** Beyond the threshold the model forces a migration to the user's area. */
    @Override
    public int beyondTarget(final int[] targets)
    {
        return 0;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
