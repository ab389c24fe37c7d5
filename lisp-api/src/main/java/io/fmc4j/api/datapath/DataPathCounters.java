/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.datapath;

import io.fmc4j.api.OffHeapCounters;

/**
 * The counters of one data-path thread: packets handled, and every drop by its reason, one counter per reason.
 * An off-heap array of {@code long}s with one writer (the thread that owns it: plain read plus release store)
 * and any number of readers ({@link #get(int)} is a volatile read). Each data-path thread owns one instance, so
 * no counter is ever contended; {@link #sum(DataPathCounters[], int)} adds them up for a reader.
 * <p>
 * Ids are {@code int} constants grouped by side: ITR (encapsulation), ETR (decapsulation) and agent.
 */
public final class DataPathCounters extends OffHeapCounters
{
    /** ITR: inner packets received from EID-side devices. */
    public static final int ITR_RX_PACKETS = 0;
    /** ITR: packets encapsulated and accepted by the RLOC-side device. */
    public static final int ITR_ENCAPSULATED = 1;
    /** ITR: bytes (outer packets as offered) accepted by the RLOC-side device. */
    public static final int ITR_TX_BYTES = 2;
    /** ITR: inner packets that are not well-formed IPv4 or IPv6, dropped. */
    public static final int ITR_DROP_MALFORMED = 3;
    /** ITR: lookups that found no mapping or an expired one (the packet is dropped). */
    public static final int ITR_MISS = 4;
    /** ITR: misses for which a Map-Request event was queued. */
    public static final int ITR_MAP_REQUEST_QUEUED = 5;
    /** ITR: misses while a request for the same EID was already outstanding (no new event). */
    public static final int ITR_MAP_REQUEST_PENDING = 6;
    /** ITR: misses refused by the Map-Request rate limit. */
    public static final int ITR_MAP_REQUEST_RATE_LIMITED = 7;
    /** ITR: misses whose event did not fit in the event queue. */
    public static final int ITR_MAP_REQUEST_QUEUE_FULL = 8;
    /** ITR: misses not tracked because the pending-request table had no free slot near the EID's hash. */
    public static final int ITR_MAP_REQUEST_TABLE_FULL = 9;
    /** ITR: packets dropped by a negative mapping with a drop action (or no action and no locators). */
    public static final int ITR_DROP_NEGATIVE = 10;
    /** ITR: packets hitting a negative mapping with action natively-forward, sent without encapsulation. */
    public static final int ITR_NATIVELY_FORWARDED = 11;
    /** ITR: natively-forward packets dropped because the RLOC-side device cannot send bare IP packets. */
    public static final int ITR_DROP_NATIVE_UNSUPPORTED = 12;
    /** ITR: packets whose mapping has no usable locator (all unreachable, priority 255 or of an unusable family). */
    public static final int ITR_DROP_NO_LOCATOR = 13;
    /** ITR: packets too big for the RLOC-side MTU that may not be fragmented (IPv6, IPv4 with DF), dropped. */
    public static final int ITR_DROP_TOO_BIG = 14;
    /** ITR: ICMP "fragmentation needed" / ICMPv6 "packet too big" messages sent back to the source. */
    public static final int ITR_ICMP_TOO_BIG_SENT = 15;
    /** ITR: IPv4 packets without DF split into inner fragments to fit the RLOC-side MTU. */
    public static final int ITR_FRAGMENTED = 16;
    /** ITR: too-big IPv4 packets that cannot be fragmented here (header options), dropped. */
    public static final int ITR_DROP_CANNOT_FRAGMENT = 17;
    /** ITR: offers refused by the RLOC-side device (back-pressure, rejected, failed or closed), dropped. */
    public static final int ITR_DROP_TX = 18;
    /** ITR: RLOCs registered as next hops of a socket-based RLOC-side device (cold path, once per RLOC). */
    public static final int ITR_NEXT_HOPS_REGISTERED = 19;
    /** ITR: packets whose RLOC could not be registered as a next hop (table full, wrong family), dropped. */
    public static final int ITR_DROP_NEXT_HOP = 20;
    /** ITR: packets with no map-cache answer for a reason other than a miss (unknown AFI), dropped. */
    public static final int ITR_DROP_LOOKUP = 21;

    /** ETR: packets received from the RLOC-side device. */
    public static final int ETR_RX_PACKETS = 32;
    /** ETR: packets decapsulated and accepted by an EID-side device. */
    public static final int ETR_DECAPSULATED = 33;
    /** ETR: bytes (inner packets) accepted by EID-side devices. */
    public static final int ETR_TX_BYTES = 34;
    /** ETR: packets too short for the outer headers or the LISP header, dropped. */
    public static final int ETR_DROP_TRUNCATED = 35;
    /** ETR: packets with a bad outer IP or UDP header (version, length, fragment, checksum, protocol), dropped. */
    public static final int ETR_DROP_BAD_OUTER = 36;
    /** ETR: packets to a UDP port other than 4341, dropped. */
    public static final int ETR_DROP_BAD_PORT = 37;
    /** ETR: LISP headers with both the N and V bits set, dropped. */
    public static final int ETR_DROP_NONCE_AND_VERSION = 38;
    /** ETR: packets whose instance ID no EID-side device serves, dropped. */
    public static final int ETR_DROP_UNKNOWN_INSTANCE_ID = 39;
    /** ETR: inner packets that are not well-formed IPv4 or IPv6, dropped. */
    public static final int ETR_DROP_BAD_INNER = 40;
    /** ETR: offers refused by the EID-side device, dropped. */
    public static final int ETR_DROP_TX = 41;
    /** ETR: echo-nonce requests queued for the control agent. */
    public static final int ETR_ECHO_NONCE_EVENTS = 42;
    /** ETR: locator-status-bit changes queued for the control agent. */
    public static final int ETR_LSB_EVENTS = 43;
    /** ETR: echo-nonce or LSB events that did not fit in the event queue. */
    public static final int ETR_EVENT_QUEUE_FULL = 44;
    /** ETR: packets for an EID that departed from this site, re-encapsulated to its new RLOC. */
    public static final int ETR_REDIRECTED = 45;
    /** ETR: packets for a departed EID whose inner TTL ran out (or with no headroom to re-encapsulate), dropped. */
    public static final int ETR_DROP_REDIRECT = 46;

