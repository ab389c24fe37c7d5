/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

/**
 * Receives the map-cache misses drained from a {@link MissQueue}.
 */
@FunctionalInterface
public interface MissHandler
{
    /**
     * One destination EID the data path found no mapping for.
     *
     * @param instanceId instance ID.
     * @param afi        {@code Afi.IPV4} or {@code Afi.IPV6}.
     * @param maskLength 32 or 128 for a destination address; shorter for a negative prefix whose action asks for
     *                   a Map-Request.
     * @param hi         left-aligned high word of the EID (see {@code EidKey}).
     * @param lo         left-aligned low word (0 for IPv4).
     */
    void onMiss(int instanceId, int afi, int maskLength, long hi, long lo);
}
