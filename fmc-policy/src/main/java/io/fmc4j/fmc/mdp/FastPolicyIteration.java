/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import java.util.Arrays;

/**
 * Policy iteration for {@link WangRingModel} with the policy evaluated in closed form on the 1-D ring chain, after
 * Wang et al. (IEEE/ACM ToN 2019), instead of by an O(N^3) linear solve.
 * <p>
 * <b>Evaluation.</b> Split the states into maximal runs of states that keep the service ("segments") and states
 * that migrate. Inside a segment the value obeys the constant-coefficient recurrence
 * {@code V(d) = c_d(d) + gamma (2.5r V(d+1) + 1.5r V(d-1) + (1-4r) V(d))}, whose solution is
 * {@code V(d) = P(d) + A m1^(d-hi-1) + B m2^(d-lo+1)}: {@code m1 > 1 > m2 > 0} are the roots of
 * {@code 2.5 gamma r m^2 - (1 - gamma (1-4r)) m + 1.5 gamma r = 0} and {@code P} is a particular solution. For the
 * paper's costs {@code P(d) = delta_c / (1-gamma) + H theta^d} in closed form; to accept any cost model this class
 * gets {@code P} from one diagonally dominant tridiagonal (Thomas) solve per segment, O(length), which is the same
 * function. A migrating state {@code m -> a} with {@code a} in a segment has {@code V(m) = c_m(m-a) + V(a)}, so only
 * the two coefficients per segment remain unknown (plus one value per migrating state whose target migrates too,
 * which an improved policy rarely has). Matching segment ends to their neighbours, and the boundary equation at 0,
 * gives a {@code 2K x 2K} system for K segments: a threshold policy is evaluated by solving 2 equations.
 * <p>
 * <b>Improvement</b> is the usual greedy step over all targets (O(N^2)), keeping the incumbent on ties; the search
 * starts from never-migrate and stops when the policy is stable. The exponentials are scaled so that every
 * {@code m^k} evaluated is at most 1, which keeps long segments (N = 200 and beyond) well conditioned.
 */
public final class FastPolicyIteration
{
    /** Improvement steps after which a solve gives up. */
    public static final int MAX_ITERATIONS = 10_000;

    private FastPolicyIteration()
    {
    }

