/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.util.Arrays;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import io.fmc4j.core.codec.LispDataHeader;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The ETR: a {@link PacketHandler} for the RLOC-side device. It validates the outer headers (in
 * {@link RlocMode#IP}: IPv4 or IPv6, UDP to port 4341, checksums by the configured policy; with a UDP socket the
 * kernel has done this), the LISP header and the inner IP header, maps the instance ID to its EID-side device
 * and offers the inner packet there, in place. Each drop is counted under its reason.
 * <p>
 * Echo-nonce requests (E and N bits) and changes of a remote RLOC's Locator-Status-Bits are not acted on here:
 * they go to the control agent through the {@link DataPathEventRing}. A small direct-mapped table per thread
 * remembers, per remote RLOC, the last LSBs and the last nonce reported, so a steady flow produces no events.
 */
public final class Decapsulator implements PacketHandler
{
    private static final int TABLE_SIZE = 1024;

    private final DataPathCounters counters;
    private final DataPathEventRing events;
    private final boolean ipMode;
    private final int checksumPolicy;
    private final int[] instanceIds;
    private final PacketIo[] eids;
    private final long[] rlocHi = new long[TABLE_SIZE];
    private final long[] rlocLo = new long[TABLE_SIZE];
    private final int[] lastLsb = new int[TABLE_SIZE];
    private final int[] lastNonce = new int[TABLE_SIZE];
    private final MappingView redirectView = new MappingView();
    private MapCacheReader redirectReader;
    private Encapsulator redirect;
    private int selfRlocIpv4;
    private int rlocHeadroom;

    /**
     * An ETR for one data-path thread.
     *
     * @param ctx         the concluded configuration.
     * @param instanceIds the instance ID of each EID-side device.
     * @param eids        the EID-side devices.
     * @param counters    this thread's counters.
     * @param events      the shared event queue.
     */
    public Decapsulator(
        final XtrDataPlane.Context ctx,
        final int[] instanceIds,
        final PacketIo[] eids,
        final DataPathCounters counters,
        final DataPathEventRing events)
    {
        if (instanceIds.length != eids.length)
        {
            throw new IllegalArgumentException("one instance ID per EID-side device");
        }
        this.instanceIds = instanceIds.clone();
        this.eids = eids.clone();
        this.counters = counters;
        this.events = events;
        this.ipMode = ctx.rlocMode() == RlocMode.IP;
        this.checksumPolicy = ctx.etrChecksumPolicy();
        Arrays.fill(lastLsb, -1);
        Arrays.fill(lastNonce, -1);
    }

    @Override
    public void onPacket(final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress source)
    {
        counters.increment(DataPathCounters.ETR_RX_PACKETS);
        final int lispOffset;
        final int lispLength;
        final int rlocAfi;
        final long sourceHi;
        final long sourceLo;
        if (ipMode)
        {
            final int payload = IpUdp.parseIpUdp(buffer, offset, length, checksumPolicy);
            if (payload < 0)
            {
                counters.increment(payload == DecodeStatus.TRUNCATED ?
                    DataPathCounters.ETR_DROP_TRUNCATED : DataPathCounters.ETR_DROP_BAD_OUTER);
                return;
            }
            if (UdpHeader.destinationPort(buffer, payload - UdpHeader.ENCODED_LENGTH) != LispPorts.DATA)
            {
                counters.increment(DataPathCounters.ETR_DROP_BAD_PORT);
                return;
            }
            lispOffset = payload;
            lispLength = IpUdp.payloadLength(buffer, payload);
            if ((buffer.getByte(offset) & 0xF0) == 0x40)
            {
                rlocAfi = Afi.IPV4;
                sourceHi = (long)Ipv4Header.sourceAddress(buffer, offset) << 32;
                sourceLo = 0;
            }
            else
            {
                rlocAfi = Afi.IPV6;
                sourceHi = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN);
                sourceLo = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN);
            }
        }
        else
        {
            lispOffset = offset;
            lispLength = length;
            if (source != null && source.family() == PeerAddress.FAMILY_IPV6)
            {
                rlocAfi = Afi.IPV6;
                sourceHi = source.ipv6High();
                sourceLo = source.ipv6Low();
            }
            else
            {
                rlocAfi = Afi.IPV4;
                sourceHi = source != null ? (long)source.ipv4() << 32 : 0;
                sourceLo = 0;
            }
        }

        final int status = LispDataHeader.validate(buffer, lispOffset, lispLength);
        if (status != DecodeStatus.OK)
        {
            counters.increment(status == DecodeStatus.TRUNCATED ?
                DataPathCounters.ETR_DROP_TRUNCATED : DataPathCounters.ETR_DROP_NONCE_AND_VERSION);
            return;
        }
        final int first = buffer.getInt(lispOffset, BIG_ENDIAN);
        final int second = buffer.getInt(lispOffset + LispDataHeader.IID_LSB_OFFSET, BIG_ENDIAN);
        final int flags = first >>> 24;
        final boolean hasIid = (flags & LispDataHeader.FLAG_I) != 0;
        final int instanceId = hasIid ? second >>> 8 : 0;
        final PacketIo eid = eidFor(instanceId);
        if (eid == null)
        {
            counters.increment(DataPathCounters.ETR_DROP_UNKNOWN_INSTANCE_ID);
            return;
        }

        final int inner = lispOffset + LispDataHeader.ENCODED_LENGTH;
        final int available = lispLength - LispDataHeader.ENCODED_LENGTH;
        final int innerLength = innerLength(buffer, inner, available);
        if (innerLength < 0)
        {
            counters.increment(DataPathCounters.ETR_DROP_BAD_INNER);
            return;
        }

        if ((flags & (LispDataHeader.FLAG_E | LispDataHeader.FLAG_N | LispDataHeader.FLAG_L)) != 0)
        {
            signals(flags, first & LispDataHeader.MASK_24, hasIid ? second & 0xFF : second, instanceId, rlocAfi,
                sourceHi, sourceLo);
        }

        if (null != redirect && (buffer.getByte(inner) & 0xF0) == 0x40 &&
            redirected(buffer, offset, inner, innerLength, instanceId, eid))
        {
            return;
        }
        if (eid.offer(buffer, inner, innerLength, PacketIo.NO_NEXT_HOP) >= 0)
        {
            counters.increment(DataPathCounters.ETR_DECAPSULATED);
            counters.add(DataPathCounters.ETR_TX_BYTES, innerLength);
        }
        else
        {
            counters.increment(DataPathCounters.ETR_DROP_TX);
        }
    }

    /**
     * Forwards the traffic for departed EIDs: a decapsulated IPv4 packet whose destination this xTR's map-cache maps to
     * other RLOCs only (a VM that moved to another data centre, learnt from the Map-Server) is re-encapsulated to its
     * new RLOC instead of being delivered into a LAN where the host no longer is. The inner TTL is decremented, so a
     * loop between two xTRs with stale mappings dies out. Costs one map-cache lookup per decapsulated IPv4 packet.
     *
     * @param reader       a reader of the xTR's map-cache.
     * @param encapsulator the ITR of the same thread.
     * @param selfRlocIpv4 this xTR's IPv4 RLOC (a mapping that lists it is served here).
     * @param rlocHeadroom bytes the RLOC-side device leaves in front of each received packet.
     */
    void forwardDeparted(
        final MapCacheReader reader, final Encapsulator encapsulator, final int selfRlocIpv4, final int rlocHeadroom)
    {
        this.redirectReader = reader;
        this.redirect = encapsulator;
        this.selfRlocIpv4 = selfRlocIpv4;
        this.rlocHeadroom = rlocHeadroom;
    }

    private boolean redirected(
        final MutableDirectBuffer buffer,
        final int offset,
        final int inner,
        final int innerLength,
        final int instanceId,
        final PacketIo eid)
    {
        if (redirectReader.lookupIpv4(instanceId, Ipv4Header.destinationAddress(buffer, inner), redirectView) !=
            MapCacheStatus.FOUND || redirectView.negative())
        {
            return false;
        }
        final LocatorSetDecoder locators = redirectView.locators();
        final int count = locators.count();
        for (int i = 0; i < count; i++)
        {
            if (locators.afi(i) == Afi.IPV4 && locators.ipv4Address(i) == selfRlocIpv4)
            {
                return false;
            }
        }
        final int ttl = buffer.getByte(inner + 8) & 0xFF;
        final int needed = ipMode ? Encapsulator.IP_MODE_HEADROOM : Encapsulator.UDP_MODE_HEADROOM;
        if (ttl <= 1 || inner - offset + rlocHeadroom < needed)
        {
            counters.increment(DataPathCounters.ETR_DROP_REDIRECT);
            return true;
        }
        // TTL - 1 and the incremental checksum update of RFC 1624 (the TTL is the high byte of its 16-bit word).
        buffer.putByte(inner + 8, (byte)(ttl - 1));
        final int sum = (~buffer.getShort(inner + 10, BIG_ENDIAN) & 0xFFFF) + 0xFEFF;
        buffer.putShort(inner + 10, (short)~((sum & 0xFFFF) + (sum >>> 16)), BIG_ENDIAN);
        counters.increment(DataPathCounters.ETR_REDIRECTED);
        redirect.port(eid, instanceId);
        redirect.onPacket(buffer, inner, innerLength, null);
        return true;
    }

    private PacketIo eidFor(final int instanceId)
    {
        final int[] iids = instanceIds;
        for (int i = 0; i < iids.length; i++)
        {
            if (iids[i] == instanceId)
            {
                return eids[i];
            }
        }
        return null;
    }

    private static int innerLength(final MutableDirectBuffer buffer, final int inner, final int available)
    {
        if (available < 1)
        {
            return -1;
        }
        final int version = (buffer.getByte(inner) & 0xFF) >>> 4;
        if (version == Ipv4Header.VERSION)
        {
            return Ipv4Header.validate(buffer, inner, available) == DecodeStatus.OK ?
                Ipv4Header.totalLength(buffer, inner) : -1;
        }
        if (version == Ipv6Header.VERSION)
        {
            return Ipv6Header.validate(buffer, inner, available) == DecodeStatus.OK ?
                Ipv6Header.ENCODED_LENGTH + Ipv6Header.payloadLength(buffer, inner) : -1;
        }
        return -1;
    }

    private void signals(
        final int flags, final int nonce, final int lsb, final int instanceId, final int rlocAfi, final long hi,
        final long lo)
    {
        long h = (hi ^ (lo * 0x9E37_79B9_7F4A_7C15L)) * 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 29;
        final int slot = (int)h & (TABLE_SIZE - 1);
        if (rlocHi[slot] != hi || rlocLo[slot] != lo)
        {
            rlocHi[slot] = hi;
            rlocLo[slot] = lo;
            lastLsb[slot] = -1;
            lastNonce[slot] = -1;
        }
        if ((flags & (LispDataHeader.FLAG_E | LispDataHeader.FLAG_N)) ==
            (LispDataHeader.FLAG_E | LispDataHeader.FLAG_N) && lastNonce[slot] != nonce)
        {
            if (events.offerEchoNonce(instanceId, rlocAfi, hi, lo, nonce))
            {
                lastNonce[slot] = nonce;
                counters.increment(DataPathCounters.ETR_ECHO_NONCE_EVENTS);
            }
            else
            {
                counters.increment(DataPathCounters.ETR_EVENT_QUEUE_FULL);
            }
        }
        if ((flags & LispDataHeader.FLAG_L) != 0 && lastLsb[slot] != lsb)
        {
            if (events.offerLocatorStatusBits(instanceId, rlocAfi, hi, lo, lastLsb[slot], lsb))
            {
                lastLsb[slot] = lsb;
                counters.increment(DataPathCounters.ETR_LSB_EVENTS);
            }
            else
            {
                counters.increment(DataPathCounters.ETR_EVENT_QUEUE_FULL);
            }
        }
    }
}
