/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import io.fmc4j.spi.dataplane.tun.TunPacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.spi.dataplane.udp.UdpNativePacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two hosts in their own network namespaces, each behind a TUN device that this JVM drives; two Agrona agents
 * tunnel the packets between the TUN devices over UDP sockets on the loopback interface, prepending an 8-byte
 * header in the headroom (no copy of the payload) and stripping it on the far side. {@code iperf3} then runs a
 * TCP transfer between the namespaces through the tunnel. This exercises the TUN and UDP backends together, as a
 * duty-cycle agent drives them, without LISP. Needs root, {@code ip} with netns support and {@code iperf3}.
 */
class TunUdpTunnelTest
{
    private static final int MAGIC = 0x464D4334;
    private static final int HEADER = 8;

    private final long id = ProcessHandle.current().pid() % 10_000;
    private final String nsA = "fmc4j-a" + id;
    private final String nsB = "fmc4j-b" + id;
    private final String tunA = "fmc4ja" + id;
    private final String tunB = "fmc4jb" + id;
    private String ip;
    private String iperf3;
    private PacketIo eidA;
    private PacketIo eidB;
    private PacketIo rlocA;
    private PacketIo rlocB;
    private AgentRunner runner;
    private Process server;

    @BeforeEach
    void setUp()
    {
        final Throwable tun = new TunPacketIoProvider().unavailabilityCause();
        assumeTrue(tun == null, () -> "TUN backend unavailable here: " + tun.getMessage());
        assumeTrue(Commands.isRoot(), "the tunnel test needs root (namespaces, TUN devices)");
        ip = Commands.which("ip");
        iperf3 = Commands.which("iperf3");
        assumeTrue(ip != null, "the tunnel test needs ip (iproute2)");
        assumeTrue(iperf3 != null, "the tunnel test needs iperf3");

    }

    private void createSites(final String rlocProvider) throws IOException
    {
        final PacketIoProvider udp = PacketIoProviders.select(rlocProvider);
        final Throwable cause = udp.unavailabilityCause();
        assumeTrue(cause == null, () -> rlocProvider + " unavailable here: " + cause.getMessage());
        Commands.run(ip, "netns", "add", nsA);
        Commands.run(ip, "netns", "add", nsB);
        eidA = openTun(tunA, nsA, "10.77.1.1/24", "10.77.2.0/24");
        eidB = openTun(tunB, nsB, "10.77.2.1/24", "10.77.1.0/24");
        final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        rlocA = udp.open(new PacketIoConfig().localAddress(loopback).property("udp.rcvbuf", "4194304"));
        rlocB = udp.open(new PacketIoConfig().localAddress(loopback).property("udp.rcvbuf", "4194304"));
    }

    private static InetSocketAddress localAddress(final PacketIo io)
    {
        return io instanceof UdpPacketIo ? ((UdpPacketIo)io).localAddress() : ((UdpNativePacketIo)io).localAddress();
    }

    @AfterEach
    void tearDown()
    {
        if (server != null)
        {
            server.destroyForcibly();
        }
        CloseHelper.quietCloseAll(runner, eidA, eidB, rlocA, rlocB);
        for (final String ns : new String[] {nsA, nsB})
        {
            try
            {
                if (ip != null)
                {
                    Commands.run(ip, "netns", "del", ns);
                }
            }
            catch (final IOException ignore)
            {
                // Not created (skipped before) or already gone.
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "udp-native"})
    void shouldCarryATcpTransferBetweenNamespacesThroughTunAndUdpDevices(final String rlocProvider) throws Exception
    {
        createSites(rlocProvider);
        final Site siteA = new Site("site-a", eidA, rlocA, rlocA.registerNextHop(localAddress(rlocB)));
        final Site siteB = new Site("site-b", eidB, rlocB, rlocB.registerNextHop(localAddress(rlocA)));
        runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null,
            new CompositeAgent(siteA, siteB));
        AgentRunner.startOnThread(runner);

        server = new ProcessBuilder(ip, "netns", "exec", nsB, iperf3, "-s", "-1", "-B", "10.77.2.1")
            .redirectErrorStream(true).start();
        String output = "";
        for (int attempt = 0; attempt < 20; attempt++)
        {
            Thread.sleep(250);
            final Process client = new ProcessBuilder(
                ip, "netns", "exec", nsA, iperf3, "-c", "10.77.2.1", "-B", "10.77.1.1", "-t", "2", "-f", "m")
                .redirectErrorStream(true).start();
            if (!client.waitFor(30, TimeUnit.SECONDS))
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
        assertTrue(receiver.find(), "iperf3 through the tunnel failed:\n" + output);
        final double mbits = Double.parseDouble(receiver.group(1));
        System.out.println("iperf3 TCP through TUN + " + rlocProvider + " + TUN (Java agents): " + mbits + " Mbit/s");
        assertTrue(mbits > 0, output);
        assertTrue(eidA.counters().get(PacketIoCounters.RX_PACKETS) > 100);
        assertTrue(eidB.counters().get(PacketIoCounters.TX_PACKETS) > 100);
        assertEquals(0, siteA.badHeaders + siteB.badHeaders);
    }

    private PacketIo openTun(final String name, final String ns, final String address, final String peerPrefix)
        throws IOException
    {
        final PacketIo io = new TunPacketIoProvider().open(new PacketIoConfig().deviceName(name).mtu(1400));
        Commands.run(ip, "link", "set", "dev", name, "netns", ns);
        Commands.run(ip, "-n", ns, "link", "set", "dev", "lo", "up");
        Commands.run(ip, "-n", ns, "link", "set", "dev", name, "up");
        Commands.run(ip, "-n", ns, "addr", "add", address, "dev", name);
        Commands.run(ip, "-n", ns, "route", "add", peerPrefix, "dev", name);
        return io;
    }

    /**
     * One site: TUN packets go out over UDP with a header prepended in the headroom; UDP packets come back in
     * with the header checked and stripped.
     */
    static final class Site implements Agent
    {
        private final String name;
        private final PacketIo eid;
        private final PacketIo rloc;
        private final int peer;
        private final PacketHandler encap;
        private final PacketHandler decap;
        private int badHeaders;

        Site(final String name, final PacketIo eid, final PacketIo rloc, final int peer)
        {
            this.name = name;
            this.eid = eid;
            this.rloc = rloc;
            this.peer = peer;
            encap = (buffer, offset, length, source) ->
            {
                final int start = offset - HEADER;
                buffer.putInt(start, MAGIC, BIG_ENDIAN);
                buffer.putInt(start + 4, length, BIG_ENDIAN);
                this.rloc.offer(buffer, start, length + HEADER, this.peer);
            };
            decap = (buffer, offset, length, source) ->
            {
                if (length < HEADER || buffer.getInt(offset, BIG_ENDIAN) != MAGIC ||
                    buffer.getInt(offset + 4, BIG_ENDIAN) != length - HEADER)
                {
                    badHeaders++;
                    return;
                }
                this.eid.offer(buffer, offset + HEADER, length - HEADER, PacketIo.NO_NEXT_HOP);
            };
        }

        @Override
        public int doWork()
        {
            return eid.poll(encap, 32) + rloc.poll(decap, 32) + rloc.flush() + eid.flush();
        }

        @Override
        public String roleName()
        {
            return name;
        }
    }
}
