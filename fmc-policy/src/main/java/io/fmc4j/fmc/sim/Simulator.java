/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.sim;

import io.fmc4j.fmc.PolicyTable;

import java.util.SplittableRandom;

/**
 * Runs policies through a {@link Scenario}: {@code runs} independent runs of {@code slots} slots each, all starting
 * co-located. Every policy sees the same seeded random streams (run {@code i} gets the {@code i}-th split of
 * {@code new SplittableRandom(seed)}), so differences between policies are not sampling noise of the user's path
 * wherever the mobility ignores the service's position.
 */
public final class Simulator
{
    private Simulator()
    {
    }

    /**
     * The outcome of one policy.
     */
    public static final class Result
    {
        private final String policy;
        private final double discountedCost;
        private final double discountedCostStdErr;
        private final double slotCost;
        private final double migrationsPerSlot;

        Result(
            final String policy, final double discountedCost, final double discountedCostStdErr,
            final double slotCost, final double migrationsPerSlot)
        {
            this.policy = policy;
            this.discountedCost = discountedCost;
            this.discountedCostStdErr = discountedCostStdErr;
            this.slotCost = slotCost;
            this.migrationsPerSlot = migrationsPerSlot;
        }

        /**
         * @return the policy's name.
         */
        public String policy()
        {
            return policy;
        }

        /**
         * @return mean over runs of {@code sum gamma^t cost_t}, starting co-located.
         */
        public double discountedCost()
        {
            return discountedCost;
        }

        /**
         * @return standard error of {@link #discountedCost()}.
         */
        public double discountedCostStdErr()
        {
            return discountedCostStdErr;
        }

        /**
         * @return mean cost per slot over all runs and slots.
         */
        public double slotCost()
        {
            return slotCost;
        }

        /**
         * @return migrations per slot, forced ones included.
         */
        public double migrationsPerSlot()
        {
            return migrationsPerSlot;
        }
    }

    /**
     * Simulates policies side by side.
     *
     * @param scenario the scenario, reset before each run.
     * @param discount gamma for the discounted cost.
     * @param runs     number of runs, {@code >= 2}.
     * @param slots    slots per run, {@code >= 1}.
     * @param seed     seed of the random streams.
     * @param policies the policies; each result carries the table's name.
     * @return one result per policy, in order.
     */
    public static Result[] compare(
        final Scenario scenario, final double discount, final int runs, final int slots, final long seed,
        final PolicyTable... policies)
    {
        if (runs < 2 || slots < 1)
        {
            throw new IllegalArgumentException("need runs >= 2 and slots >= 1: runs=" + runs + " slots=" + slots);
        }
        if (!(discount > 0 && discount < 1))
        {
            throw new IllegalArgumentException("discount must be in (0, 1): " + discount);
        }
        final Result[] results = new Result[policies.length];
        for (int p = 0; p < policies.length; p++)
        {
            results[p] = simulate(scenario, policies[p], discount, runs, slots, seed);
        }
        return results;
    }

    private static Result simulate(
        final Scenario scenario, final PolicyTable policy, final double discount, final int runs, final int slots,
        final long seed)
    {
        final SplittableRandom master = new SplittableRandom(seed);
        double sum = 0;
        double sumSquares = 0;
        double slotSum = 0;
        long migrations = 0;
        for (int run = 0; run < runs; run++)
        {
            final SplittableRandom random = master.split();
            scenario.reset(random);
            double weight = 1;
            double discounted = 0;
            for (int t = 0; t < slots; t++)
            {
                final double cost = scenario.slot(policy, random);
                discounted += weight * cost;
                weight *= discount;
                slotSum += cost;
            }
            migrations += scenario.migrations();
            sum += discounted;
            sumSquares += discounted * discounted;
        }
        final double mean = sum / runs;
        final double variance = Math.max(0, (sumSquares - runs * mean * mean) / (runs - 1));
        final double totalSlots = (double)runs * slots;
        return new Result(policy.name(), mean, Math.sqrt(variance / runs), slotSum / totalSlots,
            migrations / totalSlots);
    }
}
