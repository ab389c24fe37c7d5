/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import org.agrona.MutableDirectBuffer;

/**
 * Receives packets a burst at a time from {@link PacketIo#pollBurst}: the vector a device read in one go (a TUN
 * read batch, a DPDK {@code rte_eth_rx_burst}), handed over without a copy, so that the handler can make the
 * lookups of the whole burst together and overlap their cache misses. A device that cannot deliver bursts calls
 * {@link #onPacket} once per packet instead, so a handler must handle both.
 * <p>
 * The arrays, the buffers and the packets are the device's: valid only during the call, not to be kept or
 * changed beyond the packets' bytes and the headroom in front of each packet (the same rules as
 * {@link PacketHandler}). No sender addresses are given: a handler that needs them (the RLOC side) is polled with
 * {@link PacketIo#poll}.
 */
public interface PacketBurstHandler extends PacketHandler
{
    /**
     * A burst of received packets, in the order received.
     *
     * @param buffers each packet's buffer (the same buffer may appear more than once).
     * @param offsets where each packet starts; each has the device's headroom in front of it.
     * @param lengths each packet's received length, checked against the device's MTU.
     * @param count   packets in the burst, at least 1; only the first {@code count} entries are valid.
     */
    void onBurst(MutableDirectBuffer[] buffers, int[] offsets, int[] lengths, int count);
}
