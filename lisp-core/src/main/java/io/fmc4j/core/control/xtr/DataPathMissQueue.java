/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.datapath.DataPathEventHandler;
import io.fmc4j.api.datapath.DataPathEventQueue;
import io.fmc4j.core.datapath.DataPathEventRing;

/**
 * The data path's event queue ({@code XtrDataPlane.events()}, a {@link DataPathEventRing}) seen as the control
 * agent's {@link MissQueue}: its Map-Request events become lookups (with the prefix length the data path asks for:
 * the destination's full length, or a negative prefix whose action is send-map-request). Echo-nonce and
 * locator-status-bit events are counted and otherwise ignored: this agent does not act on them. No allocation.
 */
public final class DataPathMissQueue implements MissQueue, DataPathEventHandler
{
    private final DataPathEventQueue ring;
    private MissHandler handler;
    private long echoNonceEvents;
    private long locatorStatusEvents;

    /**
     * Adapts a queue.
     *
     * @param ring the data path's event queue.
     */
    public DataPathMissQueue(final DataPathEventQueue ring)
    {
        this.ring = ring;
    }

    @Override
    public boolean offer(final int instanceId, final int afi, final long hi, final long lo)
    {
        return ring instanceof DataPathEventRing && ((DataPathEventRing)ring).offerMapRequest(
            instanceId, afi, afi == io.fmc4j.api.Afi.IPV6 ? 128 : 32, hi, lo, 0, 0);
    }

    @Override
    public int drain(final MissHandler handler, final int limit)
    {
        this.handler = handler;
        return ring.drain(this, limit);
    }

    @Override
    public void onMapRequest(
        final int instanceId,
        final int afi,
        final int maskLength,
        final long eidHi,
        final long eidLo,
        final long sourceHi,
        final long sourceLo)
    {
        handler.onMiss(instanceId, afi, maskLength, eidHi, eidLo);
    }

    @Override
    public void onEchoNonceRequest(
        final int instanceId, final int rlocAfi, final long rlocHi, final long rlocLo, final int nonce)
    {
        echoNonceEvents++;
    }

    @Override
    public void onLocatorStatusBits(
        final int instanceId,
        final int rlocAfi,
        final long rlocHi,
        final long rlocLo,
        final int previous,
        final int current)
    {
        locatorStatusEvents++;
    }

    /**
     * Echo-nonce requests seen (not acted on).
     *
     * @return the count (agent thread).
     */
    public long echoNonceEvents()
    {
        return echoNonceEvents;
    }

    /**
     * Locator-status-bit changes seen (not acted on).
     *
     * @return the count (agent thread).
     */
    public long locatorStatusEvents()
    {
        return locatorStatusEvents;
    }
}
