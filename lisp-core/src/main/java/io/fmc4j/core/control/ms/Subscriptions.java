/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;

/**
 * RFC 9437 subscriptions: (EID prefix, subscriber xTR-ID) with the ITR-RLOC to notify, the key to sign with and
 * an expiry refreshed by every subscribing Map-Request.
 * <p>
 * Each subscription lives in a fixed slot (parallel arrays); an index keeps the slots sorted by prefix (instance ID
 * and AFI, address, mask length), so that the subscribers concerned by a changed prefix P are found without
 * looking at the others:
 * <ul>
 * <li>subscriptions inside P (more specific or equal, and the less specific ones that start where P starts) are
 * one contiguous run of the index, found by binary search;</li>
 * <li>subscriptions covering P that start before it are found by one binary search per mask length shorter than
 * P's that some subscription of that AFI uses (a count per AFI and length says which).</li>
 * </ul>
 * A change costs O((1 + lengths in use) log n + matches); a refresh O(log n); a new subscription O(log n) plus
 * shifting the index (an array copy of n ints). Nothing allocates after construction.
 */
final class Subscriptions
{
    static final int ADDED = 1;
    static final int REFRESHED = 2;
    static final int FULL = -1;

    /**
     * Receives the slots of the subscriptions a change concerns.
     */
    @FunctionalInterface
    interface MatchHandler
    {
        /**
         * One matching subscription.
         *
         * @param slot its slot, valid for the accessors until the next subscribe or expire.
         */
        void onMatch(int slot);
    }

    private static final int AFI_CLASSES = 3;
    private static final int MAX_MASK = 128;

    private final long[] word0;
    private final long[] hi;
    private final long[] lo;
    private final long[] xtrHi;
    private final long[] xtrLo;
    private final int[] family;
    private final long[] rlocHi;
    private final long[] rlocLo;
    private final int[] port;
    private final int[] keyRef;
    private final long[] expiry;
    /** Slots sorted by prefix; the first {@link #size} are in use. */
    private final int[] order;
    /** Free slots (a stack); slots never used come from {@link #nextUnused}. */
    private final int[] free;
    private final int[][] lengthCounts = new int[AFI_CLASSES][MAX_MASK + 1];
    private int freeCount;
    private int nextUnused;
    private int size;
    private long earliestExpiry = Long.MAX_VALUE;

