/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.Ecm;
import io.fmc4j.core.codec.EcmDecoder;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.LispDataHeader;
import io.fmc4j.core.codec.LispDataHeaderDecoder;
import io.fmc4j.core.codec.LispDataHeaderEncoder;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapReply;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapReplyEncoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestDecoder;
import io.fmc4j.core.codec.MapRequestEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Decode and encode of each control message type, the data header, and HMAC sign/verify, over a direct buffer
 * (as a receive path would see it). Run with {@code -prof gc}: every benchmark should show
 * {@code gc.alloc.rate.norm} of 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class CodecBenchmark
{
    private static final int REQUEST = 0;
    private static final int REGISTER = 512;
    private static final int REPLY = 1024;
    private static final int ECM = 1536;
    private static final int DATA = 2048;
    private static final int SCRATCH = 2560;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final LispDataHeaderEncoder dataEncoder = new LispDataHeaderEncoder();
    private final LispDataHeaderDecoder dataDecoder = new LispDataHeaderDecoder();
    private final MapRequestEncoder requestEncoder = new MapRequestEncoder();
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final MapRegisterEncoder registerEncoder = new MapRegisterEncoder();
    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final MapReplyDecoder replyDecoder = new MapReplyDecoder();
    private final EcmEncoder ecmEncoder = new EcmEncoder();
    private final EcmDecoder ecmDecoder = new EcmDecoder();
    private final LispAuthenticator sha1 =
        new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, "password".getBytes(StandardCharsets.US_ASCII));
    private final LispAuthenticator sha256 =
        new LispAuthenticator(LispAuthenticator.HMAC_SHA_256, 0, "password".getBytes(StandardCharsets.US_ASCII));
    private int requestLength;
    private int registerLength;
    private int replyLength;
    private int ecmLength;
    private int nonce;

    /**
     * Writes one message of each kind, as a peer would send it.
     */
    @Setup
    public void setUp()
    {
        requestLength = writeRequest(REQUEST, 1);
        registerLength = writeRegister(REGISTER, 1, sha1);
        final MapReplyEncoder reply = replyEncoder.wrap(buffer, REPLY).nonce(7L);
        reply.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, 0x0a010000)
            .locatorIpv4(1, 50, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001)
            .locatorIpv4(2, 50, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80002);
        replyLength = reply.encodedLength();
        final EcmEncoder ecm = ecmEncoder.wrap(buffer, ECM).innerIpv4(0xc0a80001, 0x0a010001, 4342, 4342);
        ecmLength = ecm.finish(writeRequest(ecm.messageOffset(), 2));
    }

    private int writeRequest(final int offset, final long nonce)
    {
        return requestEncoder.wrap(buffer, offset).nonce(nonce).sourceEidIpv4(0, 0x0a000001)
            .itrRlocIpv4(0xc0a80001).eidRecordIpv4(false, 0, 32, 0x0a010001).encodedLength();
    }

    private int writeRegister(final int offset, final long nonce, final LispAuthenticator auth)
    {
        final MapRegisterEncoder register = registerEncoder.wrap(buffer, offset, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M).nonce(nonce).authentication(auth.keyIdField(), auth.macLength());
        register.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, 0x0a010000)
            .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001);
        final int length = register.xtrId(1L, 2L, 3L).encodedLength();
        auth.sign(buffer, offset, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    /**
     * Data header encode: nonce, instance ID and LSBs (the per-packet ITR work on the header).
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long dataHeaderEncode()
    {
        nonce = (nonce + 1) & LispDataHeader.MASK_24;
        dataEncoder.wrap(buffer, DATA).nonce(nonce).instanceId(1234, 1);
        return buffer.getLong(DATA);
    }

    /**
     * Data header encode of the ITR's common case (N, L, I) in one 64-bit store.
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long dataHeaderEncodeOneStore()
    {
        nonce = (nonce + 1) & LispDataHeader.MASK_24;
        dataEncoder.wrap(buffer, DATA).nonceInstanceId(nonce, 1234, 1);
        return buffer.getLong(DATA);
    }

    /**
     * Data header validate and read (the per-packet ETR work on the header).
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public int dataHeaderDecode()
    {
        final int status = LispDataHeader.validate(buffer, DATA, 8);
        final LispDataHeaderDecoder d = dataDecoder.wrap(buffer, DATA);
        return status + d.instanceId() + d.nonce() + d.locatorStatusBits();
    }

    /**
     * Map-Request validate, wrap and read nonce, source EID, ITR-RLOC and the EID record.
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long mapRequestDecode()
    {
        if (MapRequest.validate(buffer, REQUEST, requestLength) != DecodeStatus.OK)
        {
            throw new IllegalStateException();
        }
        final MapRequestDecoder d = requestDecoder.wrap(buffer, REQUEST);
        return d.nonce() + buffer.getInt(d.itrRlocOffset() + 2) + d.maskLength(d.recordsOffset())
            + buffer.getInt(d.recordsOffset() + 4);
    }

    /**
     * Map-Request encode (one EID record, one ITR-RLOC).
     *
     * @return the length.
     */
    @Benchmark
    public int mapRequestEncode()
    {
        return writeRequest(SCRATCH, ++nonce);
    }

    /**
     * Map-Register validate, HMAC-SHA-1 verify, and walk of records and locators (what a Map-Server does first).
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long mapRegisterDecodeVerifySha1()
    {
        if (MapRegister.validate(buffer, REGISTER, registerLength) != DecodeStatus.OK)
        {
            throw new IllegalStateException();
        }
        final MapRegisterDecoder d = registerDecoder.wrap(buffer, REGISTER);
        if (!sha1.verify(buffer, REGISTER, registerLength, MapRegister.AUTH_OFFSET, d.authLength()))
        {
            throw new IllegalStateException();
        }
        long sum = d.nonce();
        final MapRecordDecoder records = d.records();
        while (records.hasNext())
        {
            final LocatorDecoder locators = records.next().locators();
            while (locators.hasNext())
            {
                sum += locators.next().ipv4();
            }
        }
        return sum;
    }

    /**
     * Map-Register validate and record walk without authentication, to separate codec from HMAC cost.
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long mapRegisterDecode()
    {
        if (MapRegister.validate(buffer, REGISTER, registerLength) != DecodeStatus.OK)
        {
            throw new IllegalStateException();
        }
        final MapRecordDecoder records = registerDecoder.wrap(buffer, REGISTER).records();
        long sum = 0;
        while (records.hasNext())
        {
            final LocatorDecoder locators = records.next().locators();
            while (locators.hasNext())
            {
                sum += locators.next().ipv4();
            }
        }
        return sum;
    }

    /**
     * Map-Register encode and HMAC-SHA-1 sign.
     *
     * @return the length.
     */
    @Benchmark
    public int mapRegisterEncodeSignSha1()
    {
        return writeRegister(SCRATCH, ++nonce, sha1);
    }

    /**
     * Map-Register encode and HMAC-SHA-256 sign.
     *
     * @return the length.
     */
    @Benchmark
    public int mapRegisterEncodeSignSha256()
    {
        return writeRegister(SCRATCH, ++nonce, sha256);
    }

    /**
     * Map-Reply validate and walk (what an ITR's control agent does with an answer).
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long mapReplyDecode()
    {
        if (MapReply.validate(buffer, REPLY, replyLength) != DecodeStatus.OK)
        {
            throw new IllegalStateException();
        }
        final MapRecordDecoder records = replyDecoder.wrap(buffer, REPLY).records();
        long sum = 0;
        while (records.hasNext())
        {
            final LocatorDecoder locators = records.next().locators();
            sum += records.ttl();
            while (locators.hasNext())
            {
                sum += locators.next().priority();
            }
        }
        return sum;
    }

    /**
     * Map-Reply encode: one record, two locators.
     *
     * @return the length.
     */
    @Benchmark
    public int mapReplyEncode()
    {
        final MapReplyEncoder reply = replyEncoder.wrap(buffer, SCRATCH).nonce(++nonce);
        reply.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, 0x0a010000)
            .locatorIpv4(1, 50, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001)
            .locatorIpv4(2, 50, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80002);
        return reply.encodedLength();
    }

    /**
     * ECM validate (inner IP, UDP and Map-Request) and reach the inner request (what a Map-Resolver does).
     *
     * @return a value depending on the result.
     */
    @Benchmark
    public long ecmDecode()
    {
        if (Ecm.validate(buffer, ECM, ecmLength) != DecodeStatus.OK)
        {
            throw new IllegalStateException();
        }
        final EcmDecoder ecm = ecmDecoder.wrap(buffer, ECM);
        return requestDecoder.wrap(buffer, ecm.messageOffset()).nonce() + ecm.innerSourcePort();
    }
}
