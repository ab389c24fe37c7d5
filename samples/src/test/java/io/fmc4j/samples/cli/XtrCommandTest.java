/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIoProvider;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XtrCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private MappingDatabase db;
    private PacketIo io;
    private AgentRunner runner;
    private int serverPort;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException
    {
        db = new MappingDatabase(new MappingDatabase.Context().capacity(64)
            .site(Site.builder("dc1").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96,
                "cli-secret".getBytes(StandardCharsets.US_ASCII))).allow("10.1.0.0/16").build()));
        io = new UdpPacketIoProvider().open(new PacketIoConfig().localAddress(new InetSocketAddress("127.0.0.1", 0)));
        serverPort = ((UdpPacketIo)io).localAddress().getPort();
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
            new MapServer(new MapServer.Context().packetIo(io).database(db)));
        AgentRunner.startOnThread(runner);
    }

    @AfterEach
    void tearDown()
    {
        runner.close();
        io.close();
        db.close();
    }

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

    @Test
    void shouldRegisterWithTheMapServerAndWithdrawWhenStopped() throws IOException
    {
        final int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            port = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        final Path config = dir.resolve("xtr.conf");
        Files.writeString(config, String.join("\n",
            "xtr-id = 0x42",
            "control = 127.0.0.1:" + port,
            "map-server = 127.0.0.1:" + serverPort + " sha1 secret=cli-secret",
            "map-resolver = 127.0.0.1:" + serverPort,
            "eid = 10.1.0.0/16 priority=1 weight=100",
            "register-retry-ms = 200",
            ""));
        assertEquals(0, run("xtr", "--config", config.toString(), "--seconds", "2", "--stats", "1"), err::toString);
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("registrations-confirmed=1"), text);
        assertTrue(text.contains("withdrawals-sent=1"), text);
        final RegistrationView view = new RegistrationView();
        final EidPrefix eid = EidPrefix.parse("10.1.0.0/16");
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (db.get(eid, view) == MapCacheStatus.OK && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertTrue(db.get(eid, view) != MapCacheStatus.OK, "the registration was withdrawn on stop");
    }

    @Test
    void shouldRefuseBadConfigurationNamingTheLine() throws IOException
    {
        final Path config = dir.resolve("bad.conf");
        Files.writeString(config, "control = 127.0.0.1:4342\neid = 10.1.0.0/33\n");
        assertEquals(2, run("xtr", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2"), err::toString);
    }
}
