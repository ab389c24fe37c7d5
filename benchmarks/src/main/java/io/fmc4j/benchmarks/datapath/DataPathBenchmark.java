/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.datapath;

import java.io.IOException;
import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.datapath.DataPathAgent;
import io.fmc4j.core.datapath.DataPathEventRing;
import io.fmc4j.core.datapath.Decapsulator;
import io.fmc4j.core.datapath.Encapsulator;
import io.fmc4j.core.datapath.PendingRequests;
import io.fmc4j.core.datapath.RlocMode;
import io.fmc4j.core.datapath.XtrDataPlane;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.BufferUtil;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The LISP data path per packet, against a map-cache of 10^6 IPv4 /24 prefixes by default (shared by all
 * benchmark threads; run with {@code -t 2} for two data-path threads), each mapped to two weighted RLOCs, and an
 * RLOC-side MTU of 9000 so that 1500-byte inner packets are encapsulated rather than answered with ICMP:
 * <ul>
 *   <li>{@code encapsulate}: the ITR handler on one inner IPv4/UDP packet whose destination cycles over 4096
 *   random covered addresses (map-cache lookup, flow hash, locator choice, outer IPv4 + UDP + LISP headers written
 *   into the headroom), offered to a sink device;</li>
 *   <li>{@code decapsulate}: the ETR handler on an encapsulated packet (outer IPv4/UDP checks with a zero UDP
 *   checksum, LISP header, instance ID to device, inner header checks), offered to a sink device;</li>
 *   <li>{@code encapsulateThroughMemoryDevices}: a burst of 32 packets offered by a host on an in-memory link,
 *   polled, encapsulated and offered to an in-memory RLOC link by one agent duty cycle, then polled off the wire
 *   (two ring copies per packet on top of the data path); score per packet.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class DataPathBenchmark
{
    static final int IID = 0x123;
    static final int HEADROOM = 128;
    static final int BURST = 32;
    static final int DESTINATIONS = 4096;
    static final int BURST_SLOT = HEADROOM + 2048;

    @Param({"64", "512", "1500"})
    int packetLength;

    /**
     * {@code inplace}: the ITR over the map-cache's own reader (IPv4 mappings under a DIR-24-8 table read in place);
     * {@code copy}: the same ITR over a reader that hides that type, so every mapping is looked up and copied (the
     * general path, and the only one before the in-place read existed).
     */
    @Param({"inplace"})
    String itrPath;

    private final UnsafeBuffer inner = new UnsafeBuffer(BufferUtil.allocateDirectAligned(HEADROOM + 2048, 64));
    private final UnsafeBuffer outer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(HEADROOM + 2048, 64));
    private final int[] destinations = new int[DESTINATIONS];
    private final UnsafeBuffer burst = new UnsafeBuffer(BufferUtil.allocateDirectAligned(BURST * BURST_SLOT, 64));
    private final UnsafeBuffer[] burstBuffers = new UnsafeBuffer[BURST];
    private final int[] burstOffsets = new int[BURST];
    private final int[] burstLengths = new int[BURST];
    private final int[] burstAddresses = new int[BURST];
    private final int[] burstStatuses = new int[BURST];
    private final MappingView[] burstViews = new MappingView[BURST];
    private int next;
    private int outerLength;
    private Encapsulator encapsulator;
    private Decapsulator decapsulator;
    private SinkPacketIo sink;
    private final CachedEpochClock clock = new CachedEpochClock();
    private final MappingView view = new MappingView();
    private MapCacheReader reader;
    private MemoryLink eidLink;
    private MemoryLink rlocLink;
    private DataPathAgent agent;

    /**
     * The map-cache shared by the benchmark threads.
     */
    @State(Scope.Benchmark)
    public static class SharedCache
    {
        /** Prefixes in the map-cache; {@code -p prefixes=1000} separates the data path from memory latency. */
        @Param({"1000000"})
        int prefixes;

        /** Whether the map-cache keeps its DIR-24-8 table for the instance ID (one or two loads per IPv4 lookup). */
        @Param({"false"})
        boolean direct;

        ChronicleMapCache cache;
        XtrDataPlane.Context context;
        DataPathEventRing events;
        PendingRequests pending;

        /**
         * Fills the cache.
         *
         * @throws IOException if the cache cannot be created.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(prefixes + 1024)
                .ipv4DirectInstanceIds(direct ? new int[] {IID} : new int[0]));
            final MappingBuilder mapping = new MappingBuilder();
            for (int i = 0; i < prefixes; i++)
            {
                mapping.reset().ttlMinutes(24 * 60)
                    .addIpv4Locator(0xC633_6400 | (i & 0xFF), LocatorSet.FLAG_REACHABLE, 1, 30, 255, 0)
                    .addIpv4Locator(0xCB00_7100 | (i & 0xFF), LocatorSet.FLAG_REACHABLE, 1, 70, 255, 0);
                cache.put(IID, Afi.IPV4, 24, (long)prefix(i) << 32, 0L, mapping);
            }
            context = new XtrDataPlane.Context()
                .mapCache(cache)
                .rlocMode(RlocMode.IP)
                .localRloc(InetAddress.getByAddress(new byte[] {(byte)192, 0, 2, 1}))
                .locatorStatusBits(1)
                .rlocMtu(9000)
                .conclude();
            events = new DataPathEventRing(1 << 20);
            pending = new PendingRequests(4096, 1000, 1000);
        }

        /**
         * Closes the cache.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            cache.close();
        }
    }

    static int prefix(final int i)
    {
        return 0x0A00_0000 + (i << 8);
    }

    /**
     * Builds this thread's handlers, devices and packets.
     *
     * @param shared the shared cache.
     */
    @Setup(Level.Trial)
    public void setUp(final SharedCache shared)
    {
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
        for (int i = 0; i < DESTINATIONS; i++)
        {
            destinations[i] = prefix(random.nextInt(shared.prefixes)) | (1 + random.nextInt(254));
        }
        sink = new SinkPacketIo();
        final DataPathCounters counters = new DataPathCounters();
        // As in DataPathAgent: the clock is read once per duty cycle, not per lookup.
        clock.update(System.currentTimeMillis());
        reader = shared.cache.newReader(clock);
        final MapCacheReader itrReader = shared.cache.newReader(clock);
        encapsulator = new Encapsulator(shared.context, "copy".equals(itrPath) ? new CopyingReader(itrReader) :
            itrReader, sink, counters,
            shared.pending, shared.events, clock);
        encapsulator.port(sink, IID);
        decapsulator = new Decapsulator(shared.context, new int[] {IID}, new PacketIo[] {sink}, counters,
            shared.events);

        final int payload = packetLength - IpUdp.IPV4_UDP_LENGTH;
        IpUdp.writeIpv4Udp(inner, HEADROOM, 0x0B00_0001, destinations[0], 40000, 80, payload, 64, true);
        outerLength = packetLength + 36;
        outer.putBytes(HEADROOM + 36, inner, HEADROOM, packetLength);
        outer.putInt(HEADROOM + 28, 0x8800_0001, BIG_ENDIAN);
        outer.putInt(HEADROOM + 32, IID << 8, BIG_ENDIAN);
        IpUdp.writeIpv4Udp(outer, HEADROOM, 0xC633_6401, 0xC000_0201, 0xC123, LispPorts.DATA, packetLength + 8, 64,
            false);

        for (int i = 0; i < BURST; i++)
        {
            burstBuffers[i] = burst;
            burstOffsets[i] = i * BURST_SLOT + HEADROOM;
            burstLengths[i] = packetLength;
            burstViews[i] = new MappingView();
            IpUdp.writeIpv4Udp(burst, burstOffsets[i], 0x0B00_0001 + i, destinations[i], 40000 + i, 80, payload, 64,
                true);
        }

        final String name = "bench-" + Thread.currentThread().getId() + "-" + packetLength;
        eidLink = MemoryLink.create(name + "-eid", new PacketIoConfig().mtu(2048));
        rlocLink = MemoryLink.create(name + "-rloc", new PacketIoConfig().mtu(2048));
        agent = new DataPathAgent(shared.context, name, rlocLink.endpointA(),
            new PacketIo[] {eidLink.endpointB()}, new int[] {IID}, new DataPathCounters(), shared.pending,
            shared.events);
    }

    /**
     * Closes the devices.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        eidLink.endpointA().close();
        eidLink.endpointB().close();
        rlocLink.endpointA().close();
        rlocLink.endpointB().close();
    }

    /**
     * One packet through the ITR.
     *
     * @return the sink's running value.
     */
    @Benchmark
    public long encapsulate()
    {
        inner.putInt(HEADROOM + 16, destinations[next++ & (DESTINATIONS - 1)], BIG_ENDIAN);
        encapsulator.onPacket(inner, HEADROOM, packetLength, null);
        return sink.checksum();
    }

    /**
     * A burst of {@value #BURST} packets (distinct buffers, as a device's receive burst) through the ITR's burst
     * path, whose map-cache lookups are made together; score per packet.
     *
     * @return the sink's running value.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long encapsulateBurst()
    {
        for (int i = 0; i < BURST; i++)
        {
            burst.putInt(burstOffsets[i] + 16, destinations[next++ & (DESTINATIONS - 1)], BIG_ENDIAN);
        }
        encapsulator.onBurst(burstBuffers, burstOffsets, burstLengths, BURST);
        return sink.checksum();
    }

    /**
     * The map-cache lookups of a burst alone, for the same destinations: the part of {@link #encapsulateBurst()}
     * that belongs to the map-cache; score per lookup.
     *
     * @return the last status plus the locator count.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int lookupOnlyBurst()
    {
        for (int i = 0; i < BURST; i++)
        {
            burstAddresses[i] = destinations[next++ & (DESTINATIONS - 1)];
        }
        reader.lookupIpv4Burst(IID, burstAddresses, BURST, burstStatuses, burstViews);
        return burstStatuses[BURST - 1] + burstViews[BURST - 1].locatorCount();
    }

    /**
     * The map-cache lookup alone, for the same destinations as {@link #encapsulate()}: the part of the ITR's cost
     * that belongs to the map-cache.
     *
     * @return the lookup status plus the locator count.
     */
    @Benchmark
    public int lookupOnly()
    {
        return reader.lookupIpv4(IID, destinations[next++ & (DESTINATIONS - 1)], view) + view.locatorCount();
    }

    /**
     * One packet through the ETR.
     *
     * @return the sink's running value.
     */
    @Benchmark
    public long decapsulate()
    {
        decapsulator.onPacket(outer, HEADROOM, outerLength, null);
        return sink.checksum();
    }

    /**
     * A burst through in-memory devices and one agent duty cycle.
     *
     * @return packets taken off the wire.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int encapsulateThroughMemoryDevices()
    {
        final PacketIo host = eidLink.endpointA();
        for (int i = 0; i < BURST; i++)
        {
            inner.putInt(HEADROOM + 16, destinations[next++ & (DESTINATIONS - 1)], BIG_ENDIAN);
            host.offer(inner, HEADROOM, packetLength, PacketIo.NO_NEXT_HOP);
        }
        agent.doWork();
        agent.doWork();
        final PacketIo wire = rlocLink.endpointB();
        return wire.poll((buffer, offset, length, source) ->
        {
        }, 2 * BURST) + wire.poll((buffer, offset, length, source) ->
        {
        }, 2 * BURST);
    }
}
