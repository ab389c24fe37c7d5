/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.spi.dataplane.udp.UdpNativePacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
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
 * The UDP backends over the loopback interface, one thread: a burst of {@value #BURST} datagrams sent from one
 * socket and received on another; the score is per datagram. {@code udp} (NIO) makes one {@code sendto} and one
 * {@code recvfrom} per datagram; {@code udp-native} one {@code sendmmsg} and one {@code recvmmsg} per burst.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class UdpLoopbackBenchmark
{
    static final int BURST = 32;

    @Param({"64", "1400"})
    int packetLength;

    @Param({"udp", "udp-native"})
    String provider;

    private PacketIo sender;
    private PacketIo receiver;
    private int nextHop;
    private UnsafeBuffer packet;
    private PacketHandler handler;
    private Blackhole blackhole;
    private int received;

    /**
     * Opens two sockets on 127.0.0.1.
     *
     * @param blackhole consumes what the handler sees.
     * @throws IOException when the sockets cannot be bound.
     */
    @Setup
    public void setUp(final Blackhole blackhole) throws IOException
    {
        this.blackhole = blackhole;
        final InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        final PacketIoProvider udp = PacketIoProviders.select(provider);
        sender = udp.open(new PacketIoConfig().localAddress(any));
        receiver = udp.open(new PacketIoConfig().localAddress(any).property("udp.rcvbuf", "4194304"));
        nextHop = sender.registerNextHop(receiver instanceof UdpPacketIo ?
            ((UdpPacketIo)receiver).localAddress() : ((UdpNativePacketIo)receiver).localAddress());
        packet = new UnsafeBuffer(new byte[packetLength]);
        handler = (buffer, offset, length, source) ->
        {
            received++;
            this.blackhole.consume(source.port());
        };
    }

    /**
     * Closes the sockets.
     */
    @TearDown
    public void tearDown()
    {
        sender.close();
        receiver.close();
    }

    /**
     * Sends a burst, then receives it.
     *
     * @return datagrams received.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int sendThenReceiveBurst()
    {
        for (int i = 0; i < BURST; i++)
        {
            sender.offer(packet, 0, packetLength, nextHop);
        }
        sender.flush();
        received = 0;
        int spins = 0;
        while (received < BURST && spins++ < 1000)
        {
            receiver.poll(handler, BURST);
        }
        return received;
    }
}
