/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A routing locator (an xTR's IPv4 or IPv6 address) in the left-aligned two-word form the map-cache and the
 * mapping database use: IPv4 in the top 32 bits of {@code hi}, IPv6 in {@code hi} and {@code lo}.
 *
 * @param afi {@link Afi#IPV4} or {@link Afi#IPV6}.
 * @param hi  left-aligned high word.
 * @param lo  left-aligned low word (0 for IPv4).
 */
public record Rloc(int afi, long hi, long lo)
{
    /** Returned by {@link #preferredIndex(LocatorSetDecoder)} when no locator is usable. */
    public static final int NONE = -1;
    /** Unicast priority meaning "do not use" (RFC 9300 section 5.4). */
    public static final int PRIORITY_UNUSABLE = 255;

    /**
     * Checks the family and the unused bits.
     *
     * @param afi {@link Afi#IPV4} or {@link Afi#IPV6}.
     * @param hi  left-aligned high word.
     * @param lo  left-aligned low word.
     */
    public Rloc
    {
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            throw new IllegalArgumentException("RLOC AFI must be IPv4 (1) or IPv6 (2): " + afi);
        }
        if (afi == Afi.IPV4 && ((hi & 0xFFFF_FFFFL) != 0 || lo != 0))
        {
            throw new IllegalArgumentException("IPv4 RLOC with bits beyond 32");
        }
    }

    /**
     * An IPv4 RLOC.
     *
     * @param address big-endian address.
     * @return the RLOC.
     */
    public static Rloc ipv4(final int address)
    {
        return new Rloc(Afi.IPV4, EidKey.ipv4Hi(address), 0L);
    }

    /**
     * Parses a literal address (never resolves names).
     *
     * @param text e.g. {@code 192.0.2.1} or {@code 2001:db8::1}.
     * @return the RLOC.
     * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 address.
     */
    public static Rloc parse(final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.indexOf('/') >= 0 || trimmed.indexOf('[') >= 0)
        {
            throw new IllegalArgumentException("an RLOC is an address, not a prefix: '" + text + "'");
        }
        final EidPrefix prefix = EidPrefix.parse(trimmed);
        if (prefix.afi() != Afi.IPV4 && prefix.afi() != Afi.IPV6)
        {
            throw new IllegalArgumentException("an RLOC must be IPv4 or IPv6: '" + text + "'");
        }
        return new Rloc(prefix.afi(), prefix.hi(), prefix.lo());
    }

    /**
     * The RLOC of one locator of a set.
     *
     * @param locators the set.
     * @param index    0..count-1, a locator of AFI IPv4 or IPv6.
     * @return the RLOC.
     */
    public static Rloc of(final LocatorSetDecoder locators, final int index)
    {
        final int afi = locators.afi(index);
        final int at = locators.at(index) + LocatorSet.ADDRESS_OFFSET;
        return new Rloc(afi, EidKey.readHi(afi, locators.buffer(), at), EidKey.readLo(afi, locators.buffer(), at));
    }

    /**
     * Does a locator of a set hold this RLOC? Allocation-free.
     *
     * @param locators the set.
     * @param index    0..count-1.
     * @return true when family and address are equal.
     */
    public boolean matches(final LocatorSetDecoder locators, final int index)
    {
        final int locatorAfi = locators.afi(index);
        if (locatorAfi != afi)
        {
            return false;
        }
        final int at = locators.at(index) + LocatorSet.ADDRESS_OFFSET;
        return EidKey.readHi(afi, locators.buffer(), at) == hi && EidKey.readLo(afi, locators.buffer(), at) == lo;
    }

    /**
     * The locator an ITR sends to: reachable, IPv4 or IPv6, priority below 255, lowest priority value, then the
     * highest weight, then the first. Allocation-free.
     *
     * @param locators the set.
     * @return its index, or {@link #NONE}.
     */
    public static int preferredIndex(final LocatorSetDecoder locators)
    {
        int best = NONE;
        for (int i = 0; i < locators.count(); i++)
        {
            final int afi = locators.afi(i);
            final int priority = locators.priority(i);
            if (!locators.reachable(i) || priority >= PRIORITY_UNUSABLE || (afi != Afi.IPV4 && afi != Afi.IPV6))
            {
                continue;
            }
            if (best == NONE || priority < locators.priority(best) ||
                (priority == locators.priority(best) && locators.weight(i) > locators.weight(best)))
            {
                best = i;
            }
        }
        return best;
    }

    /**
     * Writes the address in network order.
     *
     * @param buffer to write to; 4 bytes for IPv4, 16 for IPv6.
     * @param offset where.
     */
    public void putAddress(final MutableDirectBuffer buffer, final int offset)
    {
        if (afi == Afi.IPV4)
        {
            buffer.putInt(offset, (int)(hi >>> 32), BIG_ENDIAN);
        }
        else
        {
            buffer.putLong(offset, hi, BIG_ENDIAN);
            buffer.putLong(offset + 8, lo, BIG_ENDIAN);
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        EidKey.appendTo(sb, EidKey.word0(0, afi, Afi.maxMaskLength(afi)), hi, lo);
        final int slash = sb.lastIndexOf("/");
        if (slash >= 0)
        {
            sb.setLength(slash);
        }
        return sb.toString();
    }
}
