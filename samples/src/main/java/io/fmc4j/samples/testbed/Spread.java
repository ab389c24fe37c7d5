/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

/**
 * Mean and spread of a sample: count, mean, sample standard deviation (0 for fewer than two values), minimum,
 * maximum and median. Non-finite values (a failed run's missing figure) are left out and not counted.
 *
 * @param count  finite values.
 * @param mean   their mean, {@code NaN} when there are none.
 * @param stddev sample standard deviation (n - 1), 0 for one value, {@code NaN} for none.
 * @param min    smallest, {@code NaN} for none.
 * @param max    largest, {@code NaN} for none.
 * @param median middle value (mean of the two middle ones for an even count), {@code NaN} for none.
 */
public record Spread(int count, double mean, double stddev, double min, double max, double median)
{
    /**
     * The spread of some values.
     *
     * @param values the sample; non-finite entries are skipped.
     * @return its spread.
     */
    public static Spread of(final double... values)
    {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double v : values)
        {
            if (Double.isFinite(v))
            {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0)
        {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        final double mean = sum / n;
        final double[] sorted = new double[n];
        double squares = 0;
        int k = 0;
        for (final double v : values)
        {
            if (Double.isFinite(v))
            {
                squares += (v - mean) * (v - mean);
                sorted[k++] = v;
            }
        }
        java.util.Arrays.sort(sorted);
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min, max, median);
    }
}
