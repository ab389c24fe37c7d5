/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.Mapping;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writer-side scratch for one mapping (action, TTL, version, up to {@link LocatorSet#MAX_LOCATORS} locators),
 * reused for every insert. {@link #reset()} between mappings. Adding a ninth locator or a locator of a non-IP
 * AFI is remembered and makes the insert refuse the mapping with {@link #status()}.
 */
public final class MappingBuilder
{
    private final UnsafeBuffer locators = new UnsafeBuffer(new byte[LocatorSet.MAX_LENGTH]);
    private int count;
    private int action;
    private int ttlMinutes;
    private int mapVersion;
    private int flags;
    private long expiryMs;
    private int status;

    /**
     * A builder for an empty positive mapping with a one-day TTL.
     */
    public MappingBuilder()
    {
        reset();
    }

    /**
     * Clears everything for the next mapping: no locators, {@link MapAction#NO_ACTION}, TTL 1440 minutes.
     *
     * @return this.
     */
    public MappingBuilder reset()
    {
        count = 0;
        action = MapAction.NO_ACTION;
        ttlMinutes = 24 * 60;
        mapVersion = 0;
        flags = 0;
        expiryMs = -1;
        status = MapCacheStatus.OK;
        return this;
    }

    /**
     * Action (for negative mappings).
     *
     * @param action a {@link MapAction} value.
     * @return this.
     */
    public MappingBuilder action(final int action)
    {
        this.action = action;
        return this;
    }

    /**
     * Record TTL; the expiry time is the insert time plus this, unless {@link #expiryMs(long)} is set.
     *
     * @param ttlMinutes minutes, {@link Mapping#TTL_FOREVER} for never.
     * @return this.
     */
    public MappingBuilder ttlMinutes(final int ttlMinutes)
    {
        this.ttlMinutes = ttlMinutes;
        return this;
    }

    /**
     * An absolute expiry time instead of one derived from the TTL.
     *
     * @param expiryMs epoch ms, or -1 to derive it from the TTL.
     * @return this.
     */
    public MappingBuilder expiryMs(final long expiryMs)
    {
        this.expiryMs = expiryMs;
        return this;
    }

    /**
     * Map version.
     *
     * @param mapVersion 12 bits.
     * @return this.
     */
    public MappingBuilder mapVersion(final int mapVersion)
    {
        this.mapVersion = mapVersion;
        return this;
    }

    /**
     * Flags.
     *
     * @param flags {@link Mapping#FLAG_AUTHORITATIVE}.
     * @return this.
     */
    public MappingBuilder flags(final int flags)
    {
        this.flags = flags;
        return this;
    }

    /**
     * Adds an IPv4 locator.
     *
     * @param address   big-endian RLOC.
     * @param state     {@link LocatorSet#FLAG_REACHABLE} etc.
     * @param priority  unicast priority.
     * @param weight    unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight   multicast weight.
     * @return this.
     */
    public MappingBuilder addIpv4Locator(
        final int address,
        final int state,
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight)
    {
        if (count == LocatorSet.MAX_LOCATORS)
        {
            status = MapCacheStatus.TOO_MANY_LOCATORS;
            return this;
        }
        LocatorSet.putIpv4(locators, count * LocatorSet.LOCATOR_LENGTH, address, state, priority, weight, mPriority,
            mWeight);
        count++;
        return this;
    }

    /**
     * Adds a locator read from a buffer (network order).
     *
     * @param afi       IPv4 or IPv6 (anything else makes the mapping refused with {@link MapCacheStatus#BAD_LOCATOR}).
     * @param buffer    holding the RLOC.
     * @param offset    of the RLOC.
     * @param state     {@link LocatorSet#FLAG_REACHABLE} etc.
     * @param priority  unicast priority.
     * @param weight    unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight   multicast weight.
     * @return this.
     */
    public MappingBuilder addLocator(
        final int afi,
        final DirectBuffer buffer,
        final int offset,
        final int state,
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight)
    {
        if (count == LocatorSet.MAX_LOCATORS)
        {
            status = MapCacheStatus.TOO_MANY_LOCATORS;
            return this;
        }
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            status = MapCacheStatus.BAD_LOCATOR;
            return this;
        }
        LocatorSet.put(locators, count * LocatorSet.LOCATOR_LENGTH, afi, buffer, offset, state, priority, weight,
            mPriority, mWeight);
        count++;
        return this;
    }

    /**
     * Copies locators from another set.
     *
     * @param buffer holding locators in {@link LocatorSet} layout.
     * @param offset of the first.
     * @param n      how many.
     * @return this.
     */
    public MappingBuilder addLocators(final DirectBuffer buffer, final int offset, final int n)
    {
        if (count + n > LocatorSet.MAX_LOCATORS)
        {
            status = MapCacheStatus.TOO_MANY_LOCATORS;
            return this;
        }
        locators.putBytes(count * LocatorSet.LOCATOR_LENGTH, buffer, offset, n * LocatorSet.LOCATOR_LENGTH);
        count += n;
        return this;
    }

    /**
     * {@link MapCacheStatus#OK}, or why the mapping would be refused.
     *
     * @return a status.
     */
    public int status()
    {
        return status;
    }

    /**
     * Locators added.
     *
     * @return the count.
     */
    public int locatorCount()
    {
        return count;
    }

    /**
     * The locators in {@link LocatorSet} layout.
     *
     * @return the buffer.
     */
    public DirectBuffer locators()
    {
        return locators;
    }

    /**
     * Action.
     *
     * @return ACT.
     */
    public int action()
    {
        return action;
    }

    /**
     * TTL.
     *
     * @return minutes.
     */
    public int ttlMinutes()
    {
        return ttlMinutes;
    }

    /**
     * Map version.
     *
     * @return 12 bits.
     */
    public int mapVersion()
    {
        return mapVersion;
    }

    /**
     * Flags.
     *
     * @return flags.
     */
    public int flags()
    {
        return flags;
    }

    /**
     * Expiry time for a mapping inserted now.
     *
     * @param nowMs the insert time.
     * @return the explicit expiry, else {@code nowMs} plus the TTL, {@code Long.MAX_VALUE} for a TTL of forever.
     */
    public long expiryAt(final long nowMs)
    {
        if (expiryMs >= 0)
        {
            return expiryMs;
        }
        return ttlMinutes == Mapping.TTL_FOREVER ? Long.MAX_VALUE : nowMs + (ttlMinutes & 0xFFFF_FFFFL) * 60_000L;
    }
}
