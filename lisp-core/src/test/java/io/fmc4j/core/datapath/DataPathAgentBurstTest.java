/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The agent polls EID-side devices a burst at a time: a device that reads in batches hands each batch to the ITR
 * whole ({@link PacketBurstHandler#onBurst}), and every packet of it is encapsulated as it would be one at a time.
 */
class DataPathAgentBurstTest extends DataPathTestSupport
{
    private static final int PACKETS = 20;
    private static final int SLOT = 512;

    @Test
    void shouldHandEachDeviceBatchToTheItrWhole() throws Exception
    {
        clock.update(1_000_000_000L);
        cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(64).clock(clock)
            .ipv4DirectInstanceIds(new int[] {IID}));
        try
        {
            putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 50, RLOC_2, 1, 50));
            final BatchDevice eid = new BatchDevice();
            final EncapsulatorBurstTest.RecordingPacketIo rloc = new EncapsulatorBurstTest.RecordingPacketIo();
            final DataPathCounters counters = new DataPathCounters();
            final DataPathAgent agent = new DataPathAgent(context(RlocMode.IP).nonce(false), "burst-test", rloc,
                new PacketIo[] {eid}, new int[] {IID}, counters, new PendingRequests(64, 1000, 1000),
                new DataPathEventRing(1024));
            agent.doWork();
            assertEquals(1, eid.bursts, "one batch, one burst");
            assertEquals(0, eid.singlePolls, "never polled one packet at a time");
            assertEquals(PACKETS, rloc.packets.size());
            assertEquals(PACKETS, counters.get(DataPathCounters.ITR_ENCAPSULATED));
            assertEquals(PACKETS, counters.get(DataPathCounters.ITR_RX_PACKETS));
            int toFirst = 0;
            for (final byte[] outer : rloc.packets)
            {
                final int destination = new UnsafeBuffer(outer).getInt(Ipv4Header.DESTINATION_OFFSET, BIG_ENDIAN);
                assertEquals(true, destination == RLOC_1 || destination == RLOC_2, "sent to a locator");
                toFirst += destination == RLOC_1 ? 1 : 0;
            }
            assertEquals(true, toFirst > 0 && toFirst < PACKETS, "flows spread over both locators: " + toFirst);
        }
        finally
        {
            closeCache();
        }
    }

    /**
     * An EID-side device holding one batch of {@value #PACKETS} packets (distinct flows to 10.2.0.0/16), each in its
     * own slot with headroom; it hands them over as one burst through {@code pollBurst}.
     */
    static final class BatchDevice extends EncapsulatorBurstTest.RecordingPacketIo
    {
        final UnsafeBuffer slots = new UnsafeBuffer(new byte[PACKETS * SLOT]);
        final MutableDirectBuffer[] buffers = new MutableDirectBuffer[PACKETS];
        final int[] offsets = new int[PACKETS];
        final int[] lengths = new int[PACKETS];
        int bursts;
        int singlePolls;
        boolean delivered;

        BatchDevice()
        {
            for (int i = 0; i < PACKETS; i++)
            {
                buffers[i] = slots;
                offsets[i] = i * SLOT + headroom();
                lengths[i] = Packets.ipv4Udp(slots, offsets[i], HOST_A + i, Packets.ipv4(10, 2, i, 7), 1000 + i, 80,
                    100, true);
            }
        }

        @Override
        public int poll(final PacketHandler handler, final int limit)
        {
            singlePolls++;
            return 0;
        }

        @Override
        public int pollBurst(final PacketBurstHandler handler, final int limit)
        {
            if (delivered)
            {
                return 0;
            }
            delivered = true;
            bursts++;
            handler.onBurst(buffers, offsets, lengths, PACKETS);
            return PACKETS;
        }
    }
}
