/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.nio.ByteOrder;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

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

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

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
        return select(locators.buffer(), locators.at(0), locators.count(), families, flowHash);
    }

    /**
     * Chooses a locator of a locator set in the {@link LocatorSet} layout, read in place.
     *
     * @param buffer   holding the locators.
     * @param offset   of the first locator.
     * @param count    locators to consider (at most {@link LocatorSet#MAX_LOCATORS} are).
     * @param families {@link #FAMILY_IPV4} and/or {@link #FAMILY_IPV6}: the outer families this ITR can send.
     * @param flowHash the packet's {@link FlowHash}.
     * @return the index of the chosen locator, or {@link #NONE}.
     */
    public static int select(
        final DirectBuffer buffer, final int offset, final int count, final int families, final int flowHash)
    {
        final int n = Math.max(0, Math.min(count, LocatorSet.MAX_LOCATORS));
        // One bounds check for the locators' range; the reads below are then unchecked.
        buffer.boundsCheck(offset, n * LocatorSet.LOCATOR_LENGTH);
        return select(buffer.byteArray(), buffer.addressOffset() + offset, n, families, flowHash);
    }

    /**
     * Chooses a locator of a locator set in the {@link LocatorSet} layout at a raw address, without bounds checks:
     * the caller guarantees that {@code count} locators lie there.
     *
     * @param array    the backing array, or null for off-heap memory.
     * @param address  address (array offset or native address) of the first locator.
     * @param count    locators to consider (at most {@link LocatorSet#MAX_LOCATORS} are).
     * @param families {@link #FAMILY_IPV4} and/or {@link #FAMILY_IPV6}: the outer families this ITR can send.
     * @param flowHash the packet's {@link FlowHash}.
     * @return the index of the chosen locator, or {@link #NONE}.
     */
    public static int select(
        final byte[] array, final long address, final int count, final int families, final int flowHash)
    {
        final int n = Math.min(count, LocatorSet.MAX_LOCATORS);
        int best = PRIORITY_UNUSABLE;
        int totalWeight = 0;
        int candidates = 0;
        long priorities = 0;
        long weights = 0;
        int usableMask = 0;
        for (int i = 0; i < n; i++)
        {
            // One read per locator: AFI (native order, as LocatorSet writes it), flags, priority, weight.
            final long raw = UnsafeApi.getLong(array, address + (long)i * LocatorSet.LOCATOR_LENGTH);
            final long word = NATIVE_LITTLE_ENDIAN ? raw : Long.reverseBytes(raw);
            final int afi = NATIVE_LITTLE_ENDIAN ? (int)word & 0xFFFF :
                (((int)word & 0xFF) << 8) | ((int)(word >>> 8) & 0xFF);
            final int flags = (int)(word >>> 16) & 0xFF;
            final int priority = (int)(word >>> 24) & 0xFF;
            final int weight = (int)(word >>> 32) & 0xFF;
            if ((flags & LocatorSet.FLAG_REACHABLE) == 0 || priority == PRIORITY_UNUSABLE ||
                !((afi == Afi.IPV4 && (families & FAMILY_IPV4) != 0) ||
                (afi == Afi.IPV6 && (families & FAMILY_IPV6) != 0)))
            {
                continue;
            }
            usableMask |= 1 << i;
            priorities |= (long)priority << (i << 3);
            weights |= (long)weight << (i << 3);
            if (priority < best)
            {
                best = priority;
                totalWeight = weight;
                candidates = 1;
            }
            else if (priority == best)
            {
                totalWeight += weight;
                candidates++;
            }
        }
        if (candidates == 0)
        {
            return NONE;
        }
        final boolean equal = totalWeight == 0;
        final long span = equal ? candidates : totalWeight;
        long point = ((flowHash & 0xFFFF_FFFFL) * span) >>> 32;
        int mask = usableMask;
        while (mask != 0)
        {
            final int i = Integer.numberOfTrailingZeros(mask);
            mask &= mask - 1;
            if (((priorities >>> (i << 3)) & 0xFF) == best)
            {
                final long share = equal ? 1 : (weights >>> (i << 3)) & 0xFF;
                if (point < share)
                {
                    return i;
                }
                point -= share;
            }
        }
        return NONE;
    }
}
