/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reader-owned copy of one mapping, filled by {@link MapCacheReader} lookups. Owning the copy is what makes
 * reads safe against a concurrent writer: the lookup copies under a sequence check, so the view is always one
 * whole mapping (the old or the new one), and stays valid until the next lookup into the same view.
 * <p>
 * One view per thread; allocate it once, reuse it for every lookup.
 */
public final class MappingView
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Mapping.MAX_LENGTH]);
    private final LocatorSetDecoder locators = new LocatorSetDecoder();

    /**
     * The backing copy, for the map-cache implementation to fill ({@link Mapping} layout).
     *
     * @return the buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Key word 0 of the matched prefix.
     *
     * @return see {@link EidKey}.
     */
    public long word0()
    {
        return buffer.getLong(Mapping.WORD0_OFFSET);
    }

    /**
     * Left-aligned high word of the matched prefix.
     *
     * @return the high word.
     */
    public long hi()
    {
        return buffer.getLong(Mapping.HI_OFFSET);
    }

    /**
     * Left-aligned low word of the matched prefix.
     *
     * @return the low word.
     */
    public long lo()
    {
        return buffer.getLong(Mapping.LO_OFFSET);
    }

    /**
     * Instance ID of the matched prefix.
     *
     * @return 24 bits.
     */
    public int instanceId()
    {
        return EidKey.instanceId(word0());
    }

    /**
     * AFI of the matched prefix.
     *
     * @return IPv4, IPv6 or MAC.
     */
    public int afi()
    {
        return EidKey.afi(word0());
    }

    /**
     * Mask length of the matched prefix.
     *
     * @return the length.
     */
    public int maskLength()
    {
        return EidKey.maskLength(word0());
    }

    /**
     * Absolute expiry time.
     *
     * @return epoch milliseconds.
     */
    public long expiryMs()
    {
        return buffer.getLong(Mapping.EXPIRY_OFFSET);
    }

    /**
     * Record TTL as received.
     *
     * @return minutes, {@link Mapping#TTL_FOREVER} for no expiry.
     */
    public int ttlMinutes()
    {
        return buffer.getInt(Mapping.TTL_OFFSET);
    }

    /**
     * Map version.
     *
     * @return 12 bits, 0 when not versioned.
     */
    public int mapVersion()
    {
        return buffer.getShort(Mapping.VERSION_OFFSET) & 0xFFF;
    }

    /**
     * Action of a negative mapping.
     *
     * @return a {@link MapAction} value.
     */
    public int action()
    {
        return buffer.getByte(Mapping.ACTION_OFFSET) & 0xFF;
    }

    /**
     * Is this a negative mapping (no locators)?
     *
     * @return true when the locator count is zero.
     */
    public boolean negative()
    {
        return locatorCount() == 0;
    }

    /**
     * Flags.
     *
     * @return {@link Mapping#FLAG_AUTHORITATIVE}.
     */
    public int flags()
    {
        return buffer.getInt(Mapping.FLAGS_OFFSET);
    }

    /**
     * Number of locators.
     *
     * @return 0..8.
     */
    public int locatorCount()
    {
        return Mapping.locatorCount(buffer, 0);
    }

    /**
     * The locators, through a decoder owned by this view.
     *
     * @return the decoder, wrapped.
     */
    public LocatorSetDecoder locators()
    {
        return locators.wrap(buffer, Mapping.LOCATORS_OFFSET, locatorCount());
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        EidKey.appendTo(sb, word0(), hi(), lo());
        sb.append(" act=").append(MapAction.name(action())).append(" ttl=").append(ttlMinutes())
            .append(" v=").append(mapVersion()).append(' ');
        return locators().appendTo(sb);
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
