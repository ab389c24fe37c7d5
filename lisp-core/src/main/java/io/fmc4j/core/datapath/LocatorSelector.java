/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSetDecoder;

/**
 * Picks the RLOC of a mapping for one flow (RFC 9301 §5.4): among the locators that are reachable, have a unicast
 * priority other than 255 and an address family this ITR can send to, those with the lowest priority value are
 * candidates; the flow hash then picks one of them in proportion to their weights (all weights 0: equally). The
 * same hash always picks the same locator while the locator set does not change. Stateless, no allocation.
 */
public final class LocatorSelector
{
    /** Priority that marks a locator as not to be used for unicast. */
    public static final int PRIORITY_UNUSABLE = 255;
    /** Returned when no locator is usable. */
    public static final int NONE = -1;
    /** Family mask: IPv4 RLOCs are usable. */
    public static final int FAMILY_IPV4 = 1;
    /** Family mask: IPv6 RLOCs are usable. */
    public static final int FAMILY_IPV6 = 2;

    private LocatorSelector()
    {
    }

    /**
     * Chooses a locator.
     *
     * @param locators the mapping's locators.
     * @param families {@link #FAMILY_IPV4} and/or {@link #FAMILY_IPV6}: the outer families this ITR can send.
     * @param flowHash the packet's {@link FlowHash}.
     * @return the index of the chosen locator, or {@link #NONE}.
     */
    public static int select(final LocatorSetDecoder locators, final int families, final int flowHash)
    {
        final int count = locators.count();
        int best = PRIORITY_UNUSABLE;
        int totalWeight = 0;
        int candidates = 0;
        for (int i = 0; i < count; i++)
        {
            if (usable(locators, i, families))
            {
                final int priority = locators.priority(i);
                if (priority < best)
                {
                    best = priority;
                    totalWeight = locators.weight(i);
                    candidates = 1;
                }
                else if (priority == best)
                {
                    totalWeight += locators.weight(i);
                    candidates++;
                }
            }
        }
        if (candidates == 0)
        {
            return NONE;
        }
        final boolean equal = totalWeight == 0;
        final long span = equal ? candidates : totalWeight;
        long point = ((flowHash & 0xFFFF_FFFFL) * span) >>> 32;
        for (int i = 0; i < count; i++)
        {
            if (usable(locators, i, families) && locators.priority(i) == best)
            {
                final int share = equal ? 1 : locators.weight(i);
                if (point < share)
                {
                    return i;
                }
                point -= share;
            }
        }
        return NONE;
    }

    private static boolean usable(final LocatorSetDecoder locators, final int i, final int families)
    {
        if (!locators.reachable(i) || locators.priority(i) == PRIORITY_UNUSABLE)
        {
            return false;
        }
        final int afi = locators.afi(i);
        return (afi == Afi.IPV4 && (families & FAMILY_IPV4) != 0) || (afi == Afi.IPV6 && (families & FAMILY_IPV6) != 0);
    }
}
