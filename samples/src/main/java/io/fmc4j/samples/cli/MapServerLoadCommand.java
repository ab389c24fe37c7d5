/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapRequestEncoder;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j ms-load}: an end-to-end load generator over loopback UDP. Starts a Map-Server (one agent thread,
 * {@code udp} provider) and drives it from one client socket with a window of outstanding messages: first
 * authenticated Map-Registers with want-map-notify (counting Map-Notifys), then ECM Map-Requests answered by proxy
 * reply (counting Map-Replies).
 */
@Command(
    name = "ms-load",
    mixinStandardHelpOptions = true,
    description = {
        "Measure Map-Registers/s and Map-Requests/s of an in-process Map-Server over loopback UDP.",
        "Example: fmc4j ms-load --seconds 5 --window 32 --prefixes 1000"})
public final class MapServerLoadCommand implements Callable<Integer>
{
    private static final byte[] SECRET = "ms-load-secret".getBytes(StandardCharsets.US_ASCII);
    private static final int LOOPBACK = 0x7F00_0001;

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per phase (default 5).")
    int seconds;

    @Option(names = "--window", defaultValue = "32", description = "Messages in flight (default 32).")
    int window;

    @Option(names = "--prefixes", defaultValue = "1000", description = "Registered /24 prefixes (default 1000).")
    int prefixes;

    @Option(names = "--sha256", description = "HMAC-SHA-256 instead of HMAC-SHA-1.")
    boolean sha256;

    private final UnsafeBuffer tx = new UnsafeBuffer(new byte[1500]);
    private final MapRegisterEncoder register = new MapRegisterEncoder();
    private final MapRequestEncoder request = new MapRequestEncoder();
    private final EcmEncoder ecm = new EcmEncoder();
    private LispAuthenticator auth;
    private long nonce = 1;
    private int next;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (seconds <= 0 || window <= 0 || prefixes <= 0 || prefixes > 65536)
        {
            spec.commandLine().getErr().println("--seconds, --window > 0 and --prefixes 1..65536 required");
            return 2;
        }
        final int algorithm = sha256 ? AuthKey.HMAC_SHA_256_128 : AuthKey.HMAC_SHA_1_96;
        auth = new LispAuthenticator(algorithm, 0, SECRET);
        try (MappingDatabase db = new MappingDatabase(new MappingDatabase.Context().capacity(prefixes * 2)
            .site(Site.builder("load").key(new AuthKey(0, algorithm, SECRET)).allow("10.0.0.0/8")
                .acceptMoreSpecifics(true).build()));
            PacketIo io = PacketIoProviders.select("udp").open(new PacketIoConfig()
                .localAddress(new InetSocketAddress("127.0.0.1", 0)).property("udp.rcvbuf", "4194304"));
            DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            final MapServer server = new MapServer(new MapServer.Context().packetIo(io).database(db)
                .requestRateLimit(100_000_000, 100_000_000));
            final InetSocketAddress target = ((UdpPacketIo)io).localAddress();
            client.connect(target);
            client.configureBlocking(false);
            final int clientPort = ((InetSocketAddress)client.getLocalAddress()).getPort();
            final AgentRunner runner = new AgentRunner(new BusySpinIdleStrategy(), Throwable::printStackTrace, null,
                server);
            AgentRunner.startOnThread(runner);
            try
            {
                out.println("map-server " + io.description() + ", client 127.0.0.1:" + clientPort + ", window " +
                    window + ", " + prefixes + " prefixes, " + (sha256 ? "HMAC-SHA-256" : "HMAC-SHA-1"));
                final double registers = drive(client, MessageType.MAP_NOTIFY, true, clientPort);
                out.println(String.format(Locale.ROOT, "map-register (authenticated, want-map-notify): %.0f/s",
                    registers));
                final double requests = drive(client, MessageType.MAP_REPLY, false, clientPort);
                out.println(String.format(Locale.ROOT, "map-request (ECM, proxy reply): %.0f/s", requests));
            }
            finally
            {
                runner.close();
            }
            out.println(server.appendCounters(new StringBuilder("counters: ")));
            out.println("registrations: " + db.size());
            out.flush();
        }
        return 0;
    }

    private double drive(final DatagramChannel client, final int answerType, final boolean registers,
        final int clientPort) throws Exception
    {
        final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
        final long start = System.nanoTime();
        final long end = start + seconds * 1_000_000_000L;
        long answered = 0;
        long lastAnswer = start;
        int inFlight = 0;
        while (System.nanoTime() < end)
        {
            while (inFlight < window)
            {
                final int length = registers ? encodeRegister() : encodeRequest(clientPort);
                if (client.write(ByteBuffer.wrap(tx.byteArray(), 0, length)) == 0)
                {
                    break;
                }
                inFlight++;
            }
            rx.clear();
            if (client.read(rx) > 0)
            {
                if (((rx.get(0) & 0xFF) >>> 4) == answerType)
                {
                    answered++;
                }
                inFlight--;
                lastAnswer = System.nanoTime();
            }
            else if (System.nanoTime() - lastAnswer > 50_000_000L)
            {
                inFlight = 0;
                lastAnswer = System.nanoTime();
            }
        }
        return answered * 1e9 / (System.nanoTime() - start);
    }

    private int prefix(final int i)
    {
        return 0x0A00_0000 | (i << 8);
    }

    private int encodeRegister()
    {
        final int i = next++ % prefixes;
        final MapRegisterEncoder r = register.wrap(tx, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M | MapRegister.FLAG_P).nonce(nonce++)
            .authentication(auth.keyIdField(), auth.macLength());
        r.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, prefix(i))
            .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xC000_0200 | (i & 0xFF));
        final int length = r.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    private int encodeRequest(final int clientPort)
    {
        final int i = next++ % prefixes;
        final int eid = prefix(i) | 5;
        ecm.wrap(tx, 0).innerIpv4(LOOPBACK, eid, clientPort, LispPorts.CONTROL);
        final int length = request.wrap(tx, ecm.messageOffset()).nonce(nonce++).sourceEidNone()
            .itrRlocIpv4(LOOPBACK).eidRecordIpv4(false, 0, 32, eid).encodedLength();
        return ecm.finish(length);
    }
}
