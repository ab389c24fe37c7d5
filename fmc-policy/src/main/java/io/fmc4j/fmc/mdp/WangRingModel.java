/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import io.fmc4j.fmc.cost.ExponentialCostModel;
import io.fmc4j.fmc.cost.MigrationCostModel;

/**
 * Model 2: the distance MDP of Wang et al., "Dynamic Service Migration in Mobile Edge Computing Based on Markov
 * Decision Process", IEEE/ACM ToN 2019.
 * <p>
 * The user does a random walk on a hexagonal cell grid, moving to each of its 6 neighbours with probability
 * {@code r} per slot. The state {@code d in 0..N} is the distance in rings between user and service. As in the
 * authors' code, the 2-D walk is approximated by a 1-D ring chain: from 0 to 1 with {@code 6r}; from
 * {@code 0 < d < N} out with {@code 2.5r} and in with {@code 1.5r}; stay otherwise. (From {@code N} the chain goes
 * in with {@code r}, but no policy ever lets the user move from {@code N}: the service must move first.)
 * <p>
 * Each slot the controller acts first, keeping the service ({@code d' = d}, not allowed at {@code N}) or migrating
 * it to a distance {@code d' < d}, and pays {@code c_m(d - d') + c_d(d')}; then the user moves from {@code d'} by the
 * chain. The solvers minimise {@code V(d) = min over d' of [c_m(d - d') + c_d(d') + gamma sum P(d', d'') V(d'')]}.
 * Costs come from a {@link MigrationCostModel}; by default the paper's {@link ExponentialCostModel#paper(double)}.
 * <p>
 * The flat MDP the generic solvers use has {@code (N + 1)(N + 2) / 2} actions and is built on first use;
 * {@link FastPolicyIteration} does not need it.
 */
public final class WangRingModel implements DistanceModel
{
    /** Default number of rings (the paper's N). */
    public static final int DEFAULT_RINGS = 10;
    /** Default discount factor. */
    public static final double DEFAULT_DISCOUNT = 0.9;
    /** Largest N accepted: the flat MDP grows as N squared. */
    public static final int MAX_RINGS = 1000;

    private final int rings;
    private final double moveProbability;
    private final double discount;
    private final double[] migrationCosts;
    private final double[] transmissionCosts;
    private volatile FiniteMdp mdp;

    /**
     * Fluent configuration, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        private int rings = DEFAULT_RINGS;
        private double moveProbability = 0.05;
        private double discount = DEFAULT_DISCOUNT;
        private MigrationCostModel costModel = ExponentialCostModel.paper(1.0);

        /**
         * @param rings N, the distance at which the service must migrate, in {@code [1, 1000]}.
         * @return this.
         */
        public Context rings(final int rings)
        {
            this.rings = rings;
            return this;
        }

        /**
         * @param r probability of moving to each of the 6 neighbouring cells per slot, in {@code (0, 1/6]}.
         * @return this.
         */
        public Context moveProbability(final double r)
        {
            this.moveProbability = r;
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
         * Uses the paper's costs with migration weight {@code b}.
         *
         * @param b {@code c_m(x) = 1 + b (1 - 0.8^x)}, {@code b >= -1}.
         * @return this.
         */
        public Context migrationWeight(final double b)
        {
            this.costModel = ExponentialCostModel.paper(b);
            return this;
        }

        /**
         * Uses any cost model.
         *
         * @param costModel the cost function, sampled at distances {@code 0..N} when the model is built.
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
            require(rings >= 1 && rings <= MAX_RINGS, "rings must be in [1, 1000]: " + rings);
            require(moveProbability > 0 && moveProbability <= 1.0 / 6.0,
                "r must be in (0, 1/6] (6r is the probability of leaving a cell): " + moveProbability);
            require(discount > 0 && discount < 1, "gamma must be in (0, 1): " + discount);
            require(costModel != null, "cost model missing");
            return this;
        }
    }

    /**
     * Builds the model.
     *
     * @param context parameters, validated here.
     * @throws IllegalArgumentException when a parameter or a sampled cost is invalid.
     */
    public WangRingModel(final Context context)
    {
        context.conclude();
        rings = context.rings;
        moveProbability = context.moveProbability;
        discount = context.discount;
        migrationCosts = new double[rings + 1];
        transmissionCosts = new double[rings + 1];
        for (int x = 0; x <= rings; x++)
        {
            migrationCosts[x] = context.costModel.migrationCost(x);
            transmissionCosts[x] = context.costModel.transmissionCost(x);
            require(Double.isFinite(migrationCosts[x]) && Double.isFinite(transmissionCosts[x]),
                "cost model gave a non-finite cost at distance " + x);
        }
        require(migrationCosts[0] == 0, "migration over distance 0 must cost 0, got " + migrationCosts[0]);
    }

    private FiniteMdp buildMdp()
    {
        final FiniteMdp.Builder builder = new FiniteMdp.Builder(discount);
        for (int d = 0; d <= rings; d++)
        {
            builder.state();
            for (int target = d < rings ? d : rings - 1; target >= 0; target--)
            {
                builder.action(target, migrationCosts[d - target] + transmissionCosts[target]);
                builder.transition(target, stayProbability(target));
                if (target > 0)
                {
                    builder.transition(target - 1, inProbability(target));
                }
                if (target < rings)
                {
                    builder.transition(target + 1, outProbability(target));
                }
            }
        }
        return builder.build();
    }

    /**
     * Probability of moving one ring out from a distance.
     *
     * @param d distance in {@code [0, N]}.
     * @return {@code 6r} at 0, {@code 2.5r} in between, 0 at N.
     */
    public double outProbability(final int d)
    {
        if (d == 0)
        {
            return 6 * moveProbability;
        }
        return d < rings ? 2.5 * moveProbability : 0;
    }

    /**
     * Probability of moving one ring in from a distance.
     *
     * @param d distance in {@code [0, N]}.
     * @return 0 at 0, {@code 1.5r} in between, {@code r} at N.
     */
    public double inProbability(final int d)
    {
        if (d == 0)
        {
            return 0;
        }
        return d < rings ? 1.5 * moveProbability : moveProbability;
    }

    /**
     * Probability of staying at a distance.
     *
     * @param d distance in {@code [0, N]}.
     * @return one minus the other two.
     */
    public double stayProbability(final int d)
    {
        return 1 - outProbability(d) - inProbability(d);
    }

    /**
     * Migration cost.
     *
     * @param x distance the service moves.
     * @return {@code c_m(x)}.
     */
    public double migrationCost(final int x)
    {
        return migrationCosts[x];
    }

    /**
     * Transmission cost.
     *
     * @param y distance after the action.
     * @return {@code c_d(y)}.
     */
    public double transmissionCost(final int y)
    {
        return transmissionCosts[y];
    }

    /**
     * Per-cell move probability.
     *
     * @return r.
     */
    public double moveProbability()
    {
        return moveProbability;
    }

    @Override
    public String name()
    {
        return "wang";
    }

    @Override
    public int maxDistance()
    {
        return rings;
    }

    @Override
    public double discount()
    {
        return discount;
    }

    @Override
    public FiniteMdp mdp()
    {
        FiniteMdp built = mdp;
        if (built == null)
        {
            built = buildMdp();
            mdp = built;
        }
        return built;
    }

    /** Beyond N the policy does what it does at N (where it must migrate). */
    @Override
    public int beyondTarget(final int[] targets)
    {
        return targets[rings];
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
