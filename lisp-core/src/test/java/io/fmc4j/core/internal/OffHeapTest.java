/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.internal;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffHeapTest
{
    @Test
    void shouldHandOutZeroedWritableTablesOfExactlyTheAskedSize()
    {
        for (final int capacity : new int[] {64, 4096, OffHeap.HUGE_PAGE, 3 * OffHeap.HUGE_PAGE + 4096})
        {
            final ByteBuffer buffer = OffHeap.allocate(capacity);
            assertEquals(capacity, buffer.capacity());
            assertTrue(buffer.isDirect());
            assertEquals(0, BufferUtil.address(buffer) & 63, "cache-line aligned");
            if (capacity >= OffHeap.HUGE_PAGE && OffHeap.hugePagesEnabled())
            {
                assertEquals(0, BufferUtil.address(buffer) & (OffHeap.HUGE_PAGE - 1), "huge-page aligned");
            }
            final UnsafeBuffer table = new UnsafeBuffer(buffer);
            for (int i = 0; i < capacity; i += 4096)
            {
                assertEquals(0L, table.getLong(i & ~7));
                table.putLong(i & ~7, i + 1L);
            }
            table.putLong(capacity - 8, 42L);
            assertEquals(42L, table.getLong(capacity - 8));
        }
    }

    @Test
    void shouldFallBackToNormalPagesWhenTurnedOff()
    {
        final String previous = System.getProperty("fmc4j.hugepages");
        System.setProperty("fmc4j.hugepages", "false");
        try
        {
            final ByteBuffer buffer = OffHeap.allocate(OffHeap.HUGE_PAGE);
            assertEquals(OffHeap.HUGE_PAGE, buffer.capacity());
            assertTrue(!OffHeap.hugePagesEnabled());
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty("fmc4j.hugepages");
            }
            else
            {
                System.setProperty("fmc4j.hugepages", previous);
            }
        }
    }
}
