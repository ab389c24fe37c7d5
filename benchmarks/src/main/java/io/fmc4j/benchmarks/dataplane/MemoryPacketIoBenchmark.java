/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.dataplane;

import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-memory backend: a burst of {@value #BURST} packets offered on one endpoint and polled on the other, on
 * one thread; the score is per packet (one copy into the ring on send, none on receive).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class MemoryPacketIoBenchmark
{
    static final int BURST = 32;

    @Param({"64", "1500"})
    int packetLength;

    private MemoryLink link;
    private PacketIo sender;
    private PacketIo receiver;
    private UnsafeBuffer packet;
    private PacketHandler handler;
    private Blackhole blackhole;

    /**
     * Creates the link.
     *
     * @param blackhole consumes what the handler sees.
     */
    @Setup
    public void setUp(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
        link = MemoryLink.create("bench", new PacketIoConfig());
        sender = link.endpointA();
        receiver = link.endpointB();
        packet = new UnsafeBuffer(new byte[packetLength]);
        handler = (buffer, offset, length, source) -> this.blackhole.consume(buffer.getByte(offset));
    }

    /**
     * Closes the link.
     */
    @TearDown
    public void tearDown()
    {
        sender.close();
        receiver.close();
    }

    /**
     * Offers a burst, then polls it.
     *
     * @return packets received.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int offerThenPollBurst()
    {
        for (int i = 0; i < BURST; i++)
        {
            sender.offer(packet, 0, packetLength, PacketIo.NO_NEXT_HOP);
        }
        sender.flush();
        return receiver.poll(handler, BURST);
    }
}
