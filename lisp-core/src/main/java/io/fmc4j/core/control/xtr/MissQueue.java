/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

/**
 * Where the data path leaves map-cache misses for the control agent. Data-path threads {@link #offer} (never
 * blocking; a full queue drops the miss, the next packet to the EID misses again), the control agent
 * {@link #drain}s.
 */
public interface MissQueue
{
    /**
     * Records a miss (data-path thread; no allocation).
     *
     * @param instanceId instance ID.
     * @param afi        {@code Afi.IPV4} or {@code Afi.IPV6}.
     * @param hi         left-aligned high word of the EID.
     * @param lo         left-aligned low word.
     * @return false when the queue is full and the miss was dropped.
     */
    boolean offer(int instanceId, int afi, long hi, long lo);

    /**
     * Hands up to {@code limit} misses to the handler (control-agent thread).
     *
     * @param handler called once per miss.
     * @param limit   most misses to take.
     * @return misses handed over.
     */
    int drain(MissHandler handler, int limit);
}