    /**
     * Solves.
     *
     * @param model the model.
     * @return the solution; {@link MdpSolution#iterations()} counts policy evaluations.
     * @throws IllegalStateException when the policy does not stabilise.
     */
    public static MdpSolution solve(final WangRingModel model)
    {
        final Workspace w = new Workspace(model);
        final int n = model.maxDistance();
        final int[] targets = new int[n + 1];
        for (int d = 0; d < n; d++)
        {
            targets[d] = d;
        }
        targets[n] = 0;
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++)
        {
            final double[] values = w.evaluate(targets);
            if (!w.improve(targets, values, true))
            {
                if (w.improve(targets, values, false))
                {
                    return new MdpSolution(model, "fast", w.evaluate(targets), targets, iteration + 1);
                }
                return new MdpSolution(model, "fast", values, targets, iteration);
            }
        }
        throw new IllegalStateException("fast policy iteration did not stabilise in " + MAX_ITERATIONS + " steps");
    }

    /**
     * Value of a given policy of the model, by the closed-form evaluation.
     *
     * @param model   the model.
     * @param targets target per distance; {@code targets[d] <= d}, {@code targets[N] < N}.
     * @return value per distance.
     */
    public static double[] evaluate(final WangRingModel model, final int[] targets)
    {
        final int n = model.maxDistance();
        if (targets.length != n + 1)
        {
            throw new IllegalArgumentException("need " + (n + 1) + " targets, got " + targets.length);
        }
        for (int d = 0; d <= n; d++)
        {
            if (targets[d] < 0 || targets[d] > d || (d == n && targets[d] == n))
            {
                throw new IllegalArgumentException("target " + targets[d] + " not allowed at distance " + d);
            }
        }
        return new Workspace(model).evaluate(targets);
    }

    private static final class Workspace
    {
        private final WangRingModel model;
        private final int n;
        private final double gamma;
        private final double out;
        private final double in;
        private final double stay;
        private final double out0;
        private final double m1;
        private final double m2;
        private final double[] particular;
        private final double[] g1;
        private final double[] g2;
        private final int[] segmentOf;
        private final int[] variableOf;
        private final double[] u;
        private int[] segmentLo;
        private int[] segmentHi;

        Workspace(final WangRingModel model)
        {
            this.model = model;
            n = model.maxDistance();
            gamma = model.discount();
            final double r = model.moveProbability();
            out = 2.5 * r;
            in = 1.5 * r;
            stay = 1 - 4 * r;
            out0 = 6 * r;
            final double b = 1 - gamma * stay;
            final double disc = b * b - 4 * gamma * out * gamma * in;
            m1 = (b + Math.sqrt(disc)) / (2 * gamma * out);
            m2 = in / (out * m1);
            particular = new double[n + 1];
            g1 = new double[n + 2];
            g2 = new double[n + 2];
            segmentOf = new int[n + 1];
            variableOf = new int[n + 1];
            u = new double[n + 1];
            segmentLo = new int[4];
            segmentHi = new int[4];
        }

        double[] evaluate(final int[] targets)
        {
            int segments = 0;
            Arrays.fill(segmentOf, -1);
            for (int d = 0; d < n; d++)
            {
                if (targets[d] == d)
                {
                    if (d == 0 || targets[d - 1] != d - 1)
                    {
                        if (segments == segmentLo.length)
                        {
                            segmentLo = Arrays.copyOf(segmentLo, segments * 2);
                            segmentHi = Arrays.copyOf(segmentHi, segments * 2);
                        }
                        segmentLo[segments++] = d;
                    }
                    segmentHi[segments - 1] = d;
                    segmentOf[d] = segments - 1;
                }
            }
            int unknowns = 2 * segments;
            for (int d = 0; d <= n; d++)
            {
                variableOf[d] = -1;
                if (segmentOf[d] < 0 && segmentOf[targets[d]] < 0)
                {
                    variableOf[d] = unknowns++;
                }
            }
            for (int k = 0; k < segments; k++)
            {
                fillSegment(segmentLo[k], segmentHi[k]);
            }

            // Value of every state as an affine form over the unknowns: value(d) = constant[d] + coef[d] . x
            final double[][] coef = new double[n + 1][unknowns];
            final double[] constant = new double[n + 1];
            for (int d = 0; d <= n; d++)
            {
                final int k = segmentOf[d];
                if (k >= 0)
                {
                    coef[d][2 * k] = g1[d];
                    coef[d][2 * k + 1] = g2[d];
                    constant[d] = particular[d];
                }
            }
            for (int d = 0; d <= n; d++)
            {
                if (segmentOf[d] < 0)
                {
                    if (variableOf[d] >= 0)
                    {
                        coef[d][variableOf[d]] = 1;
                    }
                    else
                    {
                        final int a = targets[d];
                        System.arraycopy(coef[a], 0, coef[d], 0, unknowns);
                        constant[d] = model.migrationCost(d - a) + constant[a];
                    }
                }
            }

            final double[][] matrix = new double[unknowns][unknowns];
            final double[] rhs = new double[unknowns];
            int row = 0;
            for (int k = 0; k < segments; k++)
            {
                final int lo = segmentLo[k];
                final int hi = segmentHi[k];
                final double[] left = matrix[row];
                if (lo == 0)
                {
                    // (1 - gamma (1 - 6r)) V(0) - gamma 6r V(1) = c_d(0), with V(0), V(1) from this segment's form.
                    final double c0 = 1 - gamma * (1 - out0);
                    final double c1 = -gamma * out0;
                    left[2 * k] = c0 * g1Of(k, 0) + c1 * g1Of(k, 1);
                    left[2 * k + 1] = c0 * g2Of(k, 0) + c1 * g2Of(k, 1);
                    rhs[row] = model.transmissionCost(0) - c0 * particular[0] - c1 * (hi >= 1 ? particular[1] : 0);
                }
                else
                {
                    left[2 * k] = g1Of(k, lo - 1);
                    left[2 * k + 1] = g2Of(k, lo - 1);
                    subtract(left, rhs, row, coef[lo - 1], constant[lo - 1], 1.0, unknowns);
                }
                row++;
                final double[] right = matrix[row];
                right[2 * k] = g1Of(k, hi + 1);
                right[2 * k + 1] = g2Of(k, hi + 1);
                subtract(right, rhs, row, coef[hi + 1], constant[hi + 1], 1.0, unknowns);
                row++;
            }
            for (int d = 0; d <= n; d++)
            {
                if (variableOf[d] >= 0)
                {
                    // V(m) - gamma sum P(a, y) V(y) = c_m(m - a) + c_d(a)
                    final int a = targets[d];
                    final double[] eq = matrix[row];
                    eq[variableOf[d]] += 1;
                    rhs[row] = model.migrationCost(d - a) + model.transmissionCost(a);
                    subtract(eq, rhs, row, coef[a], constant[a], gamma * model.stayProbability(a), unknowns);
                    if (a > 0)
                    {
                        subtract(eq, rhs, row, coef[a - 1], constant[a - 1], gamma * model.inProbability(a), unknowns);
                    }
                    subtract(eq, rhs, row, coef[a + 1], constant[a + 1], gamma * model.outProbability(a), unknowns);
                    row++;
                }
            }
            DenseLinearSolver.solveInPlace(matrix, rhs, unknowns);

            final double[] values = new double[n + 1];
            for (int d = 0; d <= n; d++)
            {
                double v = constant[d];
                final double[] c = coef[d];
                for (int i = 0; i < unknowns; i++)
                {
                    v += c[i] * rhs[i];
                }
                values[d] = v;
            }
            return values;
        }

        /** Adds {@code -weight * (coef . x + constant)} to an equation whose right-hand side is {@code rhs[row]}. */
        private static void subtract(
            final double[] equation, final double[] rhs, final int row, final double[] coef, final double constant,
            final double weight, final int unknowns)
        {
            for (int i = 0; i < unknowns; i++)
            {
                equation[i] -= weight * coef[i];
            }
            rhs[row] += weight * constant;
        }

        private double g1Of(final int segment, final int d)
        {
            return Math.pow(m1, d - segmentHi[segment] - 1);
        }

        private double g2Of(final int segment, final int d)
        {
            final int lo = segmentLo[segment];
            return Math.pow(m2, d - (lo == 0 ? 0 : lo - 1));
        }

        /** Homogeneous bases on the segment's states and the particular solution with zero ends (Thomas). */
        private void fillSegment(final int lo, final int hi)
        {
            final int k = segmentOf[lo];
            for (int d = lo; d <= hi; d++)
            {
                g1[d] = g1Of(k, d);
                g2[d] = g2Of(k, d);
            }
            particular[lo] = 0;
            final int first = Math.max(lo, 1);
            if (first > hi)
            {
                return;
            }
            final double diag = 1 - gamma * stay;
            final double sub = -gamma * in;
            final double sup = -gamma * out;
            // Forward sweep: u holds the modified super-diagonal, particular the modified right-hand side.
            double previousU = 0;
            double previousP = 0;
            for (int d = first; d <= hi; d++)
            {
                final double denominator = diag - sub * previousU;
                previousU = sup / denominator;
                previousP = (model.transmissionCost(d) - sub * previousP) / denominator;
                u[d] = previousU;
                particular[d] = previousP;
            }
            for (int d = hi - 1; d >= first; d--)
            {
                particular[d] -= u[d] * particular[d + 1];
            }
        }

        /**
         * Greedy improvement.
         *
         * @param keepIncumbent keep the current target when it ties with the best.
         * @return whether any target changed.
         */
        boolean improve(final int[] targets, final double[] values, final boolean keepIncumbent)
        {
            for (int x = 0; x < n; x++)
            {
                double next = model.stayProbability(x) * values[x] + model.outProbability(x) * values[x + 1];
                if (x > 0)
                {
                    next += model.inProbability(x) * values[x - 1];
                }
                u[x] = model.transmissionCost(x) + gamma * next;
            }
            boolean changed = false;
            for (int d = 0; d <= n; d++)
            {
                final int highest = d < n ? d : n - 1;
                double best = Double.POSITIVE_INFINITY;
                for (int x = 0; x <= highest; x++)
                {
                    best = Math.min(best, model.migrationCost(d - x) + u[x]);
                }
                final double limit = best + FiniteMdp.TIE_TOLERANCE * (1.0 + Math.abs(best));
                final int incumbent = targets[d];
                if (keepIncumbent && incumbent <= highest && model.migrationCost(d - incumbent) + u[incumbent] <= limit)
                {
                    continue;
                }
                int chosen = highest;
                while (model.migrationCost(d - chosen) + u[chosen] > limit)
                {
                    chosen--;
                }
                if (chosen != incumbent)
                {
                    targets[d] = chosen;
                    changed = true;
                }
            }
            return changed;
        }
    }
}
