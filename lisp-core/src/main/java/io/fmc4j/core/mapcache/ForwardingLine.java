/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.Mapping;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The first cache line of every map-cache record: what an ITR needs to forward to an IPv4 RLOC, precomputed by the
 * writer so that a data-path hit reads the DIR-24-8 entry and this one line, nothing else (FD.io VPP's adjacency
 * plays the same part). The full {@link Mapping} follows the line in the record.
 * <p>
 * Layout (64 bytes; multi-byte fields in native order, written and read as whole words):
 * <pre>
 *   0  sequence word (the record's seqlock)
 *   8  key word0 (instance ID, AFI, mask length), as in {@link Mapping}
 *  16  key hi
 *  24  expiry time, epoch ms
 *  32  meta: bits 0-11 map version, 16-23 locator count, 24-31 action,
 *      32-39 choice families, 40-47 choice count n, 48-63 span
 *  40  cumulative shares: four 16-bit values, candidate k in bits 16k..16k+15
 *  48  the candidates' IPv4 RLOCs: four 32-bit addresses (the address as an int, first octet most significant)
 * </pre>
 * The choice is the one {@code LocatorSelector} makes: among reachable locators whose priority is not 255 and whose
 * family the ITR can send, those of the best (lowest) priority; a flow hash picks one in proportion to their weights
 * (equally when all weights are 0): {@code point = (hash * span) >>> 32}, then the first candidate in locator order
 * whose cumulative share exceeds the point. Candidates with no share can never be picked and are left out. It is
 * precomputed for two kinds of ITR: one that sends IPv4 only ({@link #FOR_IPV4}) and one that sends both families
 * ({@link #FOR_BOTH}; the same choice, valid only when no IPv6 locator is among the best). With more than four
 * candidates, none, or an IPv6 one chosen, the line holds no choice and the ITR reads the whole mapping.
 */
final class ForwardingLine
{
    /** Length of the line. */
    static final int LENGTH = 64;
    static final int SEQ_OFFSET = 0;
    static final int WORD0_OFFSET = 8;
    static final int HI_OFFSET = 16;
    static final int EXPIRY_OFFSET = 24;
    static final int META_OFFSET = 32;
    static final int CUMULATIVE_OFFSET = 40;
    static final int RLOCS_OFFSET = 48;
    /** Most candidates held in the line. */
    static final int MAX_CHOICES = 4;
    /** Choice families bit: valid for an ITR that sends IPv4 RLOCs only. */
    static final int FOR_IPV4 = 1;
    /** Choice families bit: valid for an ITR that sends IPv4 and IPv6 RLOCs. */
    static final int FOR_BOTH = 2;
    private static final int PRIORITY_UNUSABLE = 255;

    private ForwardingLine()
    {
    }

    /**
     * Writes the line (but not the sequence word) for a mapping.
     *
     * @param record   the record's buffer.
     * @param at       where the record starts.
     * @param word0    key word0.
     * @param hi       key hi.
     * @param value    the mapping after its key: the {@link Mapping} layout from {@link Mapping#EXPIRY_OFFSET},
     *                 at offset {@code Mapping.EXPIRY_OFFSET - keyLength}.
     * @param keyLength the key's length in the {@link Mapping} layout (24).
     */
    static void write(
        final MutableDirectBuffer record,
        final int at,
        final long word0,
        final long hi,
        final DirectBuffer value,
        final int keyLength)
    {
        final int count = value.getByte(Mapping.COUNT_OFFSET - keyLength) & 0xFF;
        final int locators = Mapping.LOCATORS_OFFSET - keyLength;
        final int n = Math.min(count, LocatorSet.MAX_LOCATORS);
        int bestV4 = PRIORITY_UNUSABLE;
        int bestV6 = PRIORITY_UNUSABLE;
        for (int i = 0; i < n; i++)
        {
            final int l = locators + i * LocatorSet.LOCATOR_LENGTH;
            if (usable(value, l))
            {
                final int priority = value.getByte(l + LocatorSet.PRIORITY_OFFSET) & 0xFF;
                if (afi(value, l) == Afi.IPV4)
                {
                    bestV4 = Math.min(bestV4, priority);
                }
                else if (afi(value, l) == Afi.IPV6)
                {
                    bestV6 = Math.min(bestV6, priority);
                }
            }
        }
        int totalWeight = 0;
        int candidates = 0;
        for (int i = 0; i < n; i++)
        {
            final int l = locators + i * LocatorSet.LOCATOR_LENGTH;
            if (candidate(value, l, bestV4))
            {
                totalWeight += value.getByte(l + LocatorSet.WEIGHT_OFFSET) & 0xFF;
                candidates++;
            }
        }
        final boolean equal = totalWeight == 0;
        long cumulative = 0;
        long rlocs01 = 0;
        long rlocs23 = 0;
        int choices = 0;
        int sum = 0;
        for (int i = 0; i < n && choices <= MAX_CHOICES; i++)
        {
            final int l = locators + i * LocatorSet.LOCATOR_LENGTH;
            if (!candidate(value, l, bestV4))
            {
                continue;
            }
            final int share = equal ? 1 : value.getByte(l + LocatorSet.WEIGHT_OFFSET) & 0xFF;
            if (share == 0)
            {
                continue;
            }
            if (choices == MAX_CHOICES)
            {
                choices++;
                break;
            }
            sum += share;
            cumulative |= (long)sum << (choices << 4);
            final long address = value.getInt(l + LocatorSet.ADDRESS_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
            if (choices < 2)
            {
                rlocs01 |= address << (choices << 5);
            }
            else
            {
                rlocs23 |= address << ((choices - 2) << 5);
            }
            choices++;
        }
        int families = 0;
        if (candidates > 0 && choices > 0 && choices <= MAX_CHOICES)
        {
            families = FOR_IPV4 | (bestV6 > bestV4 ? FOR_BOTH : 0);
        }
        else
        {
            choices = 0;
        }
        final int span = families == 0 ? 0 : equal ? candidates : totalWeight;
        final long meta = (value.getShort(Mapping.VERSION_OFFSET - keyLength) & 0xFFFL) |
            ((long)count << 16) |
            ((long)(value.getByte(Mapping.ACTION_OFFSET - keyLength) & 0xFF) << 24) |
            ((long)families << 32) |
            ((long)choices << 40) |
            ((long)span << 48);
        record.putLong(at + WORD0_OFFSET, word0);
        record.putLong(at + HI_OFFSET, hi);
        record.putLong(at + EXPIRY_OFFSET, value.getLong(Mapping.EXPIRY_OFFSET - keyLength));
        record.putLong(at + META_OFFSET, meta);
        record.putLong(at + CUMULATIVE_OFFSET, families == 0 ? 0 : cumulative);
        record.putLong(at + RLOCS_OFFSET, families == 0 ? 0 : rlocs01);
        record.putLong(at + RLOCS_OFFSET + 8, families == 0 ? 0 : rlocs23);
    }

    /**
     * The candidate a flow hash picks.
     *
     * @param meta       the line's meta word.
     * @param cumulative the line's cumulative shares.
     * @param flowHash   the packet's flow hash.
     * @return 0..n-1, at most {@link #MAX_CHOICES} - 1 whatever the words hold.
     */
    static int pick(final long meta, final long cumulative, final int flowHash)
    {
        // Capped: a torn meta word (rejected afterwards by the sequence check) must not lead outside the line.
        final int n = Math.min((int)(meta >>> 40) & 0xFF, MAX_CHOICES);
        final long point = ((flowHash & 0xFFFF_FFFFL) * (meta >>> 48)) >>> 32;
        int k = 0;
        while (k < n - 1 && point >= ((cumulative >>> (k << 4)) & 0xFFFF))
        {
            k++;
        }
        return k;
    }

    private static boolean candidate(final DirectBuffer value, final int l, final int bestV4)
    {
        return usable(value, l) && afi(value, l) == Afi.IPV4 &&
            (value.getByte(l + LocatorSet.PRIORITY_OFFSET) & 0xFF) == bestV4;
    }

    private static boolean usable(final DirectBuffer value, final int l)
    {
        return (value.getByte(l + LocatorSet.FLAGS_OFFSET) & LocatorSet.FLAG_REACHABLE) != 0 &&
            (value.getByte(l + LocatorSet.PRIORITY_OFFSET) & 0xFF) != PRIORITY_UNUSABLE;
    }

    private static int afi(final DirectBuffer value, final int l)
    {
        return value.getShort(l + LocatorSet.AFI_OFFSET) & 0xFFFF;
    }
}
