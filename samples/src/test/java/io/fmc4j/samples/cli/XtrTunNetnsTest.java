/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.ms.MapServerCounters;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.dataplane.tun.TunPacketIoProvider;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIoProvider;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two LISP sites resolved through a Map-Server, end to end: an in-process fmc4j {@link MapServer} on a loopback
 * address and two {@code fmc4j xtr} processes (TUN on the EID side, UDP on the RLOC side, each on its own loopback
 * RLOC), whose TUN devices the test moves into two network namespaces holding the hosts. No map-cache entry is
 * configured: the xTRs register their /24s, and the first packets' misses become Map-Requests through the
 * Map-Server, forwarded to the other xTR, whose Map-Reply fills the map-cache. Then {@code ping} between the hosts
 * must succeed. Needs root, {@code ip}, {@code ping} and the TUN backend; skips with the reason otherwise.
 * Namespaces are created and removed by the test.
 */
class XtrTunNetnsTest
{
    private static final byte[] SECRET = "netns-secret".getBytes(StandardCharsets.US_ASCII);
    private final long id = ProcessHandle.current().pid() % 10_000;
    private final String net = "127." + (20 + id % 200) + ".79.";
    private final String nsA = "fmc4j-ya" + id;
    private final String nsB = "fmc4j-yb" + id;
    private final String tunA = "fmcya" + id;
    private final String tunB = "fmcyb" + id;
    private final List<Process> children = new ArrayList<>();
    private boolean namespaces;
    private String ip;
    private String ping;
    private MappingDatabase db;
    private PacketIo io;
    private MapServer server;
    private AgentRunner runner;
    private int serverPort;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException
    {
        final Throwable tun = new TunPacketIoProvider().unavailabilityCause();
        assumeTrue(tun == null, () -> "TUN backend unavailable here: " + tun.getMessage());
        assumeTrue(isRoot(), "the xTR + TUN test needs root (network namespaces, TUN devices)");
        ip = which("ip");
        ping = which("ping");
        assumeTrue(ip != null, "the xTR + TUN test needs ip (iproute2)");
        assumeTrue(ping != null, "the xTR + TUN test needs ping (iputils-ping)");
        db = new MappingDatabase(new MappingDatabase.Context().capacity(64)
            .site(Site.builder("sites").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96, SECRET)).allow("10.79.0.0/16")
                .acceptMoreSpecifics(true).build()));
        io = new UdpPacketIoProvider().open(new PacketIoConfig().localAddress(new InetSocketAddress(net + "1", 0)));
        serverPort = ((UdpPacketIo)io).localAddress().getPort();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        for (final Process p : children)
        {
            p.destroy();
        }
        for (final Process p : children)
        {
            if (!p.waitFor(10, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
            }
        }
        if (namespaces)
        {
            for (final String ns : new String[] {nsA, nsB})
            {
                try
                {
                    run(30, ip, "netns", "del", ns);
                }
                catch (final IOException ignore)
                {
                    // Already gone.
                }
            }
        }
        if (null != runner)
        {
            runner.close();
        }
        if (null != io)
        {
            io.close();
        }
        if (null != db)
        {
            db.close();
        }
    }

    @Test
    void shouldPingBetweenTwoSitesWhoseXtrsRegisterAndResolveThroughTheMapServer() throws Exception
    {
        final int controlPort;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(net + "2", 0)))
        {
            controlPort = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        server = new MapServer(new MapServer.Context().packetIo(io).database(db).controlPort(controlPort));
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, server);
        AgentRunner.startOnThread(runner);
        run(30, ip, "netns", "add", nsA);
        namespaces = true;
        run(30, ip, "netns", "add", nsB);

        final Path logA = start("a", net + "2", controlPort, "0xa1", "10.79.1.0/24", tunA);
        final Path logB = start("b", net + "3", controlPort, "0xb2", "10.79.2.0/24", tunB);
        awaitDevice(tunA, logA);
        awaitDevice(tunB, logB);
        configure(tunA, nsA, "10.79.1.1/24", "10.79.2.0/24");
        configure(tunB, nsB, "10.79.2.1/24", "10.79.1.0/24");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.counter(MapServerCounters.REGISTER_ACCEPTED) < 2 && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertTrue(server.counter(MapServerCounters.REGISTER_ACCEPTED) >= 2, () -> "registrations: " +
            counters() + "\n" + read(logA) + "\n" + read(logB));

        // The first echo requests miss in both map-caches (a's for b's site, then b's reply for a's site) and are
        // dropped while the Map-Requests go out; a lookup retries every 200 ms.
        boolean first = false;
        int attempts = 0;
        while (attempts < 20 && !first)
        {
            attempts++;
            first = pingOk(1, nsA, "10.79.2.1");
        }
        assertTrue(first, () -> "no echo reply after 20 tries; ms: " + counters() + "\n" + read(logA) + "\n" +
            read(logB));
        String pings;
        try
        {
            pings = run(30, ip, "netns", "exec", nsA, ping, "-c", "5", "-i", "0.2", "-W", "2", "10.79.2.1");
        }
        catch (final IOException ex)
        {
            pings = ex.getMessage();
        }
        final String result = pings;
        assertTrue(result.contains("5 received"), () -> result + "\nms: " + counters() + "\n" + read(logA) + "\n" +
            read(logB));
        // Both directions were resolved through the Map-Server: the Map-Requests were forwarded to the ETRs.
        assertTrue(server.counter(MapServerCounters.REQUEST_FORWARDED) >= 2, this::counters);
        assertTrue(pingOk(3, nsB, "10.79.1.1"), () -> "b to a; ms: " + counters());
        System.out.println("first echo reply after " + attempts + " one-packet pings; map-server: " + counters());
    }

    private String counters()
    {
        return server.appendCounters(new StringBuilder()).toString();
    }

    private boolean pingOk(final int count, final String ns, final String target)
    {
        try
        {
            return run(30, ip, "netns", "exec", ns, ping, "-c", Integer.toString(count), "-i", "0.2", "-W", "1",
                target).contains(count + " received");
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private Path start(
        final String name, final String rloc, final int controlPort, final String xtrId, final String eid,
        final String tun) throws IOException
    {
        final Path config = dir.resolve(name + ".conf");
        Files.writeString(config, String.join("\n",
            "xtr-id = " + xtrId,
            "control = " + rloc + ":" + controlPort,
            "rloc = " + rloc,
            "peer-port = " + controlPort,
            "map-server = " + net + "1:" + serverPort + " sha1 secret=netns-secret",
            "map-resolver = " + net + "1:" + serverPort,
            "eid = " + eid + " priority=1 weight=100",
            "register-retry-ms = 200",
            "request-retry-ms = 200",
            "request-max-retry-ms = 400",
            "probe-interval-ms = 0",
            "tun = " + tun,
            "data-rloc = " + rloc + ":4341",
            "tun-mtu = 1400",
            ""));
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        command.add("-Xmx256m");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle."))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Fmc4j.class.getName());
        command.add("xtr");
        command.add("--config");
        command.add(config.toString());
        command.add("--seconds");
        command.add("120");
        command.add("--stats");
        command.add("1");
        final Path log = dir.resolve(name + ".log");
        children.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        return log;
    }

    private void awaitDevice(final String tun, final Path log) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            try
            {
                run(10, ip, "link", "show", "dev", tun);
                return;
            }
            catch (final IOException notYet)
            {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("fmc4j xtr did not create " + tun + ":\n" + read(log));
    }

    private void configure(final String tun, final String ns, final String address, final String peerPrefix)
        throws IOException
    {
        run(30, ip, "link", "set", "dev", tun, "netns", ns);
        run(30, ip, "-n", ns, "link", "set", "dev", "lo", "up");
        run(30, ip, "-n", ns, "link", "set", "dev", tun, "up");
        run(30, ip, "-n", ns, "addr", "add", address, "dev", tun);
        run(30, ip, "-n", ns, "route", "add", peerPrefix, "dev", tun);
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.exists(log) ? log.getFileName() + ":\n" + Files.readString(log) : "";
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static boolean isRoot()
    {
        try
        {
            return "0".equals(run(30, "id", "-u").trim());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String which(final String name)
    {
        for (final String d : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"})
        {
            final Path path = Path.of(d, name);
            if (Files.isExecutable(path))
            {
                return path.toString();
            }
        }
        return null;
    }

    private static String run(final int timeoutSeconds, final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), ex);
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
