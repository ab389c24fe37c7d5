/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api;

/**
 * Result codes of the total decoders: {@link #OK} or a negative reason. Bad network bytes are data, not
 * exceptions: a receive loop counts drops per reason with {@code counters[-status]} and moves on.
 * <p>
 * Codes are stable: they index counter arrays and appear in logs and JSON through {@link #name(int)}.
 */
public final class DecodeStatus
{
    /** The message is well formed. */
    public static final int OK = 0;
    /** Fewer bytes than the fields announce. */
    public static final int TRUNCATED = -1;
    /** An AFI the field does not allow, or an address whose length does not fit the AFI. */
    public static final int BAD_AFI = -2;
    /** A record, locator or ITR-RLOC count inconsistent with the message. */
    public static final int BAD_COUNT = -3;
    /** An LCAF whose length field disagrees with its contents. */
    public static final int LCAF_LENGTH_MISMATCH = -4;
    /** A mask length longer than the AFI allows. */
    public static final int BAD_MASK_LENGTH = -5;
    /** A message type this decoder does not handle. */
    public static final int UNKNOWN_TYPE = -6;
    /** Data header with both N and V set (RFC 9300 §5.3 forbids it). */
    public static final int NONCE_AND_MAP_VERSION = -7;
    /** Authentication data length does not match the key id's algorithm. */
    public static final int BAD_AUTH_LENGTH = -8;
    /** Unknown authentication key id / algorithm. */
    public static final int UNKNOWN_KEY_ID = -9;
    /** Bytes left over after the last record. */
    public static final int TRAILING_BYTES = -10;
    /** Inner IP header of an ECM is not IPv4/IPv6, has a bad header length, or carries no UDP. */
    public static final int BAD_INNER_HEADER = -11;
    /** Outer IP or UDP header is malformed. */
    public static final int BAD_IP_HEADER = -12;
    /** LCAF nesting deeper than decoders follow. */
    public static final int LCAF_TOO_DEEP = -13;
    /** A distinguished name without its terminating NUL. */
    public static final int BAD_NAME = -14;
    /** Authentication data does not verify. */
    public static final int AUTH_FAILED = -15;

    /** Number of codes, for sizing counter arrays indexed by {@code -status}. */
    public static final int COUNT = 16;

    private static final String[] NAMES =
    {
        "ok",
        "truncated",
        "bad-afi",
        "bad-count",
        "lcaf-length-mismatch",
        "bad-mask-length",
        "unknown-type",
        "nonce-and-map-version",
        "bad-auth-length",
        "unknown-key-id",
        "trailing-bytes",
        "bad-inner-header",
        "bad-ip-header",
        "lcaf-too-deep",
        "bad-name",
        "auth-failed",
    };

    private DecodeStatus()
    {
    }

    /**
     * Is the status a success?
     *
     * @param status a decoder result.
     * @return true for {@link #OK}.
     */
    public static boolean isOk(final int status)
    {
        return status == OK;
    }

    /**
     * A stable lower-case name, e.g. {@code "truncated"}.
     *
     * @param status a decoder result.
     * @return its name, or {@code "status-N"} for a value outside the table.
     */
    public static String name(final int status)
    {
        final int index = -status;
        return index >= 0 && index < NAMES.length ? NAMES[index] : "status-" + status;
    }
}
