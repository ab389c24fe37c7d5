/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.AddressText;
import io.fmc4j.core.codec.ControlHeader;
import io.fmc4j.core.codec.Ecm;
import io.fmc4j.core.codec.EcmDecoder;
import io.fmc4j.core.codec.InfoDecoder;
import io.fmc4j.core.codec.InfoMessage;
import io.fmc4j.core.codec.Lcaf;
import io.fmc4j.core.codec.LispAddress;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.LispDataHeader;
import io.fmc4j.core.codec.LispDataHeaderDecoder;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapReferralDecoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestDecoder;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Renders a LISP message as one JSON object: the {@code decode} command's output, meant for operators and for
 * comparison with other decoders. Cold path: builds strings.
 * <p>
 * Keys: {@code type}, {@code nonce} (16 hex digits; 6 for the data header), {@code flags} (letters as in the
 * RFCs), {@code records} (each {@code eid} as {@code address/masklen}, {@code iid}, {@code ttl}, {@code act},
 * {@code locators} with {@code rloc}, {@code priority}, {@code weight}, ...), for Map-Requests {@code
 * source_eid}, {@code itr_rlocs} and the requested {@code records}; for ECM an {@code inner} object; {@code auth}
 * ({@code key_id}, {@code length}, {@code valid} when a key is given); {@code error} with the decode status name
 * when the message is malformed.
 */
public final class LispJson
{
    private final MapRequestDecoder request = new MapRequestDecoder();
    private final MapReplyDecoder reply = new MapReplyDecoder();
    private final MapReferralDecoder referral = new MapReferralDecoder();
    private final MapRegisterDecoder register = new MapRegisterDecoder();
    private final InfoDecoder info = new InfoDecoder();
    private final EcmDecoder ecm = new EcmDecoder();
    private final LispDataHeaderDecoder data = new LispDataHeaderDecoder();
    private final byte[] key;

    /**
     * A renderer.
     *
     * @param key the shared secret to verify authentication data with, or null to skip verification.
     */
    public LispJson(final byte[] key)
    {
        this.key = key == null ? null : key.clone();
    }

    /**
     * Appends the fields of a UDP payload on a LISP port (no surrounding braces).
     *
     * @param sb to append to.
     * @param port the LISP port the datagram was sent to (or from).
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return {@code sb}.
     */
    public StringBuilder appendPayload(
        final StringBuilder sb, final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        return port == LispPorts.DATA ?
            appendData(sb, buffer, offset, length) : appendControl(sb, buffer, offset, length);
    }

    private StringBuilder appendData(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int length)
    {
        sb.append("\"type\":\"data\"");
        final int status = LispDataHeader.validate(buffer, offset, length);
        if (status == DecodeStatus.TRUNCATED)
        {
            return error(sb, status);
        }
        final LispDataHeaderDecoder d = data.wrap(buffer, offset);
        sb.append(",\"nonce\":\"").append(hex(d.nonce(), 6)).append('"');
        final int f = d.flags();
        flags(sb, f, LispDataHeader.FLAG_N, "N", LispDataHeader.FLAG_L, "L", LispDataHeader.FLAG_E, "E",
            LispDataHeader.FLAG_V, "V", LispDataHeader.FLAG_I, "I", LispDataHeader.FLAG_P, "P");
        if (d.instanceIdPresent())
        {
            sb.append(",\"iid\":").append(d.instanceId());
        }
        sb.append(",\"lsb\":").append(d.locatorStatusBits() & 0xFFFF_FFFFL);
        if (d.mapVersionPresent())
        {
            sb.append(",\"source_map_version\":").append(d.sourceMapVersion());
            sb.append(",\"dest_map_version\":").append(d.destinationMapVersion());
        }
        sb.append(",\"payload_length\":").append(length - LispDataHeader.ENCODED_LENGTH);
        return status == DecodeStatus.OK ? sb : error(sb, status);
    }