    /** Agent: duty cycles run. */
    public static final int AGENT_DUTY_CYCLES = 56;
    /** Agent: devices seen failing mid-run (each counted once). */
    public static final int AGENT_DEVICE_FAILURES = 57;
    /** Agent: exceptions that escaped a packet handler (passed to the error handler). */
    public static final int AGENT_ERRORS = 58;

    /** Number of slots (ids between the groups are unused). */
    public static final int SLOTS = 64;

    private static final String[] NAMES = new String[SLOTS];

    static
    {
        NAMES[ITR_RX_PACKETS] = "itr-rx-packets";
        NAMES[ITR_ENCAPSULATED] = "itr-encapsulated";
        NAMES[ITR_TX_BYTES] = "itr-tx-bytes";
        NAMES[ITR_DROP_MALFORMED] = "itr-drop-malformed";
        NAMES[ITR_MISS] = "itr-miss";
        NAMES[ITR_MAP_REQUEST_QUEUED] = "itr-map-request-queued";
        NAMES[ITR_MAP_REQUEST_PENDING] = "itr-map-request-pending";
        NAMES[ITR_MAP_REQUEST_RATE_LIMITED] = "itr-map-request-rate-limited";
        NAMES[ITR_MAP_REQUEST_QUEUE_FULL] = "itr-map-request-queue-full";
        NAMES[ITR_MAP_REQUEST_TABLE_FULL] = "itr-map-request-table-full";
        NAMES[ITR_DROP_NEGATIVE] = "itr-drop-negative";
        NAMES[ITR_NATIVELY_FORWARDED] = "itr-natively-forwarded";
        NAMES[ITR_DROP_NATIVE_UNSUPPORTED] = "itr-drop-native-unsupported";
        NAMES[ITR_DROP_NO_LOCATOR] = "itr-drop-no-locator";
        NAMES[ITR_DROP_TOO_BIG] = "itr-drop-too-big";
        NAMES[ITR_ICMP_TOO_BIG_SENT] = "itr-icmp-too-big-sent";
        NAMES[ITR_FRAGMENTED] = "itr-fragmented";
        NAMES[ITR_DROP_CANNOT_FRAGMENT] = "itr-drop-cannot-fragment";
        NAMES[ITR_DROP_TX] = "itr-drop-tx";
        NAMES[ITR_NEXT_HOPS_REGISTERED] = "itr-next-hops-registered";
        NAMES[ITR_DROP_NEXT_HOP] = "itr-drop-next-hop";
        NAMES[ITR_DROP_LOOKUP] = "itr-drop-lookup";
        NAMES[ETR_RX_PACKETS] = "etr-rx-packets";
        NAMES[ETR_DECAPSULATED] = "etr-decapsulated";
        NAMES[ETR_TX_BYTES] = "etr-tx-bytes";
        NAMES[ETR_DROP_TRUNCATED] = "etr-drop-truncated";
        NAMES[ETR_DROP_BAD_OUTER] = "etr-drop-bad-outer";
        NAMES[ETR_DROP_BAD_PORT] = "etr-drop-bad-port";
        NAMES[ETR_DROP_NONCE_AND_VERSION] = "etr-drop-nonce-and-version";
        NAMES[ETR_DROP_UNKNOWN_INSTANCE_ID] = "etr-drop-unknown-instance-id";
        NAMES[ETR_DROP_BAD_INNER] = "etr-drop-bad-inner";
        NAMES[ETR_DROP_TX] = "etr-drop-tx";
        NAMES[ETR_ECHO_NONCE_EVENTS] = "etr-echo-nonce-events";
        NAMES[ETR_LSB_EVENTS] = "etr-lsb-events";
        NAMES[ETR_EVENT_QUEUE_FULL] = "etr-event-queue-full";
        NAMES[ETR_REDIRECTED] = "etr-redirected";
        NAMES[ETR_DROP_REDIRECT] = "etr-drop-redirect";
        NAMES[AGENT_DUTY_CYCLES] = "agent-duty-cycles";
        NAMES[AGENT_DEVICE_FAILURES] = "agent-device-failures";
        NAMES[AGENT_ERRORS] = "agent-errors";
    }

    /**
     * Zeroed counters in their own cache-aligned off-heap buffer.
     */
    public DataPathCounters()
    {
        super(NAMES);
    }

    /**
     * Is {@code id} a counter (rather than padding or out of range)?
     *
     * @param id a slot id.
     * @return true for the ids this class defines.
     */
    public static boolean isCounter(final int id)
    {
        return isCounter(NAMES, id);
    }

    /**
     * The stable name of a counter.
     *
     * @param id a counter id.
     * @return its name, or {@code "counter-N"} for an id that is not a counter.
     */
    public static String name(final int id)
    {
        return name(NAMES, id);
    }

    /**
     * Adds up one counter over several threads' counters.
     *
     * @param counters the per-thread counters.
     * @param id       a counter id.
     * @return the sum.
     */
    public static long sum(final DataPathCounters[] counters, final int id)
    {
        long total = 0;
        for (final DataPathCounters c : counters)
        {
            total += c.get(id);
        }
        return total;
    }
}
