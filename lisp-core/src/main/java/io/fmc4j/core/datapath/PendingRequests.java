/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.mapcache.EidKey;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Which EIDs have a Map-Request outstanding, shared by every data-path thread, plus a global rate limit on new
 * requests. Lock-free and allocation-free: an off-heap open-addressing table of 64-bit words, each packing a
 * 40-bit key hash with a 24-bit retry deadline (in units of {@value #TICK_MS} ms), claimed and renewed by one
 * compare-and-set, so two threads missing on the same EID at once produce one request.
 * <p>
 * An entry is never removed: once its deadline passes, the same EID may be requested again, and another EID whose
 * probe window is full may take the slot over. Deadlines compare modulo 2^24 ticks (about 74 hours), so an entry
 * untouched for half of that could look fresh again and hold back one request for at most one retry interval.
 * Two distinct EIDs share an entry only if their 40-bit key hashes collide.
 */
public final class PendingRequests
{
    /** {@link #tryRequest}: send a request now. */
    public static final int REQUEST = 0;
    /** {@link #tryRequest}: a request for this EID is outstanding. */
    public static final int PENDING = 1;
    /** {@link #tryRequest}: the global rate limit is reached. */
    public static final int RATE_LIMITED = 2;
    /** {@link #tryRequest}: no slot free near the EID's hash. */
    public static final int TABLE_FULL = 3;

    /** Deadline resolution. */
    public static final int TICK_MS = 16;
    private static final int PROBES = 8;
    private static final long DEADLINE_MASK = 0xFF_FFFFL;
    private static final int RATE_OFFSET = 0;
    private static final int TABLE_OFFSET = BitUtil.CACHE_LINE_LENGTH * 2;

    private final AtomicBuffer buffer;
    private final int mask;
    private final long retryTicks;
    private final int maxPerSecond;

    /**
     * A table and a rate limit.
     *
     * @param slots        entries, a power of two (at least 8).
     * @param retryMs      how long a request stays outstanding before the same EID may be asked again.
     * @param maxPerSecond new requests allowed per second over all threads.
     */
    public PendingRequests(final int slots, final long retryMs, final int maxPerSecond)
    {
        if (!BitUtil.isPowerOfTwo(slots) || slots < PROBES)
        {
            throw new IllegalArgumentException("pending-request slots must be a power of two >= 8: " + slots);
        }
        if (retryMs < TICK_MS || retryMs > 3_600_000L)
        {
            throw new IllegalArgumentException("map-request retry must be in " + TICK_MS + "..3600000 ms: " + retryMs);
        }
        if (maxPerSecond < 1 || maxPerSecond > 1_000_000)
        {
            throw new IllegalArgumentException("map-request rate must be in 1..1000000 per second: " + maxPerSecond);
        }
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            TABLE_OFFSET + slots * Long.BYTES, BitUtil.CACHE_LINE_LENGTH));
        this.mask = slots - 1;
        this.retryTicks = (retryMs + TICK_MS - 1) / TICK_MS;
        this.maxPerSecond = maxPerSecond;
    }

    /**
     * The 40-bit key of an EID (never 0).
     *
     * @param instanceId instance ID.
     * @param afi        AFI.
     * @param maskLength prefix length (32/128 for an address).
     * @param hi         left-aligned high word.
     * @param lo         left-aligned low word.
     * @return the key, in the top 40 bits of a long.
     */
    public static long key(final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        final long h = EidKey.hash(EidKey.word0(instanceId, afi, maskLength), hi, lo) & ~DEADLINE_MASK;
        return h == 0 ? 1L << 24 : h;
    }

    /**
     * Claims the right to send a Map-Request for {@code key}, if none is outstanding and the rate allows.
     *
     * @param key   from {@link #key}.
     * @param nowMs the current epoch time.
     * @return {@link #REQUEST}, {@link #PENDING}, {@link #RATE_LIMITED} or {@link #TABLE_FULL}.
     */
    public int tryRequest(final long key, final long nowMs)
    {
        final long now = nowMs / TICK_MS;
        final long claimed = key | ((now + retryTicks) & DEADLINE_MASK);
        final int home = (int)(key >>> 24) & mask;
        int staleIndex = -1;
        long staleWord = 0;
        for (int probe = 0; probe < PROBES; probe++)
        {
            final int index = TABLE_OFFSET + (((home + probe) & mask) << 3);
            final long word = buffer.getLongVolatile(index);
            if (word == 0)
            {
                if (buffer.compareAndSetLong(index, 0, claimed))
                {
                    return admit(index, claimed, nowMs);
                }
                final long raced = buffer.getLongVolatile(index);
                if ((raced & ~DEADLINE_MASK) == key)
                {
                    return PENDING;
                }
                continue;
            }
            final boolean expired = isExpired(word, now);
            if ((word & ~DEADLINE_MASK) == key)
            {
                if (!expired)
                {
                    return PENDING;
                }
                return buffer.compareAndSetLong(index, word, claimed) ? admit(index, claimed, nowMs) : PENDING;
            }
            if (expired && staleIndex < 0)
            {
                staleIndex = index;
                staleWord = word;
            }
        }
        if (staleIndex < 0)
        {
            return TABLE_FULL;
        }
        return buffer.compareAndSetLong(staleIndex, staleWord, claimed) ? admit(staleIndex, claimed, nowMs) : PENDING;
    }

    /**
     * Gives up a claim made by {@link #tryRequest} whose request could not be sent (event queue full), so that the
     * next packet for the EID may try again at once.
     *
     * @param key   the key claimed.
     * @param nowMs the current epoch time.
     */
    public void release(final long key, final long nowMs)
    {
        final long now = nowMs / TICK_MS;
        final int home = (int)(key >>> 24) & mask;
        for (int probe = 0; probe < PROBES; probe++)
        {
            final int index = TABLE_OFFSET + (((home + probe) & mask) << 3);
            final long word = buffer.getLongVolatile(index);
            if ((word & ~DEADLINE_MASK) == key)
            {
                buffer.compareAndSetLong(index, word, key | ((now - 1) & DEADLINE_MASK));
                return;
            }
        }
    }

    /**
     * Slots in the table.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return mask + 1;
    }

    private int admit(final int index, final long claimed, final long nowMs)
    {
        if (tryTakeToken(nowMs))
        {
            return REQUEST;
        }
        final long key = claimed & ~DEADLINE_MASK;
        buffer.compareAndSetLong(index, claimed, key | ((nowMs / TICK_MS - 1) & DEADLINE_MASK));
        return RATE_LIMITED;
    }

    private boolean tryTakeToken(final long nowMs)
    {
        final long second = nowMs / 1000;
        while (true)
        {
            final long word = buffer.getLongVolatile(RATE_OFFSET);
            final long windowSecond = word >>> 24;
            if (windowSecond != second)
            {
                if (buffer.compareAndSetLong(RATE_OFFSET, word, (second << 24) | 1))
                {
                    return true;
                }
            }
            else if ((word & DEADLINE_MASK) >= maxPerSecond)
            {
                return false;
            }
            else if (buffer.compareAndSetLong(RATE_OFFSET, word, word + 1))
            {
                return true;
            }
        }
    }

    private static boolean isExpired(final long word, final long now)
    {
        final long diff = ((now - word) & DEADLINE_MASK) << 40 >> 40;
        return diff >= 0;
    }
}
