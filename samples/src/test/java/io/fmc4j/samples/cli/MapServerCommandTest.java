/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.ms.MapServerCounters;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.samples.pcap.LinkType;
import io.fmc4j.samples.pcap.PcapWriter;
import io.fmc4j.samples.tshark.Tshark;
import io.fmc4j.samples.tshark.TsharkFrame;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIoProvider;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapServerCommandTest
{
    private static final byte[] KEY = "cli-secret".getBytes(StandardCharsets.US_ASCII);
    private static final int LOOPBACK = 0x7F00_0001;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<byte[]> exchanged = new ArrayList<>();
    private final List<int[]> ports = new ArrayList<>();
    private MappingDatabase db;
    private PacketIo io;
    private MapServer server;
    private AgentRunner runner;
    private DatagramChannel etr;
    private int serverPort;

    @TempDir
    Path dir;

    private int run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            return Fmc4j.run(args);
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeEach
    void setUp() throws IOException
    {
        db = new MappingDatabase(new MappingDatabase.Context().capacity(64)
            .site(Site.builder("dc1").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96, KEY)).allow("10.1.0.0/16").build()));
        io = new UdpPacketIoProvider().open(new PacketIoConfig().localAddress(new InetSocketAddress("127.0.0.1", 0)));
        serverPort = ((UdpPacketIo)io).localAddress().getPort();
        server = new MapServer(new MapServer.Context().packetIo(io).database(db));
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, server);
        AgentRunner.startOnThread(runner);
        etr = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown() throws IOException
    {
        runner.close();
        io.close();
        db.close();
        etr.close();
    }

    private byte[] exchange(final byte[] message) throws IOException
    {
        final int local = ((InetSocketAddress)etr.getLocalAddress()).getPort();
        etr.send(ByteBuffer.wrap(message), new InetSocketAddress("127.0.0.1", serverPort));
        exchanged.add(message);
        ports.add(new int[] {local, serverPort});
        final ByteBuffer rx = ByteBuffer.allocate(2048);
        etr.receive(rx);
        rx.flip();
        final byte[] answer = new byte[rx.remaining()];
        rx.get(answer);
        exchanged.add(answer);
        ports.add(new int[] {serverPort, local});
        return answer;
    }

    private byte[] register() throws IOException
    {
        return exchange(registerMessage(0x1234));
    }

    private static byte[] registerMessage(final long nonce)
    {
        final LispAuthenticator auth = new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, KEY);
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[512]);
        final MapRegisterEncoder r = new MapRegisterEncoder().wrap(tx, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M | MapRegister.FLAG_P).nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        r.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 16, 0x0A01_0000)
            .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xC000_0201);
        final int length = r.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        final byte[] message = new byte[length];
        tx.getBytes(0, message);
        return message;
    }

    @Test
    void shouldPrintTheMappingLikeLig() throws IOException
    {
        assertEquals(MessageType.MAP_NOTIFY, (register()[0] & 0xFF) >>> 4);
        assertEquals(0, run("lig", "10.1.0.5", "--resolver", "127.0.0.1:" + serverPort), err.toString());
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Received map-reply from 127.0.0.1:" + serverPort + " with rtt"), text);
        assertTrue(text.contains("Mapping entry for EID '10.1.0.0/16'"), text);
        assertTrue(text.contains("record ttl: 1440 min, auth"), text);
        assertTrue(text.matches("(?s).*192\\.0\\.2\\.1\\s+up\\s+1/100.*"), text);
    }

    @Test
    void shouldPrintANegativeReply()
    {
        assertEquals(0, run("lig", "172.16.0.1", "--resolver", "127.0.0.1:" + serverPort));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("record ttl: 15 min, auth, negative, action: natively-forward"), text);
    }

    @Test
    void shouldGiveUpAfterRetriesWithoutAReply() throws IOException
    {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            final int port = ((InetSocketAddress)silent.getLocalAddress()).getPort();
            assertEquals(1, run("lig", "10.1.0.5", "--resolver", "127.0.0.1:" + port, "--timeout", "100",
                "--retries", "1"));
        }
        final String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.split("Send map-request", -1).length - 1, text);
        assertTrue(text.contains("*** No map-reply received ***"), text);
    }

    @Test
    void shouldRunFromAConfigFileAndPrintCounters() throws IOException
    {
        final int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            port = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        final Path config = dir.resolve("ms.conf");
        Files.writeString(config, "listen 127.0.0.1:" + port + "\nsite dc1 {\n  key 0 sha1 secret\n" +
            "  prefix 10.1.0.0/16\n}\n");
        assertEquals(0, run("ms", "--config", config.toString(), "--seconds", "1", "--stats", "1"),
            err.toString(StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("map-server on udp"), text);
        assertTrue(text.contains("registrations=0 subscriptions=0"), text);
    }

    @Test
    void shouldServeRegistrationsAndLigEndToEndThroughTheCommands() throws Exception
    {
        final int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            port = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        final Path config = dir.resolve("e2e.conf");
        Files.writeString(config, "listen 127.0.0.1:" + port + "\nsite dc1 {\n  key 0 sha1 cli-secret\n" +
            "  prefix 10.1.0.0/16\n  proxy-reply true\n}\n");
        final java.io.StringWriter msOut = new java.io.StringWriter();
        final int[] msExit = {-1};
        final Thread ms = new Thread(() -> msExit[0] = new picocli.CommandLine(new Fmc4j())
            .setOut(new java.io.PrintWriter(msOut, true)).setErr(new java.io.PrintWriter(msOut, true))
            .execute("ms", "--config", config.toString(), "--seconds", "4", "--stats", "1"));
        ms.start();
        serverPort = port;
        final long deadline = System.nanoTime() + 3_000_000_000L;
        etr.configureBlocking(false);
        boolean notified = false;
        while (!notified && System.nanoTime() < deadline)
        {
            final byte[] message = registerMessage(System.nanoTime());
            etr.send(ByteBuffer.wrap(message), new InetSocketAddress("127.0.0.1", port));
            Thread.sleep(100);
            final ByteBuffer rx = ByteBuffer.allocate(2048);
            notified = null != etr.receive(rx) && ((rx.get(0) & 0xFF) >>> 4) == MessageType.MAP_NOTIFY;
        }
        assertTrue(notified, "Map-Notify from fmc4j ms: " + msOut);
        final java.io.StringWriter ligOut = new java.io.StringWriter();
        assertEquals(0, new picocli.CommandLine(new Fmc4j()).setOut(new java.io.PrintWriter(ligOut, true))
            .execute("lig", "10.1.2.3", "--resolver", "127.0.0.1:" + port));
        assertTrue(ligOut.toString().contains("Mapping entry for EID '10.1.0.0/16'"), ligOut.toString());
        ms.join(10_000);
        assertEquals(0, msExit[0], msOut.toString());
        assertTrue(msOut.toString().contains("register-accepted="), msOut.toString());
        assertTrue(msOut.toString().contains("request-proxy-replied=1"), msOut.toString());
    }

    @Test
    void shouldRefuseABadConfigNamingTheLine() throws IOException
    {
        final Path config = dir.resolve("bad.conf");
        Files.writeString(config, "site dc1 {\n  key 0 md5 secret\n}\n");
        assertEquals(2, run("ms", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.conf:2: unknown algorithm 'md5'"),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldProduceTrafficTsharkDecodesWithoutErrors() throws IOException
    {
        final Path tshark = Tshark.assumeAvailable();
        assertTrue(Files.isExecutable(tshark));
        register();
        final int local = ((InetSocketAddress)etr.getLocalAddress()).getPort();
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[512]);
        for (final String eid : new String[] {"10.1.0.5/32", "172.16.0.1/32", "10.1.9.9/32"})
        {
            final int length = LigCommand.encode(tx, 77, EidPrefix.parse(eid), new byte[] {127, 0, 0, 1}, local);
            final byte[] message = new byte[length];
            tx.getBytes(0, message);
            exchange(message);
        }
        // Counted by the server thread after its send returns: may trail the reply by a moment.
        final long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.counter(MapServerCounters.REQUEST_PROXY_REPLIED) < 2 && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertEquals(1, server.counter(MapServerCounters.REQUEST_NEGATIVE_NOT_EID));
        assertEquals(2, server.counter(MapServerCounters.REQUEST_PROXY_REPLIED));

        final Path capture = dir.resolve("ms.pcap");
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[4096]);
        try (PcapWriter writer = PcapWriter.create(capture, LinkType.RAW))
        {
            for (int i = 0; i < exchanged.size(); i++)
            {
                final byte[] message = exchanged.get(i);
                packet.putBytes(IpUdp.IPV4_UDP_LENGTH, message);
                final int[] p = ports.get(i);
                // Port 4342 on the server side so that tshark dissects LISP control messages.
                final boolean toServer = p[1] == serverPort;
                IpUdp.writeIpv4Udp(packet, 0, LOOPBACK, LOOPBACK, toServer ? p[0] : LispPorts.CONTROL,
                    toServer ? LispPorts.CONTROL : p[1], message.length, 64, true);
                writer.writeIpPacket(i * 1_000_000L, packet, 0, IpUdp.IPV4_UDP_LENGTH + message.length);
            }
        }
        final List<TsharkFrame> frames = Tshark.decode(capture);
        assertEquals(exchanged.size(), frames.size());
        for (final TsharkFrame frame : frames)
        {
            assertFalse(frame.has("_ws.malformed"), "frame " + frame.number() + " malformed: " + frame.layers());
            assertTrue(frame.has("lisp"), "frame " + frame.number() + " not dissected as LISP: " + frame.layers());
        }
    }
}
