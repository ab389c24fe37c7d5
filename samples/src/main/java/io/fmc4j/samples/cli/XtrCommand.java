/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.EidPrefix;

import io.fmc4j.api.spi.dataplane.NoPacketIoProviderException;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.control.xtr.XtrConfigFile;
import io.fmc4j.core.control.xtr.DataPathMissQueue;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.datapath.RlocMode;
import io.fmc4j.core.datapath.XtrDataPlane;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import org.agrona.BufferUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j xtr --config FILE}: runs the xTR control agent (registration, resolution, ETR replies, probing,
 * SMR, pub/sub) on the control port given in the file and, when the file names a TUN device and a data RLOC, the
 * data path (TUN on the EID side, UDP 4341 on the RLOC side) feeding it misses; prints the counters periodically
 * and withdraws the registrations when stopped (Ctrl-C or {@code --seconds}).
 */
@Command(
    name = "xtr",
    mixinStandardHelpOptions = true,
    description = {
        "Run an xTR control plane from a configuration file (format: lisp-core/README-xtr.md).",
        "Examples: fmc4j xtr --config site-a.conf",
        "          fmc4j xtr --config site-a.conf --seconds 60 --stats 5"})
public final class XtrCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The xTR configuration file.")
    Path config;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds (0: run until "
        + "interrupted).")
    int seconds;

    @Option(names = "--stats", defaultValue = "10", description = "Print counters every this many seconds "
        + "(default 10; 0: only at the end).")
    int stats;

    @Option(names = "--commands", description = "Read EID commands from standard input, one a line: "
        + "'add PREFIX PRIORITY WEIGHT [merge]', 'promote PREFIX PRIORITY WEIGHT', 'remove PREFIX', "
        + "'resolve PREFIX'; each is answered 'ok LINE' or 'error LINE: REASON'; end of input stops the xTR.")
    boolean commands;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final XtrConfigFile file;
        try
        {
            file = XtrConfigFile.read(config);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(config + ": " + ex.getMessage());
            return 2;
        }
        final PacketIo io;
        try
        {
            io = PacketIoProviders.select(file.dataplane()).open(withProperties(
                new PacketIoConfig().localAddress(file.context().controlAddress()), file.packetIoProperties()));
        }
        catch (final NoPacketIoProviderException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        final UnsafeBuffer errorBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64 * 1024, 64));
        final DistinctErrorLog errorLog = new DistinctErrorLog(errorBuffer, SystemEpochClock.INSTANCE);
        final ErrorHandler errors = (throwable) ->
        {
            if (!errorLog.record(throwable))
            {
                err.println("error log full: " + throwable);
            }
        };
        // The data path's instance gets the DIR-24-8 table: its IPv4 lookups are then one or two loads, read in place.
        try (ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context()
            .capacity(file.mapCacheCapacity())
            .ipv4DirectInstanceIds(file.tun() == null ? new int[0] : new int[] {file.instanceId()})))
        {
            final XtrDataPlane dataPlane;
            try
            {
                dataPlane = file.tun() == null ? null : XtrDataPlane.launch(new XtrDataPlane.Context()
                    .mapCache(cache)
                    .localRloc(InetAddress.getByAddress(ipv4Bytes(file.context().rlocIpv4())))
                    .rlocMode(RlocMode.UDP_SOCKET)
                    .rlocDevice(file.rlocDataplane(), thread -> withProperties(
                        new PacketIoConfig().localAddress(file.dataRloc()), file.packetIoProperties()))
                    .forwardDeparted(file.forwardDeparted())
                    .mapRequestRetryMs(file.context().requestRetryMs())
                    .eidDevice(file.instanceId(), "tun", thread -> new PacketIoConfig().deviceName(file.tun())
                        .mtu(file.tunMtu()))
                    .errorHandler(errors)
                    .idleStrategySupplier(BackoffIdleStrategy::new));
            }
            catch (final IOException | RuntimeException ex)
            {
                err.println("cannot start the data path: " + ex.getMessage());
                return 1;
            }
            final XtrControlAgent agent = new XtrControlAgent(file.context(), io, cache,
                dataPlane == null ? null : new DataPathMissQueue(dataPlane.events()));
            out.println("xtr control agent on " + io.description() + ", " + file.context().eids().size() +
                " EID prefixes, " + file.context().mapServers().size() + " map-servers, " +
                file.context().mapResolvers().size() + " map-resolvers");
            out.println(dataPlane == null ? "data path: none configured (control plane only)" :
                "data path: tun " + file.tun() + " (instance " + file.instanceId() + ") <-> udp " + file.dataRloc());
            out.flush();
            final AgentRunner runner = new AgentRunner(
                new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
                errors, null, agent);
            final Thread shutdown = new Thread(() -> runner.close(), "fmc4j-xtr-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            AgentRunner.startOnThread(runner);
            if (commands)
            {
                final Thread reader = new Thread(() -> readCommands(agent, runner, out), "fmc4j-xtr-commands");
                reader.setDaemon(true);
                reader.start();
            }
            final long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, stats));
            while (!runner.isClosed() && (seconds == 0 || System.nanoTime() - deadline < 0))
            {
                Thread.sleep(100);
                if (stats > 0 && System.nanoTime() - nextStats >= 0)
                {
                    nextStats += TimeUnit.SECONDS.toNanos(stats);
                    out.println("counters: " + agent.counters());
                    if (dataPlane != null)
                    {
                        out.println("data path: " + dataPathCounters(dataPlane));
                    }
                    out.flush();
                }
            }
            runner.close();
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            }
            catch (final IllegalStateException ignored)
            {
                // the JVM is already shutting down
            }
            out.println("counters: " + agent.counters());
            out.println("map-cache: " + cache.size() + " mappings");
            if (dataPlane != null)
            {
                out.println("data path: " + dataPathCounters(dataPlane));
                dataPlane.close();
            }
            ErrorLogReader.read(errorBuffer, (count, first, last, text) ->
                out.println("error (" + count + " times): " + text));
        }
        finally
        {
            io.close();
        }
        return 0;
    }

    /** The data path's non-zero counters, {@code name=value} separated by spaces. */
    private static String dataPathCounters(final XtrDataPlane dataPlane)
    {
        final StringBuilder sb = new StringBuilder();
        for (int id = 0; id < DataPathCounters.SLOTS; id++)
        {
            final String name = DataPathCounters.name(id);
            final long value = dataPlane.counter(id);
            if (value != 0 && !name.startsWith("counter-"))
            {
                sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(value);
            }
        }
        return sb.toString();
    }

    private static PacketIoConfig withProperties(final PacketIoConfig config, final Map<String, String> properties)
    {
        properties.forEach(config::property);
        return config;
    }

    private static void readCommands(final XtrControlAgent agent, final AgentRunner runner, final PrintWriter out)
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final String command = line.trim();
                if (command.isEmpty())
                {
                    continue;
                }
                String reply;
                try
                {
                    reply = apply(agent, command) ? "ok " + command : "error " + command + ": command queue full";
                }
                catch (final IllegalArgumentException ex)
                {
                    reply = "error " + command + ": " + ex.getMessage();
                }
                synchronized (out)
                {
                    out.println(reply);
                    out.flush();
                }
            }
        }
        catch (final IOException ex)
        {
            synchronized (out)
            {
                out.println("error reading commands: " + ex.getMessage());
                out.flush();
            }
        }
        runner.close();
    }

    /**
     * Applies one {@code --commands} line to an agent.
     *
     * @param agent   the xTR control agent.
     * @param command e.g. {@code add 10.100.0.5/32 2 100 merge}.
     * @return false when the agent's command queue is full.
     * @throws IllegalArgumentException when the line is not a valid command.
     */
    public static boolean apply(final XtrControlAgent agent, final String command)
    {
        final String[] words = command.split("\\s+");
        final String verb = words[0].toLowerCase(Locale.ROOT);
        switch (verb)
        {
            case "add":
                expectWords(words, 4, 5);
                if (words.length == 5 && !"merge".equalsIgnoreCase(words[4]))
                {
                    throw new IllegalArgumentException("the fifth word may only be 'merge'");
                }
                return agent.addEid(EidPrefix.parse(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3]),
                    words.length == 5);
            case "promote":
                expectWords(words, 4, 4);
                return agent.promoteEid(EidPrefix.parse(words[1]), Integer.parseInt(words[2]),
                    Integer.parseInt(words[3]));
            case "remove":
                expectWords(words, 2, 2);
                return agent.removeEid(EidPrefix.parse(words[1]));
            case "resolve":
                expectWords(words, 2, 2);
                return agent.resolve(EidPrefix.parse(words[1]));
            default:
                throw new IllegalArgumentException("unknown command (add, promote, remove, resolve)");
        }
    }

    private static void expectWords(final String[] words, final int min, final int max)
    {
        if (words.length < min || words.length > max)
        {
            throw new IllegalArgumentException(words[0] + " takes " + (min - 1) +
                (max > min ? " or " + (max - 1) : "") + " arguments");
        }
    }

    private static byte[] ipv4Bytes(final int ipv4)
    {
        return new byte[] {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
    }
}
