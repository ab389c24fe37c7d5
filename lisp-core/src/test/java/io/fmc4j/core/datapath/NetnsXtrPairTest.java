/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.spi.dataplane.tun.TunPacketIoProvider;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two LISP sites end to end: each is a host in its own network namespace behind an fmc4j xTR
 * ({@link XtrDataPlane} with a TUN device on the EID side, moved into the host's namespace, and a UDP socket on
 * port 4341 on the RLOC side, on 127.0.0.1 and 127.0.0.2), with static map-cache entries for the other site's
 * prefix in instance ID 7. {@code ping} and an {@code iperf3} TCP transfer between the hosts must succeed, and
 * {@code tshark}, capturing on the RLOC link (loopback), must decode the traffic as LISP data with instance ID 7
 * and nonces. Needs root, {@code ip}, {@code ping}, {@code iperf3}, {@code tshark} and the TUN backend; skips
 * with the reason otherwise. Namespaces are created and removed by the test.
 */
class NetnsXtrPairTest extends DataPathTestSupport
{
    private static final int IID = 7;
    private final long id = ProcessHandle.current().pid() % 10_000;
    private final String nsA = "fmc4j-xa" + id;
    private final String nsB = "fmc4j-xb" + id;
    private final String tunA = "fmcxa" + id;
    private final String tunB = "fmcxb" + id;
    private String ip;
    private String iperf3;
    private String tshark;
    private String ping;
    private XtrDataPlane xtrA;
    private XtrDataPlane xtrB;
    private io.fmc4j.core.mapcache.ChronicleMapCache cacheB;
    private Process server;
    private Process capture;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception
    {
        final Throwable tun = new TunPacketIoProvider().unavailabilityCause();
        assumeTrue(tun == null, () -> "TUN backend unavailable here: " + tun.getMessage());
        assumeTrue(Shell.isRoot(), "the two-site test needs root (network namespaces, TUN devices)");
        ip = Shell.which("ip");
        iperf3 = Shell.which("iperf3");
        tshark = Shell.which("tshark");
        ping = Shell.which("ping");
        assumeTrue(ip != null, "the two-site test needs ip (iproute2)");
        assumeTrue(iperf3 != null, "the two-site test needs iperf3");
        assumeTrue(tshark != null, "the two-site test needs tshark");
        assumeTrue(ping != null, "the two-site test needs ping (iputils-ping)");
        // Both caches on the system clock, as the agents judge expiry by it.
        cache = new io.fmc4j.core.mapcache.ChronicleMapCache(
            new io.fmc4j.core.mapcache.ChronicleMapCache.Context().capacity(1024));
        cacheB = new io.fmc4j.core.mapcache.ChronicleMapCache(
            new io.fmc4j.core.mapcache.ChronicleMapCache.Context().capacity(1024));
        putIpv4(IID, Packets.ipv4(10, 78, 2, 0), 24, ipv4Locators(Packets.ipv4(127, 0, 0, 2), 1, 100));
        cacheB.put(IID, io.fmc4j.api.Afi.IPV4, 24, (long)Packets.ipv4(10, 78, 1, 0) << 32, 0L,
            ipv4Locators(Packets.ipv4(127, 0, 0, 1), 1, 100));
        Shell.run(ip, "netns", "add", nsA);
        Shell.run(ip, "netns", "add", nsB);
    }

    @AfterEach
    void tearDown()
    {
        for (final Process p : new Process[] {server, capture})
        {
            if (p != null)
            {
                p.destroyForcibly();
            }
        }
        CloseHelper.quietCloseAll(xtrA, xtrB);
        for (final String ns : new String[] {nsA, nsB})
        {
            try
            {
                if (ip != null)
                {
                    Shell.run(ip, "netns", "del", ns);
                }
            }
            catch (final IOException ignore)
            {
                // Not created (skipped before) or already gone.
            }
        }
        if (cacheB != null)
        {
            cacheB.close();
        }
        closeCache();
    }

    @Test
    void shouldPingAndCarryATcpTransferBetweenTwoSitesThroughLisp() throws Exception
    {
        runSites(2);
    }

    @Test
    @Tag("slow")
    void shouldCarryALongerTcpTransferBetweenTwoSitesThroughLisp() throws Exception
    {
        runSites(10);
    }

