/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.Afi;
import io.fmc4j.api.datapath.DataPathEventHandler;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared set-up of the data-path tests: a map-cache on a manual clock, addresses, packet collection.
 */
class DataPathTestSupport
{
    static final int IID = 0x123;
    static final int LOCAL_RLOC = Packets.ipv4(192, 0, 2, 1);
    static final int RLOC_1 = Packets.ipv4(198, 51, 100, 1);
    static final int RLOC_2 = Packets.ipv4(198, 51, 100, 2);
    static final int HOST_A = Packets.ipv4(10, 1, 0, 5);
    static final int HOST_B = Packets.ipv4(10, 2, 3, 4);
    static final int REACHABLE = LocatorSet.FLAG_REACHABLE;

    final CachedEpochClock clock = new CachedEpochClock();
    final UnsafeBuffer packet = new UnsafeBuffer(new byte[70_000]);
    ChronicleMapCache cache;

    void openCache() throws IOException
    {
        clock.update(1_000_000_000L);
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(4096).clock(clock));
    }

    void closeCache()
    {
        if (cache != null)
        {
            cache.close();
        }
    }

    XtrDataPlane.Context context(final int mode)
    {
        return new XtrDataPlane.Context()
            .mapCache(cache)
            .rlocMode(mode)
            .localRloc(address("192.0.2.1"))
            .epochClock(clock)
            .errorHandler(ex ->
            {
                throw new AssertionError("unexpected error", ex);
            });
    }

    void putIpv4(final int iid, final int prefix, final int maskLength, final MappingBuilder mapping)
    {
        assertEquals(MapCacheStatus.OK, cache.put(iid, Afi.IPV4, maskLength, (long)prefix << 32, 0L, mapping));
    }

    static MappingBuilder ipv4Locators(final int... addressPriorityWeight)
    {
        final MappingBuilder mapping = new MappingBuilder().ttlMinutes(60);
        for (int i = 0; i < addressPriorityWeight.length; i += 3)
        {
            mapping.addIpv4Locator(addressPriorityWeight[i], REACHABLE, addressPriorityWeight[i + 1],
                addressPriorityWeight[i + 2], 255, 0);
        }
        return mapping;
    }

    static InetAddress address(final String text)
    {
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }

    static List<byte[]> drain(final PacketIo io)
    {
        final List<byte[]> out = new ArrayList<>();
        // The in-memory ring can answer 0 once when it skips the padding record at its end: poll twice more.
        int idle = 0;
        while (idle < 2)
        {
            final int n = io.poll((buffer, offset, length, source) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                out.add(bytes);
            }, 64);
            idle = n > 0 ? 0 : idle + 1;
        }
        return out;
    }

    static byte[] bytes(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    /**
     * Records the events of a drain.
     */
    static final class RecordingEvents implements DataPathEventHandler
    {
        final List<long[]> mapRequests = new ArrayList<>();
        final List<long[]> echoNonces = new ArrayList<>();
        final List<long[]> lsbs = new ArrayList<>();

        @Override
        public void onMapRequest(
            final int instanceId, final int afi, final int maskLength, final long eidHi, final long eidLo,
            final long sourceHi, final long sourceLo)
        {
            mapRequests.add(new long[] {instanceId, afi, maskLength, eidHi, eidLo, sourceHi, sourceLo});
        }

        @Override
        public void onEchoNonceRequest(
            final int instanceId, final int rlocAfi, final long rlocHi, final long rlocLo, final int nonce)
        {
            echoNonces.add(new long[] {instanceId, rlocAfi, rlocHi, rlocLo, nonce});
        }

        @Override
        public void onLocatorStatusBits(
            final int instanceId, final int rlocAfi, final long rlocHi, final long rlocLo, final int previous,
            final int current)
        {
            lsbs.add(new long[] {instanceId, rlocAfi, rlocHi, rlocLo, previous, current});
        }
    }
}
