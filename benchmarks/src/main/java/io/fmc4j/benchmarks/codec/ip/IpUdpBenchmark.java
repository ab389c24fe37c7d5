/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.codec.ip;

import java.util.concurrent.TimeUnit;

import io.fmc4j.core.codec.ip.InternetChecksum;
import io.fmc4j.core.codec.ip.IpUdp;
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
import org.openjdk.jmh.annotations.Warmup;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Outer-header costs of the data path: the Internet checksum (8-byte reads against a 16-bit-word loop, the
 * textbook form), writing IPv4/IPv6+UDP in front of a payload, and parsing IP+UDP with and without checksum
 * verification. {@code size} is the checksummed range or the UDP payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class IpUdpBenchmark
{
    @Param({"64", "1400"})
    int size;

    private UnsafeBuffer buffer;
    private int v4Length;

    /**
     * Fills a buffer with headroom, a payload and one written IPv4/UDP packet.
     */
    @Setup
    public void setup()
    {
        buffer = new UnsafeBuffer(new byte[IpUdp.IPV6_UDP_LENGTH + size]);
        for (int i = 0; i < buffer.capacity(); i++)
        {
            buffer.putByte(i, (byte)(i * 31 + 7));
        }
        v4Length = IpUdp.writeIpv4Udp(buffer, 20, 0x0A000001, 0x0A000002, 61000, 4341, size, 64, true) + size;
    }

    /**
     * Checksum reading 8 bytes per step.
     *
     * @return the checksum.
     */
    @Benchmark
    public int checksumWords64()
    {
        return InternetChecksum.checksum(buffer, 0, size);
    }

    /**
     * Baseline: the same checksum over 16-bit big-endian reads.
     *
     * @return the checksum.
     */
    @Benchmark
    public int checksumWords16()
    {
        long sum = 0;
        final int end = size & ~1;
        for (int i = 0; i < end; i += 2)
        {
            sum += buffer.getShort(i, BIG_ENDIAN) & 0xFFFF;
        }
        if ((size & 1) != 0)
        {
            sum += (buffer.getByte(size - 1) & 0xFF) << 8;
        }
        return InternetChecksum.complement(sum);
    }

    /**
     * IPv4+UDP headers with the UDP checksum over the payload.
     *
     * @return header length.
     */
    @Benchmark
    public int writeIpv4UdpChecksum()
    {
        return IpUdp.writeIpv4Udp(buffer, 20, 0x0A000001, 0x0A000002, 61000, 4341, size, 64, true);
    }

    /**
     * IPv4+UDP headers with UDP checksum 0 (RFC 9300 §5.3); only the 20-byte IPv4 header is summed.
     *
     * @return header length.
     */
    @Benchmark
    public int writeIpv4UdpNoChecksum()
    {
        return IpUdp.writeIpv4Udp(buffer, 20, 0x0A000001, 0x0A000002, 61000, 4341, size, 64, false);
    }

    /**
     * IPv6+UDP headers with the (mandatory by default) UDP checksum.
     *
     * @return header length.
     */
    @Benchmark
    public int writeIpv6UdpChecksum()
    {
        return IpUdp.writeIpv6Udp(
            buffer, 0, 0x2001_0db8_0000_0000L, 1L, 0x2001_0db8_0000_0000L, 2L, 61000, 4341, size, 64, true);
    }

    /**
     * Structural checks only.
     *
     * @return payload offset.
     */
    @Benchmark
    public int parseIpv4UdpNoVerify()
    {
        return IpUdp.parseIpUdp(buffer, 20, v4Length, IpUdp.CHECKSUM_IGNORE);
    }

    /**
     * Structural checks plus IPv4 header and UDP checksums.
     *
     * @return payload offset.
     */
    @Benchmark
    public int parseIpv4UdpVerify()
    {
        return IpUdp.parseIpUdp(buffer, 20, v4Length, IpUdp.CHECKSUM_VERIFY);
    }
}
