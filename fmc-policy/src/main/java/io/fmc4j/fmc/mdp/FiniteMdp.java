/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.mdp;

import java.util.Arrays;

/**
 * A finite discounted cost-minimising MDP in flat arrays (cold path): states {@code 0..n-1}; per state a run of
 * actions, each with a label (the target distance it stands for), an expected immediate cost and a sparse
 * distribution over next states. The generic solvers ({@link ValueIteration}, {@link PolicyIteration}) work on
 * this form; the models ({@link FmcDistanceModel}, {@link WangRingModel}) build it.
 * <p>
 * Tie rule shared by every solver: among actions whose Q-value is within {@link #TIE_TOLERANCE} (relative) of the
 * best, the one with the largest target wins, i.e. the smallest migration. Equal-value alternatives thus resolve
 * the same way whichever algorithm produced the values.
 */
public final class FiniteMdp
{
    /** Relative tolerance under which two Q-values count as equal. */
    public static final double TIE_TOLERANCE = 1e-9;

    private final double discount;
    private final int[] actionStart;
    private final int[] actionTarget;
    private final double[] actionCost;
    private final int[] transitionStart;
    private final int[] transitionState;
    private final double[] transitionProbability;

    private FiniteMdp(final Builder builder)
    {
        discount = builder.discount;
        actionStart = Arrays.copyOf(builder.actionStart, builder.states + 1);
        actionStart[builder.states] = builder.actions;
        actionTarget = Arrays.copyOf(builder.actionTarget, builder.actions);
        actionCost = Arrays.copyOf(builder.actionCost, builder.actions);
        transitionStart = Arrays.copyOf(builder.transitionStart, builder.actions + 1);
        transitionStart[builder.actions] = builder.transitions;
        transitionState = Arrays.copyOf(builder.transitionState, builder.transitions);
        transitionProbability = Arrays.copyOf(builder.transitionProbability, builder.transitions);
    }

    /**
     * Number of states.
     *
     * @return the state count.
     */
    public int stateCount()
    {
        return actionStart.length - 1;
    }

    /**
     * Discount factor.
     *
     * @return gamma in (0, 1).
     */
    public double discount()
    {
        return discount;
    }

    /**
     * First action of a state.
     *
     * @param state a state.
     * @return index of its first action.
     */
    public int firstAction(final int state)
    {
        return actionStart[state];
    }

    /**
     * One past the last action of a state.
     *
     * @param state a state.
     * @return end index of its actions.
     */
    public int endAction(final int state)
    {
        return actionStart[state + 1];
    }

    /**
     * Label of an action.
     *
     * @param action an action index.
     * @return the target distance it stands for.
     */
    public int target(final int action)
    {
        return actionTarget[action];
    }

    /**
     * Expected immediate cost of an action.
     *
     * @param action an action index.
     * @return the cost.
     */
    public double cost(final int action)
    {
        return actionCost[action];
    }

    /**
     * Q-value of an action: immediate cost plus discounted expected value of the next state.
     *
     * @param action an action index.
     * @param values value per state.
     * @return the Q-value.
     */
    public double q(final int action, final double[] values)
    {
        double expected = 0;
        for (int t = transitionStart[action], end = transitionStart[action + 1]; t < end; t++)
        {
            expected += transitionProbability[t] * values[transitionState[t]];
        }
        return actionCost[action] + discount * expected;
    }

    /**
     * Greedy action of a state under the shared tie rule.
     *
     * @param state  a state.
     * @param values value per state.
     * @return the chosen action index.
     */
    public int greedyAction(final int state, final double[] values)
    {
        return greedyAction(state, values, -1);
    }

    /**
     * Greedy action of a state, keeping {@code incumbent} when it ties with the best (policy iteration's rule
     * against cycling between equal actions).
     *
     * @param state     a state.
     * @param values    value per state.
     * @param incumbent current action index of the state, or -1 for none.
     * @return the chosen action index.
     */
    public int greedyAction(final int state, final double[] values, final int incumbent)
    {
        final int first = actionStart[state];
        final int end = actionStart[state + 1];
        double best = Double.POSITIVE_INFINITY;
        for (int a = first; a < end; a++)
        {
            best = Math.min(best, q(a, values));
        }
        final double limit = best + TIE_TOLERANCE * (1.0 + Math.abs(best));
        if (incumbent >= first && incumbent < end && q(incumbent, values) <= limit)
        {
            return incumbent;
        }
        int chosen = -1;
        for (int a = first; a < end; a++)
        {
            if (q(a, values) <= limit && (chosen < 0 || actionTarget[a] > actionTarget[chosen]))
            {
                chosen = a;
            }
        }
        return chosen;
    }

