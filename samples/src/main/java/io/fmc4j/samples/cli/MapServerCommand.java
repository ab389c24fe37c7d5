/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.NoPacketIoProviderException;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.ms.MapServerConfig;
import io.fmc4j.core.msdb.MappingDatabase;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j ms --config FILE}: runs the Map-Server/Map-Resolver on the configured device until interrupted
 * (or for {@code --seconds}), printing its counters periodically.
 */
@Command(
    name = "ms",
    mixinStandardHelpOptions = true,
    description = {
        "Run a LISP Map-Server/Map-Resolver (registrations, Map-Requests, pub/sub) until interrupted.",
        "The configuration file format is described in lisp-core/README-mapserver.md.",
        "Example: fmc4j ms --config ms.conf --stats 10"})
public final class MapServerCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "Configuration file.")
    Path config;

    @Option(names = "--stats", defaultValue = "10", description = "Seconds between counter lines (default 10).")
    int statsSeconds;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds (0: never).")
    int seconds;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final MapServerConfig cfg;
        try
        {
            cfg = MapServerConfig.read(config);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        final PacketIo io;
        try
        {
            io = PacketIoProviders.select(cfg.provider()).open(new PacketIoConfig().localAddress(cfg.listen()));
        }
        catch (final NoPacketIoProviderException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        try (io; MappingDatabase db = new MappingDatabase(cfg.databaseContext()))
        {
            final ErrorHandler errors = ex -> ex.printStackTrace(err);
            final MapServer server = new MapServer(cfg.applyTo(new MapServer.Context().packetIo(io).database(db)
                .errorHandler(errors)));
            out.println("map-server on " + io.description() + ", sites " + cfg.sites().size() + ", " + db.size() +
                " registrations loaded");
            out.flush();
            final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), errors, null, server);
            final Thread shutdown = new Thread(runner::close, "fmc4j-ms-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            AgentRunner.startOnThread(runner);
            final long end = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(statsSeconds);
            while (System.nanoTime() < end && !runner.isClosed())
            {
                Thread.sleep(50);
                if (System.nanoTime() >= nextStats)
                {
                    nextStats += TimeUnit.SECONDS.toNanos(statsSeconds);
                    out.println(stats(server, db));
                    out.flush();
                }
            }
            runner.close();
            Runtime.getRuntime().removeShutdownHook(shutdown);
            out.println(stats(server, db));
            out.flush();
        }
        return 0;
    }

    private static String stats(final MapServer server, final MappingDatabase db)
    {
        return server.appendCounters(new StringBuilder(256).append("registrations=").append(db.size())
            .append(" subscriptions=").append(server.subscriptionCount()).append(' ')).toString();
    }
}
