/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import io.fmc4j.api.Afi;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of a locator set in memory (off-heap map-cache entries, mapping-database records, change events): up to
 * {@link #MAX_LOCATORS} fixed-size locators, each {@link #LOCATOR_LENGTH} bytes.
 * <pre>
 *  0      2       3        4       5         6        7     8                       24
 *  | AFI  | flags | prio   | weight| m-prio  | m-weight| 0  | address (IPv4: 4 bytes, IPv6: 16) |
 * </pre>
 * Stateless: offsets and static accessors, as the codec layout classes.
 */
public final class LocatorSet
{
    /** Most locators a mapping holds. */
    public static final int MAX_LOCATORS = 8;
    /** Bytes per locator. */
    public static final int LOCATOR_LENGTH = 24;
    /** Bytes of a full set. */
    public static final int MAX_LENGTH = MAX_LOCATORS * LOCATOR_LENGTH;

    /** Offset of the RLOC AFI (16 bits). */
    public static final int AFI_OFFSET = 0;
    /** Offset of the state flags. */
    public static final int FLAGS_OFFSET = 2;
    /** Offset of the unicast priority. */
    public static final int PRIORITY_OFFSET = 3;
    /** Offset of the unicast weight. */
    public static final int WEIGHT_OFFSET = 4;
    /** Offset of the multicast priority. */
    public static final int M_PRIORITY_OFFSET = 5;
    /** Offset of the multicast weight. */
    public static final int M_WEIGHT_OFFSET = 6;
    /** Offset of the address. */
    public static final int ADDRESS_OFFSET = 8;

    /** Flag: the RLOC is reachable (R bit). */
    public static final int FLAG_REACHABLE = 0x01;
    /** Flag: the reachability was learnt by RLOC probing (p bit). */
    public static final int FLAG_PROBED = 0x02;
    /** Flag: the RLOC is one of the registering xTR's own (L bit). */
    public static final int FLAG_LOCAL = 0x04;

    private LocatorSet()
    {
    }

    /**
     * Writes one locator.
     *
     * @param buffer    to write to.
     * @param offset    of the locator.
     * @param afi       IPv4 or IPv6.
     * @param address   holding the RLOC in network order.
     * @param addressOffset of the RLOC in {@code address}.
     * @param flags     {@link #FLAG_REACHABLE} etc.
     * @param priority  unicast priority (255: do not use).
     * @param weight    unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight   multicast weight.
     * @return {@link MapCacheStatus#OK} or {@link MapCacheStatus#BAD_LOCATOR} for an AFI other than IPv4/IPv6.
     */
    public static int put(
        final MutableDirectBuffer buffer,
        final int offset,
        final int afi,
        final DirectBuffer address,
        final int addressOffset,
        final int flags,
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight)
    {
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            return MapCacheStatus.BAD_LOCATOR;
        }
        buffer.putShort(offset + AFI_OFFSET, (short)afi);
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + PRIORITY_OFFSET, (byte)priority);
        buffer.putByte(offset + WEIGHT_OFFSET, (byte)weight);
        buffer.putByte(offset + M_PRIORITY_OFFSET, (byte)mPriority);
        buffer.putByte(offset + M_WEIGHT_OFFSET, (byte)mWeight);
        buffer.putByte(offset + 7, (byte)0);
        buffer.setMemory(offset + ADDRESS_OFFSET, Afi.IPV6_LENGTH, (byte)0);
        buffer.putBytes(offset + ADDRESS_OFFSET, address, addressOffset, Afi.fixedLength(afi));
        return MapCacheStatus.OK;
    }

    /**
     * Writes one IPv4 locator.
     *
     * @param buffer    to write to.
     * @param offset    of the locator.
     * @param address   big-endian IPv4 address.
     * @param flags     {@link #FLAG_REACHABLE} etc.
     * @param priority  unicast priority.
     * @param weight    unicast weight.
     * @param mPriority multicast priority.
     * @param mWeight   multicast weight.
     */
    public static void putIpv4(
        final MutableDirectBuffer buffer,
        final int offset,
        final int address,
        final int flags,
        final int priority,
        final int weight,
        final int mPriority,
        final int mWeight)
    {
        buffer.putShort(offset + AFI_OFFSET, (short)Afi.IPV4);
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + PRIORITY_OFFSET, (byte)priority);
        buffer.putByte(offset + WEIGHT_OFFSET, (byte)weight);
        buffer.putByte(offset + M_PRIORITY_OFFSET, (byte)mPriority);
        buffer.putByte(offset + M_WEIGHT_OFFSET, (byte)mWeight);
        buffer.putByte(offset + 7, (byte)0);
        buffer.putInt(offset + ADDRESS_OFFSET, address, BIG_ENDIAN);
        buffer.putInt(offset + ADDRESS_OFFSET + 4, 0);
        buffer.putLong(offset + ADDRESS_OFFSET + 8, 0L);
    }

    /**
     * Do two locator sets hold the same locators in the same order?
     *
     * @param a       first buffer.
     * @param aOffset first set.
     * @param b       second buffer.
     * @param bOffset second set.
     * @param count   locators in each.
     * @return true when byte-equal.
     */
    public static boolean equals(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int count)
    {
        for (int i = 0; i < count * LOCATOR_LENGTH; i += 8)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
