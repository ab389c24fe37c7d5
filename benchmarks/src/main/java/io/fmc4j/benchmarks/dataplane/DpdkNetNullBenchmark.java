/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.dataplane;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The DPDK backend on {@code net_null} virtual devices ({@code --no-huge}, no NIC): per-packet cost of a 32-packet
 * receive burst (64-byte frames, zero-copy into the handler), of a 32-packet send burst (one copy into mbufs, one
 * {@code rte_eth_tx_burst}), and of forwarding from one port to another in the handler. net_null does no I/O, so
 * this is the cost of the JNI crossing, the mbuf handling and the Java side, not of a wire.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class DpdkNetNullBenchmark
{
    static final int BURST = 32;

    private PacketIo rx;
    private PacketIo tx;
    private UnsafeBuffer frame;
    private PacketHandler consume;
    private PacketHandler forward;
    private Blackhole blackhole;

    /**
     * Opens two net_null ports.
     *
     * @param blackhole consumes what the handler sees.
     * @throws IOException when DPDK cannot start.
     */
    @Setup
    public void setUp(final Blackhole blackhole) throws IOException
    {
        this.blackhole = blackhole;
        final PacketIoProvider dpdk = PacketIoProviders.select("dpdk");
        rx = dpdk.open(new PacketIoConfig().deviceName("net_null_bench_rx").property("dpdk.devargs", "size=64"));
        tx = dpdk.open(new PacketIoConfig().deviceName("net_null_bench_tx"));
        frame = new UnsafeBuffer(new byte[64]);
        consume = (buffer, offset, length, source) -> this.blackhole.consume(buffer.getByte(offset));
        forward = (buffer, offset, length, source) -> tx.offer(buffer, offset, length, PacketIo.NO_NEXT_HOP);
    }

    /**
     * Closes the ports.
     */
    @TearDown
    public void tearDown()
    {
        rx.close();
        tx.close();
    }

    /**
     * One receive burst.
     *
     * @return packets received.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int rxBurst()
    {
        return rx.poll(consume, BURST);
    }

    /**
     * One send burst.
     *
     * @return packets sent.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int txBurst()
    {
        for (int i = 0; i < BURST; i++)
        {
            tx.offer(frame, 0, 64, PacketIo.NO_NEXT_HOP);
        }
        return tx.flush();
    }

    /**
     * Receive a burst on one port and send it on the other.
     *
     * @return packets sent.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int forwardBurst()
    {
        rx.poll(forward, BURST);
        return tx.flush();
    }
}
