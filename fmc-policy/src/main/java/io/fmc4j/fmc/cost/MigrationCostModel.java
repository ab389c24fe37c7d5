/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.cost;

/**
 * The pluggable cost function of a migration decision, in one cost unit per decision slot.
 * <ul>
 * <li>{@link #migrationCost(int)}: one-off cost of moving the service over a distance ({@code c_m} of model 2,
 * {@code C_m} of model 1);</li>
 * <li>{@link #transmissionCost(int)}: cost of serving the user for one slot from a distance ({@code c_d} of model 2;
 * model 1's QoE is {@code Q(s) = Q(0) - transmissionCost(s)}).</li>
 * </ul>
 * Implementations: {@link ExponentialCostModel} (the cost family of Wang et al.) and {@link VmCostModel} (VM memory,
 * inter-DC bandwidth and per-hop latency). Models read a cost model once, when they are built (cold path).
 */
public interface MigrationCostModel
{
    /**
     * Cost of migrating the service over a distance.
     *
     * @param distance areas (rings, hops) the service moves, {@code >= 0}.
     * @return a finite cost, 0 for distance 0.
     */
    double migrationCost(int distance);

    /**
     * Per-slot cost of serving the user from a distance.
     *
     * @param distance user-to-service distance, {@code >= 0}.
     * @return a finite cost.
     */
    double transmissionCost(int distance);
}
