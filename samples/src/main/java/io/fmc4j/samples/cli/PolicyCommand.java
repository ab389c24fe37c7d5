/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.fmc.PolicyTable;
import io.fmc4j.fmc.mdp.Baselines;
import io.fmc4j.fmc.mdp.DistanceModel;
import io.fmc4j.fmc.mdp.FastPolicyIteration;
import io.fmc4j.fmc.mdp.FmcDistanceModel;
import io.fmc4j.fmc.mdp.MdpSolution;
import io.fmc4j.fmc.mdp.PolicyIteration;
import io.fmc4j.fmc.mdp.ValueIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import io.fmc4j.fmc.sim.FmcLineScenario;
import io.fmc4j.fmc.sim.GridScenario;
import io.fmc4j.fmc.sim.HexRandomWalk;
import io.fmc4j.fmc.sim.ManhattanWalk;
import io.fmc4j.fmc.sim.RingChainScenario;
import io.fmc4j.fmc.sim.Scenario;
import io.fmc4j.fmc.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code fmc4j policy}: solve and simulate the service-migration MDPs of the fmc-policy module, printing JSON.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Follow Me Cloud service-migration policy: solve the MDP or simulate policies (JSON output).",
    subcommands = {PolicyCommand.Solve.class, PolicyCommand.Simulate.class})
