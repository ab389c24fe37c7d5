/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

/**
 * Gaussian elimination with partial pivoting on a dense square system (cold path).
 */
final class DenseLinearSolver
{
    private DenseLinearSolver()
    {
    }

    /**
     * Solves {@code a x = b} for the leading {@code n x n} block, overwriting {@code a} and leaving x in {@code b}.
     *
     * @param a matrix, destroyed.
     * @param b right-hand side, replaced by the solution.
     * @param n system size.
     * @throws IllegalStateException when the matrix is singular to working precision.
     */
    static void solveInPlace(final double[][] a, final double[] b, final int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            double max = Math.abs(a[col][col]);
            for (int row = col + 1; row < n; row++)
            {
                final double v = Math.abs(a[row][col]);
                if (v > max)
                {
                    max = v;
                    pivot = row;
                }
            }
            if (!(max > 1e-300))
            {
                throw new IllegalStateException("singular system at column " + col);
            }
            if (pivot != col)
            {
                final double[] rowSwap = a[pivot];
                a[pivot] = a[col];
                a[col] = rowSwap;
                final double bSwap = b[pivot];
                b[pivot] = b[col];
                b[col] = bSwap;
            }
            final double[] pivotRow = a[col];
            final double inverse = 1.0 / pivotRow[col];
            for (int row = col + 1; row < n; row++)
            {
                final double[] r = a[row];
                final double factor = r[col] * inverse;
                if (factor != 0)
                {
                    for (int k = col; k < n; k++)
                    {
                        r[k] -= factor * pivotRow[k];
                    }
                    b[row] -= factor * b[col];
                }
            }
        }
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            final double[] r = a[row];
            for (int k = row + 1; k < n; k++)
            {
                sum -= r[k] * b[k];
            }
            b[row] = sum / r[row];
        }
    }
}
