/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.cost;

/**
 * Costs from the quantities an operator knows: the VM's memory, the inter-DC bandwidth and the latency each area
 * (hop) of distance adds between the user and its data centre.
 * <ul>
 * <li>Migration over {@code x > 0} areas takes {@code copyFactor * memoryBytes * 8 / bandwidth} seconds of pre-copy
 * plus {@code 2 x hopLatency} of set-up round trips, charged at {@code migrationCostPerSecond}.
 * {@code copyFactor >= 1} accounts for pages re-sent while the guest keeps writing.</li>
 * <li>Serving from {@code y} areas away adds {@code y hopLatency} of one-way latency, charged at
 * {@code latencyCostPerMillisecond} per slot.</li>
 * </ul>
 * How it maps onto the models: model 2 ({@code WangRingModel}) takes {@code c_m(x) = migrationCost(x)} and
 * {@code c_d(y) = transmissionCost(y)} as they are; model 1 ({@code FmcDistanceModel}) takes {@code K} = the mean
 * transmission-cost slope over its threshold and {@code tau = C_m / Q(0)} with {@code C_m} the mean migration cost over
 * distances {@code 1..thr}, because model 1 has a single migration cost and a linear QoE.
 */
public final class VmCostModel implements MigrationCostModel
{
    private final Context context;

    /**
     * Fluent configuration, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        private long memoryBytes = 1L << 30;
        private double copyFactor = 1.2;
        private double bandwidthBitsPerSecond = 1e9;
        private double hopLatencyMillis = 2.0;
        private double migrationCostPerSecond = 0.1;
        private double latencyCostPerMillisecond = 0.05;

        /**
         * @param bytes VM memory, {@code > 0}.
         * @return this.
         */
        public Context memoryBytes(final long bytes)
        {
            this.memoryBytes = bytes;
            return this;
        }

        /**
         * @param factor bytes sent per byte of memory during pre-copy, {@code >= 1}.
         * @return this.
         */
        public Context copyFactor(final double factor)
        {
            this.copyFactor = factor;
            return this;
        }

        /**
         * @param bitsPerSecond inter-DC bandwidth available to the migration, {@code > 0}.
         * @return this.
         */
        public Context bandwidthBitsPerSecond(final double bitsPerSecond)
        {
            this.bandwidthBitsPerSecond = bitsPerSecond;
            return this;
        }

        /**
         * @param millis one-way latency added per area of distance, {@code >= 0}.
         * @return this.
         */
        public Context hopLatencyMillis(final double millis)
        {
            this.hopLatencyMillis = millis;
            return this;
        }

        /**
         * @param cost cost per second of migration, {@code >= 0}.
         * @return this.
         */
        public Context migrationCostPerSecond(final double cost)
        {
            this.migrationCostPerSecond = cost;
            return this;
        }

        /**
         * @param cost cost per millisecond of added latency per slot, {@code >= 0}.
         * @return this.
         */
        public Context latencyCostPerMillisecond(final double cost)
        {
            this.latencyCostPerMillisecond = cost;
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
            check(memoryBytes > 0, "memoryBytes must be > 0: " + memoryBytes);
            check(copyFactor >= 1 && Double.isFinite(copyFactor), "copyFactor must be finite and >= 1: " + copyFactor);
            check(bandwidthBitsPerSecond > 0 && Double.isFinite(bandwidthBitsPerSecond),
                "bandwidth must be finite and > 0: " + bandwidthBitsPerSecond);
            check(hopLatencyMillis >= 0 && Double.isFinite(hopLatencyMillis),
                "hopLatencyMillis must be finite and >= 0: " + hopLatencyMillis);
            check(migrationCostPerSecond >= 0 && Double.isFinite(migrationCostPerSecond),
                "migrationCostPerSecond must be finite and >= 0: " + migrationCostPerSecond);
            check(latencyCostPerMillisecond >= 0 && Double.isFinite(latencyCostPerMillisecond),
                "latencyCostPerMillisecond must be finite and >= 0: " + latencyCostPerMillisecond);
            return this;
        }

        private Context copy()
        {
            return new Context().memoryBytes(memoryBytes).copyFactor(copyFactor)
                .bandwidthBitsPerSecond(bandwidthBitsPerSecond).hopLatencyMillis(hopLatencyMillis)
                .migrationCostPerSecond(migrationCostPerSecond).latencyCostPerMillisecond(latencyCostPerMillisecond);
        }
    }

    /**
     * Builds the cost model.
     *
     * @param context parameters; copied, then validated.
     */
    public VmCostModel(final Context context)
    {
        this.context = context.copy().conclude();
    }

    /**
     * Seconds a migration over a distance takes.
     *
     * @param distance areas moved, {@code > 0}.
     * @return pre-copy time plus set-up round trips.
     */
    public double migrationSeconds(final int distance)
    {
        final double copy = context.copyFactor * context.memoryBytes * 8.0 / context.bandwidthBitsPerSecond;
        return copy + 2.0 * distance * context.hopLatencyMillis / 1000.0;
    }

    @Override
    public double migrationCost(final int distance)
    {
        return distance <= 0 ? 0 : context.migrationCostPerSecond * migrationSeconds(distance);
    }

    @Override
    public double transmissionCost(final int distance)
    {
        return distance <= 0 ? 0 : context.latencyCostPerMillisecond * context.hopLatencyMillis * distance;
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