    /**
     * Exact value of a stationary policy: solves {@code (I - gamma P) V = c} by Gaussian elimination, O(n^3).
     *
     * @param policy action index per state.
     * @return value per state.
     */
    public double[] evaluate(final int[] policy)
    {
        final int n = stateCount();
        final double[][] matrix = new double[n][n];
        final double[] rhs = new double[n];
        for (int s = 0; s < n; s++)
        {
            final int a = policy[s];
            if (a < actionStart[s] || a >= actionStart[s + 1])
            {
                throw new IllegalArgumentException("action " + a + " does not belong to state " + s);
            }
            matrix[s][s] = 1.0;
            for (int t = transitionStart[a], end = transitionStart[a + 1]; t < end; t++)
            {
                matrix[s][transitionState[t]] -= discount * transitionProbability[t];
            }
            rhs[s] = actionCost[a];
        }
        DenseLinearSolver.solveInPlace(matrix, rhs, n);
        return rhs;
    }

    /**
     * Action index of a state that has a given target.
     *
     * @param state  a state.
     * @param target a target distance.
     * @return the action index, or -1 when the state has no such action.
     */
    public int actionWithTarget(final int state, final int target)
    {
        for (int a = actionStart[state]; a < actionStart[state + 1]; a++)
        {
            if (actionTarget[a] == target)
            {
                return a;
            }
        }
        return -1;
    }

    /**
     * Builds a {@link FiniteMdp} state by state: {@code state()}, then per action {@code action(..)} followed by
     * its {@code transition(..)}s. {@link #build()} validates the result.
     */
    public static final class Builder
    {
        private final double discount;
        private int states;
        private int actions;
        private int transitions;
        private int[] actionStart = new int[16];
        private int[] actionTarget = new int[16];
        private double[] actionCost = new double[16];
        private int[] transitionStart = new int[16];
        private int[] transitionState = new int[32];
        private double[] transitionProbability = new double[32];

        /**
         * A builder.
         *
         * @param discount gamma, in (0, 1).
         */
        public Builder(final double discount)
        {
            if (!(discount > 0 && discount < 1))
            {
                throw new IllegalArgumentException("discount must be in (0, 1): " + discount);
            }
            this.discount = discount;
        }

        /**
         * Starts the next state.
         *
         * @return this.
         */
        public Builder state()
        {
            if (states + 1 >= actionStart.length)
            {
                actionStart = Arrays.copyOf(actionStart, actionStart.length * 2);
            }
            actionStart[states++] = actions;
            return this;
        }

        /**
         * Adds an action to the current state.
         *
         * @param target the target distance the action stands for.
         * @param cost   its expected immediate cost.
         * @return this.
         */
        public Builder action(final int target, final double cost)
        {
            if (states == 0)
            {
                throw new IllegalStateException("action before state()");
            }
            if (!Double.isFinite(cost))
            {
                throw new IllegalArgumentException("cost not finite in state " + (states - 1) + ": " + cost);
            }
            if (actions + 1 >= actionTarget.length)
            {
                actionTarget = Arrays.copyOf(actionTarget, actionTarget.length * 2);
                actionCost = Arrays.copyOf(actionCost, actionCost.length * 2);
                transitionStart = Arrays.copyOf(transitionStart, transitionStart.length * 2);
            }
            actionTarget[actions] = target;
            actionCost[actions] = cost;
            transitionStart[actions] = transitions;
            actions++;
            return this;
        }

        /**
         * Adds a transition to the current action; zero probabilities are skipped.
         *
         * @param next        next state.
         * @param probability its probability.
         * @return this.
         */
        public Builder transition(final int next, final double probability)
        {
            if (actions == 0 || actionStart[states - 1] == actions)
            {
                throw new IllegalStateException("transition before action()");
            }
            if (!(probability >= 0 && probability <= 1))
            {
                throw new IllegalArgumentException("probability not in [0, 1]: " + probability);
            }
            if (probability == 0)
            {
                return this;
            }
            if (transitions >= transitionState.length)
            {
                transitionState = Arrays.copyOf(transitionState, transitionState.length * 2);
                transitionProbability = Arrays.copyOf(transitionProbability, transitionProbability.length * 2);
            }
            transitionState[transitions] = next;
            transitionProbability[transitions] = probability;
            transitions++;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the MDP.
         * @throws IllegalArgumentException when a state has no action, a next state is out of range or an
         *                                  action's probabilities do not sum to 1.
         */
        public FiniteMdp build()
        {
            if (states == 0)
            {
                throw new IllegalArgumentException("no states");
            }
            for (int s = 0; s < states; s++)
            {
                final int end = s + 1 < states ? actionStart[s + 1] : actions;
                if (end == actionStart[s])
                {
                    throw new IllegalArgumentException("state " + s + " has no action");
                }
            }
            for (int a = 0; a < actions; a++)
            {
                final int end = a + 1 < actions ? transitionStart[a + 1] : transitions;
                double sum = 0;
                for (int t = transitionStart[a]; t < end; t++)
                {
                    if (transitionState[t] < 0 || transitionState[t] >= states)
                    {
                        throw new IllegalArgumentException("action " + a + " goes to unknown state " +
                            transitionState[t]);
                    }
                    sum += transitionProbability[t];
                }
                if (Math.abs(sum - 1.0) > 1e-9)
                {
                    throw new IllegalArgumentException("probabilities of action " + a + " sum to " + sum);
                }
            }
            return new FiniteMdp(this);
        }
    }
}
