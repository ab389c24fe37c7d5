/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import java.util.Arrays;

/**
 * A site's Map-Register authentication key: key id, HMAC algorithm and shared secret.
 */
public final class AuthKey
{
    /** Key id / algorithm HMAC-SHA-1-96 (RFC 9301 §5.6: 20-byte digest truncated in the message). */
    public static final int HMAC_SHA_1_96 = 1;
    /** Key id / algorithm HMAC-SHA-256-128. */
    public static final int HMAC_SHA_256_128 = 2;

    private final int keyId;
    private final int algorithm;
    private final byte[] secret;

    /**
     * A key.
     *
     * @param keyId     the key id the xTR sends.
     * @param algorithm {@link #HMAC_SHA_1_96} or {@link #HMAC_SHA_256_128}.
     * @param secret    the shared secret (copied).
     */
    public AuthKey(final int keyId, final int algorithm, final byte[] secret)
    {
        if (algorithm != HMAC_SHA_1_96 && algorithm != HMAC_SHA_256_128)
        {
            throw new IllegalArgumentException("unknown authentication algorithm: " + algorithm);
        }
        if ((keyId & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("key id must fit 16 bits: " + keyId);
        }
        if (secret == null || secret.length == 0)
        {
            throw new IllegalArgumentException("empty secret for key id " + keyId);
        }
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.secret = secret.clone();
    }

    /**
     * Key id.
     *
     * @return 16 bits.
     */
    public int keyId()
    {
        return keyId;
    }

    /**
     * HMAC algorithm.
     *
     * @return {@link #HMAC_SHA_1_96} or {@link #HMAC_SHA_256_128}.
     */
    public int algorithm()
    {
        return algorithm;
    }

    /**
     * JCA name of the algorithm, for {@code javax.crypto.Mac.getInstance}.
     *
     * @return {@code HmacSHA1} or {@code HmacSHA256}.
     */
    public String macAlgorithm()
    {
        return algorithm == HMAC_SHA_1_96 ? "HmacSHA1" : "HmacSHA256";
    }

    /**
     * The secret.
     *
     * @return a copy.
     */
    public byte[] secret()
    {
        return secret.clone();
    }

    @Override
    public String toString()
    {
        return "AuthKey{id=" + keyId + ", " + macAlgorithm() + ", secret=" + secret.length + " bytes}";
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof AuthKey && ((AuthKey)o).keyId == keyId && ((AuthKey)o).algorithm == algorithm &&
            Arrays.equals(((AuthKey)o).secret, secret);
    }

    @Override
    public int hashCode()
    {
        return keyId * 31 + algorithm;
    }
}
