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
 * Reads a locator set laid out as {@link LocatorSet}. Indexed access (locators are fixed size); wraps without
 * allocating. The wrapped memory must not change while it is read: map-cache readers hand out a private copy.
 */
public final class LocatorSetDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int count;

    /**
     * Points the decoder at a set.
     *
     * @param buffer holding the set.
     * @param offset of the first locator.
     * @param count  locators in the set.
     * @return this.
     */
    public LocatorSetDecoder wrap(final DirectBuffer buffer, final int offset, final int count)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.count = count;
        return this;
    }

    /**
     * Number of locators.
     *
     * @return 0..{@link LocatorSet#MAX_LOCATORS}.
     */
    public int count()
    {
        return count;
    }

    /**
     * Buffer holding the set.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the first locator.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * RLOC address family.
     *
     * @param index 0..count-1.
     * @return IPv4 or IPv6.
     */
    public int afi(final int index)
    {
        return buffer.getShort(at(index) + LocatorSet.AFI_OFFSET) & 0xFFFF;
    }

    /**
     * State flags.
     *
     * @param index 0..count-1.
     * @return {@link LocatorSet#FLAG_REACHABLE} etc.
     */
    public int flags(final int index)
    {
        return buffer.getByte(at(index) + LocatorSet.FLAGS_OFFSET) & 0xFF;
    }

    /**
     * Is the RLOC reachable?
     *
     * @param index 0..count-1.
     * @return the R flag.
     */
    public boolean reachable(final int index)
    {
        return (flags(index) & LocatorSet.FLAG_REACHABLE) != 0;
    }

    /**
     * Unicast priority.
     *
     * @param index 0..count-1.
     * @return 0..255.
     */
    public int priority(final int index)
    {
        return buffer.getByte(at(index) + LocatorSet.PRIORITY_OFFSET) & 0xFF;
    }

    /**
     * Unicast weight.
     *
     * @param index 0..count-1.
     * @return 0..255.
     */
    public int weight(final int index)
    {
        return buffer.getByte(at(index) + LocatorSet.WEIGHT_OFFSET) & 0xFF;
    }

    /**
     * Multicast priority.
     *
     * @param index 0..count-1.
     * @return 0..255.
     */
    public int mPriority(final int index)
    {
        return buffer.getByte(at(index) + LocatorSet.M_PRIORITY_OFFSET) & 0xFF;
    }

    /**
     * Multicast weight.
     *
     * @param index 0..count-1.
     * @return 0..255.
     */
    public int mWeight(final int index)
    {
        return buffer.getByte(at(index) + LocatorSet.M_WEIGHT_OFFSET) & 0xFF;
    }

    /**
     * IPv4 RLOC.
     *
     * @param index 0..count-1, a locator of AFI IPv4.
     * @return the big-endian address.
     */
    public int ipv4Address(final int index)
    {
        return buffer.getInt(at(index) + LocatorSet.ADDRESS_OFFSET, BIG_ENDIAN);
    }

    /**
     * Copies the RLOC's address bytes (4 or 16, network order) out.
     *
     * @param index  0..count-1.
     * @param dst    to copy to.
     * @param dstOffset where.
     * @return bytes copied.
     */
    public int getAddress(final int index, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int length = Afi.fixedLength(afi(index));
        dst.putBytes(dstOffset, buffer, at(index) + LocatorSet.ADDRESS_OFFSET, length);
        return length;
    }

    /**
     * Offset of a locator in {@link #buffer()}.
     *
     * @param index 0..count-1.
     * @return the offset.
     */
    public int at(final int index)
    {
        return offset + index * LocatorSet.LOCATOR_LENGTH;
    }

    /**
     * Appends a readable form, for the cold path.
     *
     * @param sb to append to.
     * @return {@code sb}.
     */
    public StringBuilder appendTo(final StringBuilder sb)
    {
        sb.append('[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            final int at = at(i) + LocatorSet.ADDRESS_OFFSET;
            if (afi(i) == Afi.IPV4)
            {
                EidKey.appendTo(sb, EidKey.word0(0, Afi.IPV4, 32), EidKey.ipv4Hi(buffer.getInt(at, BIG_ENDIAN)), 0);
            }
            else
            {
                EidKey.appendTo(sb, EidKey.word0(0, Afi.IPV6, 128),
                    buffer.getLong(at, BIG_ENDIAN), buffer.getLong(at + 8, BIG_ENDIAN));
            }
            sb.setLength(sb.length() - (afi(i) == Afi.IPV4 ? 3 : 4));
            sb.append(" p").append(priority(i)).append(" w").append(weight(i)).append(" f").append(flags(i));
        }
        return sb.append(']');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }
}
