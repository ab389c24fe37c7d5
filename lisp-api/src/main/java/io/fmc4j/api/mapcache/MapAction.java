/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.mapcache;

/**
 * The ACT field of an EID record (RFC 9301 §5.4): what an ITR does with a packet that hits a negative mapping.
 * An open value set of {@code int}s; values above 7 do not fit the 3-bit field.
 */
public final class MapAction
{
    /** A positive mapping: encapsulate to the locators. */
    public static final int NO_ACTION = 0;
    /** Forward the packet natively, without encapsulation. */
    public static final int NATIVELY_FORWARD = 1;
    /** Send a Map-Request (and drop or queue the packet). */
    public static final int SEND_MAP_REQUEST = 2;
    /** Drop, no reason given. */
    public static final int DROP_NO_REASON = 3;
    /** Drop, denied by policy. */
    public static final int DROP_POLICY_DENIED = 4;
    /** Drop, authentication failure. */
    public static final int DROP_AUTH_FAILURE = 5;
    /** Largest value the 3-bit field holds. */
    public static final int MAX_VALUE = 7;

    private MapAction()
    {
    }

    /**
     * A short name for logs.
     *
     * @param action the ACT value.
     * @return its name, or {@code "act-N"}.
     */
    public static String name(final int action)
    {
        switch (action)
        {
            case NO_ACTION:
                return "no-action";
            case NATIVELY_FORWARD:
                return "natively-forward";
            case SEND_MAP_REQUEST:
                return "send-map-request";
            case DROP_NO_REASON:
                return "drop";
            case DROP_POLICY_DENIED:
                return "drop-policy-denied";
            case DROP_AUTH_FAILURE:
                return "drop-auth-failure";
            default:
                return "act-" + action;
        }
    }
}
