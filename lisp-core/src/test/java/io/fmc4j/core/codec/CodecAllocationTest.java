/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After warm-up, 10^6 decode, encode and HMAC operations allocate nothing, measured by the thread's
 * allocated-bytes counter. Warm-up lets the JIT finish: compilations inside the measured window show up as a few
 * hundred bytes once, which is not what this test is about.
 */
@Tag("alloc")
class CodecAllocationTest
{
    /** Each round signs, verifies, validates, encodes and decodes: at least 10 operations. */
    private static final int OPERATIONS_PER_ROUND = 10;
    private static final int ROUNDS = 1_000_000 / OPERATIONS_PER_ROUND;
    private static final int WARM_UP_ROUNDS = 300_000;

    private final UnsafeBuffer heap = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final LispAuthenticator sha1 =
        new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, "password".getBytes(StandardCharsets.US_ASCII));
    private final LispAuthenticator sha256 =
        new LispAuthenticator(LispAuthenticator.HMAC_SHA_256, 1, "password".getBytes(StandardCharsets.US_ASCII));
    private final MapRegisterEncoder registerEncoder = new MapRegisterEncoder();
    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final MapRequestEncoder requestEncoder = new MapRequestEncoder();
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final MapReplyDecoder replyDecoder = new MapReplyDecoder();
    private final EcmEncoder ecmEncoder = new EcmEncoder();
    private final LispDataHeaderEncoder dataEncoder = new LispDataHeaderEncoder();
    private final LispDataHeaderDecoder dataDecoder = new LispDataHeaderDecoder();
    private long sink;

    @Test
    void shouldNotAllocateWhileDecodingEncodingAndAuthenticating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < WARM_UP_ROUNDS; i++)
        {
            round(i);
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ROUNDS; i++)
        {
            round(i);
        }
        final long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertEquals(0, allocated, "bytes allocated over " + ROUNDS * OPERATIONS_PER_ROUND + " operations");
        assumeTrue(sink != 42);
    }

    private void round(final int i)
    {
        final UnsafeBuffer buffer = (i & 1) == 0 ? heap : direct;
        final LispAuthenticator auth = (i & 2) == 0 ? sha1 : sha256;

        final MapRegisterEncoder register = registerEncoder.wrap(buffer, 0, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M).nonce(i).authentication(auth.keyIdField(), auth.macLength());
        register.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, i)
            .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001);
        final int registerLength = register.xtrId(i, i, i).encodedLength();
        auth.sign(buffer, 0, registerLength, MapRegister.AUTH_OFFSET);
        if (MapRegister.validate(buffer, 0, registerLength) != DecodeStatus.OK)
        {
            throw new AssertionError();
        }
        registerDecoder.wrap(buffer, 0);
        if (!auth.verify(buffer, 0, registerLength, MapRegister.AUTH_OFFSET, registerDecoder.authLength()))
        {
            throw new AssertionError();
        }
        final MapRecordDecoder records = registerDecoder.records();
        while (records.hasNext())
        {
            final LocatorDecoder locators = records.next().locators();
            while (locators.hasNext())
            {
                sink += locators.next().ipv4();
            }
        }

        final EcmEncoder ecm = ecmEncoder.wrap(buffer, 256).innerIpv4(1, 2, 4342, 4342);
        final int requestLength = requestEncoder.wrap(buffer, ecm.messageOffset()).nonce(i).sourceEidNone()
            .itrRlocIpv4(i).eidRecordIpv4(true, 0, 32, i).encodedLength();
        final int ecmLength = ecm.finish(requestLength);
        if (Ecm.validate(buffer, 256, ecmLength) != DecodeStatus.OK)
        {
            throw new AssertionError();
        }
        sink += requestDecoder.wrap(buffer, ecm.messageOffset()).nonce() + requestDecoder.recordCount();

        final MapReplyEncoder reply = replyEncoder.wrap(buffer, 512).nonce(i);
        reply.addRecord().ttl(15).eidIpv6(0, 64, i, i).locatorIpv4(1, 1, 1, 1, 1, i);
        final int replyLength = reply.encodedLength();
        if (MapReply.validate(buffer, 512, replyLength) != DecodeStatus.OK)
        {
            throw new AssertionError();
        }
        sink += replyDecoder.wrap(buffer, 512).records().next().ttl();

        dataEncoder.wrap(buffer, 800).nonce(i & 0xFFFFFF).instanceId(i & 0xFFFFFF, 1);
        sink += dataDecoder.wrap(buffer, 800).instanceId() + LispDataHeader.validate(buffer, 800, 8);
    }
}
