/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

/**
 * Result codes of map-cache and mapping-database operations: {@link #OK} (or {@link #FOUND}) or a negative reason.
 * Expected outcomes of the hot path (no mapping, an expired one) and refusals of bad input are return codes,
 * counted by the caller with {@code counters[-status]}, never exceptions.
 */
public final class MapCacheStatus
{
    /** The operation succeeded. */
    public static final int OK = 0;
    /** A lookup found a mapping (same value as {@link #OK}). */
    public static final int FOUND = 0;
    /** No prefix covers the address. */
    public static final int NO_MAPPING = -1;
    /** The longest matching prefix has expired: treat as a miss and ask the mapping system again. */
    public static final int EXPIRED = -2;
    /** The prefix has bits set beyond its mask length. */
    public static final int HOST_BITS_SET = -3;
    /** The mask length is negative or longer than the AFI allows. */
    public static final int BAD_MASK_LENGTH = -4;
    /** The AFI is not one an EID prefix may have here (IPv4, IPv6, MAC). */
    public static final int UNKNOWN_AFI = -5;
    /** The store is full and nothing could be evicted (or eviction is disabled). */
    public static final int FULL = -6;
    /** More locators than {@link LocatorSet#MAX_LOCATORS}. */
    public static final int TOO_MANY_LOCATORS = -7;
    /** A locator whose AFI is not IPv4 or IPv6. */
    public static final int BAD_LOCATOR = -8;
    /** The instance ID does not fit 24 bits. */
    public static final int BAD_INSTANCE_ID = -9;
    /** The prefix is not in the store. */
    public static final int NOT_PRESENT = -10;
    /** The EID prefix is outside every prefix the site may register. */
    public static final int NOT_ALLOWED = -11;
    /** Too many xTRs registered the same prefix with merge semantics. */
    public static final int TOO_MANY_REGISTRANTS = -12;
    /** Address bytes shorter than the AFI needs. */
    public static final int TRUNCATED = -13;

    /** Number of codes, for sizing counter arrays indexed by {@code -status}. */
    public static final int COUNT = 14;

    private static final String[] NAMES =
    {
        "ok",
        "no-mapping",
        "expired",
        "host-bits-set",
        "bad-mask-length",
        "unknown-afi",
        "full",
        "too-many-locators",
        "bad-locator",
        "bad-instance-id",
        "not-present",
        "not-allowed",
        "too-many-registrants",
        "truncated",
    };

    private MapCacheStatus()
    {
    }

    /**
     * A stable lower-case name, e.g. {@code "no-mapping"}.
     *
     * @param status a result code.
     * @return its name, or {@code "status-N"} for a value outside the table.
     */
    public static String name(final int status)
    {
        final int index = -status;
        return index >= 0 && index < NAMES.length ? NAMES[index] : "status-" + status;
    }
}
