/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.spi.dataplane.memory.MemoryLink;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One xTR over in-memory links: a host endpoint per EID-side link (what the site's hosts send and receive) and
 * a network endpoint on the RLOC-side link (what goes over the wire), or an RLOC link shared with a peer xTR.
 */
final class MemoryXtr implements AutoCloseable
{
    final List<MemoryLink> eidLinks = new ArrayList<>();
    final PacketIo[] hosts;
    final PacketIo[] eids;
    final PacketIo rloc;
    final PacketIo network;
    final DataPathCounters counters = new DataPathCounters();
    final DataPathAgent agent;

    MemoryXtr(final String name, final XtrDataPlane.Context ctx, final PendingRequests pending,
        final DataPathEventRing events, final int... instanceIds)
    {
        this(name, ctx, pending, events, null, instanceIds);
    }

    /**
     * @param rlocEndpoint the RLOC-side device to use (one end of a link to a peer), or null for a new link whose
     *                     other end is {@link #network}.
     */
    MemoryXtr(final String name, final XtrDataPlane.Context ctx, final PendingRequests pending,
        final DataPathEventRing events, final PacketIo rlocEndpoint, final int... instanceIds)
    {
        hosts = new PacketIo[instanceIds.length];
        eids = new PacketIo[instanceIds.length];
        for (int i = 0; i < instanceIds.length; i++)
        {
            final MemoryLink link = MemoryLink.create(name + "-eid" + i, new PacketIoConfig().mtu(9000));
            eidLinks.add(link);
            hosts[i] = link.endpointA();
            eids[i] = link.endpointB();
        }
        if (rlocEndpoint == null)
        {
            final MemoryLink rlocLink = MemoryLink.create(name + "-rloc", new PacketIoConfig().mtu(9000));
            rloc = rlocLink.endpointA();
            network = rlocLink.endpointB();
        }
        else
        {
            rloc = rlocEndpoint;
            network = null;
        }
        agent = new DataPathAgent(ctx, name, rloc, eids, instanceIds, counters, pending, events);
    }

    int send(final int host, final UnsafeBuffer packet, final int length)
    {
        return hosts[host].offer(packet, 0, length, PacketIo.NO_NEXT_HOP);
    }

    /**
     * Runs a few duty cycles: the in-memory ring answers 0 once when it skips the padding record at its end.
     */
    void pump()
    {
        for (int i = 0; i < 3; i++)
        {
            agent.doWork();
        }
    }

    long count(final int id)
    {
        return counters.get(id);
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(hosts);
        CloseHelper.quietCloseAll(eids);
        CloseHelper.quietCloseAll(rloc, network);
    }
}
