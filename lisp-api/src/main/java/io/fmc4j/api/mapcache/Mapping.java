/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Layout of one mapping (EID prefix key, action, TTL, expiry, map version, locators) as stored off-heap and as
 * copied into a {@link MappingView}. Stateless: offsets and static accessors.
 * <pre>
 *   0 word0 | 8 hi | 16 lo            the {@link EidKey}
 *  24 expiry time, epoch ms (Long.MAX_VALUE: never)
 *  32 record TTL, minutes (0xFFFFFFFF: forever)
 *  36 map version (12 bits) | 38 action (ACT) | 39 locator count
 *  40 flags (bit 0: authoritative) | 44 reserved
 *  48 locators, {@link LocatorSet#LOCATOR_LENGTH} bytes each
 * </pre>
 */
public final class Mapping
{
    /** Offset of the key's first word. */
    public static final int WORD0_OFFSET = 0;
    /** Offset of the key's high word. */
    public static final int HI_OFFSET = 8;
    /** Offset of the key's low word. */
    public static final int LO_OFFSET = 16;
    /** Offset of the expiry time. */
    public static final int EXPIRY_OFFSET = 24;
    /** Offset of the TTL. */
    public static final int TTL_OFFSET = 32;
    /** Offset of the map version. */
    public static final int VERSION_OFFSET = 36;
    /** Offset of the action. */
    public static final int ACTION_OFFSET = 38;
    /** Offset of the locator count. */
    public static final int COUNT_OFFSET = 39;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 40;
    /** Offset of the first locator. */
    public static final int LOCATORS_OFFSET = 48;
    /** Largest encoded mapping. */
    public static final int MAX_LENGTH = LOCATORS_OFFSET + LocatorSet.MAX_LENGTH;

    /** Flag: the mapping came from an authoritative source. */
    public static final int FLAG_AUTHORITATIVE = 0x1;
    /** TTL meaning "never expires". */
    public static final int TTL_FOREVER = 0xFFFF_FFFF;

    private Mapping()
    {
    }

    /**
     * Encoded length of a mapping with the given number of locators.
     *
     * @param locatorCount 0..{@link LocatorSet#MAX_LOCATORS}.
     * @return bytes.
     */
    public static int length(final int locatorCount)
    {
        return LOCATORS_OFFSET + locatorCount * LocatorSet.LOCATOR_LENGTH;
    }

    /**
     * Locator count of an encoded mapping.
     *
     * @param buffer holding the mapping.
     * @param offset of the mapping.
     * @return the count.
     */
    public static int locatorCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + COUNT_OFFSET) & 0xFF;
    }

    /**
     * Writes the header of a mapping (all but the locators and the count).
     *
     * @param buffer     to write to.
     * @param offset     of the mapping.
     * @param word0      key word 0.
     * @param hi         key high word.
     * @param lo         key low word.
     * @param expiryMs   absolute expiry time.
     * @param ttlMinutes record TTL.
     * @param mapVersion 12-bit map version.
     * @param action     ACT value.
     * @param flags      {@link #FLAG_AUTHORITATIVE}.
     */
    public static void putHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final long word0,
        final long hi,
        final long lo,
        final long expiryMs,
        final int ttlMinutes,
        final int mapVersion,
        final int action,
        final int flags)
    {
        buffer.putLong(offset + WORD0_OFFSET, word0);
        buffer.putLong(offset + HI_OFFSET, hi);
        buffer.putLong(offset + LO_OFFSET, lo);
        buffer.putLong(offset + EXPIRY_OFFSET, expiryMs);
        buffer.putInt(offset + TTL_OFFSET, ttlMinutes);
        buffer.putShort(offset + VERSION_OFFSET, (short)(mapVersion & 0xFFF));
        buffer.putByte(offset + ACTION_OFFSET, (byte)action);
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        buffer.putInt(offset + FLAGS_OFFSET + 4, 0);
    }
}
