/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypervisorCommandTest
{
    private final StringWriter out = new StringWriter();

    private int run(final String... args)
    {
        return new CommandLine(new Fmc4j()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
    }

    @Test
    void shouldListTheProviders()
    {
        assertEquals(0, run("hypervisor", "providers"));
        assertTrue(out.toString().contains("sim  priority 0   available"), out.toString());
        assertTrue(out.toString().contains("qmp"), out.toString());
        assertTrue(out.toString().contains("xen"), out.toString());
    }

    @Test
    void shouldMigrateTheDemoVmWithTheSimulator()
    {
        assertEquals(0, run("hypervisor", "migrate", "--mbps", "100"), out.toString());
        final String text = out.toString();
        assertTrue(text.contains("source-paused"), text);
        assertTrue(text.contains("vm1: completed, running on dc2"), text);
        assertTrue(text.contains("bandwidth min/mean/max"), text);
    }

    @Test
    void shouldListTheDemoVm()
    {
        assertEquals(0, run("hypervisor", "list"));
        assertTrue(out.toString().contains("vm1"), out.toString());
        assertTrue(out.toString().contains("10.1.0.1/32"), out.toString());
    }

    @Test
    void shouldFailWithTheProviderListForAnUnknownProvider()
    {
        assertEquals(1, run("hypervisor", "--provider", "vmware", "list"));
        assertTrue(out.toString().contains("'vmware' is not found"), out.toString());
    }
}
