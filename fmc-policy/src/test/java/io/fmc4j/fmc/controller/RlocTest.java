/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RlocTest
{
    private final UnsafeBuffer set = new UnsafeBuffer(new byte[LocatorSet.MAX_LENGTH]);
    private final UnsafeBuffer address = new UnsafeBuffer(new byte[16]);
    private final LocatorSetDecoder decoder = new LocatorSetDecoder();

    private void put(final int index, final Rloc rloc, final int flags, final int priority, final int weight)
    {
        rloc.putAddress(address, 0);
        LocatorSet.put(set, index * LocatorSet.LOCATOR_LENGTH, rloc.afi(), address, 0, flags, priority, weight, 255, 0);
    }

    @Test
    void shouldRoundTripIpv4AndIpv6ThroughALocatorSet()
    {
        final Rloc v4 = Rloc.parse("198.51.100.7");
        final Rloc v6 = Rloc.parse("2001:db8::42");
        assertEquals(Rloc.ipv4(0xC633_6407), v4);
        assertEquals("198.51.100.7", v4.toString());
        assertEquals(v6, Rloc.parse(v6.toString()));
        assertEquals(Afi.IPV6, v6.afi());
        put(0, v4, LocatorSet.FLAG_REACHABLE, 1, 100);
        put(1, v6, LocatorSet.FLAG_REACHABLE, 1, 100);
        decoder.wrap(set, 0, 2);
        assertEquals(v4, Rloc.of(decoder, 0));
        assertEquals(v6, Rloc.of(decoder, 1));
        assertTrue(v4.matches(decoder, 0));
        assertFalse(v4.matches(decoder, 1));
        assertTrue(v6.matches(decoder, 1));
        assertFalse(Rloc.parse("2001:db8::43").matches(decoder, 1));
    }

    @Test
    void shouldPreferReachableLowestPriorityThenHighestWeight()
    {
        put(0, Rloc.parse("192.0.2.1"), 0, 1, 100);                          // unreachable
        put(1, Rloc.parse("192.0.2.2"), LocatorSet.FLAG_REACHABLE, 255, 100); // do not use
        put(2, Rloc.parse("192.0.2.3"), LocatorSet.FLAG_REACHABLE, 3, 100);
        put(3, Rloc.parse("192.0.2.4"), LocatorSet.FLAG_REACHABLE, 2, 10);
        put(4, Rloc.parse("192.0.2.5"), LocatorSet.FLAG_REACHABLE, 2, 50);
        decoder.wrap(set, 0, 5);
        assertEquals(4, Rloc.preferredIndex(decoder));
        decoder.wrap(set, 0, 2);
        assertEquals(Rloc.NONE, Rloc.preferredIndex(decoder));
        decoder.wrap(set, 0, 0);
        assertEquals(Rloc.NONE, Rloc.preferredIndex(decoder));
    }

    @Test
    void shouldRejectWhatIsNotAnAddress()
    {
        assertThrows(IllegalArgumentException.class, () -> Rloc.parse("192.0.2.0/24"));
        assertThrows(IllegalArgumentException.class, () -> Rloc.parse("[3]192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> Rloc.parse("host.example"));
        assertThrows(IllegalArgumentException.class, () -> new Rloc(Afi.MAC, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Rloc(Afi.IPV4, 1L, 0));
    }
}
