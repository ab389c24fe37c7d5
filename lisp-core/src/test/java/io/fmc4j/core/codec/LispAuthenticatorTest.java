/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LispAuthenticatorTest
{
    private static final byte[] PASSWORD = "password".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(strings = {"frame-02", "frame-06", "frame-07", "frame-08", "frame-09", "frame-10"})
    void shouldVerifyOpenDaylightMapRegistersWithKeyPassword(final String frame)
    {
        final UnsafeBuffer buffer = Vectors.buffer(
            Vectors.root().resolve("odl_southbound_handler_test_frames/" + frame + "-port4342.hex"));
        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, buffer.capacity()));
        final MapRegisterDecoder decoder = new MapRegisterDecoder().wrap(buffer, 0);
        assertEquals(LispAuthenticator.HMAC_SHA_1, decoder.algorithmId());
        final LispAuthenticator good = new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, PASSWORD);
        assertTrue(good.verify(buffer, 0, buffer.capacity(), MapRegister.AUTH_OFFSET, decoder.authLength()));
        final LispAuthenticator bad = new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, "passw0rd".getBytes());
        assertFalse(bad.verify(buffer, 0, buffer.capacity(), MapRegister.AUTH_OFFSET, decoder.authLength()));
    }

    @Test
    void shouldRejectAnyFlippedBitAndATruncatedMac()
    {
        final UnsafeBuffer buffer = Vectors.buffer(
            Vectors.root().resolve("odl_southbound_handler_test_frames/frame-02-port4342.hex"));
        final LispAuthenticator auth = new LispAuthenticator(LispAuthenticator.HMAC_SHA_1, 0, PASSWORD);
        for (int i = 0; i < buffer.capacity() * 8; i++)
        {
            final int index = i / 8;
            final byte original = buffer.getByte(index);
            buffer.putByte(index, (byte)(original ^ (1 << (i % 8))));
            final boolean inAuthField = index >= MapRegister.AUTH_OFFSET && index < MapRegister.AUTH_OFFSET + 20;
            if (index >= MapRegister.KEY_ID_OFFSET + 2 || inAuthField)
            {
                assertFalse(auth.verify(buffer, 0, buffer.capacity(), MapRegister.AUTH_OFFSET, 20), "bit " + i);
            }
            buffer.putByte(index, original);
        }
        assertTrue(auth.verify(buffer, 0, buffer.capacity(), MapRegister.AUTH_OFFSET, 20));
        assertFalse(auth.verify(buffer, 0, buffer.capacity(), MapRegister.AUTH_OFFSET, 12));
    }

    @ParameterizedTest
    @ValueSource(ints = {LispAuthenticator.HMAC_SHA_1, LispAuthenticator.HMAC_SHA_256})
    void shouldMatchJdkHmacOverMessageWithZeroedAuthField(final int algorithm) throws Exception
    {
        final byte[] secret = new byte[100];
        for (int i = 0; i < secret.length; i++)
        {
            secret[i] = (byte)(i * 7);
        }
        final LispAuthenticator auth = new LispAuthenticator(algorithm, 3, secret);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final MapRegisterEncoder encoder = new MapRegisterEncoder().wrap(buffer, 8, MessageType.MAP_REGISTER)
            .flags(MapRegister.FLAG_M).nonce(0x0102030405060708L)
            .authentication(auth.keyIdField(), auth.macLength());
        encoder.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, 0x0a010000)
            .locatorIpv4(1, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, 0xc0a80001);
        final int length = encoder.xtrId(1L, 2L, 3L).encodedLength();
        final byte[] unsigned = new byte[length];
        buffer.getBytes(8, unsigned);
        auth.sign(buffer, 8, length, MapRegister.AUTH_OFFSET);

        final Mac mac = Mac.getInstance(algorithm == 1 ? "HmacSHA1" : "HmacSHA256");
        mac.init(new SecretKeySpec(secret, mac.getAlgorithm()));
        final byte[] expected = mac.doFinal(unsigned);
        final byte[] actual = new byte[auth.macLength()];
        buffer.getBytes(8 + MapRegister.AUTH_OFFSET, actual);
        assertArrayEquals(expected, actual);

        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 8, length));
        final MapRegisterDecoder decoder = new MapRegisterDecoder().wrap(buffer, 8);
        assertEquals(3, decoder.keyId());
        assertEquals(algorithm, decoder.algorithmId());
        assertTrue(auth.verify(buffer, 8, length, MapRegister.AUTH_OFFSET, decoder.authLength()));
    }

    @Test
    void shouldRefuseUnknownAlgorithmsAndOutOfRangeKeyIds()
    {
        assertThrows(IllegalArgumentException.class, () -> new LispAuthenticator(3, 0, PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> new LispAuthenticator(1, 256, PASSWORD));
        assertEquals(-1, LispAuthenticator.macLength(9));
    }

    @Test
    void shouldReportAuthLengthThatDoesNotMatchTheAlgorithm()
    {
        final UnsafeBuffer buffer = Vectors.buffer(
            Vectors.root().resolve("odl_southbound_handler_test_frames/frame-02-port4342.hex"));
        buffer.putShort(MapRegister.KEY_ID_OFFSET, (short)2, java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(DecodeStatus.BAD_AUTH_LENGTH, ControlHeader.validate(buffer, 0, buffer.capacity()));
    }
}
