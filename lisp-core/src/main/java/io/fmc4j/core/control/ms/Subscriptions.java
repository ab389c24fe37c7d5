/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.mapcache.EidKey;

/**
 * RFC 9437 subscriptions: (EID prefix, subscriber xTR-ID) with the ITR-RLOC to notify, the key to sign with and
 * an expiry refreshed by every subscribing Map-Request. Parallel arrays, linear scans: a subscribe and a change
 * cost O(subscriptions), which is fine for the thousands a Map-Server serves per site and allocates nothing.
 */
final class Subscriptions
{
    static final int ADDED = 1;
    static final int REFRESHED = 2;
    static final int FULL = -1;

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
    private int size;

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
    }

    int subscribe(
        final long prefixWord0, final long prefixHi, final long prefixLo, final long subscriberHi,
        final long subscriberLo, final int rlocFamily, final long itrHi, final long itrLo, final int itrPort,
        final int key, final long expiresAt)
    {
        int at = -1;
        for (int i = 0; i < size; i++)
        {
            if (word0[i] == prefixWord0 && hi[i] == prefixHi && lo[i] == prefixLo && xtrHi[i] == subscriberHi &&
                xtrLo[i] == subscriberLo)
            {
                at = i;
                break;
            }
        }
        final int result;
        if (at >= 0)
        {
            result = REFRESHED;
        }
        else if (size == word0.length)
        {
            return FULL;
        }
        else
        {
            at = size++;
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
        return result;
    }

    /**
     * Does subscription {@code i} concern a changed prefix (one covers the other)?
     *
     * @param i           subscription.
     * @param changeWord0 the changed prefix's word0.
     * @param changeHi    its high word.
     * @param changeLo    its low word.
     * @return whether the subscriber must hear of it.
     */
    boolean matches(final int i, final long changeWord0, final long changeHi, final long changeLo)
    {
        if ((word0[i] & ~0xFFL) != (changeWord0 & ~0xFFL))
        {
            return false;
        }
        final int shorter = Math.min(EidKey.maskLength(word0[i]), EidKey.maskLength(changeWord0));
        final long mh = EidKey.maskHi(shorter);
        final long ml = EidKey.maskLo(shorter);
        return (hi[i] & mh) == (changeHi & mh) && (lo[i] & ml) == (changeLo & ml);
    }

    int expire(final long now)
    {
        int removed = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            if (expiry[i] <= now)
            {
                final int last = --size;
                word0[i] = word0[last];
                hi[i] = hi[last];
                lo[i] = lo[last];
                xtrHi[i] = xtrHi[last];
                xtrLo[i] = xtrLo[last];
                family[i] = family[last];
                rlocHi[i] = rlocHi[last];
                rlocLo[i] = rlocLo[last];
                port[i] = port[last];
                keyRef[i] = keyRef[last];
                expiry[i] = expiry[last];
                removed++;
            }
        }
        return removed;
    }

    int size()
    {
        return size;
    }

    long xtrHi(final int i)
    {
        return xtrHi[i];
    }

    long xtrLo(final int i)
    {
        return xtrLo[i];
    }

    int family(final int i)
    {
        return family[i];
    }

    long rlocHi(final int i)
    {
        return rlocHi[i];
    }

    long rlocLo(final int i)
    {
        return rlocLo[i];
    }

    int port(final int i)
    {
        return port[i];
    }

    int keyRef(final int i)
    {
        return keyRef[i];
    }
}
