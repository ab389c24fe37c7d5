/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An asynchronous QMP message: {@code {"event": NAME, "data": {...}, "timestamp": {"seconds": s,
 * "microseconds": us}}}.
 *
 * @param name          event name, e.g. {@code MIGRATION}.
 * @param data          its data object (an empty object when absent).
 * @param epochMicros   QEMU's wall-clock timestamp in microseconds.
 * @param receivedNanos {@link System#nanoTime()} when the line was read.
 */
public record QmpEvent(String name, JsonNode data, long epochMicros, long receivedNanos)
{
    /**
     * The event time on the {@link System#nanoTime()} clock, from QEMU's own timestamp (QEMU runs on this host, so
     * its wall clock is ours): now less the age of the event, never after the receive time.
     *
     * @param nowEpochMicros the current wall-clock time in microseconds.
     * @param nowNanos       {@link System#nanoTime()} read together with {@code nowEpochMicros}.
     * @return the event time in nanoseconds.
     */
    public long monotonicNanos(final long nowEpochMicros, final long nowNanos)
    {
        final long ageMicros = nowEpochMicros - epochMicros;
        if (ageMicros < 0 || ageMicros > 60_000_000L)
        {
            return receivedNanos;
        }
        return Math.min(receivedNanos, nowNanos - ageMicros * 1000L);
    }
}
