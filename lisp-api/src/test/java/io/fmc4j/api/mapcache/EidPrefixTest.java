/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

import io.fmc4j.api.Afi;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EidPrefixTest
{
    @Test
    void shouldParseIpv4Ipv6AndMacWithInstanceIds()
    {
        final EidPrefix v4 = EidPrefix.parse("[7]10.1.0.0/16");
        assertEquals(7, v4.instanceId());
        assertEquals(Afi.IPV4, v4.afi());
        assertEquals(16, v4.maskLength());
        assertEquals(0x0A01_0000_0000_0000L, v4.hi());
        assertEquals("[7]10.1.0.0/16", v4.toString());

        final EidPrefix v6 = EidPrefix.parse("2001:db8::/32");
        assertEquals(Afi.IPV6, v6.afi());
        assertEquals(0x2001_0DB8_0000_0000L, v6.hi());
        assertEquals("2001:db8:0:0:0:0:0:0/32", v6.toString());
        assertEquals(128, EidPrefix.parse("::1").maskLength());

        final EidPrefix mac = EidPrefix.parse("00:16:3e:aa:bb:cc/48");
        assertEquals(Afi.MAC, mac.afi());
        assertEquals(0x0016_3EAA_BBCC_0000L, mac.hi());
        assertEquals("00:16:3e:aa:bb:cc/48", mac.toString());
        assertEquals(32, EidPrefix.parse("192.0.2.1").maskLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.0.1/16", "10.0.0.0/33", "2001:db8::/129", "00:16:3e:aa:bb:cc/49", "10.0.0/8",
        "256.0.0.0/8", "10.0.0.0/x", "[16777216]10.0.0.0/8", "[1 10.0.0.0/8", "example.com/8", "10.0.0.0/-1",
        "2001:db8::1/64", "g::/16", ""})
    void shouldRejectMalformedPrefixWithReason(final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> EidPrefix.parse(text));
        assertFalse(ex.getMessage().isEmpty());
    }

    @Test
    void shouldValidateWithStatusCodes()
    {
        assertEquals(MapCacheStatus.OK, EidKey.validate(0, Afi.IPV4, 8, EidKey.ipv4Hi(0x0A00_0000), 0));
        assertEquals(MapCacheStatus.HOST_BITS_SET, EidKey.validate(0, Afi.IPV4, 8, EidKey.ipv4Hi(0x0A00_0001), 0));
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH, EidKey.validate(0, Afi.IPV4, 33, 0, 0));
        assertEquals(MapCacheStatus.BAD_MASK_LENGTH, EidKey.validate(0, Afi.MAC, 49, 0, 0));
        assertEquals(MapCacheStatus.UNKNOWN_AFI, EidKey.validate(0, Afi.LCAF, 8, 0, 0));
        assertEquals(MapCacheStatus.BAD_INSTANCE_ID, EidKey.validate(1 << 24, Afi.IPV4, 8, 0, 0));
        assertEquals(MapCacheStatus.OK, EidKey.validate(EidKey.MAX_INSTANCE_ID, Afi.IPV6, 128, -1L, -1L));
        assertEquals(MapCacheStatus.HOST_BITS_SET, EidKey.validate(0, Afi.IPV6, 127, -1L, -1L));
    }

    @Test
    void shouldReadAddressesFromPacketBuffers()
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[32]);
        packet.putInt(3, 0xC000_0201, BIG_ENDIAN);
        assertEquals(EidKey.ipv4Hi(0xC000_0201), EidKey.readHi(Afi.IPV4, packet, 3));
        assertEquals(0, EidKey.readLo(Afi.IPV4, packet, 3));
        packet.putLong(8, 0x2001_0DB8_0000_0001L, BIG_ENDIAN);
        packet.putLong(16, 0x0000_0000_0000_00FFL, BIG_ENDIAN);
        assertEquals(0x2001_0DB8_0000_0001L, EidKey.readHi(Afi.IPV6, packet, 8));
        assertEquals(0xFFL, EidKey.readLo(Afi.IPV6, packet, 8));
        packet.putInt(24, 0x0016_3EAA, BIG_ENDIAN);
        packet.putShort(28, (short)0xBBCC, BIG_ENDIAN);
        assertEquals(0x0016_3EAA_BBCC_0000L, EidKey.readHi(Afi.MAC, packet, 24));
    }

    @Test
    void shouldMaskAndCompareAcrossTheWordBoundary()
    {
        assertEquals(0L, EidKey.maskHi(0));
        assertEquals(0xFFFF_FFFF_0000_0000L, EidKey.maskHi(32));
        assertEquals(-1L, EidKey.maskHi(64));
        assertEquals(0L, EidKey.maskLo(64));
        assertEquals(0x8000_0000_0000_0000L, EidKey.maskLo(65));
        assertEquals(-1L, EidKey.maskLo(128));
        assertEquals(128, EidKey.commonPrefixLength(1, 2, 1, 2));
        assertEquals(127, EidKey.commonPrefixLength(1, 2, 1, 3));
        assertEquals(64 + 62, EidKey.commonPrefixLength(1, 2, 1, 0));
        assertEquals(0, EidKey.commonPrefixLength(Long.MIN_VALUE, 0, 0, 0));
        final EidPrefix a = EidPrefix.parse("10.0.0.0/8");
        assertTrue(a.covers(EidPrefix.parse("10.1.0.0/16")));
        assertFalse(a.covers(EidPrefix.parse("[1]10.1.0.0/16")));
        assertFalse(EidPrefix.parse("10.1.0.0/16").covers(a));
    }
}
