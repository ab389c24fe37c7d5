/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC authentication of Map-Register, Map-Notify, Map-Notify-Ack and Info messages (RFC 9301 §5.6, RFC 2104).
 * The MAC covers the whole message, type byte to end (xTR-ID/Site-ID included), with the authentication
 * data zeroed. Full-length MACs are sent and expected (20 bytes for SHA-1, 32 for SHA-256), as every deployed
 * implementation does despite the registry's "-96"/"-128" names.
 * <p>
 * HMAC is computed on a {@link MessageDigest} with precomputed inner and outer key blocks, because
 * {@code javax.crypto.Mac.doFinal} allocates its result: after construction, {@link #sign} and {@link #verify}
 * allocate nothing. Verification compares in constant time. An instance is not thread-safe: use one per thread.
 */
public final class LispAuthenticator
{
    /** Algorithm id: no authentication. */
    public static final int NONE = 0;
    /** Algorithm id 1: HMAC-SHA-1 (registry name HMAC-SHA-1-96), 20-byte MAC on the wire. */
    public static final int HMAC_SHA_1 = 1;
    /** Algorithm id 2: HMAC-SHA-256 (registry name HMAC-SHA-256-128), 32-byte MAC on the wire. */
    public static final int HMAC_SHA_256 = 2;

    private static final int BLOCK_LENGTH = 64;
    private static final int SCRATCH_LENGTH = 512;

    private final int algorithmId;
    private final int keyIdField;
    private final int macLength;
    private final MessageDigest digest;
    private final byte[] innerKey = new byte[BLOCK_LENGTH];
    private final byte[] outerKey = new byte[BLOCK_LENGTH];
    private final byte[] innerHash;
    private final byte[] mac;
    private final byte[] zeros;
    private final byte[] scratch = new byte[SCRATCH_LENGTH];

    /**
     * An authenticator for one key.
     *
     * @param algorithmId {@link #HMAC_SHA_1} or {@link #HMAC_SHA_256}.
     * @param keyId the Key-ID byte sent in the high byte of the 16-bit field (0 for peers that expect a
     *     single 16-bit key id).
     * @param secret the shared secret (copied).
     * @throws IllegalArgumentException for an unknown algorithm or key id out of range.
     */
    public LispAuthenticator(final int algorithmId, final int keyId, final byte[] secret)
    {
        final int length = macLength(algorithmId);
        if (length <= 0)
        {
            throw new IllegalArgumentException("unknown authentication algorithm id: " + algorithmId);
        }
        if ((keyId & ~0xFF) != 0)
        {
            throw new IllegalArgumentException("key id out of range 0..255: " + keyId);
        }
        this.algorithmId = algorithmId;
        this.keyIdField = (keyId << 8) | algorithmId;
        this.macLength = length;
        try
        {
            this.digest = MessageDigest.getInstance(algorithmId == HMAC_SHA_1 ? "SHA-1" : "SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("JDK without SHA-1/SHA-256", ex);
        }
        this.innerHash = new byte[length];
        this.mac = new byte[length];
        this.zeros = new byte[length];
        final byte[] key = secret.length > BLOCK_LENGTH ? digest.digest(secret) : secret.clone();
        for (int i = 0; i < BLOCK_LENGTH; i++)
        {
            final byte k = i < key.length ? key[i] : 0;
            innerKey[i] = (byte)(k ^ 0x36);
            outerKey[i] = (byte)(k ^ 0x5c);
        }
        Arrays.fill(key, (byte)0);
    }

    /**
     * Length of the MAC of an algorithm.
     *
     * @param algorithmId the low byte of the Key ID / Algorithm ID field.
     * @return 20, 32, 0 for {@link #NONE}, or -1 when unknown.
     */
    public static int macLength(final int algorithmId)
    {
        switch (algorithmId)
        {
            case NONE:
                return 0;
            case HMAC_SHA_1:
                return 20;
            case HMAC_SHA_256:
                return 32;
            default:
                return -1;
        }
    }

    /**
     * The algorithm.
     *
     * @return {@link #HMAC_SHA_1} or {@link #HMAC_SHA_256}.
     */
    public int algorithmId()
    {
        return algorithmId;
    }

    /**
     * The 16-bit Key ID / Algorithm ID field to send.
     *
     * @return the field.
     */
    public int keyIdField()
    {
        return keyIdField;
    }

    /**
     * The MAC length.
     *
     * @return bytes.
     */
    public int macLength()
    {
        return macLength;
    }

    /**
     * Computes the MAC of a message and writes it into its authentication field.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param authOffset offset of the authentication data relative to {@code offset}.
     */
    public void sign(final MutableDirectBuffer buffer, final int offset, final int length, final int authOffset)
    {
        compute(buffer, offset, length, offset + authOffset);
        buffer.putBytes(offset + authOffset, mac, 0, macLength);
    }

    /**
     * Checks the MAC of a message, in constant time. The message is not modified.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param authOffset offset of the authentication data relative to {@code offset}.
     * @param authLength length of the authentication data as received.
     * @return whether it verifies; false when the length is not this algorithm's.
     */
    public boolean verify(
        final DirectBuffer buffer, final int offset, final int length, final int authOffset, final int authLength)
    {
        if (authLength != macLength || authOffset + authLength > length)
        {
            return false;
        }
        compute(buffer, offset, length, offset + authOffset);
        int difference = 0;
        for (int i = 0; i < macLength; i++)
        {
            difference |= mac[i] ^ buffer.getByte(offset + authOffset + i);
        }
        return difference == 0;
    }

    private void compute(final DirectBuffer buffer, final int offset, final int length, final int authAt)
    {
        try
        {
            digest.reset();
            digest.update(innerKey, 0, BLOCK_LENGTH);
            update(buffer, offset, authAt - offset);
            digest.update(zeros, 0, macLength);
            final int after = authAt + macLength;
            update(buffer, after, offset + length - after);
            digest.digest(innerHash, 0, macLength);
            digest.update(outerKey, 0, BLOCK_LENGTH);
            digest.update(innerHash, 0, macLength);
            digest.digest(mac, 0, macLength);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void update(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            digest.update(array, buffer.wrapAdjustment() + offset, length);
            return;
        }
        int position = offset;
        int remaining = length;
        while (remaining > 0)
        {
            final int chunk = Math.min(remaining, SCRATCH_LENGTH);
            buffer.getBytes(position, scratch, 0, chunk);
            digest.update(scratch, 0, chunk);
            position += chunk;
            remaining -= chunk;
        }
    }
}
