/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InternetChecksumTest
{
    @Test
    void shouldMatchRfc1071Example()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2.
        final UnsafeBuffer buffer = Packets.buffer("0001f203f4f5f6f7", 0);
        assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.sum(buffer, 0, 8)));
        assertEquals(0x220d, InternetChecksum.checksum(buffer, 0, 8));
    }

    @Test
    void shouldPadOddLastByteWithZero()
    {
        final UnsafeBuffer buffer = Packets.buffer("0001f203f4f5f6f7ab", 0);
        final long sum = InternetChecksum.sum(buffer, 0, 9);
        assertEquals(InternetChecksum.fold(0xddf2L + 0xab00L), InternetChecksum.fold(sum));
    }

    @Test
    void shouldFoldCarriesRepeatedly()
    {
        assertEquals(0xFFFF, InternetChecksum.fold(0xFFFFL));
        assertEquals(1, InternetChecksum.fold(0x10000L));
        assertEquals(0xFFFF, InternetChecksum.fold(0xFFFF_FFFFL));
        assertEquals(0, InternetChecksum.fold(0L));
        assertEquals(naiveFold(Long.MAX_VALUE), InternetChecksum.fold(Long.MAX_VALUE));
    }

    @Property(tries = 500)
    void shouldAgreeWithSixteenBitReference(
        @ForAll @Size(max = 300) final byte[] bytes,
        @ForAll @IntRange(max = 7) final int misalignment)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + misalignment]);
        buffer.putBytes(misalignment, bytes);
        long reference = 0;
        for (int i = 0; i < bytes.length; i += 2)
        {
            final int high = bytes[i] & 0xFF;
            final int low = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            reference += (high << 8) | low;
        }
        final long sum = InternetChecksum.sum(buffer, misalignment, bytes.length);
        assertEquals(naiveFold(reference), InternetChecksum.fold(sum));
    }

    private static int naiveFold(final long sum)
    {
        long s = sum;
        while ((s >>> 16) != 0)
        {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int)s;
    }
}
