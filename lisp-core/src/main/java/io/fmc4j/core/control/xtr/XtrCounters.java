/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one {@link XtrControlAgent}: messages sent and received, and every reason a message was refused.
 * Written only by the agent thread (plain read plus ordered store), readable from any thread.
 */
public final class XtrCounters
{
    /** Map-Registers sent (including retransmissions and withdrawals). */
    public static final int REGISTERS_SENT = 0;
    /** Valid Map-Notifies that confirmed a registration. */
    public static final int REGISTRATIONS_CONFIRMED = 1;
    /** Map-Requests sent to a Map-Resolver (inside an ECM). */
    public static final int REQUESTS_SENT = 2;
    /** Map-Request retransmissions (included in {@link #REQUESTS_SENT}). */
    public static final int REQUEST_RETRIES = 3;
    /** Lookups abandoned after the last retry. */
    public static final int REQUESTS_TIMED_OUT = 4;
    /** Positive mappings installed into the map-cache. */
    public static final int POSITIVE_INSTALLED = 5;
    /** Negative mappings installed into the map-cache. */
    public static final int NEGATIVE_INSTALLED = 6;
    /** Negative replies whose prefix did not cover the requested EID (installed for the EID only). */
    public static final int NEGATIVE_NARROWED = 7;
    /** Map-Replies sent as ETR (answers to Map-Requests and RLOC probes). */
    public static final int REPLIES_SENT = 8;
    /** RLOC probes sent. */
    public static final int PROBES_SENT = 9;
    /** Locators marked down after unanswered probes. */
    public static final int LOCATORS_DOWN = 10;
    /** Locators marked up again by a probe reply. */
    public static final int LOCATORS_UP = 11;
    /** Solicit-Map-Requests sent. */
    public static final int SMRS_SENT = 12;
    /** Solicit-Map-Requests received and answered with an SMR-invoked Map-Request. */
    public static final int SMRS_RECEIVED = 13;
    /** Pub/sub Map-Notify updates applied to the map-cache. */
    public static final int NOTIFY_UPDATES_APPLIED = 14;
    /** Map-Notify-Acks sent. */
    public static final int NOTIFY_ACKS_SENT = 15;
    /** Local EIDs dropped because the Map-Server said they moved to another xTR. */
    public static final int EIDS_LEFT = 16;
    /** Misses taken from the data path. */
    public static final int MISSES = 17;
    /** Misses dropped: a lookup for the EID is already pending. */
    public static final int MISSES_PENDING = 18;
    /** Misses dropped by the Map-Request rate limit or a full pending table. */
    public static final int MISSES_RATE_LIMITED = 19;
    /** Control messages dropped: malformed (failed validation). */
    public static final int DROP_MALFORMED = 20;
    /** Map-Notify dropped: not from a configured Map-Server. */
    public static final int DROP_UNKNOWN_SOURCE = 21;
    /** Map-Notify dropped: wrong or missing HMAC. */
    public static final int DROP_BAD_AUTH = 22;
    /** Map-Reply or Map-Notify dropped: the nonce matches nothing outstanding. */
    public static final int DROP_UNKNOWN_NONCE = 23;
    /** Map-Notify dropped: its records do not match what was registered or subscribed. */
    public static final int DROP_BAD_RECORDS = 24;
    /** Messages of a type an xTR does not take (Map-Register, Map-Referral, Info, ...). */
    public static final int DROP_UNEXPECTED_TYPE = 25;
    /** Map-Requests dropped: not for one of this xTR's EIDs. */
    public static final int DROP_NOT_OWNER = 26;
    /** Messages that could not be sent (back-pressure, unsupported peer, device failure). */
    public static final int SEND_FAILURES = 27;
    /** Map-cache writes refused (full, bad locator, ...). */
    public static final int CACHE_REFUSED = 28;
    /** Registration withdrawals (TTL 0) sent. */
    public static final int WITHDRAWALS_SENT = 29;
    /** Resolver fail-overs (a retry went to the next Map-Resolver). */
    public static final int RESOLVER_FAILOVERS = 30;
    /** Departed EIDs installed: a more-specific of a local prefix now served elsewhere, told by the Map-Server. */
    public static final int DEPARTED_INSTALLED = 31;
    /** Number of counters. */
    public static final int COUNT = 32;

    private static final String[] NAMES =
    {
        "registers-sent", "registrations-confirmed", "requests-sent", "request-retries", "requests-timed-out",
        "positive-installed", "negative-installed", "negative-narrowed", "replies-sent", "probes-sent",
        "locators-down", "locators-up", "smrs-sent", "smrs-received", "notify-updates-applied",
        "notify-acks-sent", "eids-left", "misses", "misses-pending", "misses-rate-limited", "drop-malformed",
        "drop-unknown-source", "drop-bad-auth", "drop-unknown-nonce", "drop-bad-records",
        "drop-unexpected-type", "drop-not-owner", "send-failures", "cache-refused", "withdrawals-sent",
        "resolver-failovers", "departed-installed",
    };

    private final AtomicLongArray values = new AtomicLongArray(COUNT);

    /**
     * Adds one (agent thread only).
     *
     * @param id a counter id.
     */
    void increment(final int id)
    {
        values.lazySet(id, values.get(id) + 1);
    }

    /**
     * Reads a counter.
     *
     * @param id a counter id.
     * @return its value.
     */
    public long get(final int id)
    {
        return values.get(id);
    }

    /**
     * The stable name of a counter.
     *
     * @param id a counter id.
     * @return its name, e.g. {@code drop-bad-auth}.
     */
    public static String name(final int id)
    {
        return id >= 0 && id < COUNT ? NAMES[id] : "counter-" + id;
    }

    /**
     * Appends every non-zero counter as {@code name=value} pairs (cold path).
     *
     * @param out where to append.
     * @return {@code out}.
     */
    public StringBuilder appendTo(final StringBuilder out)
    {
        for (int i = 0; i < COUNT; i++)
        {
            final long v = values.get(i);
            if (v != 0)
            {
                out.append(NAMES[i]).append('=').append(v).append(' ');
            }
        }
        return out;
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(256)).toString();
    }
}
