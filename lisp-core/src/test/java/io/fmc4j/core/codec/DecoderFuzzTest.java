/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mutation fuzzer, one target per decoder, seeded from the golden vectors and from generated messages of
 * the decoder's type. Each input sits in a buffer of exactly its length, so with Agrona's bounds checks on any
 * read past the received bytes throws. A target fails on any exception from {@code validate}, and on any
 * exception from decoding or re-encoding an input that validated. Mutations: bit flips, byte
 * replacement with boundary values (0, 0x7f, 0x80, 0xff), truncation, insertion, deletion, and splicing two
 * inputs. Deterministic for a seed; not coverage-guided.
 * <p>
 * The default build runs {@value #SHORT_RUN} inputs per target; {@code -Pfuzz} runs the {@code fuzz-long}
 * variant ({@code -Dfuzz.iterations=N}, default {@value #LONG_RUN}).
 */
class DecoderFuzzTest
{
    static final int SHORT_RUN = 30_000;
    static final int LONG_RUN = 5_000_000;

    private static final byte[] BOUNDARY = {0, 0x7f, (byte)0x80, (byte)0xff};

    @FunctionalInterface
    interface Target
    {
        int validate(DirectBuffer buffer, int offset, int length);
    }

    static Target target(final int type)
    {
        switch (type)
        {
            case MessageType.MAP_REQUEST:
                return MapRequest::validate;
            case MessageType.MAP_REPLY:
                return MapReply::validate;
            case MessageType.MAP_REGISTER:
                return MapRegister::validate;
            case MessageType.MAP_REFERRAL:
                return MapReferral::validate;
            case MessageType.INFO:
                return InfoMessage::validate;
            case MessageType.ECM:
                return Ecm::validate;
            default:
                return ControlHeader::validate;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageType.MAP_REQUEST, MessageType.MAP_REPLY, MessageType.MAP_REGISTER,
        MessageType.MAP_NOTIFY, MessageType.MAP_REFERRAL, MessageType.INFO, MessageType.ECM})
    void shouldSurviveMutatedInputs(final int type)
    {
        fuzz(type, SHORT_RUN, 1);
    }

    @Test
    void shouldSurviveMutatedDataHeadersAndAddresses()
    {
        final Random random = new Random(7);
        for (int i = 0; i < SHORT_RUN; i++)
        {
            final byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            LispDataHeader.validate(buffer, 0, bytes.length);
            if (LispAddress.validate(buffer, 0, bytes.length) > 0)
            {
                AddressText.toString(buffer, 0);
            }
        }
    }

    @Tag("fuzz-long")
    @ParameterizedTest
    @ValueSource(ints = {MessageType.MAP_REQUEST, MessageType.MAP_REPLY, MessageType.MAP_REGISTER,
        MessageType.MAP_NOTIFY, MessageType.MAP_REFERRAL, MessageType.INFO, MessageType.ECM})
    void shouldSurviveALongCampaign(final int type)
    {
        fuzz(type, Integer.getInteger("fuzz.iterations", LONG_RUN), System.nanoTime());
    }

    private static void fuzz(final int type, final int iterations, final long seed)
    {
        final Random random = new Random(seed * 31 + type);
        final List<byte[]> corpus = seeds(type, random);
        final Target target = target(type);
        final Reencoder reencoder = new Reencoder();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[70_000]);
        int valid = 0;
        for (int i = 0; i < iterations; i++)
        {
            final byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), corpus, random);
            final UnsafeBuffer buffer = new UnsafeBuffer(input);
            final int status;
            try
            {
                status = target.validate(buffer, 0, input.length);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("validate threw on " + java.util.HexFormat.of().formatHex(input), ex);
            }
            assertTrue(status <= 0 && status > -DecodeStatus.COUNT, "status " + status);
            if (status == DecodeStatus.OK && ControlHeader.validate(buffer, 0, input.length) == DecodeStatus.OK)
            {
                valid++;
                assertEquals(input.length, reencoder.reencode(buffer, 0, input.length, out, 0));
                if (corpus.size() < 2000 && random.nextInt(16) == 0)
                {
                    corpus.add(input);
                }
            }
        }
        assertTrue(valid > 0 || type == MessageType.MAP_NOTIFY, "no mutated input validated: the fuzzer is blind");
    }

    private static List<byte[]> seeds(final int type, final Random random)
    {
        final List<byte[]> corpus = new ArrayList<>();
        for (final Path file : Vectors.all())
        {
            corpus.add(Vectors.bytes(file));
        }
        final MessageGenerator generator = new MessageGenerator(random);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        for (int i = 0; i < 64; i++)
        {
            final int length = generator.next(buffer, 0, type);
            corpus.add(Arrays.copyOf(buffer.byteArray(), length));
        }
        return corpus;
    }

    private static byte[] mutate(final byte[] seed, final List<byte[]> corpus, final Random random)
    {
        byte[] bytes = seed.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--)
        {
            if (bytes.length == 0)
            {
                bytes = new byte[] {(byte)random.nextInt()};
            }
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.nextInt(8));
                    break;
                case 1:
                    bytes[at] = BOUNDARY[random.nextInt(BOUNDARY.length)];
                    break;
                case 2:
                    bytes = Arrays.copyOf(bytes, at);
                    break;
                case 3:
                {
                    final byte[] longer = new byte[bytes.length + 1 + random.nextInt(8)];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(bytes, at, longer, longer.length - (bytes.length - at), bytes.length - at);
                    bytes = longer;
                    break;
                }
                case 4:
                {
                    final int end = Math.min(bytes.length, at + 1 + random.nextInt(8));
                    final byte[] shorter = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, end, shorter, at, bytes.length - end);
                    bytes = shorter;
                    break;
                }
                default:
                {
                    final byte[] other = corpus.get(random.nextInt(corpus.size()));
                    final int from = other.length == 0 ? 0 : random.nextInt(other.length);
                    final byte[] spliced = Arrays.copyOf(bytes, at + (other.length - from));
                    System.arraycopy(other, from, spliced, at, other.length - from);
                    bytes = spliced;
                    break;
                }
            }
        }
        return bytes;
    }
}
