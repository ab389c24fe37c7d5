/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import java.lang.management.ManagementFactory;

import io.fmc4j.api.DecodeStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Tag("alloc")
class IpCodecAllocationTest
{
    private static final int OPERATIONS = 1_000_000;

    private final UnsafeBuffer v4 = Packets.buffer(Packets.MAP_REGISTER_IPV4, 0);
    private final UnsafeBuffer v6 = Packets.buffer(Packets.MAP_REQUEST_IPV6, 0);
    private final Ipv4HeaderDecoder ipv4Decoder = new Ipv4HeaderDecoder();
    private final Ipv6HeaderDecoder ipv6Decoder = new Ipv6HeaderDecoder();
    private final UdpHeaderDecoder udpDecoder = new UdpHeaderDecoder();
    private final Ipv4HeaderEncoder ipv4Encoder = new Ipv4HeaderEncoder();
    private final UdpHeaderEncoder udpEncoder = new UdpHeaderEncoder();
    private long sink;

    @Test
    void shouldNotAllocateToEncodeValidateAndDecode()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counting not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        final long threadId = Thread.currentThread().getId();

        runOperations(OPERATIONS);
        runOperations(OPERATIONS);
        // A round can catch a one-off allocation of the runtime (a deoptimisation, a JIT transition) that is not
        // per operation; per-operation garbage would show in every round, at least 10^6 bytes each.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3 && least != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            runOperations(OPERATIONS);
            least = Math.min(least, threads.getThreadAllocatedBytes(threadId) - before);
        }

        assertEquals(0, least, "bytes allocated over " + OPERATIONS + " operations");
        assertEquals(true, sink != 0);
    }

    private void runOperations(final int count)
    {
        long acc = 0;
        for (int i = 0; i < count; i++)
        {
            IpUdp.writeIpv4Udp(v4, 0, 0xC0A80069, 0x7F000001 + (i & 1), 4342, 4342, 116, 64, 0, 1, false, true);
            final int payloadOffset = IpUdp.parseIpUdp(v4, 0, 144, IpUdp.CHECKSUM_VERIFY);
            acc += payloadOffset + IpUdp.parseIpUdp(v6, 0, 144, IpUdp.CHECKSUM_VERIFY);
            if (Ipv4Header.validate(v4, 0, 144) == DecodeStatus.OK)
            {
                ipv4Decoder.wrap(v4, 0);
                acc += ipv4Decoder.sourceAddress() + ipv4Decoder.ttl() + (ipv4Decoder.isChecksumValid() ? 1 : 0);
            }
            ipv6Decoder.wrap(v6, 0);
            acc += ipv6Decoder.sourceLow() + ipv6Decoder.payloadLength() + ipv6Decoder.flowLabel();
            acc += udpDecoder.wrap(v6, 40).checksum() + (udpDecoder.isChecksumValidIpv6(v6, 0, false) ? 1 : 0);
            ipv4Encoder.wrap(v4, 0).totalLength(144).identification(1).ttl(64).protocol(Ipv4Header.PROTOCOL_UDP)
                .sourceAddress(0xC0A80069).destinationAddress(0x7F000001).updateChecksum();
            udpEncoder.wrap(v4, 20).sourcePort(4342).destinationPort(4342).length(124)
                .updateChecksumIpv4(0xC0A80069, 0x7F000001);
            acc += InternetChecksum.checksum(v4, 0, 144);
        }
        sink += acc;
    }
}
