/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import io.fmc4j.api.OffHeapCounters;

/**
 * The counters of one {@link PacketIo}, as 64-bit slots in an off-heap
 * {@link org.agrona.concurrent.AtomicBuffer}. The receive counters are written only by the polling thread and the
 * send counters only by the offering thread, each with a plain read and a release store (no atomic
 * read-modify-write on the hot path); the two groups sit on separate cache lines. Any thread reads them with
 * {@link #get(int)}.
 * <p>
 * Ids are stable int constants; {@link #name(int)} gives the name used in logs and JSON.
 */
public final class PacketIoCounters extends OffHeapCounters
{
    /** Packets handed to a {@link PacketHandler}. */
    public static final int RX_PACKETS = 0;
    /** Bytes handed to a {@link PacketHandler}. */
    public static final int RX_BYTES = 1;
    /** Received packets longer than {@link PacketIo#mtu()}, dropped. */
    public static final int RX_DROP_TOO_LONG = 2;
    /** Received frames the backend could not use (malformed, empty, wrong family), dropped. */
    public static final int RX_DROP_MALFORMED = 3;
    /** Receive calls that failed without failing the device (transient errors). */
    public static final int RX_ERRORS = 4;

    /** Packets accepted by {@code offer}. */
    public static final int TX_PACKETS = 8;
    /** Bytes accepted by {@code offer}. */
    public static final int TX_BYTES = 9;
    /** {@code offer} calls answered with {@link PacketIo#BACK_PRESSURED}. */
    public static final int TX_BACK_PRESSURED = 10;
    /** Packets longer than {@link PacketIo#mtu()} (or empty) given to {@code offer}, dropped. */
    public static final int TX_DROP_TOO_LONG = 11;
    /** Packets offered to an unknown next hop, dropped. */
    public static final int TX_DROP_BAD_NEXT_HOP = 12;
    /** Packets offered after the device failed or closed, dropped. */
    public static final int TX_DROP_NOT_ACTIVE = 13;
    /** Packets accepted by {@code offer} that the device then refused (queued burst not sent), dropped. */
    public static final int TX_DROP_DEVICE = 14;
    /** Send calls that failed without failing the device (e.g. network unreachable), packet dropped. */
    public static final int TX_ERRORS = 15;

    /** Times the device failed mid-run (0 or 1 per device). */
    public static final int FAILURES = 16;

    /** Number of slots (some ids are unused padding between the groups). */
    public static final int SLOTS = 24;

    private static final String[] NAMES = new String[SLOTS];

    static
    {
        NAMES[RX_PACKETS] = "rx-packets";
        NAMES[RX_BYTES] = "rx-bytes";
        NAMES[RX_DROP_TOO_LONG] = "rx-drop-too-long";
        NAMES[RX_DROP_MALFORMED] = "rx-drop-malformed";
        NAMES[RX_ERRORS] = "rx-errors";
        NAMES[TX_PACKETS] = "tx-packets";
        NAMES[TX_BYTES] = "tx-bytes";
        NAMES[TX_BACK_PRESSURED] = "tx-back-pressured";
        NAMES[TX_DROP_TOO_LONG] = "tx-drop-too-long";
        NAMES[TX_DROP_BAD_NEXT_HOP] = "tx-drop-bad-next-hop";
        NAMES[TX_DROP_NOT_ACTIVE] = "tx-drop-not-active";
        NAMES[TX_DROP_DEVICE] = "tx-drop-device";
        NAMES[TX_ERRORS] = "tx-errors";
        NAMES[FAILURES] = "failures";
    }

    /**
     * Zeroed counters in their own cache-aligned off-heap buffer.
     */
    public PacketIoCounters()
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
}
