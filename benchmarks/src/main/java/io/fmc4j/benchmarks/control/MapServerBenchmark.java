/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
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
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One Map-Server thread handling one message per operation over the in-memory packet I/O: the xTR side offers the
 * message, the server's {@code doWork} receives and answers it, the xTR side polls the answer. So each figure is the
 * server's handling plus two in-memory ring transfers (about 60 ns, see {@code MemoryPacketIoBenchmark}).
 * {@code mapRequestProxyReply}: ECM Map-Request answered by a proxy Map-Reply (LPM over {@code prefixes}
 * registrations); {@code mapRequestNegative}: an address outside every EID prefix (negative reply);
 * {@code mapRegister}: authenticated Map-Register with want-map-notify (HMAC verify, mapping-database write,
 * signed Map-Notify), nonce 0 so the same message can be replayed: a refresh that changes nothing;
 * {@code mapRegisterChanged}: the same, alternating between two priorities of the locator, so every message changes
 * the registration (merged set rewritten, an UPDATED change event published).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class MapServerBenchmark
{
    private static final byte[] SECRET = "benchmark-secret".getBytes(StandardCharsets.US_ASCII);

    @Param({"1000", "100000"})
    int prefixes;

    @Param({"1", "2"})
    int algorithm;

    private MappingDatabase db;
    private PacketIo server;
    private PacketIo xtr;
    private MapServer ms;
    private UnsafeBuffer proxyRequest;
    private int proxyRequestLength;
    private UnsafeBuffer negativeRequest;
    private int negativeRequestLength;
    private UnsafeBuffer register;
    private int registerLength;
    private UnsafeBuffer registerOther;
    private int registerOtherLength;
    private boolean other;
    private PacketHandler sink;
    private Blackhole blackhole;

    /**
     * Builds the database, registers the prefixes and encodes the messages.
     *
     * @param blackhole consumes the answers.
     * @throws IOException never (memory-only database).
     */
    @Setup
    public void setUp(final Blackhole blackhole) throws IOException
    {
        this.blackhole = blackhole;
        sink = (buffer, offset, length, source) -> this.blackhole.consume(buffer.getByte(offset));
        db = new MappingDatabase(new MappingDatabase.Context().capacity(prefixes * 2)
            .site(Site.builder("bench").key(new AuthKey(0, algorithm, SECRET)).allow("10.0.0.0/8")
                .acceptMoreSpecifics(true).build()));
        final MemoryLink link = MemoryLink.create("ms-bench", new PacketIoConfig());
        server = link.endpointA();
        xtr = link.endpointB();
        ms = new MapServer(new MapServer.Context().packetIo(server).database(db)
            .requestRateLimit(Integer.MAX_VALUE / 2000, Integer.MAX_VALUE / 2000));
        final LispAuthenticator auth = new LispAuthenticator(algorithm, 0, SECRET);
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[512]);
        for (int i = 0; i < prefixes; i++)
        {
            final int length = encodeRegister(tx, auth, i + 1, prefix(i), 1);
            xtr.offer(tx, 0, length, 0);
            ms.doWork();
            xtr.poll(sink, 4);
        }
        if (db.size() != prefixes)
        {
            throw new IllegalStateException("registered " + db.size() + " of " + prefixes);
        }
        register = new UnsafeBuffer(new byte[512]);
        registerLength = encodeRegister(register, auth, 0, prefix(prefixes / 2), 1);
        registerOther = new UnsafeBuffer(new byte[512]);
        registerOtherLength = encodeRegister(registerOther, auth, 0, prefix(prefixes / 2), 2);
        proxyRequest = new UnsafeBuffer(new byte[512]);
        proxyRequestLength = encodeRequest(proxyRequest, prefix(prefixes / 3) | 9);
        negativeRequest = new UnsafeBuffer(new byte[512]);
        negativeRequestLength = encodeRequest(negativeRequest, 0xAC10_0101);
    }

    private static int prefix(final int i)
    {
        return 0x0A00_0000 | (i << 6);
    }

    private static int encodeRegister(final UnsafeBuffer tx, final LispAuthenticator auth, final long nonce,
        final int eid, final int priority)
    {
        final MapRegisterEncoder r = new MapRegisterEncoder().wrap(tx, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M | MapRegister.FLAG_P).nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        r.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 26, eid)
            .locatorIpv4(priority, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xC000_0201);
        final int length = r.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    private static int encodeRequest(final UnsafeBuffer tx, final int eid)
    {
        final EcmEncoder ecm = new EcmEncoder().wrap(tx, 0).innerIpv4(0xC000_0202, eid, LispPorts.CONTROL,
            LispPorts.CONTROL);
        final int length = new MapRequestEncoder().wrap(tx, ecm.messageOffset()).nonce(42).sourceEidNone()
            .itrRlocIpv4(0xC000_0202).eidRecordIpv4(false, 0, 32, eid).encodedLength();
        return ecm.finish(length);
    }

    /**
     * Closes everything.
     */
    @TearDown
    public void tearDown()
    {
        ms.close();
        server.close();
        xtr.close();
        db.close();
    }

    /**
     * ECM Map-Request answered by proxy Map-Reply.
     *
     * @return answers polled (1).
     */
    @Benchmark
    public int mapRequestProxyReply()
    {
        xtr.offer(proxyRequest, 0, proxyRequestLength, 0);
        ms.doWork();
        return xtr.poll(sink, 4);
    }

    /**
     * ECM Map-Request for a non-EID, answered by a negative Map-Reply.
     *
     * @return answers polled (1).
     */
    @Benchmark
    public int mapRequestNegative()
    {
        xtr.offer(negativeRequest, 0, negativeRequestLength, 0);
        ms.doWork();
        return xtr.poll(sink, 4);
    }

    /**
     * Authenticated Map-Register with want-map-notify, answered by a signed Map-Notify.
     *
     * @return answers polled (1).
     */
    @Benchmark
    public int mapRegister()
    {
        xtr.offer(register, 0, registerLength, 0);
        ms.doWork();
        return xtr.poll(sink, 4);
    }

    /**
     * Authenticated Map-Register that changes the registered locator's priority each time (alternating between two
     * messages), answered by a signed Map-Notify.
     *
     * @return answers polled (1).
     */
    @Benchmark
    public int mapRegisterChanged()
    {
        other = !other;
        if (other)
        {
            xtr.offer(registerOther, 0, registerOtherLength, 0);
        }
        else
        {
            xtr.offer(register, 0, registerLength, 0);
        }
        ms.doWork();
        return xtr.poll(sink, 4);
    }
}
