/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.memory;

import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoCounters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryLinkPropertiesTest
{
    @Property(tries = 200)
    void shouldDeliverEveryAcceptedPacketOnceInOrderWithItsHeadroom(
        @ForAll @Size(max = 60) final List<@IntRange(min = -5, max = 1600) Integer> lengths,
        @ForAll @IntRange(min = 0, max = 32) final int headroomWords,
        @ForAll @IntRange(min = 1, max = 40) final int pollLimit)
    {
        final int headroom = headroomWords * 8;
        final MemoryLink link = MemoryLink.create("prop", new PacketIoConfig().headroom(headroom).mtu(1500)
            .property("memory.ring.capacity", String.valueOf(64 * 1024)));
        final PacketIo a = link.endpointA();
        final PacketIo b = link.endpointB();
        final List<byte[]> accepted = new ArrayList<>();
        final List<byte[]> received = new ArrayList<>();
        long rejected = 0;
        long backPressured = 0;
        int seed = 0;
        for (final int length : lengths)
        {
            final byte[] packet = new byte[Math.max(length, 0)];
            for (int i = 0; i < packet.length; i++)
            {
                packet[i] = (byte)(seed++ * 7);
            }
            final int result = a.offer(new UnsafeBuffer(packet), 0, length, PacketIo.NO_NEXT_HOP);
            if (result > 0)
            {
                assertEquals(length, result);
                accepted.add(packet);
            }
            else if (result == PacketIo.REJECTED)
            {
                assertTrue(length <= 0 || length > 1500, "rejected a valid length " + length);
                rejected++;
            }
            else
            {
                assertEquals(PacketIo.BACK_PRESSURED, result);
                backPressured++;
            }
            if (seed % 3 == 0)
            {
                drain(b, pollLimit, headroom, received);
            }
        }
        drain(b, pollLimit, headroom, received);
        assertEquals(accepted.size(), received.size());
        for (int i = 0; i < accepted.size(); i++)
        {
            assertArrayEquals(accepted.get(i), received.get(i));
        }
        assertEquals(accepted.size(), a.counters().get(PacketIoCounters.TX_PACKETS));
        assertEquals(accepted.size(), b.counters().get(PacketIoCounters.RX_PACKETS));
        assertEquals(rejected, a.counters().get(PacketIoCounters.TX_DROP_TOO_LONG));
        assertEquals(backPressured, a.counters().get(PacketIoCounters.TX_BACK_PRESSURED));
    }

    private static void drain(final PacketIo io, final int limit, final int headroom, final List<byte[]> out)
    {
        int work;
        do
        {
            work = io.poll((buffer, offset, length, source) ->
            {
                assertTrue(offset >= headroom);
                for (int i = 1; i <= headroom; i++)
                {
                    buffer.putByte(offset - i, (byte)0x5A);
                }
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                out.add(copy);
            }, limit);
            assertTrue(work <= limit);
        }
        while (work > 0);
    }
}
