/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerAddressTest
{
    @Test
    void shouldPrintIpv4WithUnsignedOctets()
    {
        final PeerAddress peer = new PeerAddress().ipv4(0xC0000201, 4341);
        assertEquals(PeerAddress.FAMILY_IPV4, peer.family());
        assertEquals("192.0.2.1:4341", peer.toString());
        assertEquals("255.255.255.255:65535", new PeerAddress().ipv4(-1, 65535).toString());
    }

    @Test
    void shouldPrintIpv6AndClear()
    {
        final PeerAddress peer = new PeerAddress().ipv6(0x20010db800000000L, 0x00000000000000ffL, 4342);
        assertEquals("[2001:db8:0:0:0:0:0:ff]:4342", peer.toString());
        assertEquals(0x20010db800000000L, peer.ipv6High());
        assertEquals("none", peer.clear().toString());
        assertEquals(PeerAddress.FAMILY_NONE, peer.family());
        assertEquals(0, peer.port());
    }
}
