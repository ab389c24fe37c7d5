/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.datapath;

/**
 * What the control agent consumes from the data path: a bounded, lock-free, many-producer single-consumer queue
 * of {@link DataPathEventHandler events}. Data-path threads offer without blocking or allocating; an event that
 * does not fit is dropped and counted (the packet that caused it is dropped anyway, and the next one asks again).
 * <p>
 * Map-Request events are deduplicated before they are queued: at most one per EID is outstanding within the
 * configured retry interval, and the rate of all of them is bounded. The control agent does not need to tell
 * the data path that a request completed: installing the mapping makes the next lookup hit, and an unanswered
 * request is asked again after the retry interval.
 * <p>
 * One thread drains.
 */
public interface DataPathEventQueue
{
    /**
     * Hands up to {@code limit} queued events to {@code handler}, oldest first.
     *
     * @param handler receives each event.
     * @param limit   the most events to hand over, at least 1.
     * @return the number handed over (0 when empty), so it can be a duty-cycle work count.
     */
    int drain(DataPathEventHandler handler, int limit);

    /**
     * Events dropped because the queue was full.
     *
     * @return the count, readable from any thread.
     */
    long dropped();

    /**
     * Bytes of event data the queue holds at most.
     *
     * @return the capacity.
     */
    int capacity();
}
