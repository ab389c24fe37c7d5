/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.tshark;

import com.fasterxml.jackson.databind.JsonNode;
import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.AddressText;
import io.fmc4j.core.codec.ControlHeader;
import io.fmc4j.core.codec.EcmDecoder;
import io.fmc4j.core.codec.LispAddress;
import io.fmc4j.core.codec.LispDataHeaderDecoder;
import io.fmc4j.core.codec.LispDataHeaderEncoder;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapReferralDecoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapReply;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestDecoder;
import io.fmc4j.core.codec.MessageGenerator;
import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.samples.pcap.LinkType;
import io.fmc4j.samples.pcap.PcapWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-check against an independent decoder: a varied corpus of every message type is encoded by fmc4j, written
 * to a pcap, decoded by tshark, and compared field by field with what fmc4j's decoders read (type, flags, nonce,
 * counts, records, locators, addresses). tshark 4.0 does not decode Map-Notify-Ack, so only its type is compared.
 */
class TsharkCrossCheckTest
{
    private static final int MESSAGES_PER_TYPE = 50;
    private static final int DATA_HEADERS = 60;

    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    @Test
    void shouldAgreeWithTsharkOnEveryFieldOfAVariedCorpus(@TempDir final Path dir) throws IOException
    {
        Tshark.assumeAvailable();
        final List<byte[]> messages = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        final Random random = new Random(2026);
        final MessageGenerator generator = new MessageGenerator(random);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);
        for (final int type : MessageGenerator.types())
        {
            for (int i = 0; i < MESSAGES_PER_TYPE; i++)
            {
                final int length = generator.next(scratch, 0, type);
                messages.add(java.util.Arrays.copyOf(scratch.byteArray(), length));
                ports.add(LispPorts.CONTROL);
            }
        }
        final LispDataHeaderEncoder data = new LispDataHeaderEncoder();
        for (int i = 0; i < DATA_HEADERS; i++)
        {
            data.wrap(scratch, 0);
            switch (i % 3)
            {
                case 0:
                    data.nonce(random.nextInt(1 << 24)).instanceId(random.nextInt(1 << 24), random.nextInt(256));
                    break;
                case 1:
                    data.mapVersions(random.nextInt(1 << 12), random.nextInt(1 << 12))
                        .locatorStatusBits(random.nextInt());
                    break;
                default:
                    data.nonce(random.nextInt(1 << 24)).echoNonceRequest();
                    break;
            }
            final int inner = IpUdp.writeIpv4Udp(scratch, 8, 0x0b000001, 0x0b000002, 5000, 5001, 0, 64, true);
            messages.add(java.util.Arrays.copyOf(scratch.byteArray(), 8 + inner));
            ports.add(LispPorts.DATA);
        }

