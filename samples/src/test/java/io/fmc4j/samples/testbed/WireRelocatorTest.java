/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.ms.MapServerCounters;
import io.fmc4j.core.control.xtr.XtrContext;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.control.xtr.XtrCounters;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.fmc.controller.RelocationException;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.samples.cli.XtrCommand;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WireRelocator} against a real Map-Server on loopback: two DC xTR control agents take the relocator's
 * commands (as {@code fmc4j xtr --commands} does) and register over UDP; a third xTR, the user's, has resolved and
 * subscribed to the VM's EID and must follow the changes through the Map-Server's publications.
 */
class WireRelocatorTest
{
    private static final byte[] SECRET = "wire".getBytes(StandardCharsets.US_ASCII);
    private static final EidPrefix VM = EidPrefix.parse("10.100.0.5/32");
    private final String net = "127." + (30 + ProcessHandle.current().pid() % 200) + ".55.";
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MappingDatabase db;
    private MapServer server;
    private XtrControlAgent dc1;
    private XtrControlAgent dc2;
    private XtrControlAgent user;
    private ChronicleMapCache userCache;
    private int port;

    @BeforeEach
    void setUp() throws IOException
    {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(net + "1", 0)))
        {
            port = probe.getLocalPort();
        }
        db = new MappingDatabase(new MappingDatabase.Context().capacity(64)
            .site(Site.builder("fmc").key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, SECRET)).allow("10.0.0.0/8")
                .acceptMoreSpecifics(true).build()));
        server = new MapServer(new MapServer.Context().packetIo(open(net + "1")).database(db).controlPort(port)
            .notifyRetransmit(100, 10));
        start(server);
        dc1 = agent(net + "21", 1, "10.100.0.0/24");
        dc2 = agent(net + "22", 2, "10.101.0.0/24");
        userCache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(64));
        closeables.add(userCache);
        user = new XtrControlAgent(context(net + "12", 3, "10.2.0.0/24"), open(net + "12"), userCache, null);
        start(new CompositeAgent(dc1, dc2, user));
    }

    @AfterEach
    void tearDown()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        CloseHelper.quietClose(db);
    }

    @Test
    void shouldMoveTheEidThroughTheDcXtrsRegistrationsAndReachTheSubscribedItr() throws Exception
    {
        final Rloc rloc1 = Rloc.parse(net + "21");
        final Rloc rloc2 = Rloc.parse(net + "22");
        final List<String> told = new ArrayList<>();
        final WireRelocator relocator = relocator(Map.of(
            rloc1, (line) -> tell(told, dc1, "dc1", line),
            rloc2, (line) -> tell(told, dc2, "dc2", line)));
        await("both DC prefixes registered", () -> found("10.100.0.0/24") && found("10.101.0.0/24"));
        user.resolve(VM);
        await("the user's xTR caches DC1 for the VM", () -> rloc1.equals(rlocOf(VM)));

        relocator.preRegister(VM, rloc1, rloc2).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("dc1: add 10.100.0.5/32 1 100 merge", "dc2: add 10.100.0.5/32 2 100 merge"),
            sorted(told));
        assertEquals(2, locatorCount(), "merged registration at the Map-Server");
        Thread.sleep(300);
        assertTrue(dc1.servesEid(VM), "the source still serves the VM's EID after the pre-registration");
        assertEquals(0, dc1.counters().get(XtrCounters.EIDS_LEFT), "nobody told the source the EID left");
        assertEquals(0, dc1.counters().get(XtrCounters.DEPARTED_INSTALLED), "nor cached it as departed");
        assertEquals(0, server.counter(MapServerCounters.NOTIFY_MOBILITY_SENT), "no mobility notification yet");
        assertEquals(1, relocator.openRelocations());

        relocator.promote(VM).get(10, TimeUnit.SECONDS);
        assertEquals(1, locatorCount(), "only the destination after the promotion");
        await("the user's xTR follows the publication to DC2", () -> rloc2.equals(rlocOf(VM)));
        await("DC1's xTR was told the EID left", () -> !dc1.servesEid(VM));
        assertTrue(dc2.servesEid(VM));
        relocator.commit(VM).get(1, TimeUnit.SECONDS);
        assertEquals(0, relocator.openRelocations());
        // The displaced registration must not take the destination's with it.
        Thread.sleep(500);
        assertEquals(1, locatorCount());
        assertEquals(rloc2, rlocOf(VM));
        relocator.close();
    }

    @Test
    void shouldRollBackToTheCoveringPrefix() throws Exception
    {
        final Rloc rloc1 = Rloc.parse(net + "21");
        final Rloc rloc2 = Rloc.parse(net + "22");
        final WireRelocator relocator = relocator(Map.of(
            rloc1, (line) -> XtrCommand.apply(dc1, line),
            rloc2, (line) -> XtrCommand.apply(dc2, line)));
        await("DC1's prefix registered", () -> found("10.100.0.0/24"));
        relocator.preRegister(VM, rloc1, rloc2).get(10, TimeUnit.SECONDS);
        relocator.rollback(VM).get(10, TimeUnit.SECONDS);
        assertFalse(found(VM.toString()), "the /32 is withdrawn");
        assertTrue(found("10.100.0.0/24"));
        assertEquals(0, relocator.openRelocations());
        relocator.close();
    }

    @Test
    void shouldFailWhenAnXtrCannotBeToldOrTheChangeNeverShows() throws Exception
    {
        final Rloc rloc1 = Rloc.parse(net + "21");
        final Rloc rloc2 = Rloc.parse(net + "22");
        final WireRelocator broken = relocator(Map.of(
            rloc1, (line) -> XtrCommand.apply(dc1, line),
            rloc2, (line) ->
            {
                throw new IOException("pipe closed");
            }));
        final ExecutionException ex = assertThrows(ExecutionException.class,
            () -> broken.preRegister(VM, rloc1, rloc2).get(10, TimeUnit.SECONDS));
        assertInstanceOf(RelocationException.class, ex.getCause());
        assertTrue(ex.getCause().getMessage().contains("pipe closed"), ex.getCause().getMessage());
        broken.close();

        // A command that is delivered but never reaches the Map-Server (the xTR ignores it) times out.
        final WireRelocator silent = new WireRelocator(Map.of(rloc1, (line) -> { }, rloc2, (line) -> { }), Map.of(),
            db, server.executor(), TimeUnit.MILLISECONDS.toNanos(300));
        final CompletableFuture<Void> future = silent.preRegister(VM, rloc1, rloc2);
        final ExecutionException timeout = assertThrows(ExecutionException.class,
            () -> future.get(10, TimeUnit.SECONDS));
        assertTrue(timeout.getCause().getMessage().contains("not seen at the Map-Server"),
            timeout.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> silent.promote(EidPrefix.parse("10.100.0.9/32")).get());
        silent.close();
    }

    private WireRelocator relocator(final Map<Rloc, WireRelocator.XtrCommands> xtrs)
    {
        // The source is told 20 ms after the destination would be: the relocator must still register it first.
        return new WireRelocator(xtrs, Map.of(Rloc.parse(net + "21"), TimeUnit.MILLISECONDS.toNanos(20)), db,
            server.executor(), TimeUnit.SECONDS.toNanos(5));
    }

    private static void tell(final List<String> told, final XtrControlAgent agent, final String name,
        final String line)
    {
        synchronized (told)
        {
            told.add(name + ": " + line);
        }
        assertTrue(XtrCommand.apply(agent, line));
    }

    private static List<String> sorted(final List<String> lines)
    {
        synchronized (lines)
        {
            final List<String> copy = new ArrayList<>(lines);
            copy.sort(String::compareTo);
            return copy;
        }
    }

    private XtrControlAgent agent(final String address, final int n, final String prefix) throws IOException
    {
        final ChronicleMapCache cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(64));
        closeables.add(cache);
        return new XtrControlAgent(context(address, n, prefix), open(address), cache, null);
    }

    private XtrContext context(final String address, final int n, final String prefix)
    {
        return new XtrContext()
            .xtrId(0xF5L, n)
            .siteId(n)
            .controlAddress(new InetSocketAddress(address, port))
            .peerControlPort(port)
            .addMapServer(new XtrContext.MapServer(new InetSocketAddress(net + "1", port),
                LispAuthenticator.HMAC_SHA_256, 1, SECRET))
            .addMapResolver(new InetSocketAddress(net + "1", port))
            .addEid(new XtrContext.LocalEid(EidPrefix.parse(prefix), 1, 100))
            .registerRetryMs(100)
            .requestRetryMs(100)
            .requestMaxRetryMs(400)
            .probeIntervalMs(0)
            .subscribe(true);
    }

    private PacketIo open(final String address) throws IOException
    {
        final PacketIo io = PacketIoProviders.select("udp").open(new PacketIoConfig()
            .localAddress(new InetSocketAddress(InetAddress.getByName(address), port)));
        closeables.add(io);
        return io;
    }

    private void start(final org.agrona.concurrent.Agent agent)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
            agent);
        AgentRunner.startOnThread(runner);
        closeables.add(runner);
    }

    private boolean found(final String prefix) throws Exception
    {
        return onServer(() -> db.get(EidPrefix.parse(prefix), new RegistrationView()) == MapCacheStatus.FOUND);
    }

    private int locatorCount() throws Exception
    {
        return onServer(() ->
        {
            final RegistrationView view = new RegistrationView();
            return db.get(VM, view) == MapCacheStatus.FOUND ? view.locators().count() : 0;
        });
    }

    private Rloc rlocOf(final EidPrefix eid)
    {
        final MappingView view = new MappingView();
        if (userCache.newReader().lookupIpv4(0, (int)(eid.hi() >>> 32), view) != MapCacheStatus.FOUND ||
            view.locatorCount() == 0)
        {
            return null;
        }
        final int best = Rloc.preferredIndex(view.locators());
        return best < 0 ? null : Rloc.of(view.locators(), best);
    }

    private <T> T onServer(final java.util.concurrent.Callable<T> task) throws Exception
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        server.executor().execute(() ->
        {
            try
            {
                result.complete(task.call());
            }
            catch (final Exception ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    private static void await(final String what, final ThrowingSupplier condition) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }

    private interface ThrowingSupplier
    {
        boolean get() throws Exception;
    }
}