    private void runSites(final int seconds) throws Exception
    {
        final Path pcap = dir.resolve("rloc.pcap");
        capture = new ProcessBuilder(tshark, "-i", "lo", "-f", "udp port 4341", "-w", pcap.toString(), "-q")
            .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
        xtrA = launch(cache, "127.0.0.1", tunA);
        xtrB = launch(cacheB, "127.0.0.2", tunB);
        configure(tunA, nsA, "10.78.1.1/24", "10.78.2.0/24");
        configure(tunB, nsB, "10.78.2.1/24", "10.78.1.0/24");
        waitForCapture(dir.resolve("tshark.log"));

        String pings;
        try
        {
            pings = Shell.run(30, ip, "netns", "exec", nsA, ping, "-c", "3", "-i", "0.2", "-W", "3", "10.78.2.1");
        }
        catch (final IOException ex)
        {
            pings = ex.getMessage();
        }
        assertTrue(pings.contains("3 received"), pings + "\nxTR a: " + countersOf(xtrA) + "\nxTR b: " +
            countersOf(xtrB));

        server = new ProcessBuilder(ip, "netns", "exec", nsB, iperf3, "-s", "-1", "-B", "10.78.2.1")
            .redirectErrorStream(true).start();
        String output = "";
        for (int attempt = 0; attempt < 20; attempt++)
        {
            Thread.sleep(250);
            final Process client = new ProcessBuilder(ip, "netns", "exec", nsA, iperf3, "-c", "10.78.2.1", "-B",
                "10.78.1.1", "-t", Integer.toString(seconds), "-f", "m").redirectErrorStream(true).start();
            if (!client.waitFor(seconds + 30, TimeUnit.SECONDS))
            {
                client.destroyForcibly();
                throw new AssertionError("iperf3 client hung");
            }
            output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (client.exitValue() == 0)
            {
                break;
            }
        }
        final Matcher receiver = Pattern.compile("([\\d.]+) Mbits/sec\\s+receiver").matcher(output);
        assertTrue(receiver.find(), "iperf3 through the xTR pair failed:\n" + output);
        System.out.println("iperf3 TCP through two fmc4j xTRs (TUN + LISP over UDP + TUN), " + seconds + " s: " +
            receiver.group(1) + " Mbit/s; xTR a: " + countersOf(xtrA) + "; xTR b: " + countersOf(xtrB));
        assertTrue(Double.parseDouble(receiver.group(1)) > 0, output);
        assertTrue(xtrA.counter(DataPathCounters.ITR_ENCAPSULATED) > 100);
        assertTrue(xtrB.counter(DataPathCounters.ETR_DECAPSULATED) > 100);
        assertEquals(0, xtrB.counter(DataPathCounters.ETR_DROP_UNKNOWN_INSTANCE_ID));

        Thread.sleep(500);
        capture.destroy();
        capture.waitFor(10, TimeUnit.SECONDS);
        final String decoded = Shell.run(60, tshark, "-r", pcap.toString(), "-Y", "lisp-data", "-c", "50", "-T",
            "fields", "-e", "lisp-data.iid", "-e", "lisp-data.flags.nonce", "-e", "lisp-data.nonce");
        final String[] lines = decoded.lines().filter(l -> l.matches("^\\d+\t.*")).toArray(String[]::new);
        assertTrue(lines.length >= 10, "tshark decoded too few LISP data packets:\n" + decoded);
        for (final String line : lines)
        {
            final String[] fields = line.trim().split("\t");
            assertEquals("7", fields[0], "instance ID in: " + line);
            assertTrue("1".equals(fields[1]) || "True".equalsIgnoreCase(fields[1]), "N bit in: " + line);
            assertEquals(3, fields.length, "nonce in: " + line);
        }
    }

    private XtrDataPlane launch(final io.fmc4j.core.mapcache.ChronicleMapCache mapCache, final String rloc,
        final String tun) throws IOException
    {
        return XtrDataPlane.launch(new XtrDataPlane.Context()
            .mapCache(mapCache)
            .localRloc(address(rloc))
            .rlocMode(RlocMode.UDP_SOCKET)
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .errorHandler(Throwable::printStackTrace)
            .rlocDevice("udp", t -> new PacketIoConfig().localAddress(new InetSocketAddress(rloc, 4341))
                .property("udp.rcvbuf", "4194304").property("udp.sndbuf", "4194304"))
            .eidDevice(IID, "tun", t -> new PacketIoConfig().deviceName(tun).mtu(1400)));
    }

    private void configure(final String tun, final String ns, final String address, final String peerPrefix)
        throws IOException
    {
        Shell.run(ip, "link", "set", "dev", tun, "netns", ns);
        Shell.run(ip, "-n", ns, "link", "set", "dev", "lo", "up");
        Shell.run(ip, "-n", ns, "link", "set", "dev", tun, "up");
        Shell.run(ip, "-n", ns, "addr", "add", address, "dev", tun);
        Shell.run(ip, "-n", ns, "route", "add", peerPrefix, "dev", tun);
    }

    private static void waitForCapture(final Path log) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains("Capturing on"))
            {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static String countersOf(final XtrDataPlane xtr)
    {
        final StringBuilder sb = new StringBuilder();
        for (final DataPathCounters c : xtr.counters())
        {
            c.appendTo(sb);
        }
        return sb.toString();
    }
}
