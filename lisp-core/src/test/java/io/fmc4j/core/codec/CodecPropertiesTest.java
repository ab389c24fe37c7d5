/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CodecPropertiesTest
{
    @Property(tries = 2000)
    void encodeThenDecodeIsIdentity(@ForAll final long seed)
    {
        final UnsafeBuffer in = new UnsafeBuffer(new byte[4096]);
        final int length = new MessageGenerator(new Random(seed)).next(in, 0);
        assertEquals(DecodeStatus.OK, ControlHeader.validate(in, 0, length));
        final UnsafeBuffer out = new UnsafeBuffer(new byte[4096]);
        assertEquals(length, new Reencoder().reencode(in, 0, length, out, 0));
        final byte[] expected = new byte[length];
        final byte[] actual = new byte[length];
        in.getBytes(0, expected);
        out.getBytes(0, actual);
        assertArrayEquals(expected, actual);
    }

    @Property(tries = 500)
    void everyTruncationIsAStatusNeverOkNeverAnException(@ForAll final long seed)
    {
        final byte[] bytes = new byte[4096];
        final int length = new MessageGenerator(new Random(seed)).next(new UnsafeBuffer(bytes), 0);
        for (int cut = 0; cut < length; cut++)
        {
            final UnsafeBuffer exact = new UnsafeBuffer(bytes, 0, cut);
            assertNotEquals(DecodeStatus.OK, ControlHeader.validate(exact, 0, cut), "prefix of " + cut);
        }
    }

    @Property(tries = 3000)
    void validateIsTotalOverArbitraryBytes(
        @ForAll("messages") final byte[] bytes, @ForAll @IntRange(max = 16) final int shorten)
    {
        final int length = Math.max(0, bytes.length - shorten);
        final UnsafeBuffer exact = new UnsafeBuffer(bytes, 0, length);
        final int status = ControlHeader.validate(exact, 0, length);
        if (status == DecodeStatus.OK)
        {
            final UnsafeBuffer out = new UnsafeBuffer(new byte[length + 64]);
            assertEquals(length, new Reencoder().reencode(exact, 0, length, out, 0));
        }
        LispDataHeader.validate(exact, 0, length);
    }

    @Property(tries = 1000)
    void addressValidationIsTotal(@ForAll @Size(max = 64) final byte[] bytes)
    {
        final UnsafeBuffer exact = new UnsafeBuffer(bytes);
        final int length = LispAddress.validate(exact, 0, bytes.length);
        if (length > 0)
        {
            assertEquals(length, LispAddress.encodedLength(exact, 0));
            AddressText.toString(exact, 0);
        }
    }

    @Provide
    Arbitrary<byte[]> messages()
    {
        final Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        final Arbitrary<byte[]> mutated = Arbitraries.longs().map((seed) ->
        {
            final Random random = new Random(seed);
            final byte[] bytes = new byte[4096];
            final int length = new MessageGenerator(random).next(new UnsafeBuffer(bytes), 0);
            for (int i = 1 + random.nextInt(4); i > 0; i--)
            {
                bytes[random.nextInt(length)] ^= (byte)(1 << random.nextInt(8));
            }
            return java.util.Arrays.copyOf(bytes, length);
        });
        return Arbitraries.oneOf(randomBytes, mutated);
    }
}
