/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Map-Notifys waiting for a Map-Notify-Ack: each slot keeps the encoded message (so a retransmission is one
 * {@code offer}), its destination, nonce, signing key and timer. Fixed capacity, one contiguous buffer, nonce
 * lookup through an Agrona primitive map: nothing allocates after construction.
 */
final class NotifyQueue
{
    /** Largest Map-Notify kept for retransmission. */
    static final int SLOT_LENGTH = 1472;
    static final long NONE = -1L;

    private final UnsafeBuffer messages;
    private final int[] length;
    private final int[] nextHop;
    private final int[] keyRef;
    private final int[] transmissions;
    private final long[] nonce;
    private final long[] deadline;
    private final int[] kind;
    private final boolean[] used;
    private final int[] free;
    private final Long2LongHashMap byNonce;
    private int freeCount;

    NotifyQueue(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("notify capacity must be positive: " + capacity);
        }
        messages = new UnsafeBuffer(new byte[capacity * SLOT_LENGTH]);
        length = new int[capacity];
        nextHop = new int[capacity];
        keyRef = new int[capacity];
        transmissions = new int[capacity];
        nonce = new long[capacity];
        deadline = new long[capacity];
        kind = new int[capacity];
        used = new boolean[capacity];
        free = new int[capacity];
        byNonce = new Long2LongHashMap(capacity * 2, 0.65f, NONE);
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    UnsafeBuffer buffer()
    {
        return messages;
    }

    int capacity()
    {
        return used.length;
    }

    /**
     * A free slot, whose message is written at {@code slot * SLOT_LENGTH} before {@link #commit}.
     *
     * @return the slot or -1 when full.
     */
    int claim()
    {
        return freeCount == 0 ? -1 : free[freeCount - 1];
    }

    void commit(
        final int slot, final int messageLength, final int hop, final int key, final long messageNonce,
        final long firstDeadline, final int notifyKind)
    {
        freeCount--;
        used[slot] = true;
        length[slot] = messageLength;
        nextHop[slot] = hop;
        keyRef[slot] = key;
        transmissions[slot] = 1;
        nonce[slot] = messageNonce;
        deadline[slot] = firstDeadline;
        kind[slot] = notifyKind;
        byNonce.put(messageNonce, slot);
    }

    int find(final long messageNonce)
    {
        return (int)byNonce.get(messageNonce);
    }

    void release(final int slot)
    {
        if (used[slot])
        {
            used[slot] = false;
            byNonce.remove(nonce[slot]);
            free[freeCount++] = slot;
        }
    }

    boolean used(final int slot)
    {
        return used[slot];
    }

    int size()
    {
        return used.length - freeCount;
    }

    int offset(final int slot)
    {
        return slot * SLOT_LENGTH;
    }

    int length(final int slot)
    {
        return length[slot];
    }

    int nextHop(final int slot)
    {
        return nextHop[slot];
    }

    int keyRef(final int slot)
    {
        return keyRef[slot];
    }

    int kind(final int slot)
    {
        return kind[slot];
    }

    long deadline(final int slot)
    {
        return deadline[slot];
    }

    int transmissions(final int slot)
    {
        return transmissions[slot];
    }

    void retransmitted(final int slot, final long nextDeadline)
    {
        transmissions[slot]++;
        deadline[slot] = nextDeadline;
    }
}
