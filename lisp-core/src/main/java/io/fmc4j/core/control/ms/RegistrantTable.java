/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

/**
 * What the Map-Server remembers about each xTR that authenticated a Map-Register: the key it used (so that
 * Map-Notifys to it, for pub/sub and mobility, are signed with that key) and the nonces of its last
 * {@link #NONCE_WINDOW} accepted Map-Registers (replay refusal). An xTR is identified by its xTR-ID, or by
 * its RLOC when it sends none. Open addressing, no allocation; entries are never removed (bounded by the
 * configured capacity: when full, new xTRs are still served, without replay memory).
 */
final class RegistrantTable
{
    /** Nonces remembered per registrant. */
    static final int NONCE_WINDOW = 16;
    /** Returned by {@link #find} when absent. */
    static final int ABSENT = -1;

    private final int mask;
    private final long[] idHi;
    private final long[] idLo;
    private final int[] kind;
    private final int[] keyRef;
    private final long[] nonces;
    private final int[] nonceCount;
    private int size;

    RegistrantTable(final int capacityPowerOfTwo)
    {
        if (Integer.bitCount(capacityPowerOfTwo) != 1)
        {
            throw new IllegalArgumentException("registrant capacity must be a power of two: " + capacityPowerOfTwo);
        }
        mask = capacityPowerOfTwo - 1;
        idHi = new long[capacityPowerOfTwo];
        idLo = new long[capacityPowerOfTwo];
        kind = new int[capacityPowerOfTwo];
        keyRef = new int[capacityPowerOfTwo];
        nonces = new long[capacityPowerOfTwo * NONCE_WINDOW];
        nonceCount = new int[capacityPowerOfTwo];
    }

    /**
     * Slot of a registrant.
     *
     * @param k  1 for an xTR-ID, 4 or 6 for an RLOC.
     * @param hi identity high word.
     * @param lo identity low word.
     * @return the slot or {@link #ABSENT}.
     */
    int find(final int k, final long hi, final long lo)
    {
        int slot = slot(k, hi, lo);
        for (int probes = 0; probes <= mask; probes++)
        {
            if (kind[slot] == 0)
            {
                return ABSENT;
            }
            if (kind[slot] == k && idHi[slot] == hi && idLo[slot] == lo)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * Slot of a registrant, added when absent.
     *
     * @param k  identity kind.
     * @param hi identity high word.
     * @param lo identity low word.
     * @return the slot or {@link #ABSENT} when full.
     */
    int findOrAdd(final int k, final long hi, final long lo)
    {
        int slot = slot(k, hi, lo);
        for (int probes = 0; probes <= mask; probes++)
        {
            if (kind[slot] == 0)
            {
                if (size == mask)
                {
                    return ABSENT;
                }
                kind[slot] = k;
                idHi[slot] = hi;
                idLo[slot] = lo;
                keyRef[slot] = -1;
                size++;
                return slot;
            }
            if (kind[slot] == k && idHi[slot] == hi && idLo[slot] == lo)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    boolean seenNonce(final int slot, final long nonce)
    {
        final int n = Math.min(nonceCount[slot], NONCE_WINDOW);
        final int base = slot * NONCE_WINDOW;
        for (int i = 0; i < n; i++)
        {
            if (nonces[base + i] == nonce)
            {
                return true;
            }
        }
        return false;
    }

    void rememberNonce(final int slot, final long nonce)
    {
        final int count = nonceCount[slot];
        nonces[slot * NONCE_WINDOW + (count & (NONCE_WINDOW - 1))] = nonce;
        // Wraps from 2 * NONCE_WINDOW - 1 back to NONCE_WINDOW: once full, the window stays full.
        nonceCount[slot] = count + 1 == 2 * NONCE_WINDOW ? NONCE_WINDOW : count + 1;
    }

    void keyRef(final int slot, final int ref)
    {
        keyRef[slot] = ref;
    }

    int keyRef(final int slot)
    {
        return keyRef[slot];
    }

    int size()
    {
        return size;
    }

    private int slot(final int k, final long hi, final long lo)
    {
        long h = hi * 0x9E3779B97F4A7C15L + lo * 0xC2B2AE3D27D4EB4FL + k;
        h ^= h >>> 31;
        return (int)h & mask;
    }
}
