/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The hosts at the edges of the demo, as one Agrona agent: the mobile user, attached to the EID-side link of one
 * access xTR at a time, and the service VM's network stack at each data centre, attached to that DC xTR's EID-side
 * link. The user pings the VM's EID every 100 ms (the RTT curve) and, while {@link #probing(boolean)} is on, every
 * millisecond (the outage measurement). A DC answers a request only while the VM runs there (the hypervisor says
 * so), writing its index into the reply.
 * <p>
 * Results are kept in preallocated arrays indexed by sequence number; another thread reads them after
 * {@link #close()} of the runner (the runner's thread join makes the writes visible).
 */
final class DemoHosts implements Agent
{
    static final long PING_INTERVAL_NANOS = 100_000_000L;
    static final long PROBE_INTERVAL_NANOS = 1_000_000L;
    static final int MAX_SEQUENCES = 65_536;

    private final PacketIo[] userLinks;
    private final PacketIo[] dcLinks;
    private final IntPredicate vmRunsAt;
    private final int userEid;
    private final int vmEid;
    private final UnsafeBuffer tx = new UnsafeBuffer(ByteBuffer.allocateDirect(EchoPacket.LENGTH));
    private final PacketHandler userHandler = this::onUserPacket;
    private final PacketHandler[] dcHandlers;

    private volatile int attachment;
    private volatile boolean probing;
    private volatile long startNanos;
    private volatile int pingsSent;
    private volatile int probesSent;
    private volatile int lastAnsweredProbe = -1;
    private volatile long lastReplyRttNanos = -1;
    private volatile int lastReplyServedBy = EchoPacket.NOT_SERVED;

    final long[] pingSent = new long[MAX_SEQUENCES];
    final long[] pingRtt = new long[MAX_SEQUENCES];
    final int[] pingServedBy = new int[MAX_SEQUENCES];
    final long[] probeSent = new long[MAX_SEQUENCES];
    final int[] probeServedBy = new int[MAX_SEQUENCES];
    /** When a DC's VM answered each probe (VM side), 0 when it did not. */
    final long[] probeAnsweredAt = new long[MAX_SEQUENCES];
    final int[] probeAnsweredBy = new int[MAX_SEQUENCES];
    int pings;
    int probes;
    long requestsDropped;
    long strayPackets;
    private long nextPing;
    private long nextProbe;

    DemoHosts(
        final PacketIo[] userLinks, final PacketIo[] dcLinks, final IntPredicate vmRunsAt, final int userEid,
        final int vmEid)
    {
        this.userLinks = userLinks;
        this.dcLinks = dcLinks;
        this.vmRunsAt = vmRunsAt;
        this.userEid = userEid;
        this.vmEid = vmEid;
        this.dcHandlers = new PacketHandler[dcLinks.length];
        for (int i = 0; i < dcLinks.length; i++)
        {
            final int dc = i;
            dcHandlers[i] = (buffer, offset, length, source) -> onVmPacket(dc, buffer, offset, length);
        }
        Arrays.fill(pingServedBy, EchoPacket.NOT_SERVED);
        Arrays.fill(probeServedBy, EchoPacket.NOT_SERVED);
    }

    /**
     * Starts the pings (sequence 0 at {@code start}).
     *
     * @param start the time of ping 0.
     */
    void start(final long start)
    {
        startNanos = start;
    }

    /**
     * The RTT of the latest answered ping, for progress lines and warm-up (any thread).
     *
     * @return nanoseconds, or -1 before the first answer.
     */
    long lastReplyRttNanos()
    {
        return lastReplyRttNanos;
    }

    /**
     * The DC that answered the latest ping (any thread).
     *
     * @return its index, or {@link EchoPacket#NOT_SERVED}.
     */
    int lastReplyServedBy()
    {
        return lastReplyServedBy;
    }

    /**
     * Pings sent so far (any thread).
     *
     * @return the count; the next ping has this sequence number.
     */
    int pingsSent()
    {
        return pingsSent;
    }

    /**
     * Probes sent so far (any thread).
     *
     * @return the count.
     */
    int probesSent()
    {
        return probesSent;
    }

    /**
     * The highest sequence number of an answered probe (any thread).
     *
     * @return the sequence, -1 before the first answer.
     */
    int lastAnsweredProbe()
    {
        return lastAnsweredProbe;
    }

    void attach(final int accessXtr)
    {
        attachment = accessXtr;
    }

    void probing(final boolean on)
    {
        probing = on;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        final long now = System.nanoTime();
        final long start = startNanos;
        if (start != 0)
        {
            if (nextPing == 0)
            {
                nextPing = start;
            }
            if (now - nextPing >= 0 && pings < MAX_SEQUENCES)
            {
                pingSent[pings] = now;
                send(EchoPacket.ID_PING, pings++, now);
                pingsSent = pings;
                nextPing += PING_INTERVAL_NANOS;
                work++;
            }
        }
        if (probing)
        {
            if (nextProbe == 0 || now - nextProbe > PROBE_INTERVAL_NANOS * 10)
            {
                nextProbe = now;
            }
            if (now - nextProbe >= 0 && probes < MAX_SEQUENCES)
            {
                probeSent[probes] = now;
                send(EchoPacket.ID_PROBE, probes++, now);
                probesSent = probes;
                nextProbe += PROBE_INTERVAL_NANOS;
                work++;
            }
        }
        for (final PacketIo link : userLinks)
        {
            work += link.poll(userHandler, 64);
        }
        for (int i = 0; i < dcLinks.length; i++)
        {
            work += dcLinks[i].poll(dcHandlers[i], 64);
        }
        return work;
    }

    private void send(final int id, final int sequence, final long now)
    {
        EchoPacket.writeRequest(tx, 0, userEid, vmEid, id, sequence, now);
        if (userLinks[attachment].offer(tx, 0, EchoPacket.LENGTH, PacketIo.NO_NEXT_HOP) < 0)
        {
            requestsDropped++;
        }
    }

    private void onUserPacket(final MutableDirectBuffer buffer, final int offset, final int length,
        final PeerAddress source)
    {
        if (!EchoPacket.isReplyTo(buffer, offset, length, userEid))
        {
            strayPackets++;
            return;
        }
        final int sequence = EchoPacket.sequence(buffer, offset);
        final int servedBy = EchoPacket.servedBy(buffer, offset);
        if (EchoPacket.id(buffer, offset) == EchoPacket.ID_PING && sequence < pings &&
            pingServedBy[sequence] == EchoPacket.NOT_SERVED)
        {
            pingRtt[sequence] = System.nanoTime() - EchoPacket.sendNanos(buffer, offset);
            pingServedBy[sequence] = servedBy;
            lastReplyRttNanos = pingRtt[sequence];
            lastReplyServedBy = servedBy;
        }
        else if (EchoPacket.id(buffer, offset) == EchoPacket.ID_PROBE && sequence < probes &&
            probeServedBy[sequence] == EchoPacket.NOT_SERVED)
        {
            probeServedBy[sequence] = servedBy;
            lastAnsweredProbe = Math.max(lastAnsweredProbe, sequence);
        }
    }

    private void onVmPacket(final int dc, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (!EchoPacket.isRequestTo(buffer, offset, length, vmEid))
        {
            strayPackets++;
            return;
        }
        if (vmRunsAt.test(dc))
        {
            final int sequence = EchoPacket.sequence(buffer, offset);
            if (EchoPacket.id(buffer, offset) == EchoPacket.ID_PROBE && sequence < MAX_SEQUENCES)
            {
                probeAnsweredAt[sequence] = System.nanoTime();
                probeAnsweredBy[sequence] = dc;
            }
            EchoPacket.answerInPlace(buffer, offset, dc);
            dcLinks[dc].offer(buffer, offset, length, PacketIo.NO_NEXT_HOP);
        }
    }

    @Override
    public String roleName()
    {
        return "fmc-demo-hosts";
    }
}
