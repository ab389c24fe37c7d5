/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.NoPacketIoProviderException;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j dataplane}: lists the packet-I/O providers and why each is unavailable here, or opens one device
 * and prints the packets it receives (length, sender, first bytes) until a count or a timeout.
 */
@Command(
    name = "dataplane",
    mixinStandardHelpOptions = true,
    description = {
        "List packet-I/O providers and their availability, or receive packets from one device.",
        "Examples: fmc4j dataplane",
        "          fmc4j dataplane --provider udp --bind 0.0.0.0:4341 --count 10",
        "          fmc4j dataplane --provider tun --device fmc0 --seconds 30"})
public final class DataplaneCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--provider", description = "Provider name, or 'auto'; without it, only list providers.")
    String provider;

    @Option(names = "--device", description = "Device name (TUN interface, DPDK device, memory link).")
    String device;

    @Option(names = "--bind", description = "host:port to bind (udp).")
    String bind;

    @Option(names = "--property", description = "Backend property key=value (e.g. dpdk.devargs=size=64).")
    List<String> properties;

    @Option(names = "--count", defaultValue = "10", description = "Stop after this many packets (default 10).")
    int count;

    @Option(names = "--seconds", defaultValue = "10", description = "Stop after this many seconds (default 10).")
    int seconds;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<PacketIoProvider> providers = PacketIoProviders.load(null);
        if (provider == null)
        {
            out.println(PacketIoProviders.describe("packet-I/O providers on this machine", providers));
            return 0;
        }
        final PacketIoProvider chosen;
        try
        {
            chosen = PacketIoProviders.select(provider, providers);
        }
        catch (final NoPacketIoProviderException ex)
        {
            spec.commandLine().getErr().println(ex.getMessage());
            return 2;
        }
        final PacketIoConfig config = new PacketIoConfig().deviceName(device);
        if (bind != null)
        {
            final int colon = bind.lastIndexOf(':');
            if (colon < 0)
            {
                spec.commandLine().getErr().println("--bind needs host:port, got " + bind);
                return 2;
            }
            final String host = bind.substring(0, colon).replace("[", "").replace("]", "");
            config.localAddress(
                new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(bind.substring(colon + 1))));
        }
        if (properties != null)
        {
            for (final String property : properties)
            {
                final int eq = property.indexOf('=');
                if (eq <= 0)
                {
                    spec.commandLine().getErr().println("--property needs key=value, got " + property);
                    return 2;
                }
                config.property(property.substring(0, eq), property.substring(eq + 1));
            }
        }
        try (PacketIo io = chosen.open(config))
        {
            out.println("receiving on " + io + " (headroom " + io.headroom() + ", mtu " + io.mtu() + ")");
            out.flush();
            final int[] seen = new int[1];
            final PacketHandler print = (buffer, offset, length, source) ->
            {
                final StringBuilder line = new StringBuilder(96).append(length).append(" bytes from ");
                source.appendTo(line).append(':');
                for (int i = 0; i < Math.min(length, 16); i++)
                {
                    line.append(' ').append(Character.forDigit((buffer.getByte(offset + i) >> 4) & 0xF, 16))
                        .append(Character.forDigit(buffer.getByte(offset + i) & 0xF, 16));
                }
                out.println(line);
                seen[0]++;
            };
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (seen[0] < count && System.nanoTime() < deadline && io.state() == PacketIo.STATE_ACTIVE)
            {
                if (io.poll(print, count - seen[0]) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            out.println("counters: " + io.counters());
            if (io.failureCause() != null)
            {
                out.println("device failed: " + io.failureCause());
                return 1;
            }
        }
        return 0;
    }
}
