/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.control;

import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapReplyEncoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestEncoder;
import io.fmc4j.core.control.xtr.XtrContext;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.control.xtr.XtrCounters;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one control message through {@link XtrControlAgent#doWork()}, the device replaced by a replay stub:
 * <ul>
 *     <li>{@code etrAnswer}: an ECM Map-Request for a local EID, answered with an authoritative Map-Reply;</li>
 *     <li>{@code rlocProbeAnswer}: an RLOC probe (Map-Request with P), answered;</li>
 *     <li>{@code pubSubUpdate}: an HMAC-SHA-256 Map-Notify from the Map-Server updating a subscribed mapping:
 *     verified, installed into the Chronicle-backed map-cache, acknowledged (signed Map-Notify-Ack).</li>
 * </ul>
 * Run with {@code -prof gc}: the first two should show {@code gc.alloc.rate.norm} of 0 B/op; the third includes
 * the map-cache write (Chronicle Map's {@code put} of the store of record allocates, see the map-cache
 * benchmarks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class XtrControlAgentBenchmark
{
    private static final int RLOC = (127 << 24) | 2;
    private static final int MS = (127 << 24) | 1;
    private static final int ITR = (127 << 24) | 3;
    private static final int PORT = 4342;
    private static final int NOTIFIES = 1024;
    private static final byte[] SECRET = "benchmark-key".getBytes(StandardCharsets.US_ASCII);

    private final UnsafeBuffer request = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer probe = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer notifies = new UnsafeBuffer(new byte[NOTIFIES * 256]);
    private int requestLength;
    private int probeLength;
    private int notifyLength;
    private int nextNotify;
    private ReplayPacketIo io;
    private ChronicleMapCache cache;
    private XtrControlAgent agent;

    /**
     * Builds the agent (one local /24, one subscribed mapping) and the messages.
     *
     * @throws Exception when the map-cache cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final EidPrefix local = EidPrefix.ipv4(0, (10 << 24) | (1 << 16), 24);
        io = new ReplayPacketIo();
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(1024));
        agent = new XtrControlAgent(new XtrContext()
            .controlAddress(new InetSocketAddress(InetAddress.getByAddress(bytes(RLOC)), PORT))
            .addMapServer(new XtrContext.MapServer(new InetSocketAddress(InetAddress.getByAddress(bytes(MS)), PORT),
                LispAuthenticator.HMAC_SHA_256, 0, SECRET))
            .addMapResolver(new InetSocketAddress(InetAddress.getByAddress(bytes(MS)), PORT))
            .addEid(new XtrContext.LocalEid(local, 1, 100))
            .registerIntervalMs(3_600_000)
            .registerRetryMs(3_600_000)
            .probeIntervalMs(0)
            .nonceSeed(7), io, cache, null);

        final EcmEncoder ecm = new EcmEncoder().wrap(request, 0).innerIpv4(ITR, (10 << 24) | (1 << 16) | 5, PORT, PORT);
        final MapRequestEncoder mr = new MapRequestEncoder().wrap(request, ecm.messageOffset()).nonce(99)
            .sourceEidNone().itrRlocIpv4(ITR).eidRecordIpv4(false, 0, 32, (10 << 24) | (1 << 16) | 5);
        requestLength = ecm.finish(mr.encodedLength());
        probeLength = new MapRequestEncoder().wrap(probe, 0).flags(MapRequest.FLAG_P).nonce(98).sourceEidNone()
            .itrRlocIpv4(ITR).eidRecordIpv4(false, 0, 24, (10 << 24) | (1 << 16)).encodedLength();

        // A subscribed mapping, resolved once through the stub so that the agent tracks it as subscribed.
        final int remote = (10 << 24) | (2 << 16);
        agent.resolve(EidPrefix.ipv4(0, remote | 9, 32));
        agent.doWork();
        final LispAuthenticator auth = new LispAuthenticator(LispAuthenticator.HMAC_SHA_256, 0, SECRET);
        final MapRegisterEncoder notify = new MapRegisterEncoder();
        for (int i = 0; i < NOTIFIES; i++)
        {
            notify.wrap(notifies, i * 256, MessageType.MAP_NOTIFY).nonce(1_000 + i)
                .authentication(auth.keyIdField(), auth.macLength())
                .addRecord().ttl(1440).authoritative(true).eidIpv4(0, 32, remote | 9)
                .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, (127 << 24) | (10 + (i & 7)));
            notifyLength = notify.encodedLength();
            auth.sign(notifies, i * 256, notifyLength, MapRegister.AUTH_OFFSET);
        }
        // Answer the pending, subscribing lookup (its nonce read from the ECM the agent sent).
        final long nonce = io.lastOffered.getLong(32 + 4, ByteOrder.BIG_ENDIAN);
        final UnsafeBuffer reply = new UnsafeBuffer(new byte[256]);
        final int replyLength = new MapReplyEncoder().wrap(reply, 0).nonce(nonce).addRecord().ttl(1440)
            .authoritative(true).eidIpv4(0, 32, remote | 9).locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R,
                (127 << 24) | 9).limit();
        io.next(reply, 0, replyLength, MS, PORT);
        agent.doWork();
        if (agent.counters().get(XtrCounters.POSITIVE_INSTALLED) != 1)
        {
            throw new IllegalStateException("the subscribed mapping was not installed: " + agent.counters());
        }
    }

    /**
     * Releases the map-cache, after checking the updates were really applied.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (nextNotify > 0 && agent.counters().get(XtrCounters.NOTIFY_UPDATES_APPLIED) < nextNotify / 2)
        {
            throw new IllegalStateException("pub/sub updates not applied: " + agent.counters());
        }
        cache.close();
    }

    private static byte[] bytes(final int ipv4)
    {
        return new byte[] {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
    }

    /**
     * ETR side: one forwarded Map-Request answered.
     *
     * @return the work count.
     */
    @Benchmark
    public int etrAnswer()
    {
        io.next(request, 0, requestLength, MS, PORT);
        return agent.doWork();
    }

    /**
     * One RLOC probe answered.
     *
     * @return the work count.
     */
    @Benchmark
    public int rlocProbeAnswer()
    {
        io.next(probe, 0, probeLength, ITR, PORT);
        return agent.doWork();
    }

    /**
     * ITR side: one pub/sub Map-Notify verified, installed and acknowledged.
     *
     * @return the work count.
     */
    @Benchmark
    public int pubSubUpdate()
    {
        io.next(notifies, (nextNotify++ & (NOTIFIES - 1)) * 256, notifyLength, MS, PORT);
        return agent.doWork();
    }
}