    /**
     * Appends the fields of a control message (no surrounding braces).
     *
     * @param sb to append to.
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return {@code sb}.
     */
    public StringBuilder appendControl(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return error(sb.append("\"type\":\"unknown\""), DecodeStatus.TRUNCATED);
        }
        final int type = ControlHeader.type(buffer, offset);
        sb.append("\"type\":\"").append(MessageType.name(type)).append('"');
        if (type == MessageType.INFO && length >= 4)
        {
            sb.append(",\"subtype\":\"")
                .append((ControlHeader.word(buffer, offset) & InfoMessage.FLAG_R) != 0 ? "info-reply" : "info-request")
                .append('"');
        }
        if (type != MessageType.ECM && length >= 12 && !"unknown".equals(MessageType.name(type)))
        {
            sb.append(",\"nonce\":\"").append(hex(ControlHeader.nonce(buffer, offset), 16)).append('"');
        }
        final int status = ControlHeader.validate(buffer, offset, length);
        if (status != DecodeStatus.OK && status != DecodeStatus.TRAILING_BYTES)
        {
            return error(sb, status);
        }
        final int word = ControlHeader.word(buffer, offset);
        switch (type)
        {
            case MessageType.MAP_REQUEST:
                mapRequest(sb, buffer, offset, word);
                break;
            case MessageType.MAP_REPLY:
                flags(sb, word, 0x0800_0000, "P", 0x0400_0000, "E", 0x0200_0000, "S");
                records(sb, reply.wrap(buffer, offset).records(), false);
                break;
            case MessageType.MAP_REFERRAL:
                flags(sb, word);
                records(sb, referral.wrap(buffer, offset).records(), true);
                break;
            case MessageType.MAP_REGISTER:
            case MessageType.MAP_NOTIFY:
            case MessageType.MAP_NOTIFY_ACK:
                mapRegister(sb, buffer, offset, type, word);
                break;
            case MessageType.INFO:
                infoMessage(sb, buffer, offset, word);
                break;
            case MessageType.ECM:
                final EcmDecoder e = ecm.wrap(buffer, offset);
                flags(sb, word, Ecm.FLAG_S, "S", Ecm.FLAG_D, "D", Ecm.FLAG_E, "E", Ecm.FLAG_M, "M");
                sb.append(",\"inner_source\":\"");
                appendIp(sb, buffer, e.innerSourceOffset(), e.innerIpVersion()).append('"');
                sb.append(",\"inner_destination\":\"");
                appendIp(sb, buffer, e.innerDestinationOffset(), e.innerIpVersion()).append('"');
                sb.append(",\"inner_ports\":[").append(e.innerSourcePort()).append(',')
                    .append(e.innerDestinationPort()).append(']');
                sb.append(",\"inner\":{");
                final int messageOffset = e.messageOffset();
                final int messageLength = e.messageLength();
                // Validation refuses an ECM inside an ECM, so the inner message uses none of the ECM decoder's state.
                appendControl(sb, buffer, messageOffset, messageLength).append('}');
                break;
            default:
                break;
        }
        return status == DecodeStatus.OK ? sb : error(sb, status);
    }

    private void mapRequest(final StringBuilder sb, final DirectBuffer buffer, final int offset, final int word)
    {
        final MapRequestDecoder d = request.wrap(buffer, offset);
        flags(sb, word, MapRequest.FLAG_A, "A", MapRequest.FLAG_M, "M", MapRequest.FLAG_P, "P", MapRequest.FLAG_S, "S",
            MapRequest.FLAG_PITR, "p", MapRequest.FLAG_SMR_INVOKED, "s", MapRequest.FLAG_R, "R", MapRequest.FLAG_I, "I",
            MapRequest.FLAG_L, "L", MapRequest.FLAG_D, "D");
        sb.append(",\"source_eid\":");
        address(sb, buffer, d.sourceEidOffset());
        sb.append(",\"itr_rlocs\":[");
        int rloc = d.itrRlocOffset();
        for (int i = 0; i < d.itrRlocCount(); i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            address(sb, buffer, rloc);
            rloc += LispAddress.encodedLength(buffer, rloc);
        }
        sb.append("],\"records\":[");
        int record = d.recordsOffset();
        for (int i = 0; i < d.recordCount(); i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append('{');
            eid(sb, buffer, record + 2, d.maskLength(record));
            sb.append(",\"subscribe\":").append(d.subscribe(record)).append('}');
            record = d.nextRecord(record);
        }
        sb.append(']');
        if (d.mapReplyPresent())
        {
            sb.append(",\"map_reply\":");
            record(sb, d.mapReplyRecord(), false);
        }
        if (d.xtrIdPresent())
        {
            xtrId(sb, d.xtrIdHigh(), d.xtrIdLow(), d.siteId());
        }
    }

    private void mapRegister(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int type, final int word)
    {
        final MapRegisterDecoder d = register.wrap(buffer, offset);
        if (type == MessageType.MAP_REGISTER)
        {
            flags(sb, word, MapRegister.FLAG_P, "P", MapRegister.FLAG_S, "S", MapRegister.FLAG_I, "I",
                MapRegister.FLAG_R, "R", MapRegister.FLAG_T, "T", MapRegister.FLAG_MERGE, "a",
                MapRegister.FLAG_MOBILE_NODE, "m", MapRegister.FLAG_M, "M");
        }
        else
        {
            flags(sb, word, MapRegister.NOTIFY_FLAG_I, "I", MapRegister.NOTIFY_FLAG_R, "R");
        }
        auth(sb, buffer, offset, d.encodedLength(), d.keyIdField(), d.authLength());
        records(sb, d.records(), false);
        if (d.xtrIdPresent())
        {
            xtrId(sb, d.xtrIdHigh(), d.xtrIdLow(), d.siteId());
        }
    }

    private void infoMessage(final StringBuilder sb, final DirectBuffer buffer, final int offset, final int word)
    {
        final InfoDecoder d = info.wrap(buffer, offset);
        flags(sb, word, InfoMessage.FLAG_R, "R");
        auth(sb, buffer, offset, d.encodedLength(), d.keyIdField(), d.authLength());
        sb.append(",\"ttl\":").append(d.ttl()).append(",\"records\":[{");
        eid(sb, buffer, d.eidOffset(), d.maskLength());
        sb.append(",\"locators\":[]}],\"nat\":");
        address(sb, buffer, d.natOffset());
    }

    private void auth(
        final StringBuilder sb,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int keyIdField,
        final int authLength)
    {
        sb.append(",\"auth\":{\"key_id\":").append(keyIdField).append(",\"length\":").append(authLength);
        if (key != null)
        {
            final int algorithm = keyIdField & 0xFF;
            boolean valid = false;
            if (LispAuthenticator.macLength(algorithm) > 0)
            {
                valid = new LispAuthenticator(algorithm, keyIdField >>> 8, key)
                    .verify(buffer, offset, length, MapRegister.AUTH_OFFSET, authLength);
            }
            sb.append(",\"valid\":").append(valid);
        }
        sb.append('}');
    }

    private void records(final StringBuilder sb, final MapRecordDecoder records, final boolean isReferral)
    {
        sb.append(",\"records\":[");
        boolean first = true;
        while (records.hasNext())
        {
            if (!first)
            {
                sb.append(',');
            }
            first = false;
            record(sb, records.next(), isReferral);
        }
        sb.append(']');
    }

    private void record(final StringBuilder sb, final MapRecordDecoder r, final boolean isReferral)
    {
        sb.append('{');
        eid(sb, r.buffer(), r.eidOffset(), r.maskLength());
        sb.append(",\"ttl\":").append(r.ttl());
        sb.append(",\"act\":\"")
            .append(isReferral ? MapRecord.referralActionName(r.action()) : MapRecord.actionName(r.action()))
            .append('"');
        sb.append(",\"authoritative\":").append(r.authoritative());
        sb.append(",\"map_version\":").append(r.mapVersion());
        if (isReferral)
        {
            sb.append(",\"incomplete\":").append(r.incomplete()).append(",\"signatures\":").append(r.signatureCount());
        }
        sb.append(",\"locators\":[");
        final LocatorDecoder l = r.locators();
        boolean first = true;
        while (l.hasNext())
        {
            l.next();
            if (!first)
            {
                sb.append(',');
            }
            first = false;
            sb.append("{\"rloc\":");
            address(sb, l.buffer(), l.addressOffset());
            sb.append(",\"priority\":").append(l.priority()).append(",\"weight\":").append(l.weight());
            sb.append(",\"m_priority\":").append(l.multicastPriority());
            sb.append(",\"m_weight\":").append(l.multicastWeight());
            sb.append(",\"local\":").append(l.local()).append(",\"probed\":").append(l.probed());
            sb.append(",\"reachable\":").append(l.reachable()).append('}');
        }
        sb.append("]}");
    }

    private static void eid(final StringBuilder sb, final DirectBuffer buffer, final int offset, final int maskLength)
    {
        final int inner = LispAddress.innermostOffset(buffer, offset);
        sb.append("\"eid\":\"");
        escape(sb, AddressText.toString(buffer, inner)).append('/').append(maskLength).append('"');
        sb.append(",\"iid\":").append(LispAddress.instanceId(buffer, offset));
        sb.append(",\"eid_afi\":").append(LispAddress.afi(buffer, inner));
        if (LispAddress.afi(buffer, inner) == Afi.LCAF)
        {
            sb.append(",\"eid_lcaf\":\"").append(Lcaf.typeName(LispAddress.lcafType(buffer, inner))).append('"');
        }
    }

    private static void address(final StringBuilder sb, final DirectBuffer buffer, final int offset)
    {
        sb.append('"');
        escape(sb, AddressText.toString(buffer, offset)).append('"');
    }

    private static StringBuilder appendIp(
        final StringBuilder sb, final DirectBuffer buffer, final int offset, final int version)
    {
        return version == 4 ?
            AddressText.appendIpv4(sb, buffer.getInt(offset, BIG_ENDIAN)) : AddressText.appendIpv6(sb, buffer, offset);
    }

    private static void xtrId(final StringBuilder sb, final long high, final long low, final long site)
    {
        sb.append(",\"xtr_id\":\"").append(hex(high, 16)).append(hex(low, 16)).append('"');
        sb.append(",\"site_id\":\"").append(hex(site, 16)).append('"');
    }

    private static void flags(final StringBuilder sb, final int word, final Object... bitsAndNames)
    {
        sb.append(",\"flags\":[");
        boolean first = true;
        for (int i = 0; i < bitsAndNames.length; i += 2)
        {
            if ((word & (Integer)bitsAndNames[i]) != 0)
            {
                if (!first)
                {
                    sb.append(',');
                }
                first = false;
                sb.append('"').append(bitsAndNames[i + 1]).append('"');
            }
        }
        sb.append(']');
    }

    private static StringBuilder error(final StringBuilder sb, final int status)
    {
        return sb.append(",\"error\":\"").append(DecodeStatus.name(status)).append('"');
    }

    static String hex(final long value, final int digits)
    {
        final String s = Long.toHexString(value);
        if (s.length() >= digits)
        {
            return s.substring(s.length() - digits);
        }
        return "0".repeat(digits - s.length()) + s;
    }

    static StringBuilder escape(final StringBuilder sb, final CharSequence text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb;
    }
}
