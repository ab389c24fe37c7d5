/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import org.agrona.DirectBuffer;

/**
 * Read side of a map-cache: longest-prefix match from an EID to its mapping. One reader per data-path thread
 * (readers keep per-thread scratch state and are not thread-safe themselves); any number of readers run
 * concurrently with the single writer. A lookup never blocks on the writer, never allocates, and copies a whole
 * mapping (the one before or the one after a racing update) into the caller's {@link MappingView}.
 */
public interface MapCacheReader
{
    /**
     * Longest-prefix match of an address read straight from a packet.
     *
     * @param instanceId instance ID (24 bits).
     * @param afi        IPv4, IPv6 or MAC.
     * @param buffer     holding the address in network byte order.
     * @param offset     of the address.
     * @param out        receives the mapping on {@link MapCacheStatus#FOUND}.
     * @return {@link MapCacheStatus#FOUND}, {@link MapCacheStatus#NO_MAPPING}, {@link MapCacheStatus#EXPIRED} or
     *         {@link MapCacheStatus#UNKNOWN_AFI}.
     */
    int lookup(int instanceId, int afi, DirectBuffer buffer, int offset, MappingView out);

    /**
     * Longest-prefix match of an address in the compact form.
     *
     * @param instanceId instance ID.
     * @param afi        IPv4, IPv6 or MAC.
     * @param hi         left-aligned high word of the address.
     * @param lo         left-aligned low word of the address.
     * @param out        receives the mapping on {@link MapCacheStatus#FOUND}.
     * @return as {@link #lookup(int, int, DirectBuffer, int, MappingView)}.
     */
    int lookup(int instanceId, int afi, long hi, long lo, MappingView out);

    /**
     * Longest-prefix match of an IPv4 address.
     *
     * @param instanceId instance ID.
     * @param address    big-endian IPv4 address.
     * @param out        receives the mapping on {@link MapCacheStatus#FOUND}.
     * @return as {@link #lookup(int, int, DirectBuffer, int, MappingView)}.
     */
    int lookupIpv4(int instanceId, int address, MappingView out);

    /**
     * Longest-prefix match of a burst of IPv4 addresses, each with the result {@link #lookupIpv4} would give.
     * Implementations may overlap the lookups' memory accesses; this default looks them up one by one.
     *
     * @param instanceId instance ID.
     * @param addresses  big-endian IPv4 addresses, {@code count} of them.
     * @param count      addresses to look up.
     * @param statuses   receives each lookup's status, as {@link #lookupIpv4}.
     * @param out        one view per address, each receiving its mapping on {@link MapCacheStatus#FOUND}.
     */
    default void lookupIpv4Burst(
        final int instanceId, final int[] addresses, final int count, final int[] statuses, final MappingView[] out)
    {
        for (int i = 0; i < count; i++)
        {
            statuses[i] = lookupIpv4(instanceId, addresses[i], out[i]);
        }
    }
}
