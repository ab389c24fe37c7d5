/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
            io = PacketIoProviders.select(file.dataplane()).open(
                new PacketIoConfig().localAddress(file.context().controlAddress()));
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
                    .rlocDevice("udp", thread -> new PacketIoConfig().localAddress(file.dataRloc()))
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
            final long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, stats));
            while (!runner.isClosed() && (seconds == 0 || System.nanoTime() - deadline < 0))
            {
                Thread.sleep(100);
                if (stats > 0 && System.nanoTime() - nextStats >= 0)
                {
                    nextStats += TimeUnit.SECONDS.toNanos(stats);
                    out.println("counters: " + agent.counters());
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

    private static byte[] ipv4Bytes(final int ipv4)
    {
        return new byte[] {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
    }
}
