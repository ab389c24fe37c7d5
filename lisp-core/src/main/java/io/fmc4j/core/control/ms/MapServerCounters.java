/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

/**
 * Counter ids of a {@link MapServer}: every message received, answered, refused or dropped is counted under
 * exactly one reason. Read with {@link MapServer#counter(int)} from any thread (plain long reads: a value may be
 * a few increments stale, never torn on 64-bit JVMs).
 */
public final class MapServerCounters
{
    /** Datagrams received. */
    public static final int RX_PACKETS = 0;
    /** Datagrams dropped: too short, unknown or unhandled message type. */
    public static final int RX_UNKNOWN_TYPE = 1;
    /** Messages dropped because {@code validate} refused them (any codec reason). */
    public static final int RX_MALFORMED = 2;
    /** Map-Registers received (well formed). */
    public static final int REGISTER_RECEIVED = 3;
    /** Map-Registers accepted (authenticated, at least one record stored). */
    public static final int REGISTER_ACCEPTED = 4;
    /** Map-Registers whose first EID no configured site allows. */
    public static final int REGISTER_FOREIGN_PREFIX = 5;
    /** Map-Registers naming a key id / algorithm the candidate sites do not have. */
    public static final int REGISTER_UNKNOWN_KEY = 6;
    /** Map-Registers whose HMAC did not verify (wrong key, altered message, truncated MAC). */
    public static final int REGISTER_AUTH_FAILED = 7;
    /** Authenticated Map-Registers refused as replays (nonce seen before from the same registrant). */
    public static final int REGISTER_REPLAY = 8;
    /** EID records of authenticated Map-Registers that the mapping database refused (not allowed, bad, full). */
    public static final int RECORD_REFUSED = 9;
    /** Map-Notifys sent in answer to a Map-Register with the M bit. */
    public static final int NOTIFY_REGISTER_SENT = 10;
    /** Map-Notifys sent to subscribers (first transmissions). */
    public static final int NOTIFY_PUBLISH_SENT = 11;
    /** Map-Notifys sent to the xTR an EID moved away from (first transmissions). */
    public static final int NOTIFY_MOBILITY_SENT = 12;
    /** Map-Notify retransmissions. */
    public static final int NOTIFY_RETRANSMITTED = 13;
    /** Map-Notifys abandoned after the last retransmission without a Map-Notify-Ack. */
    public static final int NOTIFY_GAVE_UP = 14;
    /** Map-Notifys not queued because the retransmission table was full. */
    public static final int NOTIFY_QUEUE_FULL = 15;
    /** Map-Notify-Acks that matched and verified. */
    public static final int NOTIFY_ACK_ACCEPTED = 16;
    /** Map-Notify-Acks without a matching outstanding Map-Notify (late duplicates included). */
    public static final int NOTIFY_ACK_UNMATCHED = 17;
    /** Map-Notify-Acks whose HMAC did not verify. */
    public static final int NOTIFY_ACK_AUTH_FAILED = 18;
    /** Map-Requests received (inside an ECM or bare). */
    public static final int REQUEST_RECEIVED = 19;
    /** Map-Requests dropped by the per-source rate limit. */
    public static final int REQUEST_RATE_LIMITED = 20;
    /** Map-Requests answered with a Map-Reply by the Map-Server (proxy reply). */
    public static final int REQUEST_PROXY_REPLIED = 21;
    /** Map-Requests forwarded (encapsulated) to a registered ETR. */
    public static final int REQUEST_FORWARDED = 22;
    /** Negative Map-Replies for addresses outside every configured EID prefix (15-minute TTL). */
    public static final int REQUEST_NEGATIVE_NOT_EID = 23;
    /** Negative Map-Replies for configured but unregistered EIDs (1-minute TTL). */
    public static final int REQUEST_NEGATIVE_UNREGISTERED = 24;
    /**
     * Map-Requests (or EID records of one) not answered: no EID record, an EID of an unknown AFI, or an ECM without a
     * Map-Request inside.
     */
    public static final int REQUEST_UNANSWERABLE = 25;
    /** Subscriptions added (RFC 9437). */
    public static final int SUBSCRIBE_ADDED = 26;
    /** Subscriptions refreshed (same xTR-ID and prefix again). */
    public static final int SUBSCRIBE_REFRESHED = 27;
    /** Subscriptions refused: xTR-ID never authenticated by a Map-Register, or table full. */
    public static final int SUBSCRIBE_REFUSED = 28;
    /** Packets the I/O device refused or could not send (back-pressure, failed, unknown next hop). */
    public static final int TX_FAILED = 29;
    /** Packets sent. */
    public static final int TX_PACKETS = 30;
    /** Exceptions caught in the duty cycle (also handed to the error handler). */
    public static final int ERRORS = 31;
    /**
     * Map-Replies sent in addition to the first for one Map-Request, because its records' answers did not fit one
     * datagram.
     */
    public static final int REPLY_SPLIT = 32;
    /** Number of counters. */
    public static final int COUNT = 33;

    private static final String[] NAMES =
    {
        "rx-packets", "rx-unknown-type", "rx-malformed", "register-received", "register-accepted",
        "register-foreign-prefix", "register-unknown-key", "register-auth-failed", "register-replay",
        "record-refused", "notify-register-sent", "notify-publish-sent", "notify-mobility-sent",
        "notify-retransmitted", "notify-gave-up", "notify-queue-full", "notify-ack-accepted", "notify-ack-unmatched",
        "notify-ack-auth-failed", "request-received", "request-rate-limited", "request-proxy-replied",
        "request-forwarded", "request-negative-not-eid", "request-negative-unregistered", "request-unanswerable",
        "subscribe-added", "subscribe-refreshed", "subscribe-refused", "tx-failed", "tx-packets", "errors",
        "reply-split",
    };

    private MapServerCounters()
    {
    }

    /**
     * Stable name of a counter, for printing and metrics export.
     *
     * @param id a counter id.
     * @return its name.
     */
    public static String name(final int id)
    {
        return NAMES[id];
    }
}
