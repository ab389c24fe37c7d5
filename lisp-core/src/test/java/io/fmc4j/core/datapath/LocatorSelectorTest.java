/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.SplittableRandom;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.core.mapcache.MappingBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocatorSelectorTest
{
    private static final int BOTH = LocatorSelector.FAMILY_IPV4 | LocatorSelector.FAMILY_IPV6;
    private static final int UP = LocatorSet.FLAG_REACHABLE;

    private final LocatorSetDecoder decoder = new LocatorSetDecoder();
    private final SplittableRandom random = new SplittableRandom(42);

    private LocatorSetDecoder locators(final MappingBuilder mapping)
    {
        return decoder.wrap(mapping.locators(), 0, mapping.locatorCount());
    }

    @Test
    void shouldPreferTheLowestPriorityAmongUsableLocators()
    {
        final LocatorSetDecoder set = locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 5, 100, 255, 0)
            .addIpv4Locator(2, UP, 2, 1, 255, 0)
            .addIpv4Locator(3, 0, 1, 100, 255, 0)
            .addIpv4Locator(4, UP, 255, 100, 255, 0));
        for (int i = 0; i < 1000; i++)
        {
            assertEquals(1, LocatorSelector.select(set, BOTH, random.nextInt()));
        }
    }

    @Test
    void shouldReturnNoneWhenNoLocatorIsUsable()
    {
        assertEquals(LocatorSelector.NONE, LocatorSelector.select(locators(new MappingBuilder()
            .addIpv4Locator(1, 0, 1, 100, 255, 0)
            .addIpv4Locator(2, UP, 255, 100, 255, 0)), BOTH, 7));
        assertEquals(LocatorSelector.NONE, LocatorSelector.select(locators(new MappingBuilder()), BOTH, 7));
        assertEquals(LocatorSelector.NONE, LocatorSelector.select(locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 1, 100, 255, 0)), LocatorSelector.FAMILY_IPV6, 7), "family not sendable");
    }

    @Test
    void shouldSkipRlocsOfAFamilyTheItrCannotSend()
    {
        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[16]);
        v6.putLong(0, 0x2001_0db8_0000_0000L);
        final LocatorSetDecoder set = locators(new MappingBuilder()
            .addLocator(Afi.IPV6, v6, 0, UP, 1, 100, 255, 0)
            .addIpv4Locator(1, UP, 2, 100, 255, 0));
        assertEquals(0, LocatorSelector.select(set, BOTH, 1));
        assertEquals(1, LocatorSelector.select(set, LocatorSelector.FAMILY_IPV4, 1));
    }

    @Test
    void shouldSplitFlowsByWeightAndEquallyWhenAllWeightsAreZero()
    {
        final int[] counts = new int[3];
        final LocatorSetDecoder weighted = locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 1, 10, 255, 0)
            .addIpv4Locator(2, UP, 1, 30, 255, 0)
            .addIpv4Locator(3, UP, 1, 60, 255, 0));
        final int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            counts[LocatorSelector.select(weighted, BOTH, random.nextInt())]++;
        }
        assertShare(0.10, counts[0], n);
        assertShare(0.30, counts[1], n);
        assertShare(0.60, counts[2], n);

        final int[] equal = new int[2];
        final LocatorSetDecoder zero = locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 1, 0, 255, 0)
            .addIpv4Locator(2, UP, 1, 0, 255, 0));
        for (int i = 0; i < n; i++)
        {
            equal[LocatorSelector.select(zero, BOTH, random.nextInt())]++;
        }
        assertShare(0.5, equal[0], n);
    }

    @Test
    void shouldNeverPickAZeroWeightLocatorBesideWeightedOnes()
    {
        final LocatorSetDecoder set = locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 1, 0, 255, 0)
            .addIpv4Locator(2, UP, 1, 1, 255, 0));
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(1, LocatorSelector.select(set, BOTH, random.nextInt()));
        }
    }

    @Test
    void shouldPickTheSameLocatorForTheSameHash()
    {
        final LocatorSetDecoder set = locators(new MappingBuilder()
            .addIpv4Locator(1, UP, 1, 50, 255, 0)
            .addIpv4Locator(2, UP, 1, 50, 255, 0)
            .addIpv4Locator(3, UP, 1, 50, 255, 0));
        for (int i = 0; i < 1000; i++)
        {
            final int hash = random.nextInt();
            final int first = LocatorSelector.select(set, BOTH, hash);
            assertEquals(first, LocatorSelector.select(set, BOTH, hash));
            assertEquals(first, LocatorSelector.select(set, BOTH, hash));
        }
    }

    private static void assertShare(final double expected, final int count, final int n)
    {
        final double share = count / (double)n;
        assertTrue(Math.abs(share - expected) < 0.01, "expected " + expected + " got " + share);
    }
}
