/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.MutableDirectBuffer;

/**
 * The tail of a message made of mapping records: appends records one at a time through a reused
 * {@link MapRecordEncoder} and keeps the 8-bit record count up to date.
 */
final class RecordList
{
    private final MapRecordEncoder record = new MapRecordEncoder();
    private MutableDirectBuffer buffer;
    private int countOffset;
    private int limit;
    private boolean open;

    void reset(final MutableDirectBuffer buffer, final int countOffset, final int start)
    {
        this.buffer = buffer;
        this.countOffset = countOffset;
        this.limit = start;
        this.open = false;
        buffer.putByte(countOffset, (byte)0);
    }

    void start(final int start)
    {
        limit = start;
    }

    MapRecordEncoder add()
    {
        close();
        final int count = buffer.getByte(countOffset) & 0xFF;
        if (CodecChecks.ENABLED && count == 255)
        {
            throw new IllegalStateException("more than 255 records");
        }
        buffer.putByte(countOffset, (byte)(count + 1));
        open = true;
        return record.wrap(buffer, limit);
    }

    int close()
    {
        if (open)
        {
            limit = record.limit();
            open = false;
        }
        return limit;
    }

    int limit()
    {
        return open ? record.limit() : limit;
    }
}