public final class PolicyCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: solve or simulate");
    }

    /**
     * The model parameters shared by {@code solve} and {@code simulate}.
     */
    static final class ModelOptions
    {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec mixee;

        @Option(names = "--model", defaultValue = "wang",
            description = "wang (2-D ring MDP) or fmc (1-D FMC MDP).")
        String model;

        @Option(names = "--gamma", defaultValue = "0.9",
            description = "Discount factor in (0, 1). Default ${DEFAULT-VALUE}.")
        double gamma;

        @Option(names = "--rings", defaultValue = "10",
            description = "wang: N, the number of rings. Default ${DEFAULT-VALUE}.")
        int rings;

        @Option(names = "--r", defaultValue = "0.05",
            description = "wang: move probability per neighbour cell, (0, 1/6].")
        double r;

        @Option(names = "--b", defaultValue = "1",
            description = "wang: migration weight, c_m(x) = 1 + b(1 - 0.8^x).")
        double b;

        @Option(names = "--thr", defaultValue = "10",
            description = "fmc: threshold distance. Default ${DEFAULT-VALUE}.")
        int thr;

        @Option(names = "--p", defaultValue = "0.5", description = "fmc: probability of moving away, [0, 1].")
        double p;

        @Option(names = "--tau", defaultValue = "0.5", description = "fmc: migration cost C_m = tau * Q(0).")
        double tau;

        @Option(names = "--k", defaultValue = "1", description = "fmc: QoE lost per area of distance, K.")
        double k;

        @Option(names = "--q0", defaultValue = "10", description = "fmc: QoE when co-located, Q(0).")
        double q0;

        DistanceModel build()
        {
            try
            {
                switch (model)
                {
                    case "wang":
                        return new WangRingModel(new WangRingModel.Context()
                            .rings(rings).moveProbability(r).migrationWeight(b).discount(gamma));
                    case "fmc":
                        return new FmcDistanceModel(new FmcDistanceModel.Context()
                            .threshold(thr).awayProbability(p).tau(tau).k(k).q0(q0).discount(gamma));
                    default:
                        throw new IllegalArgumentException("unknown model '" + model + "' (wang or fmc)");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(mixee.commandLine(), ex.getMessage(), ex, null, model);
            }
        }

        void appendParameters(final Json json)
        {
            json.field("model", model).field("gamma", gamma);
            if ("wang".equals(model))
            {
                json.field("rings", rings).field("r", r).field("b", b);
            }
            else
            {
                json.field("thr", thr).field("p", p).field("tau", tau).field("k", k).field("q0", q0);
            }
        }
    }

    /**
     * {@code policy solve}: the optimal policy and its value per distance.
     */
    @Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        description = {
            "Solve the MDP; print {\"values\":[...],\"actions\":[...]} per distance 0..N.",
            "values: expected discounted cost from each distance (fmc: negated expected discounted reward).",
            "actions: wang - target distance (= distance: stay); fmc - \"continue\" or \"migrate\"."})
    static final class Solve implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ModelOptions options;

        @Option(names = "--solver", defaultValue = "fast",
            description = "fast (wang only; closed-form policy iteration), pi (policy iteration) or vi (value "
                + "iteration). fmc uses pi when fast is asked for.")
        private String solver;

        @Override
        public Integer call()
        {
            final DistanceModel model = options.build();
            final long start = System.nanoTime();
            final MdpSolution solution = solve(spec, model, solver);
            final long nanos = System.nanoTime() - start;
            final Json json = new Json().begin();
            options.appendParameters(json);
            json.field("solver", solution.solver()).field("iterations", solution.iterations())
                .field("solveMicros", nanos / 1000).field("threshold", solution.threshold())
                .field("values", solution.values());
            if (model instanceof FmcDistanceModel)
            {
                final String[] actions = new String[model.maxDistance() + 1];
                for (int d = 0; d < actions.length; d++)
                {
                    actions[d] = solution.target(d) < d ? "migrate" : "continue";
                }
                json.field("actions", actions);
            }
            else
            {
                json.field("actions", solution.targets());
            }
            print(spec, json.end());
            return 0;
        }
    }

    /**
     * {@code policy simulate}: the solved policy and the three baselines under seeded mobility.
     */
    @Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate the solved policy and the never-migrate, always-migrate and myopic baselines side by side",
            "(same seeded user paths); print each one's mean discounted cost from distance 0 with its standard",
            "error, mean cost per slot, migrations per slot and exact model value V(0)."})
    static final class Simulate implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ModelOptions options;

        @Option(names = "--solver", defaultValue = "fast", description = "Solver for the policy: fast, pi or vi.")
        private String solver;

        @Option(names = "--mobility", description = "wang: hex (default), chain or manhattan; fmc: line (default).")
        private String mobility;

        @Option(names = "--runs", defaultValue = "1000", description = "Independent runs. Default ${DEFAULT-VALUE}.")
        private int runs;

        @Option(names = "--slots", defaultValue = "500", description = "Slots per run. Default ${DEFAULT-VALUE}.")
        private int slots;

        @Option(names = "--seed", defaultValue = "1", description = "Seed. Default ${DEFAULT-VALUE}.")
        private long seed;

        @Override
        public Integer call()
        {
            if (runs < 2 || runs > 10_000_000 || slots < 1 || slots > 10_000_000)
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "need 2 <= runs <= 1e7 and 1 <= slots <= 1e7");
            }
            final DistanceModel model = options.build();
            final Scenario scenario = scenario(model);
            final MdpSolution[] policies = {
                solve(spec, model, solver),
                Baselines.neverMigrate(model),
                Baselines.alwaysMigrate(model),
                Baselines.myopic(model)};
            final PolicyTable[] tables = new PolicyTable[policies.length];
            for (int i = 0; i < policies.length; i++)
            {
                tables[i] = policies[i].toTable();
            }
            final Simulator.Result[] results = Simulator.compare(scenario, model.discount(), runs, slots, seed, tables);
            final Json json = new Json().begin();
            options.appendParameters(json);
            json.field("mobility", mobility).field("runs", runs).field("slots", slots).field("seed", seed)
                .key("policies").beginArray();
            for (int i = 0; i < results.length; i++)
            {
                json.begin()
                    .field("name", results[i].policy())
                    .field("actions", policies[i].targets())
                    .field("discountedCost", results[i].discountedCost())
                    .field("discountedCostStdErr", results[i].discountedCostStdErr())
                    .field("slotCost", results[i].slotCost())
                    .field("migrationsPerSlot", results[i].migrationsPerSlot())
                    .field("modelValue0", policies[i].value(0))
                    .end();
            }
            print(spec, json.endArray().end());
            return 0;
        }

        private Scenario scenario(final DistanceModel model)
        {
            if (model instanceof FmcDistanceModel)
            {
                if (mobility == null)
                {
                    mobility = "line";
                }
                if (!"line".equals(mobility))
                {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "fmc supports --mobility line only, got '" + mobility + "'");
                }
                return new FmcLineScenario((FmcDistanceModel)model);
            }
            final WangRingModel wang = (WangRingModel)model;
            if (mobility == null)
            {
                mobility = "hex";
            }
            switch (mobility)
            {
                case "hex":
                    return new GridScenario(wang, new HexRandomWalk(wang.moveProbability()));
                case "chain":
                    return new RingChainScenario(wang);
                case "manhattan":
                    if (wang.moveProbability() > 0.25)
                    {
                        throw new CommandLine.ParameterException(spec.commandLine(), "manhattan needs r <= 1/4");
                    }
                    return new GridScenario(wang, new ManhattanWalk(wang.moveProbability()));
                default:
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown mobility '" + mobility + "' (hex, chain or manhattan)");
            }
        }
    }

    static MdpSolution solve(final CommandSpec spec, final DistanceModel model, final String solver)
    {
        switch (solver)
        {
            case "fast":
                return model instanceof WangRingModel ?
                    FastPolicyIteration.solve((WangRingModel)model) : PolicyIteration.solve(model);
            case "pi":
                return PolicyIteration.solve(model);
            case "vi":
                return ValueIteration.solve(model);
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown solver '" + solver + "' (fast, pi or vi)");
        }
    }

    private static void print(final CommandSpec spec, final String text)
    {
        final PrintWriter out = spec.commandLine().getOut();
        out.println(text);
        out.flush();
    }
}
