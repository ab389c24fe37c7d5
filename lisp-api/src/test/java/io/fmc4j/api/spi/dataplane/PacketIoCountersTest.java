/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketIoCountersTest
{
    @Test
    void shouldCountAndPrintNonZeroCounters()
    {
        final PacketIoCounters counters = new PacketIoCounters();
        counters.increment(PacketIoCounters.RX_PACKETS);
        counters.increment(PacketIoCounters.RX_PACKETS);
        counters.add(PacketIoCounters.RX_BYTES, 128);
        counters.addAtomic(PacketIoCounters.FAILURES, 1);
        assertEquals(2, counters.get(PacketIoCounters.RX_PACKETS));
        assertEquals(128, counters.get(PacketIoCounters.RX_BYTES));
        assertEquals(0, counters.get(PacketIoCounters.TX_PACKETS));
        assertEquals("rx-packets=2 rx-bytes=128 failures=1", counters.toString());
    }

    @Test
    void shouldHaveUniqueNamesAndKeepReceiveAndSendCountersOnSeparateCacheLines()
    {
        final Set<String> names = new HashSet<>();
        for (int id = 0; id < PacketIoCounters.SLOTS; id++)
        {
            if (PacketIoCounters.isCounter(id))
            {
                assertTrue(names.add(PacketIoCounters.name(id)), PacketIoCounters.name(id));
                final boolean rx = PacketIoCounters.name(id).startsWith("rx-");
                final boolean tx = PacketIoCounters.name(id).startsWith("tx-");
                if (rx)
                {
                    assertTrue(id < 8, "rx counter outside the first cache line: " + id);
                }
                if (tx)
                {
                    assertTrue(id >= 8 && id < 16, "tx counter outside the second cache line: " + id);
                }
            }
        }
        assertEquals(14, names.size());
        assertFalse(PacketIoCounters.isCounter(-1));
        assertFalse(PacketIoCounters.isCounter(PacketIoCounters.SLOTS));
        assertEquals("counter-7", PacketIoCounters.name(7));
    }
}
