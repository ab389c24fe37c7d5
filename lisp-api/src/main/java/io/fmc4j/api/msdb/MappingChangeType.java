/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.msdb;

/**
 * Kinds of mapping-database change ({@code int} constants, stable: they appear in logs and counters).
 */
public final class MappingChangeType
{
    /** A prefix that had no registration now has one: the old locator set is empty. */
    public static final int REGISTERED = 1;
    /** The prefix's (merged) locator set changed, e.g. a user's RLOC moved: old and new sets differ. */
    public static final int UPDATED = 2;
    /** A registration timed out; the new set is what remains from other registrants (often empty). */
    public static final int EXPIRED = 3;
    /** A registration was withdrawn (TTL 0 or removed by the operator); the new set is what remains. */
    public static final int WITHDRAWN = 4;

    private MappingChangeType()
    {
    }

    /**
     * A short name for logs.
     *
     * @param type a change type.
     * @return its name, or {@code "change-N"}.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case REGISTERED:
                return "registered";
            case UPDATED:
                return "updated";
            case EXPIRED:
                return "expired";
            case WITHDRAWN:
                return "withdrawn";
            default:
                return "change-" + type;
        }
    }
}
