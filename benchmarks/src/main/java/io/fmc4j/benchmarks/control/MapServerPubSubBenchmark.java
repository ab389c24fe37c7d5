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
 * The cost a registration change pays for the Map-Server's RFC 9437 subscriptions: {@code subscriptions} host-route
 * subscriptions (one xTR-ID, distinct /32 EIDs spread over 11.0.0.0/8, none covering or covered by the changed
 * prefix) are in place, and each operation is an authenticated Map-Register that changes a 10.x /26 registration
 * (alternating between two locator priorities), so every operation publishes a change that concerns no subscriber.
 * The difference between {@code subscriptions = 0} and {@code 10000} is what finding the (absent) subscribers costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class MapServerPubSubBenchmark
{
    private static final byte[] SECRET = "benchmark-secret".getBytes(StandardCharsets.US_ASCII);
    private static final int XTR_RLOC = 0xC000_0201;

    @Param({"0", "10000"})
    int subscriptions;

    private MappingDatabase db;
    private PacketIo server;
    private PacketIo xtr;
    private MapServer ms;
    private UnsafeBuffer first;
    private int firstLength;
    private UnsafeBuffer second;
    private int secondLength;
    private boolean other;
    private PacketHandler sink;
    private Blackhole blackhole;

    /**
     * Registers 1 000 prefixes (the xTR-ID authenticates with them), then subscribes.
     *
     * @param blackhole consumes the answers.
     * @throws IOException never (memory-only database).
     */
    @Setup
    public void setUp(final Blackhole blackhole) throws IOException
    {
        this.blackhole = blackhole;
        sink = (buffer, offset, length, source) -> this.blackhole.consume(buffer.getByte(offset));
        db = new MappingDatabase(new MappingDatabase.Context().capacity(4096)
            .site(Site.builder("bench").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96, SECRET))
                .allow("10.0.0.0/8").acceptMoreSpecifics(true).build()));
        final MemoryLink link = MemoryLink.create("ms-pubsub-bench", new PacketIoConfig());
        server = link.endpointA();
        xtr = link.endpointB();
        ms = new MapServer(new MapServer.Context().packetIo(server).database(db)
            .capacities(1024, Math.max(1, subscriptions), 8192, 8192)
            .requestRateLimit(Integer.MAX_VALUE / 2000, Integer.MAX_VALUE / 2000));
        final LispAuthenticator auth = new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, SECRET);
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[512]);
        for (int i = 0; i < 1000; i++)
        {
            send(tx, encodeRegister(tx, auth, i + 1, 0x0A00_0000 | (i << 6), 1));
        }
        for (int i = 0; i < subscriptions; i++)
        {
            send(tx, encodeSubscribe(tx, 0x0B00_0000 + i * 997));
        }
        if (ms.subscriptionCount() != subscriptions)
        {
            throw new IllegalStateException("subscriptions: " + ms.subscriptionCount() + " of " + subscriptions);
        }
        first = new UnsafeBuffer(new byte[512]);
        firstLength = encodeRegister(first, auth, 0, 0x0A00_0000 | (500 << 6), 1);
        second = new UnsafeBuffer(new byte[512]);
        secondLength = encodeRegister(second, auth, 0, 0x0A00_0000 | (500 << 6), 2);
    }

    private void send(final UnsafeBuffer tx, final int length)
    {
        xtr.offer(tx, 0, length, 0);
        ms.doWork();
        xtr.poll(sink, 4);
    }

    private static int encodeRegister(
        final UnsafeBuffer tx, final LispAuthenticator auth, final long nonce, final int eid, final int priority)
    {
        final MapRegisterEncoder r = new MapRegisterEncoder().wrap(tx, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M | MapRegister.FLAG_P).nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        r.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 26, eid)
            .locatorIpv4(priority, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, XTR_RLOC);
        r.xtrId(1, 2, 3);
        final int length = r.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    private static int encodeSubscribe(final UnsafeBuffer tx, final int eid)
    {
        final EcmEncoder ecm = new EcmEncoder().wrap(tx, 0).innerIpv4(XTR_RLOC, eid, LispPorts.CONTROL,
            LispPorts.CONTROL);
        final int length = new MapRequestEncoder().wrap(tx, ecm.messageOffset()).nonce(eid).sourceEidNone()
            .itrRlocIpv4(XTR_RLOC).eidRecordIpv4(true, 0, 32, eid).xtrId(1, 2, 3).encodedLength();
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
     * Authenticated Map-Register changing a registration (published to no subscriber), answered by a Map-Notify.
     *
     * @return answers polled (1).
     */
    @Benchmark
    public int mapRegisterChanged()
    {
        other = !other;
        if (other)
        {
            xtr.offer(second, 0, secondLength, 0);
        }
        else
        {
            xtr.offer(first, 0, firstLength, 0);
        }
        ms.doWork();
        return xtr.poll(sink, 4);
    }
}
