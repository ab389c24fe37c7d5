/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.datapath.DataPathCounters;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapAction;
import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.mapcache.MappingView;
import io.fmc4j.api.spi.dataplane.PacketBurstHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import io.fmc4j.core.codec.LispDataHeader;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The ITR: a {@link PacketBurstHandler} for EID-side devices. For each inner IPv4 or IPv6 packet it looks the
 * destination up in the map-cache (under the instance ID of the device it came from), picks a locator with
 * {@link LocatorSelector} from a {@link FlowHash} of the inner packet, writes the LISP header (and, in
 * {@link RlocMode#IP}, outer IP and UDP headers) into the headroom in front of the packet and offers the grown
 * slice to the RLOC-side device: the payload is never copied.
 * <p>
 * A miss, an expired mapping or a negative mapping with action send-map-request drops the packet and asks the
 * control agent for a mapping through {@link PendingRequests} (one outstanding request per EID, rate-limited)
 * and the {@link DataPathEventRing}; packets sent while the lookup is pending are dropped and counted, not
 * queued. Other negative mappings drop (counted) or natively forward. Packets that would exceed the RLOC-side MTU
 * are handled statelessly (RFC 9300 §7.1): IPv6 and IPv4 with DF are dropped with an ICMPv6 Packet Too Big or
 * ICMP Fragmentation Needed sent back to the source through the EID-side device; IPv4 without DF is split into
 * inner fragments, each encapsulated (these two paths copy into a scratch buffer). Nothing allocates, locks or
 * logs per packet; every outcome is a {@link DataPathCounters} increment.
 * <p>
 * One instance per data-path thread; the agent sets the current EID-side device with {@link #port} before it
 * polls that device.
 */
public final class Encapsulator implements PacketBurstHandler
{
    /** Bytes the ITR needs in front of an inner packet in {@link RlocMode#IP} (outer IPv6, UDP, LISP). */
    public static final int IP_MODE_HEADROOM = IpUdp.IPV6_UDP_LENGTH + LispDataHeader.ENCODED_LENGTH;
    /** Bytes the ITR needs in front of an inner packet in {@link RlocMode#UDP_SOCKET}. */
    public static final int UDP_MODE_HEADROOM = LispDataHeader.ENCODED_LENGTH;

    /** Packets {@link #onBurst} looks up together. */
    public static final int BURST = 32;

    private static final int EPHEMERAL_PORT_BASE = 0xC000;
    private static final int NOT_HANDLED = Integer.MIN_VALUE;
    private static final int SCRATCH_HEADROOM = 128;
    private static final int IPV4_OVERHEAD = IpUdp.IPV4_UDP_LENGTH + LispDataHeader.ENCODED_LENGTH;
    private static final int IPV6_OVERHEAD = IpUdp.IPV6_UDP_LENGTH + LispDataHeader.ENCODED_LENGTH;

    private final MapCacheReader reader;
    private final MappingView view = new MappingView();
    private final PacketIo rloc;
    private final DataPathCounters counters;
    private final PendingRequests pending;
    private final DataPathEventRing events;
    private final EpochClock clock;
    private final TooBig tooBig;
    private final NextHopTable nextHops;
    private final MutableDirectBuffer scratch;
    private final boolean ipMode;
    private final int families;
    private final int localIpv4;
    private final long ipv4ConstantSum;
    private final long localIpv6Hi;
    private final long localIpv6Lo;
    private final int rlocMtu;
    private final boolean nonce;
    private final boolean mapVersioning;
    private final int sourceMapVersion;
    private final int lsb;
    private final boolean udpChecksum;
    private final int outerTtl;

    private final ChronicleMapCache.Reader direct;
    private final boolean inPlaceIpv4;
    private final boolean ipv6Rlocs;
    private final int[] burstAddresses = new int[BURST];
    private final int[] burstSlots = new int[BURST];
    private final int[] burstInnerLengths = new int[BURST];
    private final int[] burstStatuses = new int[BURST];
    private final MappingView[] burstViews = new MappingView[BURST];

    private int instanceId;
    private PacketIo eid;
    private int seed;

    /**
     * An ITR for one data-path thread.
     *
     * @param ctx      the concluded configuration.
     * @param reader   this thread's map-cache reader.
     * @param rloc     the RLOC-side device.
     * @param counters this thread's counters.
     * @param pending  the shared pending-request table.
     * @param events   the shared event queue.
     * @param clock    the clock the agent updates once per duty cycle.
     */
    public Encapsulator(
        final XtrDataPlane.Context ctx,
        final MapCacheReader reader,
        final PacketIo rloc,
        final DataPathCounters counters,
        final PendingRequests pending,
        final DataPathEventRing events,
        final EpochClock clock)
    {
        this.reader = reader;
        this.rloc = rloc;
        this.counters = counters;
        this.pending = pending;
        this.events = events;
        this.clock = clock;
        this.ipMode = ctx.rlocMode() == RlocMode.IP;
        this.families = (ctx.hasIpv4Rloc() ? LocatorSelector.FAMILY_IPV4 : 0) |
            (ctx.hasIpv6Rloc() ? LocatorSelector.FAMILY_IPV6 : 0);
        this.localIpv4 = ctx.localRlocIpv4();
        this.ipv4ConstantSum = (localIpv4 >>> 16) + (localIpv4 & 0xFFFF) + Ipv4Header.FLAG_DF;
        this.localIpv6Hi = ctx.localRlocIpv6Hi();
        this.localIpv6Lo = ctx.localRlocIpv6Lo();
        this.rlocMtu = ctx.rlocMtu();
        this.nonce = ctx.nonce();
        this.mapVersioning = ctx.mapVersioning();
        this.sourceMapVersion = ctx.sourceMapVersion();
        this.lsb = ctx.locatorStatusBits();
        this.udpChecksum = ctx.udpChecksum();
        this.outerTtl = ctx.outerTtl();
        this.nextHops = ipMode ? null : new NextHopTable(64);
        // The map-cache's own reader can be read in place (no copy of the mapping) for IPv4 under a DIR-24-8 table.
        this.direct = reader instanceof ChronicleMapCache.Reader ? (ChronicleMapCache.Reader)reader : null;
        this.inPlaceIpv4 = ipMode && !udpChecksum && (families & LocatorSelector.FAMILY_IPV4) != 0;
        this.ipv6Rlocs = (families & LocatorSelector.FAMILY_IPV6) != 0;
        this.scratch = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            SCRATCH_HEADROOM + 65536, BitUtil.CACHE_LINE_LENGTH));
        this.tooBig = new TooBig();
        this.seed = (int)System.nanoTime() | 1;
        for (int i = 0; i < BURST; i++)
        {
            burstViews[i] = new MappingView();
        }
    }

    /**
     * Sets the EID-side device whose packets follow, and its instance ID.
     *
     * @param eid        the device (ICMP errors go back through it).
     * @param instanceId its instance ID.
     */
    public void port(final PacketIo eid, final int instanceId)
    {
        this.eid = eid;
        this.instanceId = instanceId;
    }

    @Override
    public void onPacket(final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress source)
    {
        counters.increment(DataPathCounters.ITR_RX_PACKETS);
        if (length < 1)
        {
            counters.increment(DataPathCounters.ITR_DROP_MALFORMED);
            return;
        }
        final int version = (buffer.getByte(offset) & 0xFF) >>> 4;
        final int status;
        final int afi;
        final int innerLength;
        if (version == Ipv4Header.VERSION)
        {
            if (Ipv4Header.validate(buffer, offset, length) != 0)
            {
                counters.increment(DataPathCounters.ITR_DROP_MALFORMED);
                return;
            }
            afi = Afi.IPV4;
            innerLength = Ipv4Header.totalLength(buffer, offset);
            final int destination = Ipv4Header.destinationAddress(buffer, offset);
            if (null != direct)
            {
                final int entry = direct.ipv4Entry(instanceId, destination);
                if (entry != ChronicleMapCache.ENTRY_NO_TABLE)
                {
                    final int sent = inPlace(buffer, offset, innerLength, destination, entry);
                    if (sent != NOT_HANDLED)
                    {
                        if (sent >= 0)
                        {
                            counters.increment(DataPathCounters.ITR_ENCAPSULATED);
                            counters.add(DataPathCounters.ITR_TX_BYTES, sent);
                        }
                        return;
                    }
                }
            }
            status = reader.lookupIpv4(instanceId, destination, view);
        }
        else if (version == Ipv6Header.VERSION)
        {
            if (Ipv6Header.validate(buffer, offset, length) != 0)
            {
                counters.increment(DataPathCounters.ITR_DROP_MALFORMED);
                return;
            }
            afi = Afi.IPV6;
            innerLength = Ipv6Header.ENCODED_LENGTH + Ipv6Header.payloadLength(buffer, offset);
            status = reader.lookup(instanceId, Afi.IPV6, buffer, offset + Ipv6Header.DESTINATION_OFFSET, view);
        }
        else
        {
            counters.increment(DataPathCounters.ITR_DROP_MALFORMED);
            return;
        }

        forward(buffer, offset, innerLength, afi, status, view);
    }

    /**
     * A burst of inner packets from the current EID-side device, with the same outcome for each packet as
     * {@link #onPacket}. The map-cache lookups of the burst's IPv4 packets are made together first
     * ({@link MapCacheReader#lookupIpv4Burst}), so that their cache misses overlap; then each packet is
     * encapsulated and offered in turn, in the order received. Counters are added once per burst.
     *
     * @param buffers the packets' buffers (the same buffer may appear more than once).
     * @param offsets where each packet starts; each has the device's headroom in front of it.
     * @param lengths each packet's received length.
     * @param count   packets in the burst.
     */
    @Override
    public void onBurst(
        final MutableDirectBuffer[] buffers, final int[] offsets, final int[] lengths, final int count)
    {
        final int[] addresses = burstAddresses;
        final int[] slots = burstSlots;
        final int[] innerLengths = burstInnerLengths;
        final int[] statuses = burstStatuses;
        final MappingView[] views = burstViews;
        for (int start = 0; start < count; start += BURST)
        {
            final int n = Math.min(BURST, count - start);
            int lookups = 0;
            for (int i = 0; i < n; i++)
            {
                final MutableDirectBuffer buffer = buffers[start + i];
                final int offset = offsets[start + i];
                final int length = lengths[start + i];
                final int innerLength = validIpv4Length(buffer, offset, length);
                if (innerLength > 0)
                {
                    slots[i] = lookups;
                    innerLengths[lookups] = innerLength;
                    addresses[lookups++] =
                        Raw.intBigEndian(buffer.byteArray(), buffer.addressOffset() + offset + DESTINATION);
                }
                else
                {
                    slots[i] = -1;
                }
            }
            final boolean entries = null != direct && direct.ipv4Entries(instanceId, addresses, lookups, statuses);
            if (!entries)
            {
                reader.lookupIpv4Burst(instanceId, addresses, lookups, statuses, views);
            }
            long received = 0;
            long encapsulated = 0;
            long bytes = 0;
            for (int i = 0; i < n; i++)
            {
                final MutableDirectBuffer buffer = buffers[start + i];
                final int offset = offsets[start + i];
                final int slot = slots[i];
                if (slot < 0)
                {
                    onPacket(buffer, offset, lengths[start + i], null);
                    continue;
                }
                received++;
                final int innerLength = innerLengths[slot];
                int sent = NOT_HANDLED;
                if (entries)
                {
                    sent = inPlace(buffer, offset, innerLength, addresses[slot], statuses[slot]);
                    if (sent == NOT_HANDLED)
                    {
                        sent = encapsulateOrDivert(buffer, offset, innerLength, Afi.IPV4,
                            reader.lookupIpv4(instanceId, addresses[slot], view), view);
                    }
                }
                else
                {
                    sent = encapsulateOrDivert(buffer, offset, innerLength, Afi.IPV4, statuses[slot], views[slot]);
                }
                if (sent >= 0)
                {
                    encapsulated++;
                    bytes += sent;
                }
            }
            counters.add(DataPathCounters.ITR_RX_PACKETS, received);
            if (encapsulated > 0)
            {
                counters.add(DataPathCounters.ITR_ENCAPSULATED, encapsulated);
                counters.add(DataPathCounters.ITR_TX_BYTES, bytes);
            }
        }
    }

    private static final int DESTINATION = Ipv4Header.DESTINATION_OFFSET;

    /**
     * {@link Ipv4Header#validate(int, int, int)} on the fields of a received IPv4 packet, read after one range
     * check with raw loads: the packet's total length when it is a well-formed IPv4 header within the received
     * length, else -1 (the packet then goes through {@link #onPacket}, which counts why).
     */
    private static int validIpv4Length(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv4Header.ENCODED_LENGTH || offset < 0 || length > buffer.capacity() - offset)
        {
            return -1;
        }
        final byte[] array = buffer.byteArray();
        final long packet = buffer.addressOffset() + offset;
        final int totalLength = Raw.shortBigEndian(array, packet + Ipv4Header.TOTAL_LENGTH_OFFSET) & 0xFFFF;
        final int versionIhl = UnsafeApi.getByte(array, packet) & 0xFF;
        return Ipv4Header.validate(versionIhl, totalLength, length) == DecodeStatus.OK ? totalLength : -1;
    }

    private void forward(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int afi,
        final int status,
        final MappingView view)
    {
        final int sent = encapsulateOrDivert(buffer, offset, innerLength, afi, status, view);
        if (sent >= 0)
        {
            counters.increment(DataPathCounters.ITR_ENCAPSULATED);
            counters.add(DataPathCounters.ITR_TX_BYTES, sent);
        }
    }

    /**
     * Everything after the lookup.
     *
     * @return bytes offered when the packet was encapsulated and accepted (not yet counted), else -1 (the
     *         outcome already counted).
     */
    private int encapsulateOrDivert(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int afi,
        final int status,
        final MappingView view)
    {
        if (status != MapCacheStatus.FOUND)
        {
            if (status == MapCacheStatus.NO_MAPPING || status == MapCacheStatus.EXPIRED)
            {
                counters.increment(DataPathCounters.ITR_MISS);
                requestMapping(buffer, offset, afi, afi == Afi.IPV4 ? 32 : 128, false, view);
            }
            else
            {
                counters.increment(DataPathCounters.ITR_DROP_LOOKUP);
            }
            return -1;
        }
        if (view.negative())
        {
            negative(buffer, offset, innerLength, afi, view);
            return -1;
        }

        final int hash = afi == Afi.IPV4 ? FlowHash.ipv4(buffer, offset, innerLength) :
            FlowHash.ipv6(buffer, offset, innerLength);
        final LocatorSetDecoder locators = view.locators();
        final int locator = LocatorSelector.select(locators, families, hash);
        if (locator == LocatorSelector.NONE)
        {
            counters.increment(DataPathCounters.ITR_DROP_NO_LOCATOR);
            return -1;
        }
        final int rlocAfi = locators.afi(locator);
        final int maxInner = rlocMtu - (rlocAfi == Afi.IPV4 ? IPV4_OVERHEAD : IPV6_OVERHEAD);
        if (innerLength > maxInner)
        {
            tooBig(buffer, offset, innerLength, afi, maxInner, view, locator, hash);
            return -1;
        }
        return encapsulate(buffer, offset, innerLength, afi, view, locator, hash);
    }

    /**
     * The common case of an IPv4 packet under a DIR-24-8 table, resolved from the map-cache record's forwarding
     * line alone (the RLOC precomputed by the writer, read optimistically and validated by the record's sequence
     * word; nothing copied): a positive, unexpired mapping whose chosen locator is IPv4, outer IPv4 without a UDP
     * checksum, within the MTU. A miss is handled here too.
     *
     * @return bytes offered and accepted (not yet counted), -1 when handled and dropped (counted), or
     *         {@link #NOT_HANDLED} for everything else, which the caller passes to the general path.
     */
    private int inPlace(
        final MutableDirectBuffer buffer, final int offset, final int innerLength, final int destination,
        final int entry)
    {
        if (entry == ChronicleMapCache.ENTRY_NO_MAPPING)
        {
            counters.increment(DataPathCounters.ITR_MISS);
            requestMapping(buffer, offset, Afi.IPV4, 32, false, view);
            return -1;
        }
        // One check covers every access to the packet below: the outer headers' headroom and the inner packet lie
        // inside the buffer (the lengths were validated against the received length by Ipv4Header.validate).
        if (!inPlaceIpv4 || innerLength > rlocMtu - IPV4_OVERHEAD || offset < IPV4_OVERHEAD ||
            offset + innerLength > buffer.capacity())
        {
            return NOT_HANDLED;
        }
        final byte[] array = buffer.byteArray();
        final long packet = buffer.addressOffset() + offset;
        final int hash = FlowHash.ipv4(array, packet, innerLength);
        final long resolved = direct.resolveIpv4(instanceId, destination, entry, ipv6Rlocs, hash);
        if (resolved < 0)
        {
            return NOT_HANDLED;
        }
        final int rlocAddress = (int)resolved;
        final int mapVersion = (int)(resolved >>> 32);

        final long lisp = packet - LispDataHeader.ENCODED_LENGTH;
        final long words = lispHeader(mapVersion);
        Raw.putIntBigEndian(array, lisp, (int)(words >>> 32));
        Raw.putIntBigEndian(array, lisp + LispDataHeader.IID_LSB_OFFSET, (int)words);
        final int ttl = UnsafeApi.getByte(array, packet + Ipv4Header.TTL_OFFSET) & 0xFF;
        final int tos = UnsafeApi.getByte(array, packet + Ipv4Header.TOS_OFFSET) & 0xFF;
        final int hops = (outerTtl == XtrDataPlane.Context.COPY_INNER_TTL ? ttl : outerTtl) & 0xFF;
        final int udpLength = innerLength + LispDataHeader.ENCODED_LENGTH + UdpHeader.ENCODED_LENGTH;
        final int totalLength = udpLength + Ipv4Header.ENCODED_LENGTH;
        final int versionTos = 0x4500 | tos;
        final int ttlProtocol = (hops << 8) | Ipv4Header.PROTOCOL_UDP;
        long sum = ipv4ConstantSum + versionTos + totalLength + ttlProtocol + (rlocAddress >>> 16) +
            (rlocAddress & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        final int checksum = ~(int)sum & 0xFFFF;
        final long outer = packet - IPV4_OVERHEAD;
        Raw.putLongBigEndian(array, outer, ((long)versionTos << 48) | ((long)totalLength << 32) | Ipv4Header.FLAG_DF);
        Raw.putLongBigEndian(array, outer + Ipv4Header.TTL_OFFSET,
            ((long)ttlProtocol << 48) | ((long)checksum << 32) | (localIpv4 & 0xFFFF_FFFFL));
        Raw.putIntBigEndian(array, outer + Ipv4Header.DESTINATION_OFFSET, rlocAddress);
        Raw.putLongBigEndian(array, outer + Ipv4Header.ENCODED_LENGTH,
            ((long)(EPHEMERAL_PORT_BASE | (hash & 0x3FFF)) << 48) | ((long)LispPorts.DATA << 32) |
            ((long)udpLength << 16));
        final int total = innerLength + IPV4_OVERHEAD;
        if (rloc.offer(buffer, offset - IPV4_OVERHEAD, total, PacketIo.NO_NEXT_HOP) >= 0)
        {
            return total;
        }
        counters.increment(DataPathCounters.ITR_DROP_TX);
        return -1;
    }

    /**
     * Writes the headers and offers the packet.
     *
     * @return bytes accepted by the device (not yet counted), or -1 when dropped (counted).
     */
    private int encapsulate(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int afi,
        final MappingView view,
        final int locator,
        final int hash)
    {
        final LocatorSetDecoder locators = view.locators();
        final int lispOffset = offset - LispDataHeader.ENCODED_LENGTH;
        writeLispHeader(buffer, lispOffset, view.mapVersion());
        final int lispLength = innerLength + LispDataHeader.ENCODED_LENGTH;
        final int rlocAfi = locators.afi(locator);
        final int start;
        final int nextHop;
        if (ipMode)
        {
            final int ttl;
            final int tos;
            if (afi == Afi.IPV4)
            {
                ttl = buffer.getByte(offset + Ipv4Header.TTL_OFFSET) & 0xFF;
                tos = buffer.getByte(offset + Ipv4Header.TOS_OFFSET) & 0xFF;
            }
            else
            {
                ttl = buffer.getByte(offset + Ipv6Header.HOP_LIMIT_OFFSET) & 0xFF;
                tos = (buffer.getShort(offset, BIG_ENDIAN) >>> 4) & 0xFF;
            }
            final int sourcePort = EPHEMERAL_PORT_BASE | (hash & 0x3FFF);
            final int hops = outerTtl == XtrDataPlane.Context.COPY_INNER_TTL ? ttl : outerTtl;
            if (rlocAfi == Afi.IPV4)
            {
                start = lispOffset - IpUdp.IPV4_UDP_LENGTH;
                if (udpChecksum)
                {
                    IpUdp.writeIpv4Udp(buffer, start, localIpv4, locators.ipv4Address(locator), sourcePort,
                        LispPorts.DATA, lispLength, hops, tos, 0, true, true);
                }
                else
                {
                    writeIpv4Udp(buffer, start, locators.ipv4Address(locator), sourcePort, lispLength, hops, tos);
                }
            }
            else
            {
                start = lispOffset - IpUdp.IPV6_UDP_LENGTH;
                final int at = locators.at(locator) + LocatorSet.ADDRESS_OFFSET;
                IpUdp.writeIpv6Udp(buffer, start, localIpv6Hi, localIpv6Lo,
                    locators.buffer().getLong(at, BIG_ENDIAN), locators.buffer().getLong(at + 8, BIG_ENDIAN),
                    sourcePort, LispPorts.DATA, lispLength, hops, udpChecksum);
                if (tos != 0)
                {
                    buffer.putInt(start, buffer.getInt(start, BIG_ENDIAN) | (tos << 20), BIG_ENDIAN);
                }
            }
            nextHop = PacketIo.NO_NEXT_HOP;
        }
        else
        {
            start = lispOffset;
            final long hi;
            final long lo;
            if (rlocAfi == Afi.IPV4)
            {
                hi = (long)locators.ipv4Address(locator) << 32;
                lo = 0;
            }
            else
            {
                final int at = locators.at(locator) + LocatorSet.ADDRESS_OFFSET;
                hi = locators.buffer().getLong(at, BIG_ENDIAN);
                lo = locators.buffer().getLong(at + 8, BIG_ENDIAN);
            }
            final int registered = nextHops.size();
            nextHop = nextHops.nextHop(rloc, rlocAfi, hi, lo);
            if (nextHop == NextHopTable.FAILED)
            {
                counters.increment(DataPathCounters.ITR_DROP_NEXT_HOP);
                return -1;
            }
            if (nextHops.size() != registered)
            {
                counters.increment(DataPathCounters.ITR_NEXT_HOPS_REGISTERED);
            }
        }
        final int total = innerLength + (offset - start);
        final int result = rloc.offer(buffer, start, total, nextHop);
        if (result >= 0)
        {
            return total;
        }
        counters.increment(DataPathCounters.ITR_DROP_TX);
        return -1;
    }

    /**
     * Outer IPv4 (DF, identification 0) and UDP (checksum 0) headers in three wide stores, with the IPv4 header
     * checksum summed from the field values (the constant part precomputed) instead of read back from memory.
     * Same bytes as {@link IpUdp#writeIpv4Udp}; the tests decode them with {@link IpUdp#parseIpUdp}.
     */
    private void writeIpv4Udp(
        final MutableDirectBuffer buffer,
        final int start,
        final int destination,
        final int sourcePort,
        final int payloadLength,
        final int ttl,
        final int tos)
    {
        final int udpLength = payloadLength + UdpHeader.ENCODED_LENGTH;
        final int totalLength = udpLength + Ipv4Header.ENCODED_LENGTH;
        final int versionTos = 0x4500 | (tos & 0xFF);
        final int ttlProtocol = ((ttl & 0xFF) << 8) | Ipv4Header.PROTOCOL_UDP;
        long sum = ipv4ConstantSum + versionTos + totalLength + ttlProtocol + (destination >>> 16) +
            (destination & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        final int checksum = ~(int)sum & 0xFFFF;
        buffer.putLong(start, ((long)versionTos << 48) | ((long)totalLength << 32) | Ipv4Header.FLAG_DF, BIG_ENDIAN);
        buffer.putLong(start + Ipv4Header.TTL_OFFSET,
            ((long)ttlProtocol << 48) | ((long)checksum << 32) | (localIpv4 & 0xFFFF_FFFFL), BIG_ENDIAN);
        buffer.putInt(start + Ipv4Header.DESTINATION_OFFSET, destination, BIG_ENDIAN);
        buffer.putLong(start + Ipv4Header.ENCODED_LENGTH,
            ((long)sourcePort << 48) | ((long)LispPorts.DATA << 32) | ((long)udpLength << 16), BIG_ENDIAN);
    }

    private void writeLispHeader(final MutableDirectBuffer buffer, final int lispOffset, final int mapVersion)
    {
        final long words = lispHeader(mapVersion);
        buffer.putInt(lispOffset, (int)(words >>> 32), BIG_ENDIAN);
        buffer.putInt(lispOffset + LispDataHeader.IID_LSB_OFFSET, (int)words, BIG_ENDIAN);
    }

    /**
     * The LISP data header's two 32-bit words (flags and nonce or versions; instance ID and LSBs), first word high.
     */
    private long lispHeader(final int mapVersion)
    {
        int flags = 0;
        int field = 0;
        if (mapVersioning)
        {
            flags = LispDataHeader.FLAG_V;
            field = (sourceMapVersion << 12) | mapVersion;
        }
        else if (nonce)
        {
            int x = seed;
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            seed = x;
            flags = LispDataHeader.FLAG_N;
            field = x & LispDataHeader.MASK_24;
        }
        final int second;
        if (instanceId != 0)
        {
            flags |= LispDataHeader.FLAG_I;
            if (lsb >= 0)
            {
                flags |= LispDataHeader.FLAG_L;
                second = (instanceId << 8) | (lsb & 0xFF);
            }
            else
            {
                second = instanceId << 8;
            }
        }
        else if (lsb >= 0)
        {
            flags |= LispDataHeader.FLAG_L;
            second = lsb;
        }
        else
        {
            second = 0;
        }
        return ((long)((flags << 24) | field) << 32) | (second & 0xFFFF_FFFFL);
    }

    private void negative(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int afi,
        final MappingView view)
    {
        final int action = view.action();
        if (action == MapAction.SEND_MAP_REQUEST)
        {
            counters.increment(DataPathCounters.ITR_MISS);
            requestMapping(buffer, offset, afi, view.maskLength(), true, view);
        }
        else if (action == MapAction.NATIVELY_FORWARD)
        {
            if (!ipMode)
            {
                counters.increment(DataPathCounters.ITR_DROP_NATIVE_UNSUPPORTED);
                return;
            }
            if (rloc.offer(buffer, offset, innerLength, PacketIo.NO_NEXT_HOP) >= 0)
            {
                counters.increment(DataPathCounters.ITR_NATIVELY_FORWARDED);
            }
            else
            {
                counters.increment(DataPathCounters.ITR_DROP_TX);
            }
        }
        else
        {
            counters.increment(DataPathCounters.ITR_DROP_NEGATIVE);
        }
    }

    private void requestMapping(
        final MutableDirectBuffer buffer,
        final int offset,
        final int afi,
        final int maskLength,
        final boolean prefix,
        final MappingView view)
    {
        final long eidHi;
        final long eidLo;
        final long srcHi;
        final long srcLo;
        if (afi == Afi.IPV4)
        {
            eidHi = prefix ? view.hi() : (long)Ipv4Header.destinationAddress(buffer, offset) << 32;
            eidLo = 0;
            srcHi = (long)Ipv4Header.sourceAddress(buffer, offset) << 32;
            srcLo = 0;
        }
        else
        {
            eidHi = prefix ? view.hi() : buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
            eidLo = prefix ? view.lo() : buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
            srcHi = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN);
            srcLo = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN);
        }
        final long now = clock.time();
        final long key = PendingRequests.key(instanceId, afi, maskLength, eidHi, eidLo);
        switch (pending.tryRequest(key, now))
        {
            case PendingRequests.REQUEST:
                if (events.offerMapRequest(instanceId, afi, maskLength, eidHi, eidLo, srcHi, srcLo))
                {
                    counters.increment(DataPathCounters.ITR_MAP_REQUEST_QUEUED);
                }
                else
                {
                    pending.release(key, now);
                    counters.increment(DataPathCounters.ITR_MAP_REQUEST_QUEUE_FULL);
                }
                break;
            case PendingRequests.PENDING:
                counters.increment(DataPathCounters.ITR_MAP_REQUEST_PENDING);
                break;
            case PendingRequests.RATE_LIMITED:
                counters.increment(DataPathCounters.ITR_MAP_REQUEST_RATE_LIMITED);
                break;
            default:
                counters.increment(DataPathCounters.ITR_MAP_REQUEST_TABLE_FULL);
                break;
        }
    }

    private void tooBig(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int afi,
        final int maxInner,
        final MappingView view,
        final int locator,
        final int hash)
    {
        if (afi == Afi.IPV4 &&
            (Ipv4Header.flagsAndFragmentOffset(buffer, offset) & Ipv4Header.FLAG_DF) == 0)
        {
            fragment(buffer, offset, innerLength, maxInner, view, locator, hash);
            return;
        }
        counters.increment(DataPathCounters.ITR_DROP_TOO_BIG);
        final PacketIo eid = this.eid;
        if (eid == null)
        {
            return;
        }
        final int icmpLength = afi == Afi.IPV4 ?
            tooBig.writeIpv4(buffer, offset, innerLength, maxInner, scratch, SCRATCH_HEADROOM) :
            tooBig.writeIpv6(buffer, offset, innerLength, maxInner, scratch, SCRATCH_HEADROOM);
        if (icmpLength > 0 && eid.offer(scratch, SCRATCH_HEADROOM, icmpLength, PacketIo.NO_NEXT_HOP) >= 0)
        {
            counters.increment(DataPathCounters.ITR_ICMP_TOO_BIG_SENT);
        }
    }

    private void fragment(
        final MutableDirectBuffer buffer,
        final int offset,
        final int innerLength,
        final int maxInner,
        final MappingView view,
        final int locator,
        final int hash)
    {
        final int headerLength = Ipv4Header.headerLength(buffer, offset);
        final int chunk = (maxInner - Ipv4Header.ENCODED_LENGTH) & ~7;
        if (headerLength != Ipv4Header.ENCODED_LENGTH || chunk < 8)
        {
            counters.increment(DataPathCounters.ITR_DROP_CANNOT_FRAGMENT);
            return;
        }
        counters.increment(DataPathCounters.ITR_FRAGMENTED);
        final int flagsOffset = Ipv4Header.flagsAndFragmentOffset(buffer, offset);
        final int baseOffset = flagsOffset & Ipv4Header.FRAGMENT_OFFSET_MASK;
        final boolean moreAfter = (flagsOffset & Ipv4Header.FLAG_MF) != 0;
        final int dataLength = innerLength - headerLength;
        for (int position = 0; position < dataLength; position += chunk)
        {
            final int piece = Math.min(chunk, dataLength - position);
            final boolean more = position + piece < dataLength || moreAfter;
            final int at = SCRATCH_HEADROOM;
            scratch.putBytes(at, buffer, offset, headerLength);
            scratch.putBytes(at + headerLength, buffer, offset + headerLength + position, piece);
            scratch.putShort(at + Ipv4Header.TOTAL_LENGTH_OFFSET, (short)(headerLength + piece), BIG_ENDIAN);
            scratch.putShort(at + Ipv4Header.FLAGS_FRAGMENT_OFFSET,
                (short)((more ? Ipv4Header.FLAG_MF : 0) | (baseOffset + (position >>> 3))), BIG_ENDIAN);
            Ipv4Header.updateChecksum(scratch, at);
            final int sent = encapsulate(scratch, at, headerLength + piece, Afi.IPV4, view, locator, hash);
            if (sent >= 0)
            {
                counters.increment(DataPathCounters.ITR_ENCAPSULATED);
                counters.add(DataPathCounters.ITR_TX_BYTES, sent);
            }
        }
    }
}
