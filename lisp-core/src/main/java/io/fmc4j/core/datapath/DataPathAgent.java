/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketIo;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.EpochClock;

/**
 * One data-path thread's duty cycle (an Agrona {@link Agent}): read the clock once, poll each EID-side device
 * through the {@link Encapsulator} a burst at a time ({@code PacketIo.pollBurst}: devices that read in batches
 * hand each batch over whole, so the ITR makes its lookups together), poll the RLOC-side device through the
 * {@link Decapsulator}, flush every device. The map-cache is shared with the other threads (this agent has its own
 * reader); its devices, counters and handlers are its own.
 * <p>
 * A device that fails mid-run (socket closed, interface gone) stops delivering and rejects offers by itself (see
 * {@link PacketIo}); the agent notices the state change once, counts it in
 * {@link DataPathCounters#AGENT_DEVICE_FAILURES} and carries on with the other devices. An exception escaping a
 * handler is counted and passed to the error handler, and the cycle goes on.
 */
public final class DataPathAgent implements Agent
{
    private final String roleName;
    private final PacketIo rloc;
    private final PacketIo[] eids;
    private final int[] instanceIds;
    private final boolean[] failed;
    private final DataPathCounters counters;
    private final EpochClock epochClock;
    private final CachedEpochClock clock = new CachedEpochClock();
    private final ErrorHandler errorHandler;
    private final int pollLimit;
    private final Encapsulator encapsulator;
    private final Decapsulator decapsulator;

    /**
     * An agent over its own devices.
     *
     * @param ctx         the concluded configuration (map-cache, modes, limits).
     * @param roleName    the thread's name.
     * @param rloc        the RLOC-side device.
     * @param eids        the EID-side devices.
     * @param instanceIds the instance ID of each EID-side device.
     * @param counters    this thread's counters.
     * @param pending     the shared pending-request table.
     * @param events      the shared event queue.
     * @throws IllegalArgumentException when a device's headroom is too small for the headers the ITR writes.
     */
    public DataPathAgent(
        final XtrDataPlane.Context ctx,
        final String roleName,
        final PacketIo rloc,
        final PacketIo[] eids,
        final int[] instanceIds,
        final DataPathCounters counters,
        final PendingRequests pending,
        final DataPathEventRing events)
    {
        ctx.conclude();
        if (eids.length != instanceIds.length || eids.length == 0)
        {
            throw new IllegalArgumentException("need at least one EID-side device and one instance ID for each");
        }
        final int needed = ctx.rlocMode() == RlocMode.IP ?
            Encapsulator.IP_MODE_HEADROOM : Encapsulator.UDP_MODE_HEADROOM;
        for (final PacketIo eid : eids)
        {
            if (eid.headroom() < needed)
            {
                throw new IllegalArgumentException("EID-side device " + eid.description() + " has headroom " +
                    eid.headroom() + " but " + RlocMode.name(ctx.rlocMode()) + " encapsulation needs " + needed);
            }
        }
        this.roleName = roleName;
        this.rloc = rloc;
        this.eids = eids.clone();
        this.instanceIds = instanceIds.clone();
        this.failed = new boolean[eids.length + 1];
        this.counters = counters;
        this.epochClock = ctx.epochClock();
        this.errorHandler = ctx.errorHandler();
        this.pollLimit = ctx.pollLimit();
        clock.update(epochClock.time());
        this.encapsulator = new Encapsulator(ctx, ctx.mapCache().newReader(clock), rloc, counters, pending, events,
            clock);
        this.decapsulator = new Decapsulator(ctx, this.instanceIds, this.eids, counters, events);
        if (ctx.forwardDeparted() && ctx.hasIpv4Rloc())
        {
            decapsulator.forwardDeparted(ctx.mapCache().newReader(clock), encapsulator, ctx.localRlocIpv4(),
                rloc.headroom());
        }
    }

    @Override
    public int doWork()
    {
        clock.update(epochClock.time());
        counters.increment(DataPathCounters.AGENT_DUTY_CYCLES);
        int work = 0;
        final PacketIo[] eids = this.eids;
        for (int i = 0; i < eids.length; i++)
        {
            final PacketIo eid = eids[i];
            encapsulator.port(eid, instanceIds[i]);
            try
            {
                work += eid.pollBurst(encapsulator, pollLimit);
            }
            catch (final RuntimeException ex)
            {
                handlerError(ex);
            }
        }
        try
        {
            work += rloc.poll(decapsulator, pollLimit);
        }
        catch (final RuntimeException ex)
        {
            handlerError(ex);
        }
        work += rloc.flush();
        for (int i = 0; i < eids.length; i++)
        {
            work += eids[i].flush();
        }
        checkDevices();
        return work;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /**
     * This agent's counters.
     *
     * @return the counters.
     */
    public DataPathCounters counters()
    {
        return counters;
    }

    /**
     * The ITR handler (for benchmarks and tests that drive it directly).
     *
     * @return the encapsulator.
     */
    public Encapsulator encapsulator()
    {
        return encapsulator;
    }

    /**
     * The ETR handler (for benchmarks and tests that drive it directly).
     *
     * @return the decapsulator.
     */
    public Decapsulator decapsulator()
    {
        return decapsulator;
    }

    private void handlerError(final RuntimeException ex)
    {
        counters.increment(DataPathCounters.AGENT_ERRORS);
        errorHandler.onError(ex);
    }

    private void checkDevices()
    {
        for (int i = 0; i < eids.length; i++)
        {
            noteFailure(i, eids[i]);
        }
        noteFailure(eids.length, rloc);
    }

    private void noteFailure(final int index, final PacketIo io)
    {
        if (!failed[index] && io.state() == PacketIo.STATE_FAILED)
        {
            failed[index] = true;
            counters.increment(DataPathCounters.AGENT_DEVICE_FAILURES);
        }
    }
}
