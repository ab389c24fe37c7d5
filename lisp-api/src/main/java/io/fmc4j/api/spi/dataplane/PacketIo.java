/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.net.InetSocketAddress;

import org.agrona.DirectBuffer;

/**
 * One open packet device: batch receive through {@link #poll(PacketHandler, int)} (or, a burst at a time without a
 * copy, {@link #pollBurst(PacketBurstHandler, int)}), send through
 * {@link #offer(DirectBuffer, int, int, int)} and {@link #flush()}. Built to be driven from an Agrona
 * {@code Agent} duty cycle: {@code poll} returns a work count and neither method allocates, locks, logs or
 * throws per packet.
 *
 * <h2>Threads</h2>
 * One thread polls and one thread offers and flushes (it may be the same thread). {@link #close()} and
 * {@link #registerNextHop(InetSocketAddress)} are cold-path calls made while neither runs.
 *
 * <h2>Headroom</h2>
 * Every packet handed to a {@link PacketHandler} has at least {@link #headroom()} writable bytes in front of
 * it in the same buffer. An ITR writes its outer IP, UDP and LISP headers there and offers the grown slice
 * {@code (buffer, offset - n, length + n)} to the RLOC-side device without copying the received payload. The
 * slice stays valid only until the handler returns; {@code offer} consumes it (sends or copies it) before
 * returning, so offering from inside the handler is the intended use.
 *
 * <h2>Results and failures</h2>
 * {@code offer} returns the number of bytes accepted or a negative code: {@link #BACK_PRESSURED} (try again
 * later; nothing was consumed), {@link #REJECTED} (dropped and counted: too long, unknown next hop, or a send
 * error that does not fail the device), {@link #FAILED} or {@link #CLOSED}. A device that fails mid-run (socket closed,
 * interface deleted, port stopped) moves to {@link #STATE_FAILED} once, counts
 * {@link PacketIoCounters#FAILURES}, hands the cause to the configured {@link PacketIoConfig#errorHandler()},
 * and from then on polls nothing and rejects offers with {@link #FAILED}; the process and the other devices
 * keep running.
 *
 * <h2>Handler exceptions</h2>
 * An exception thrown by a {@link PacketHandler} propagates out of {@code poll} to the caller (the agent's error
 * handler). The device stays usable; packets of the same burst not yet handed over may be lost.
 */
public interface PacketIo extends AutoCloseable
{
    /** {@code offer}: the device cannot take the packet now; nothing was consumed, try again later. */
    int BACK_PRESSURED = -1;
    /**
     * {@code offer}: the packet was dropped and counted, because it can never be sent as given (too long, bad next
     * hop) or because the send failed with an error that does not fail the device (e.g. network unreachable).
     */
    int REJECTED = -2;
    /** {@code offer}: the device has failed (see {@link #failureCause()}); the packet was dropped. */
    int FAILED = -3;
    /** {@code offer}: the device is closed; the packet was dropped. */
    int CLOSED = -4;

    /** Next hop for point-to-point devices (TUN, DPDK port, in-memory link), which ignore it. */
    int NO_NEXT_HOP = 0;

    /** {@link #state()}: open and working. */
    int STATE_ACTIVE = 0;
    /** {@link #state()}: failed mid-run; see {@link #failureCause()}. */
    int STATE_FAILED = 1;
    /** {@link #state()}: closed by its owner. */
    int STATE_CLOSED = 2;

    /**
     * The provider that opened this device.
     *
     * @return the provider's {@link PacketIoProvider#name()}.
     */
    String providerName();

    /**
     * A readable description of the device, e.g. {@code udp 0.0.0.0:4341} or {@code tun fmc0}.
     *
     * @return the description; cold path.
     */
    String description();

    /**
     * Writable bytes guaranteed in front of every received packet.
     *
     * @return the headroom in bytes.
     */
    int headroom();

    /**
     * Longest packet this device receives whole and accepts in {@code offer}. Longer received packets are
     * dropped and counted as {@link PacketIoCounters#RX_DROP_TOO_LONG}.
     *
     * @return the limit in bytes.
     */
    int mtu();

    /**
     * Receives up to {@code limit} packets and hands each to {@code handler}.
     *
     * @param handler called once per packet, on this thread.
     * @param limit   the most packets to handle in this call, at least 1.
     * @return the number of packets handled (0 when idle, failed or closed).
     */
    int poll(PacketHandler handler, int limit);

    /**
     * Receives up to {@code limit} packets and hands them to {@code handler} in bursts, as the device read them,
     * without copying ({@link PacketBurstHandler#onBurst}). Devices that read one packet at a time, and this
     * default, call {@link PacketBurstHandler#onPacket} for each instead, exactly as {@link #poll} does. The same
     * rules apply as to {@code poll}: counting, MTU checks, failures, handler exceptions.
     *
     * @param handler called once per burst (or per packet), on this thread.
     * @param limit   the most packets to handle in this call, at least 1.
     * @return the number of packets handled (0 when idle, failed or closed).
     */
    default int pollBurst(final PacketBurstHandler handler, final int limit)
    {
        return poll(handler, limit);
    }

    /**
     * Sends one packet, or queues it for the next {@link #flush()} on batching devices.
     *
     * @param buffer  holds the packet.
     * @param offset  where the packet starts (the outermost header the device expects).
     * @param length  bytes to send.
     * @param nextHop an id from {@link #registerNextHop(InetSocketAddress)}, or {@link #NO_NEXT_HOP}.
     * @return {@code length} when accepted, else {@link #BACK_PRESSURED}, {@link #REJECTED}, {@link #FAILED}
     * or {@link #CLOSED}.
     */
    int offer(DirectBuffer buffer, int offset, int length, int nextHop);

    /**
     * Pushes packets queued by {@code offer} to the device. Devices that send in {@code offer} return 0.
     * A data-path agent calls this once per duty cycle.
     *
     * @return the number of packets handed to the device by this call.
     */
    int flush();

    /**
     * Resolves a destination once, on the cold path, to the int that {@code offer} takes. Point-to-point
     * devices return {@link #NO_NEXT_HOP} for any address.
     *
     * @param destination a resolved address and port.
     * @return the next-hop id.
     * @throws IllegalArgumentException when the address is unresolved or of a family the device cannot reach.
     * @throws IllegalStateException    when the next-hop table is full.
     */
    int registerNextHop(InetSocketAddress destination);

    /**
     * This device's counters.
     *
     * @return the counters, readable from any thread.
     */
    PacketIoCounters counters();

    /**
     * The current state.
     *
     * @return {@link #STATE_ACTIVE}, {@link #STATE_FAILED} or {@link #STATE_CLOSED}.
     */
    int state();

    /**
     * Why the device failed.
     *
     * @return the cause, or null while it has not failed.
     */
    Throwable failureCause();

    /**
     * Releases the device. Idempotent; never throws.
     */
    @Override
    void close();
}