        final Path capture = dir.resolve("corpus.pcap");
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[8192]);
        try (PcapWriter writer = PcapWriter.create(capture, LinkType.RAW))
        {
            for (int i = 0; i < messages.size(); i++)
            {
                final byte[] message = messages.get(i);
                packet.putBytes(IpUdp.IPV4_UDP_LENGTH, message);
                final int port = ports.get(i);
                IpUdp.writeIpv4Udp(packet, 0, 0x0a000001, 0x0a000002, port, port, message.length, 64, true);
                writer.writeIpPacket(i * 1_000_000L, packet, 0, IpUdp.IPV4_UDP_LENGTH + message.length);
            }
        }

        final List<TsharkFrame> frames = Tshark.decode(capture);
        assertEquals(messages.size(), frames.size());
        for (int i = 0; i < messages.size(); i++)
        {
            final TsharkFrame frame = frames.get(i);
            final UnsafeBuffer message = new UnsafeBuffer(messages.get(i));
            final String where = "frame " + (i + 1);
            check(where, "malformed", false, frame.has("_ws.malformed"));
            if (ports.get(i) == LispPorts.DATA)
            {
                compareData(where, frame.firstLayer("lisp-data"), message);
            }
            else
            {
                compareControl(where, frame.firstLayer("lisp"), message, 0, message.capacity());
                if (ControlHeader.type(message, 0) == MessageType.ECM)
                {
                    final EcmDecoder ecm = new EcmDecoder().wrap(message, 0);
                    compareControl(where + " inner", frame.lastLayer("lisp"), message, ecm.messageOffset(),
                        ecm.messageLength());
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
            + mismatches.subList(0, Math.min(20, mismatches.size())));
        assertTrue(compared > 5_000, "compared only " + compared + " fields");
    }

    private void check(final String where, final String field, final Object expected, final Object actual)
    {
        compared++;
        if (!String.valueOf(expected).equals(String.valueOf(actual)))
        {
            mismatches.add(where + " " + field + ": fmc4j " + expected + " tshark " + actual);
        }
    }

    private static String bit(final boolean value)
    {
        return value ? "1" : "0";
    }

    private void compareData(final String where, final JsonNode layer, final UnsafeBuffer message)
    {
        final LispDataHeaderDecoder d = new LispDataHeaderDecoder().wrap(message, 0);
        check(where, "N", bit(d.noncePresent()), TsharkFrame.field(layer, "lisp-data.flags.nonce"));
        check(where, "L", bit(d.locatorStatusBitsEnabled()), TsharkFrame.field(layer, "lisp-data.flags.lsb"));
        check(where, "E", bit(d.echoNonceRequest()), TsharkFrame.field(layer, "lisp-data.flags.enr"));
        check(where, "V", bit(d.mapVersionPresent()), TsharkFrame.field(layer, "lisp-data.flags.mv"));
        check(where, "I", bit(d.instanceIdPresent()), TsharkFrame.field(layer, "lisp-data.flags.iid"));
        if (d.noncePresent())
        {
            check(where, "nonce", d.nonce(), TsharkFrame.number(layer, "lisp-data.nonce"));
        }
        if (d.mapVersionPresent())
        {
            check(where, "srcmapver", d.sourceMapVersion(), TsharkFrame.number(layer, "lisp-data.srcmapver"));
            check(where, "dstmapver", d.destinationMapVersion(), TsharkFrame.number(layer, "lisp-data.dstmapver"));
        }
        if (d.instanceIdPresent())
        {
            check(where, "iid", d.instanceId(), TsharkFrame.number(layer, "lisp-data.iid"));
        }
    }

    private void compareControl(
        final String where, final JsonNode layer, final UnsafeBuffer message, final int offset, final int length)
    {
        final int type = ControlHeader.type(message, offset);
        check(where, "type", type, TsharkFrame.number(layer, "lisp.type"));
        if (type == MessageType.MAP_NOTIFY_ACK || type == MessageType.ECM)
        {
            return;
        }
        final int word = ControlHeader.word(message, offset);
        if (type != MessageType.INFO)
        {
            check(where, "nonce", Long.toHexString(ControlHeader.nonce(message, offset)),
                Long.toHexString(Long.parseUnsignedLong(TsharkFrame.field(layer, "lisp.nonce").substring(2), 16)));
            check(where, "records", word & 0xFF, TsharkFrame.number(layer, "lisp.records"));
        }
        switch (type)
        {
            case MessageType.MAP_REQUEST:
            {
                final MapRequestDecoder d = new MapRequestDecoder().wrap(message, offset);
                check(where, "A", bit(d.authoritative()), TsharkFrame.field(layer, "lisp.mreq.flags.auth"));
                check(where, "M", bit(d.mapReplyPresent()), TsharkFrame.field(layer, "lisp.mreq.flags.mrp"));
                check(where, "P", bit(d.probe()), TsharkFrame.field(layer, "lisp.mreq.flags.probe"));
                check(where, "S", bit(d.smr()), TsharkFrame.field(layer, "lisp.mreq.flags.smr"));
                check(where, "p", bit(d.flag(MapRequest.FLAG_PITR)), TsharkFrame.field(layer, "lisp.mreq.flags.pitr"));
                check(where, "s", bit(d.smrInvoked()), TsharkFrame.field(layer, "lisp.mreq.flags.smri"));
                check(where, "irc", d.itrRlocCount() - 1, TsharkFrame.number(layer, "lisp.irc"));
                check(where, "srceid.afi", LispAddress.afi(message, d.sourceEidOffset()),
                    TsharkFrame.number(layer, "lisp.mreq.srceid.afi"));
                final List<String> prefixLengths = new ArrayList<>();
                int record = d.recordsOffset();
                for (int i = 0; i < d.recordCount(); i++)
                {
                    prefixLengths.add(String.valueOf(d.maskLength(record)));
                    record = d.nextRecord(record);
                }
                check(where, "prefix lengths", prefixLengths,
                    TsharkFrame.fields(layer, "lisp.mreq.record.prefix.length"));
                final List<String> rlocs = new ArrayList<>();
                int rloc = d.itrRlocOffset();
                for (int i = 0; i < d.itrRlocCount(); i++)
                {
                    rlocs.add(String.valueOf(LispAddress.afi(message, rloc)));
                    rloc += LispAddress.encodedLength(message, rloc);
                }
                check(where, "itr-rloc afis", rlocs, TsharkFrame.fields(layer, "lisp.mreq.itr_rloc.afi"));
                if (d.mapReplyPresent())
                {
                    records(where, layer, d.mapReplyRecord(), true);
                }
                break;
            }
            case MessageType.MAP_REPLY:
            {
                check(where, "P", bit((word & MapReply.FLAG_P) != 0),
                    TsharkFrame.field(layer, "lisp.mrep.flags.probe"));
                check(where, "E", bit((word & MapReply.FLAG_E) != 0), TsharkFrame.field(layer, "lisp.mrep.flags.enlr"));
                check(where, "S", bit((word & MapReply.FLAG_S) != 0), TsharkFrame.field(layer, "lisp.mrep.flags.sec"));
                records(where, layer, new MapReplyDecoder().wrap(message, offset).records(), false);
                break;
            }
            case MessageType.MAP_REFERRAL:
                records(where, layer, new MapReferralDecoder().wrap(message, offset).records(), false);
                break;
            case MessageType.MAP_REGISTER:
            case MessageType.MAP_NOTIFY:
            {
                final MapRegisterDecoder d = new MapRegisterDecoder().wrap(message, offset);
                if (type == MessageType.MAP_REGISTER)
                {
                    check(where, "P", bit(d.flag(MapRegister.FLAG_P)), TsharkFrame.field(layer, "lisp.mreg.flags.pmr"));
                    check(where, "S", bit(d.flag(MapRegister.FLAG_S)), TsharkFrame.field(layer, "lisp.mreg.flags.sec"));
                    check(where, "I", bit(d.xtrIdPresent()), TsharkFrame.field(layer, "lisp.mreg.flags.xtrid"));
                    check(where, "R", bit(d.flag(MapRegister.FLAG_R)), TsharkFrame.field(layer, "lisp.mreg.flags.rtr"));
                    check(where, "M", bit(d.wantMapNotify()), TsharkFrame.field(layer, "lisp.mreg.flags.wmn"));
                }
                else
                {
                    check(where, "I", bit(d.xtrIdPresent()), TsharkFrame.field(layer, "lisp.mnot.flags.xtrid"));
                    check(where, "R", bit(d.flag(MapRegister.NOTIFY_FLAG_R)),
                        TsharkFrame.field(layer, "lisp.mnot.flags.rtr"));
                }
                check(where, "keyid", d.keyIdField(), TsharkFrame.number(layer, "lisp.keyid"));
                check(where, "authlen", d.authLength(), TsharkFrame.number(layer, "lisp.authlen"));
                records(where, layer, d.records(), false);
                break;
            }
            case MessageType.INFO:
                check(where, "R", bit((word & 0x0800_0000) != 0), TsharkFrame.field(layer, "lisp.info.r"));
                break;
            default:
                break;
        }
    }

    private void records(final String where, final JsonNode layer, final MapRecordDecoder records, final boolean one)
    {
        final List<String> ttl = new ArrayList<>();
        final List<String> mask = new ArrayList<>();
        final List<String> act = new ArrayList<>();
        final List<String> auth = new ArrayList<>();
        final List<String> version = new ArrayList<>();
        final List<String> locatorCount = new ArrayList<>();
        final List<String> eids = new ArrayList<>();
        final List<String> priority = new ArrayList<>();
        final List<String> weight = new ArrayList<>();
        final List<String> mPriority = new ArrayList<>();
        final List<String> locatorAfi = new ArrayList<>();
        final List<String> locator = new ArrayList<>();
        final List<String> reach = new ArrayList<>();
        while (one ? ttl.isEmpty() : records.hasNext())
        {
            final MapRecordDecoder r = one ? records : records.next();
            ttl.add(String.valueOf(r.ttl()));
            mask.add(String.valueOf(r.maskLength()));
            act.add(String.valueOf(r.action()));
            auth.add(bit(r.authoritative()));
            version.add(String.valueOf(r.mapVersion()));
            locatorCount.add(String.valueOf(r.locatorCount()));
            final int afi = LispAddress.afi(r.buffer(), r.eidOffset());
            if (afi == Afi.IPV4 || afi == Afi.IPV6)
            {
                eids.add(AddressText.toString(r.buffer(), r.eidOffset()));
            }
            final LocatorDecoder l = r.locators();
            while (l.hasNext())
            {
                l.next();
                priority.add(String.valueOf(l.priority()));
                weight.add(String.valueOf(l.weight()));
                mPriority.add(String.valueOf(l.multicastPriority()));
                locatorAfi.add(String.valueOf(l.afi()));
                locator.add(AddressText.toString(l.buffer(), l.addressOffset()));
                reach.add(bit(l.reachable()));
            }
        }
        check(where, "ttl", ttl, TsharkFrame.fields(layer, "lisp.mapping.ttl"));
        check(where, "masklen", mask, TsharkFrame.fields(layer, "lisp.mapping.eid.masklen"));
        check(where, "act", act, TsharkFrame.fields(layer, "lisp.mapping.act"));
        check(where, "auth", auth, TsharkFrame.fields(layer, "lisp.mapping.auth"));
        check(where, "ver", version, TsharkFrame.fields(layer, "lisp.mapping.ver"));
        check(where, "loccnt", locatorCount, TsharkFrame.fields(layer, "lisp.mapping.loccnt"));
        final List<String> tsharkEids = new ArrayList<>(TsharkFrame.fields(layer, "lisp.mapping.eid.ipv4"));
        tsharkEids.addAll(TsharkFrame.fields(layer, "lisp.mapping.eid.ipv6"));
        check(where, "plain eids", eids.stream().sorted().toList(), tsharkEids.stream().sorted().toList());
        check(where, "priority", priority, TsharkFrame.fields(layer, "lisp.loc.priority"));
        check(where, "weight", weight, TsharkFrame.fields(layer, "lisp.loc.weight"));
        check(where, "m_priority", mPriority, TsharkFrame.fields(layer, "lisp.loc.multicast_priority"));
        check(where, "loc afi", locatorAfi, TsharkFrame.fields(layer, "lisp.loc.afi"));
        check(where, "locator", locator, TsharkFrame.fields(layer, "lisp.loc.locator"));
        check(where, "reach", reach, TsharkFrame.fields(layer, "lisp.loc.flags.reach"));
    }
}
