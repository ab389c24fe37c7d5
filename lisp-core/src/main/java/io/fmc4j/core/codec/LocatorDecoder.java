/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Iterates the locators of a validated mapping record: one reused flyweight,
 * {@code while (locators.hasNext()) { locators.next(); ... }}.
 */
public final class LocatorDecoder extends GroupDecoder<LocatorDecoder>
{
    LocatorDecoder reset(final DirectBuffer buffer, final int firstOffset, final int count)
    {
        resetGroup(buffer, firstOffset, count);
        return this;
    }






    /**
     * Bytes the current locator occupies.
     *
     * @return header plus address.
     */
    @Override
    public int encodedLength()
    {
        return MapRecord.LOCATOR_HEADER_LENGTH + LispAddress.encodedLength(buffer, offset + 6);
    }

    /**
     * Unicast priority; 255 means not for unicast.
     *
     * @return 0..255.
     */
    public int priority()
    {
        return buffer.getByte(offset) & 0xFF;
    }

    /**
     * Unicast weight.
     *
     * @return 0..255.
     */
    public int weight()
    {
        return buffer.getByte(offset + 1) & 0xFF;
    }

    /**
     * Multicast priority.
     *
     * @return 0..255.
     */
    public int multicastPriority()
    {
        return buffer.getByte(offset + 2) & 0xFF;
    }

    /**
     * Multicast weight.
     *
     * @return 0..255.
     */
    public int multicastWeight()
    {
        return buffer.getByte(offset + 3) & 0xFF;
    }

    /**
     * The 16-bit flags field (L, p, R in the low bits).
     *
     * @return the flags.
     */
    public int flags()
    {
        return buffer.getShort(offset + 4, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Is the locator local to the sender?
     *
     * @return the L bit.
     */
    public boolean local()
    {
        return (flags() & MapRecord.LOCATOR_FLAG_L) != 0;
    }

    /**
     * Is this locator the one an RLOC-probe reply answers for?
     *
     * @return the p bit.
     */
    public boolean probed()
    {
        return (flags() & MapRecord.LOCATOR_FLAG_P) != 0;
    }

    /**
     * Is the locator reachable?
     *
     * @return the R bit.
     */
    public boolean reachable()
    {
        return (flags() & MapRecord.LOCATOR_FLAG_R) != 0;
    }

    /**
     * Offset of the locator address's AFI, for {@link LispAddress} and {@link AddressText}.
     *
     * @return the offset.
     */
    public int addressOffset()
    {
        return offset + MapRecord.LOCATOR_HEADER_LENGTH;
    }

    /**
     * AFI of the locator address.
     *
     * @return the AFI.
     */
    public int afi()
    {
        return LispAddress.afi(buffer, addressOffset());
    }

    /**
     * The IPv4 locator, when {@link #afi()} is IPv4.
     *
     * @return the address in network order.
     */
    public int ipv4()
    {
        return buffer.getInt(addressOffset() + 2, BIG_ENDIAN);
    }

}
