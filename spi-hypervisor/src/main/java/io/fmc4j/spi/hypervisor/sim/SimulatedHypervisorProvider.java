/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code "sim"} provider: a pre-copy model, always available. Properties (sizes in MiB, rates in MiB/s or
 * Mbit/s, times in ms):
 * <pre>
 * sim.speed          0 for virtual time (default), else the real-time speed factor (1 = real time)
 * sim.hosts          comma-separated host names, e.g. dc1,dc2
 * sim.vm.NAME        host=dc1,memoryMiB=1024,dirtyMiBps=10,workingSetMiB=256,eid=10.1.0.5/32
 * sim.link.default   rttMs=10,mbps=1000,windowKiB=0
 * sim.link.A.B       the same, for the path between hosts A and B
 * </pre>
 * The control returned manages {@link HypervisorConfig#host()}; the other hosts are reached through
 * {@link SimulatedHypervisor#cloud()}.
 */
public final class SimulatedHypervisorProvider implements HypervisorProvider
{
    /** Provider name. */
    public static final String NAME = "sim";
    private static final long MIB = 1024L * 1024L;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return 0;
    }

    @Override
    public Throwable unavailabilityCause()
    {
        return null;
    }

    @Override
    public HypervisorControl open(final HypervisorConfig config)
    {
        final double speed;
        try
        {
            speed = Double.parseDouble(config.propertyOrDefault("sim.speed", "0"));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("property sim.speed is not a number: " + config.property("sim.speed"));
        }
        final SimulatedCloud cloud = new SimulatedCloud(speed == 0 ? SimClock.virtual() : SimClock.scaled(speed));
        cloud.addHost(config.host());
        for (final String host : config.propertyOrDefault("sim.hosts", "").split(","))
        {
            if (!host.isBlank())
            {
                cloud.addHost(host.trim());
            }
        }
        for (final Map.Entry<String, String> entry : config.properties().entrySet())
        {
            final String key = entry.getKey();
            if (key.startsWith("sim.vm."))
            {
                final String name = key.substring("sim.vm.".length());
                final Map<String, String> fields = fields(key, entry.getValue());
                final long memory = number(key, fields, "memoryMiB", 1024) * MIB;
                final String eid = config.eid(name) != null ? config.eid(name) : fields.get("eid");
                cloud.addVm(fields.getOrDefault("host", config.host()), new SimulatedVm(
                    name, eid, memory, number(key, fields, "dirtyMiBps", 0) * MIB,
                    Math.min(memory, number(key, fields, "workingSetMiB", memory / MIB) * MIB)));
            }
            else if (key.equals("sim.link.default"))
            {
                cloud.defaultLink(link(key, entry.getValue()));
            }
            else if (key.startsWith("sim.link."))
            {
                final String[] ends = key.substring("sim.link.".length()).split("\\.", 2);
                if (ends.length != 2)
                {
                    throw new IllegalArgumentException("property " + key + ": expected sim.link.HOST_A.HOST_B");
                }
                cloud.link(ends[0], ends[1], link(key, entry.getValue()));
            }
        }
        return cloud.control(config.host());
    }

    private static SimulatedCloud.Link link(final String key, final String value)
    {
        final Map<String, String> fields = fields(key, value);
        return new SimulatedCloud.Link(number(key, fields, "rttMs", 1) * 1_000_000L,
            number(key, fields, "mbps", 1000) * 1_000_000L, number(key, fields, "windowKiB", 0) * 1024L);
    }

    private static Map<String, String> fields(final String key, final String value)
    {
        final Map<String, String> fields = new HashMap<>();
        for (final String part : value.split(","))
        {
            if (part.isBlank())
            {
                continue;
            }
            final int eq = part.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("property " + key + ": expected name=value, got '" + part + "'");
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return fields;
    }

    private static long number(final String key, final Map<String, String> fields, final String field,
        final long defaultValue)
    {
        final String value = fields.get(field);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("property " + key + ": " + field + " is not an integer: " + value, ex);
        }
    }
}