    Subscriptions(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("subscription capacity must be positive: " + capacity);
        }
        word0 = new long[capacity];
        hi = new long[capacity];
        lo = new long[capacity];
        xtrHi = new long[capacity];
        xtrLo = new long[capacity];
        family = new int[capacity];
        rlocHi = new long[capacity];
        rlocLo = new long[capacity];
        port = new int[capacity];
        keyRef = new int[capacity];
        expiry = new long[capacity];
        order = new int[capacity];
        free = new int[capacity];
    }

    int subscribe(
        final long prefixWord0, final long prefixHi, final long prefixLo, final long subscriberHi,
        final long subscriberLo, final int rlocFamily, final long itrHi, final long itrLo, final int itrPort,
        final int key, final long expiresAt)
    {
        final long group = prefixWord0 & ~0xFFL;
        final int mask = EidKey.maskLength(prefixWord0);
        int position = lowerBound(group, prefixHi, prefixLo, mask);
        int at = -1;
        for (int p = position; p < size && samePrefix(order[p], group, prefixHi, prefixLo, mask); p++)
        {
            final int slot = order[p];
            if (xtrHi[slot] == subscriberHi && xtrLo[slot] == subscriberLo)
            {
                at = slot;
                break;
            }
        }
        final int result;
        if (at >= 0)
        {
            result = REFRESHED;
        }
        else if (size == order.length)
        {
            return FULL;
        }
        else
        {
            at = freeCount > 0 ? free[--freeCount] : nextUnused++;
            System.arraycopy(order, position, order, position + 1, size - position);
            order[position] = at;
            size++;
            lengthCounts[afiClass(group)][mask]++;
            result = ADDED;
        }
        word0[at] = prefixWord0;
        hi[at] = prefixHi;
        lo[at] = prefixLo;
        xtrHi[at] = subscriberHi;
        xtrLo[at] = subscriberLo;
        family[at] = rlocFamily;
        rlocHi[at] = itrHi;
        rlocLo[at] = itrLo;
        port[at] = itrPort;
        keyRef[at] = key;
        expiry[at] = expiresAt;
        earliestExpiry = Math.min(earliestExpiry, expiresAt);
        return result;
    }

    /**
     * Hands every subscription whose prefix covers or is covered by a changed prefix to {@code handler}, each once.
     *
     * @param changeWord0 the changed prefix's word0 (see {@link EidKey}).
     * @param changeHi    its high word.
     * @param changeLo    its low word.
     * @param handler     receives the slots.
     * @return the number of matches.
     */
    int forEachMatch(final long changeWord0, final long changeHi, final long changeLo, final MatchHandler handler)
    {
        final long group = changeWord0 & ~0xFFL;
        final int mask = Math.min(EidKey.maskLength(changeWord0), MAX_MASK);
        final long maskHi = EidKey.maskHi(mask);
        final long maskLo = EidKey.maskLo(mask);
        final long startHi = changeHi & maskHi;
        final long startLo = changeLo & maskLo;
        int matches = 0;
        for (int p = lowerBound(group, startHi, startLo, 0); p < size; p++)
        {
            final int slot = order[p];
            if ((word0[slot] & ~0xFFL) != group || (hi[slot] & maskHi) != startHi || (lo[slot] & maskLo) != startLo)
            {
                break;
            }
            handler.onMatch(slot);
            matches++;
        }
        final int[] counts = lengthCounts[afiClass(group)];
        for (int length = 0; length < mask; length++)
        {
            if (counts[length] == 0)
            {
                continue;
            }
            final long coverHi = changeHi & EidKey.maskHi(length);
            final long coverLo = changeLo & EidKey.maskLo(length);
            if (coverHi == startHi && coverLo == startLo)
            {
                continue;
            }
            for (int p = lowerBound(group, coverHi, coverLo, length);
                p < size && samePrefix(order[p], group, coverHi, coverLo, length); p++)
            {
                handler.onMatch(order[p]);
                matches++;
            }
        }
        return matches;
    }

    /**
     * Does subscription {@code slot} concern a changed prefix (one covers the other)? The definition
     * {@link #forEachMatch} implements, one subscription at a time.
     *
     * @param slot        subscription slot.
     * @param changeWord0 the changed prefix's word0.
     * @param changeHi    its high word.
     * @param changeLo    its low word.
     * @return whether the subscriber must hear of it.
     */
    boolean matches(final int slot, final long changeWord0, final long changeHi, final long changeLo)
    {
        if ((word0[slot] & ~0xFFL) != (changeWord0 & ~0xFFL))
        {
            return false;
        }
        final int shorter = Math.min(EidKey.maskLength(word0[slot]), EidKey.maskLength(changeWord0));
        final long mh = EidKey.maskHi(shorter);
        final long ml = EidKey.maskLo(shorter);
        return (hi[slot] & mh) == (changeHi & mh) && (lo[slot] & ml) == (changeLo & ml);
    }

    int expire(final long now)
    {
        if (now < earliestExpiry)
        {
            return 0;
        }
        int removed = 0;
        int kept = 0;
        long earliest = Long.MAX_VALUE;
        for (int p = 0; p < size; p++)
        {
            final int slot = order[p];
            if (expiry[slot] <= now)
            {
                lengthCounts[afiClass(word0[slot] & ~0xFFL)][EidKey.maskLength(word0[slot])]--;
                free[freeCount++] = slot;
                removed++;
            }
            else
            {
                earliest = Math.min(earliest, expiry[slot]);
                order[kept++] = slot;
            }
        }
        size = kept;
        earliestExpiry = earliest;
        return removed;
    }

    int size()
    {
        return size;
    }

    /**
     * The slot at a position of the index (for iterating over every subscription).
     *
     * @param position 0..size-1.
     * @return the slot.
     */
    int slotAt(final int position)
    {
        return order[position];
    }

    long xtrHi(final int slot)
    {
        return xtrHi[slot];
    }

    long xtrLo(final int slot)
    {
        return xtrLo[slot];
    }

    int family(final int slot)
    {
        return family[slot];
    }

    long rlocHi(final int slot)
    {
        return rlocHi[slot];
    }

    long rlocLo(final int slot)
    {
        return rlocLo[slot];
    }

    int port(final int slot)
    {
        return port[slot];
    }

    int keyRef(final int slot)
    {
        return keyRef[slot];
    }

    private boolean samePrefix(final int slot, final long group, final long h, final long l, final int mask)
    {
        return (word0[slot] & ~0xFFL) == group && hi[slot] == h && lo[slot] == l &&
            EidKey.maskLength(word0[slot]) == mask;
    }

    /**
     * First position of the index whose key is not below (group, h, l, mask), unsigned order.
     */
    private int lowerBound(final long group, final long h, final long l, final int mask)
    {
        int low = 0;
        int high = size;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (compare(order[mid], group, h, l, mask) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private int compare(final int slot, final long group, final long h, final long l, final int mask)
    {
        int c = Long.compareUnsigned(word0[slot] & ~0xFFL, group);
        if (c != 0)
        {
            return c;
        }
        c = Long.compareUnsigned(hi[slot], h);
        if (c != 0)
        {
            return c;
        }
        c = Long.compareUnsigned(lo[slot], l);
        if (c != 0)
        {
            return c;
        }
        return Integer.compare(EidKey.maskLength(word0[slot]), mask);
    }

    private static int afiClass(final long group)
    {
        final int afi = EidKey.afi(group);
        return afi == Afi.IPV4 ? 0 : afi == Afi.IPV6 ? 1 : 2;
    }
}
