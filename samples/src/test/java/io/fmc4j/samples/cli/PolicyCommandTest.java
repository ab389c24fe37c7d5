/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.fmc.mdp.MdpSolution;
import io.fmc4j.fmc.mdp.PolicyIteration;
import io.fmc4j.fmc.mdp.WangRingModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyCommandTest
{
    private String stdout;
    private String stderr;

    private int run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            return Fmc4j.run(args);
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
            stdout = outBytes.toString(StandardCharsets.UTF_8);
            stderr = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json()
    {
        return (Map<String, Object>)MiniJson.parse(stdout.trim());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSolveWangModelAndPrintValuesAndActions()
    {
        assertEquals(0, run("policy", "solve", "--model", "wang", "--rings", "10", "--r", "0.1", "--b", "5",
            "--gamma", "0.9"), stderr);
        final Map<String, Object> json = json();
        final List<Object> values = (List<Object>)json.get("values");
        final List<Object> actions = (List<Object>)json.get("actions");
        assertEquals(11, values.size());
        assertEquals(11, actions.size());
        final MdpSolution expected = PolicyIteration.solve(new WangRingModel(
            new WangRingModel.Context().rings(10).moveProbability(0.1).migrationWeight(5).discount(0.9)));
        for (int d = 0; d <= 10; d++)
        {
            assertEquals(expected.value(d), (Double)values.get(d), 1e-9 * Math.abs(expected.value(d)));
            assertEquals(expected.target(d), ((Double)actions.get(d)).intValue());
        }
        assertEquals("fast", json.get("solver"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSolveFmcModelWithContinueOrMigrateActions()
    {
        assertEquals(0, run("policy", "solve", "--model", "fmc", "--thr", "10", "--p", "0.1", "--tau", "0.5",
            "--gamma", "0.9"), stderr);
        final Map<String, Object> json = json();
        final List<Object> actions = (List<Object>)json.get("actions");
        assertEquals(11, actions.size());
        assertEquals(4.0, json.get("threshold"));
        for (int s = 0; s <= 10; s++)
        {
            assertEquals(s >= 4 && s < 10 ? "migrate" : "continue", actions.get(s), "s=" + s);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSimulateAllPoliciesSideBySide()
    {
        assertEquals(0, run("policy", "simulate", "--model", "wang", "--r", "0.1", "--b", "0.5", "--runs", "300",
            "--slots", "200", "--seed", "3"), stderr);
        final List<Object> policies = (List<Object>)json().get("policies");
        assertEquals(4, policies.size());
        final String[] names = {"fast", "never-migrate", "always-migrate", "myopic"};
        double solved = 0;
        for (int i = 0; i < names.length; i++)
        {
            final Map<String, Object> p = (Map<String, Object>)policies.get(i);
            assertEquals(names[i], p.get("name"));
            final double cost = (Double)p.get("discountedCost");
            if (i == 0)
            {
                solved = cost;
            }
            else
            {
                assertTrue(solved < cost, names[i]);
            }
        }
        assertEquals(0, run("policy", "simulate", "--model", "fmc", "--p", "0.7", "--runs", "100", "--slots", "50"),
            stderr);
        assertEquals("line", json().get("mobility"));
    }

    @Test
    void shouldRejectBadParametersWithAClearMessage()
    {
        assertEquals(2, run("policy", "solve", "--model", "wang", "--r", "0.5"));
        assertTrue(stderr.contains("r must be in (0, 1/6]"), stderr);
        assertEquals(2, run("policy", "solve", "--model", "nope"));
        assertTrue(stderr.contains("unknown model"), stderr);
        assertEquals(2, run("policy", "solve", "--solver", "magic"));
        assertTrue(stderr.contains("unknown solver"), stderr);
        assertEquals(2, run("policy", "simulate", "--runs", "1"));
        assertEquals(2, run("policy", "simulate", "--model", "fmc", "--mobility", "hex"));
        assertEquals(2, run("policy", "solve", "--gamma", "abc"));
        assertTrue(stdout.isEmpty(), stdout);
    }
}
