/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.Afi;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PeerAddress;
import io.fmc4j.core.codec.ControlHeader;
import io.fmc4j.core.codec.EcmDecoder;
import io.fmc4j.core.codec.LispAddress;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapRecordEncoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapReplyEncoder;
import io.fmc4j.core.codec.MapRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small Map-Server/Map-Resolver for exercising xTRs on loopback: authenticated registrations (merge or replace,
 * TTL 0 withdraws), Map-Notify echo, ECM Map-Requests forwarded unchanged to the registering ETR or answered with a
 * negative Map-Reply, RFC 9437 subscriptions with Map-Notify updates retransmitted until Map-Notify-Ack, and a
 * Map-Notify to the previous xTR when another one takes a prefix over. {@link #legacy(boolean)} turns off
 * pub/sub, the take-over notification and acknowledgement tracking, as in the widely deployed implementation.
 * Test fixture: allocates freely.
 */
public final class LoopbackMapServer implements Agent
{
    private static final int[] NO_PORTS = new int[0];

    private final PacketIo io;
    private final LispAuthenticator auth;
    private final Random random;
    private final UnsafeBuffer tx = new UnsafeBuffer(new byte[4096]);
    private final MapRegisterDecoder registerDecoder = new MapRegisterDecoder();
    private final MapRequestDecoder requestDecoder = new MapRequestDecoder();
    private final EcmDecoder ecmDecoder = new EcmDecoder();
    private final MapRegisterEncoder registerEncoder = new MapRegisterEncoder();
    private final MapReplyEncoder replyEncoder = new MapReplyEncoder();
    private final Map<EidPrefix, List<Registration>> registrations = new LinkedHashMap<>();
    private final Map<EidPrefix, List<Subscriber>> subscribers = new HashMap<>();
    private final Map<Long, Outstanding> outstanding = new HashMap<>();
    private final Map<Long, Integer> hops = new HashMap<>();
    private boolean legacy;
    private EidPrefix negativePrefix;
    private long retransmitNs = 50_000_000L;
    private int retransmitAttempts = 20;
    private long nextRetransmitNs;
    private int notifiesSent;
    private int acksReceived;
    private int badAuth;

    /** One xTR's registration of a prefix. */
    static final class Registration
    {
        long xtrIdHigh;
        long xtrIdLow;
        int sourceIpv4;
        int sourcePort;
        int[] locators = NO_PORTS;
        int[] priorities = NO_PORTS;
        int[] weights = NO_PORTS;
    }

    /** A subscriber of a prefix. */
    static final class Subscriber
    {
        long xtrIdHigh;
        long xtrIdLow;
        int ipv4;
        int port;
    }

    /** A Map-Notify waiting for its Map-Notify-Ack. */
    static final class Outstanding
    {
        byte[] message;
        int ipv4;
        int port;
        int attempts;
    }

    /**
     * A Map-Server on an open device, with one key for every site.
     *
     * @param io     the control-port device.
     * @param auth   the shared key.
     * @param seed   seed of the nonce generator.
     */
    public LoopbackMapServer(final PacketIo io, final LispAuthenticator auth, final long seed)
    {
        this.io = io;
        this.auth = auth;
        this.random = new Random(seed);
    }

    /**
     * Behave like a peer without pub/sub, take-over notification or Map-Notify-Ack.
     *
     * @param legacy the mode.
     * @return this.
     */
    public LoopbackMapServer legacy(final boolean legacy)
    {
        this.legacy = legacy;
        return this;
    }

    /**
     * Answer every unregistered EID with this negative prefix (whether or not it covers the EID).
     *
     * @param prefix the prefix, or null to answer with the EID itself.
     * @return this.
     */
    public LoopbackMapServer negativePrefix(final EidPrefix prefix)
    {
        this.negativePrefix = prefix;
        return this;
    }

    /**
     * Map-Notify retransmission interval and attempts.
     *
     * @param ms       the interval.
     * @param attempts the attempts.
     * @return this.
     */
    public LoopbackMapServer retransmit(final long ms, final int attempts)
    {
        this.retransmitNs = ms * 1_000_000L;
        this.retransmitAttempts = attempts;
        return this;
    }

    /**
     * Map-Notifies sent (registrations, updates, take-overs, retransmissions).
     *
     * @return the count.
     */
    public int notifiesSent()
    {
        return notifiesSent;
    }

    /**
     * Map-Notify-Acks received.
     *
     * @return the count.
     */
    public int acksReceived()
    {
        return acksReceived;
    }

    /**
     * Messages refused for bad authentication.
     *
     * @return the count.
     */
    public int badAuth()
    {
        return badAuth;
    }

    /**
     * The registrants' RLOCs of a prefix (merged).
     *
     * @param prefix the prefix.
     * @return the RLOCs, empty when unregistered.
     */
    public int[] locators(final EidPrefix prefix)
    {
        final List<Registration> list = registrations.get(prefix);
        if (null == list)
        {
            return NO_PORTS;
        }
        return list.stream().flatMapToInt(r -> java.util.Arrays.stream(r.locators)).toArray();
    }

    @Override
    public String roleName()
    {
        return "loopback-map-server";
    }

    @Override
    public int doWork()
    {
        int work = io.poll(this::onPacket, 64);
        final long now = System.nanoTime();
        if (now - nextRetransmitNs >= 0)
        {
            nextRetransmitNs = now + retransmitNs;
            final Iterator<Outstanding> it = outstanding.values().iterator();
            while (it.hasNext())
            {
                final Outstanding o = it.next();
                if (o.attempts >= retransmitAttempts)
                {
                    it.remove();
                    continue;
                }
                o.attempts++;
                tx.putBytes(0, o.message);
                send(o.ipv4, o.port, o.message.length);
                notifiesSent++;
                work++;
            }
        }
        return work;
    }

    private void onPacket(final MutableDirectBuffer buffer, final int offset, final int length, final PeerAddress src)
    {
        if (ControlHeader.validate(buffer, offset, length) < 0 || src.family() != PeerAddress.FAMILY_IPV4)
        {
            return;
        }
        switch (ControlHeader.type(buffer, offset))
        {
            case MessageType.MAP_REGISTER:
                onRegister(buffer, offset, src.ipv4(), src.port());
                break;
            case MessageType.MAP_NOTIFY_ACK:
                registerDecoder.wrap(buffer, offset);
                if (auth.verify(buffer, offset, registerDecoder.encodedLength(), MapRegister.AUTH_OFFSET,
                    registerDecoder.authLength()))
                {
                    if (null != outstanding.remove(registerDecoder.nonce()))
                    {
                        acksReceived++;
                    }
                }
                else
                {
                    badAuth++;
                }
                break;
            case MessageType.ECM:
                onEcm(buffer, offset);
                break;
            default:
                break;
        }
    }

    private void onRegister(final DirectBuffer buffer, final int offset, final int ipv4, final int port)
    {
        final MapRegisterDecoder register = registerDecoder.wrap(buffer, offset);
        final int length = register.encodedLength();
        if (!auth.verify(buffer, offset, length, MapRegister.AUTH_OFFSET, register.authLength()))
        {
            badAuth++;
            return;
        }
        final boolean merge = register.flag(MapRegister.FLAG_MERGE);
        final long xtrHigh = register.xtrIdPresent() ? register.xtrIdHigh() : ipv4;
        final long xtrLow = register.xtrIdPresent() ? register.xtrIdLow() : port;
        final List<EidPrefix> changed = new ArrayList<>();
        final List<Registration> displaced = new ArrayList<>();
        final MapRecordDecoder records = register.records();
        while (records.hasNext())
        {
            final MapRecordDecoder record = records.next();
            final EidPrefix prefix = prefixOf(record.buffer(), record.eidOffset(), record.maskLength());
            if (null == prefix)
            {
                continue;
            }
            final List<Registration> list = registrations.computeIfAbsent(prefix, p -> new ArrayList<>());
            final String before = describe(list);
            list.removeIf(r -> r.xtrIdHigh == xtrHigh && r.xtrIdLow == xtrLow);
            if (record.ttl() != 0)
            {
                if (!merge)
                {
                    displaced.addAll(list);
                    list.clear();
                }
                final Registration r = new Registration();
                r.xtrIdHigh = xtrHigh;
                r.xtrIdLow = xtrLow;
                r.sourceIpv4 = ipv4;
                r.sourcePort = port;
                final LocatorDecoder locators = record.locators();
                final List<int[]> locs = new ArrayList<>();
                while (locators.hasNext())
                {
                    locators.next();
                    if (locators.afi() == Afi.IPV4)
                    {
                        locs.add(new int[] {locators.ipv4(), locators.priority(), locators.weight()});
                    }
                }
                r.locators = locs.stream().mapToInt(a -> a[0]).toArray();
                r.priorities = locs.stream().mapToInt(a -> a[1]).toArray();
                r.weights = locs.stream().mapToInt(a -> a[2]).toArray();
                list.add(r);
            }
            if (list.isEmpty())
            {
                registrations.remove(prefix);
            }
            if (!before.equals(describe(list)))
            {
                changed.add(prefix);
            }
            if (!legacy)
            {
                for (final Registration old : displaced)
                {
                    notifyOf(prefix, old.sourceIpv4, old.sourcePort, true);
                }
            }
            displaced.clear();
        }
        if (register.wantMapNotify())
        {
            tx.putBytes(0, buffer, offset, length);
            final int word = tx.getInt(0, ByteOrder.BIG_ENDIAN);
            final int flags = register.xtrIdPresent() ? MapRegister.NOTIFY_FLAG_I : 0;
            tx.putInt(0, (MessageType.MAP_NOTIFY << 28) | flags | (word & 0xFF), ByteOrder.BIG_ENDIAN);
            auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
            send(ipv4, port, length);
            notifiesSent++;
        }
        if (!legacy)
        {
            for (final EidPrefix prefix : changed)
            {
                publish(prefix);
            }
        }
    }

    private void publish(final EidPrefix prefix)
    {
        for (final Map.Entry<EidPrefix, List<Subscriber>> e : subscribers.entrySet())
        {
            if (e.getKey().covers(prefix))
            {
                for (final Subscriber s : e.getValue())
                {
                    notifyOf(prefix, s.ipv4, s.port, true);
                }
            }
        }
    }

    private void notifyOf(final EidPrefix prefix, final int ipv4, final int port, final boolean tracked)
    {
        final long nonce = random.nextLong();
        final MapRegisterEncoder notify = registerEncoder.wrap(tx, 0, MessageType.MAP_NOTIFY)
            .nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        final MapRecordEncoder record = notify.addRecord().ttl(1440).authoritative(true);
        if (prefix.afi() == Afi.IPV4)
        {
            record.eidIpv4(prefix.instanceId(), prefix.maskLength(), (int)(prefix.hi() >>> 32));
        }
        else
        {
            record.eidIpv6(prefix.instanceId(), prefix.maskLength(), prefix.hi(), prefix.lo());
        }
        final List<Registration> list = registrations.get(prefix);
        if (null == list)
        {
            record.action(MapRecord.ACT_NATIVELY_FORWARD).ttl(1);
        }
        else
        {
            for (final Registration r : list)
            {
                for (int i = 0; i < r.locators.length; i++)
                {
                    record.locatorIpv4(r.priorities[i], r.weights[i], 255, 0, MapRecord.LOCATOR_FLAG_R, r.locators[i]);
                }
            }
        }
        final int length = notify.encodedLength();
        auth.sign(tx, 0, length, MapRegister.AUTH_OFFSET);
        send(ipv4, port, length);
        notifiesSent++;
        if (tracked && !legacy)
        {
            final Outstanding o = new Outstanding();
            o.message = new byte[length];
            tx.getBytes(0, o.message);
            o.ipv4 = ipv4;
            o.port = port;
            outstanding.put(nonce, o);
        }
    }

    private void onEcm(final DirectBuffer buffer, final int offset)
    {
        final EcmDecoder ecm = ecmDecoder.wrap(buffer, offset);
        final int inner = ecm.messageOffset();
        if (ControlHeader.type(buffer, inner) != MessageType.MAP_REQUEST)
        {
            return;
        }
        final MapRequestDecoder request = requestDecoder.wrap(buffer, inner);
        if (request.recordCount() == 0)
        {
            return;
        }
        final int record = request.recordsOffset();
        final EidPrefix eid = prefixOf(buffer, record + 2, request.maskLength(record));
        if (null == eid)
        {
            return;
        }
        final int itrRloc = buffer.getInt(request.itrRlocOffset() + 2, ByteOrder.BIG_ENDIAN);
        final int itrPort = ecm.innerSourcePort();
        EidPrefix best = null;
        for (final EidPrefix p : registrations.keySet())
        {
            if (p.covers(eid) && (null == best || p.maskLength() > best.maskLength()))
            {
                best = p;
            }
        }
        if (!legacy && request.xtrIdPresent() && request.subscribe(record))
        {
            final EidPrefix key = null == best ? eid : best;
            final List<Subscriber> list = subscribers.computeIfAbsent(key, k -> new ArrayList<>());
            final long high = request.xtrIdHigh();
            final long low = request.xtrIdLow();
            list.removeIf(s -> s.xtrIdHigh == high && s.xtrIdLow == low);
            final Subscriber s = new Subscriber();
            s.xtrIdHigh = high;
            s.xtrIdLow = low;
            s.ipv4 = itrRloc;
            s.port = itrPort;
            list.add(s);
        }
        if (null != best)
        {
            final Registration etr = registrations.get(best).get(0);
            final int length = ecm.encodedLength();
            tx.putBytes(0, buffer, offset, length);
            send(etr.sourceIpv4, etr.sourcePort, length);
            return;
        }
        final EidPrefix negative = null == negativePrefix ? eid : negativePrefix;
        final MapRecordEncoder reply = replyEncoder.wrap(tx, 0).nonce(request.nonce()).addRecord()
            .ttl(15).action(MapRecord.ACT_NATIVELY_FORWARD);
        if (negative.afi() == Afi.IPV4)
        {
            reply.eidIpv4(negative.instanceId(), negative.maskLength(), (int)(negative.hi() >>> 32));
        }
        else
        {
            reply.eidIpv6(negative.instanceId(), negative.maskLength(), negative.hi(), negative.lo());
        }
        send(itrRloc, itrPort, replyEncoder.encodedLength());
    }

    private static EidPrefix prefixOf(final DirectBuffer buffer, final int addressOffset, final int maskLength)
    {
        final long iid = LispAddress.instanceId(buffer, addressOffset);
        final int inner = LispAddress.innermostOffset(buffer, addressOffset);
        final int afi = LispAddress.afi(buffer, inner);
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            return null;
        }
        final long hi = EidKey.readHi(afi, buffer, inner + 2) & EidKey.maskHi(maskLength);
        final long lo = EidKey.readLo(afi, buffer, inner + 2) & EidKey.maskLo(maskLength);
        return EidPrefix.of((int)iid, afi, maskLength, hi, lo);
    }

    private static String describe(final List<Registration> list)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Registration r : list)
        {
            for (int i = 0; i < r.locators.length; i++)
            {
                sb.append(r.locators[i]).append('/').append(r.priorities[i]).append('/').append(r.weights[i])
                    .append(' ');
            }
        }
        return sb.toString();
    }

    private void send(final int ipv4, final int port, final int length)
    {
        final long key = ((ipv4 & 0xFFFF_FFFFL) << 16) | port;
        Integer hop = hops.get(key);
        if (null == hop)
        {
            try
            {
                final byte[] a = {(byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4};
                hop = io.registerNextHop(new InetSocketAddress(InetAddress.getByAddress(a), port));
            }
            catch (final UnknownHostException ex)
            {
                throw new IllegalStateException(ex);
            }
            hops.put(key, hop);
        }
        io.offer(tx, 0, length, hop);
    }
}
