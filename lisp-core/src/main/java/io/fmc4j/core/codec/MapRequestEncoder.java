/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a Map-Request in wire order: header, source EID, ITR-RLOCs, EID records, optional Map-Reply record,
 * optional xTR-ID/Site-ID. Counts (IRC, record count) and the M and I bits follow from what is written.
 * <pre>
 * int length = encoder.wrap(buffer, 0).flags(MapRequest.FLAG_S).nonce(nonce)
 *     .sourceEidIpv4(0, 0x0a000001).itrRlocIpv4(0xc0a80001)
 *     .eidRecordIpv4(false, 0, 32, 0x0a010001).encodedLength();
 * </pre>
 */
public final class MapRequestEncoder
{
    private static final int STAGE_SOURCE = 0;
    private static final int STAGE_ITR = 1;
    private static final int STAGE_RECORDS = 2;
    private static final int STAGE_REPLY = 3;
    private static final int STAGE_DONE = 4;

    private final MapRecordEncoder replyRecord = new MapRecordEncoder();
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;
    private int stage;
    private int itrRlocs;
    private int records;

    /**
     * Starts a Map-Request: type 1, no flags, nonce 0.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @return this.
     */
    public MapRequestEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + MapRequest.SOURCE_EID_OFFSET;
        this.stage = STAGE_SOURCE;
        this.itrRlocs = 0;
        this.records = 0;
        buffer.putInt(offset, MessageType.MAP_REQUEST << 28, BIG_ENDIAN);
        buffer.putLong(offset + MapRequest.NONCE_OFFSET, 0L, BIG_ENDIAN);
        return this;
    }

    /**
     * Sets flag bits (A, P, S, p, s, L, D; M and I are set by the trailer methods).
     *
     * @param flags {@code MapRequest.FLAG_*} bits.
     * @return this.
     */
    public MapRequestEncoder flags(final int flags)
    {
        final int word = buffer.getInt(offset, BIG_ENDIAN);
        buffer.putInt(offset, word | (flags & MapRequest.FLAGS_MASK), BIG_ENDIAN);
        return this;
    }

    /**
     * The nonce.
     *
     * @param nonce 64 bits.
     * @return this.
     */
    public MapRequestEncoder nonce(final long nonce)
    {
        buffer.putLong(offset + MapRequest.NONCE_OFFSET, nonce, BIG_ENDIAN);
        return this;
    }

    private void stage(final int from, final int to, final int next)
    {
        if (CodecChecks.ENABLED && (stage < from || stage > to))
        {
            throw new IllegalStateException("Map-Request parts out of order");
        }
        stage = next;
    }

    /**
     * No source EID (AFI 0), as in RLOC probes and SMR-invoked requests from PITRs.
     *
     * @return this.
     */
    public MapRequestEncoder sourceEidNone()
    {
        stage(STAGE_SOURCE, STAGE_SOURCE, STAGE_ITR);
        limit += AddressEncoder.putNone(buffer, limit);
        return this;
    }

    /**
     * An IPv4 source EID.
     *
     * @param iid instance ID.
     * @param ipv4 the EID.
     * @return this.
     */
    public MapRequestEncoder sourceEidIpv4(final long iid, final int ipv4)
    {
        stage(STAGE_SOURCE, STAGE_SOURCE, STAGE_ITR);
        limit += AddressEncoder.putIpv4(buffer, limit, iid, ipv4);
        return this;
    }

    /**
     * Any encoded source EID, copied.
     *
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public MapRequestEncoder sourceEid(final DirectBuffer source, final int sourceOffset, final int length)
    {
        stage(STAGE_SOURCE, STAGE_SOURCE, STAGE_ITR);
        limit += AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length);
        return this;
    }

    private MapRequestEncoder itrRlocDone(final int length)
    {
        if (CodecChecks.ENABLED && itrRlocs == MapRequest.MAX_ITR_RLOCS)
        {
            throw new IllegalStateException("more than 32 ITR-RLOCs");
        }
        limit += length;
        itrRlocs++;
        final int word = buffer.getInt(offset, BIG_ENDIAN) & ~0x1F00;
        buffer.putInt(offset, word | ((itrRlocs - 1) << 8), BIG_ENDIAN);
        return this;
    }

    /**
     * Adds an IPv4 ITR-RLOC (where the Map-Reply should go).
     *
     * @param ipv4 the RLOC.
     * @return this.
     */
    public MapRequestEncoder itrRlocIpv4(final int ipv4)
    {
        stage(STAGE_ITR, STAGE_ITR, STAGE_ITR);
        return itrRlocDone(AddressEncoder.putIpv4(buffer, limit, ipv4));
    }

    /**
     * Adds an IPv6 ITR-RLOC.
     *
     * @param high first 8 bytes.
     * @param low last 8 bytes.
     * @return this.
     */
    public MapRequestEncoder itrRlocIpv6(final long high, final long low)
    {
        stage(STAGE_ITR, STAGE_ITR, STAGE_ITR);
        return itrRlocDone(AddressEncoder.putIpv6(buffer, limit, high, low));
    }

    /**
     * Adds any encoded ITR-RLOC, copied.
     *
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public MapRequestEncoder itrRloc(final DirectBuffer source, final int sourceOffset, final int length)
    {
        stage(STAGE_ITR, STAGE_ITR, STAGE_ITR);
        return itrRlocDone(AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length));
    }

    private MapRequestEncoder recordHead(final boolean subscribe, final int maskLength)
    {
        if (CodecChecks.ENABLED && (itrRlocs == 0 || records == 255))
        {
            throw new IllegalStateException(itrRlocs == 0 ? "a Map-Request needs an ITR-RLOC" : "> 255 records");
        }
        stage(STAGE_ITR, STAGE_RECORDS, STAGE_RECORDS);
        buffer.putByte(limit, (byte)(subscribe ? MapRequest.RECORD_FLAG_N : 0));
        buffer.putByte(limit + 1, (byte)maskLength);
        limit += 2;
        records++;
        final int word = buffer.getInt(offset, BIG_ENDIAN) & ~0xFF;
        buffer.putInt(offset, word | records, BIG_ENDIAN);
        return this;
    }

    /**
     * Adds an IPv4 EID record.
     *
     * @param subscribe the N bit (RFC 9437).
     * @param iid instance ID.
     * @param maskLength 0..32.
     * @param ipv4 the prefix.
     * @return this.
     */
    public MapRequestEncoder eidRecordIpv4(
        final boolean subscribe, final long iid, final int maskLength, final int ipv4)
    {
        recordHead(subscribe, maskLength);
        limit += AddressEncoder.putIpv4(buffer, limit, iid, ipv4);
        return this;
    }

    /**
     * Adds an IPv6 EID record.
     *
     * @param subscribe the N bit.
     * @param iid instance ID.
     * @param maskLength 0..128.
     * @param high first 8 bytes.
     * @param low last 8 bytes.
     * @return this.
     */
    public MapRequestEncoder eidRecordIpv6(
        final boolean subscribe, final long iid, final int maskLength, final long high, final long low)
    {
        recordHead(subscribe, maskLength);
        limit += AddressEncoder.putIpv6(buffer, limit, iid, high, low);
        return this;
    }

    /**
     * Adds an EID record with any encoded prefix, copied.
     *
     * @param subscribe the N bit.
     * @param maskLength prefix length.
     * @param source holding the encoded address.
     * @param sourceOffset of its AFI.
     * @param length its encoded length.
     * @return this.
     */
    public MapRequestEncoder eidRecord(
        final boolean subscribe,
        final int maskLength,
        final DirectBuffer source,
        final int sourceOffset,
        final int length)
    {
        recordHead(subscribe, maskLength);
        limit += AddressEncoder.putEncoded(buffer, limit, source, sourceOffset, length);
        return this;
    }

    /**
     * Appends the Map-Reply record (sets M). Write it through the returned encoder before anything else.
     *
     * @return the record encoder, positioned.
     */
    public MapRecordEncoder mapReplyRecord()
    {
        stage(STAGE_RECORDS, STAGE_RECORDS, STAGE_REPLY);
        flags(MapRequest.FLAG_M);
        return replyRecord.wrap(buffer, limit);
    }

    private void closeReply()
    {
        if (stage == STAGE_REPLY)
        {
            limit = replyRecord.limit();
            stage = STAGE_DONE;
        }
    }

    /**
     * Appends the xTR-ID and Site-ID (sets I). Must be last.
     *
     * @param xtrIdHigh high 64 bits of the xTR-ID.
     * @param xtrIdLow low 64 bits of the xTR-ID.
     * @param siteId the Site-ID.
     * @return this.
     */
    public MapRequestEncoder xtrId(final long xtrIdHigh, final long xtrIdLow, final long siteId)
    {
        closeReply();
        stage(STAGE_RECORDS, STAGE_DONE, STAGE_DONE + 1);
        flags(MapRequest.FLAG_I);
        buffer.putLong(limit, xtrIdHigh, BIG_ENDIAN);
        buffer.putLong(limit + 8, xtrIdLow, BIG_ENDIAN);
        buffer.putLong(limit + 16, siteId, BIG_ENDIAN);
        limit += MapRequest.XTR_ID_LENGTH;
        return this;
    }

    /**
     * Bytes written.
     *
     * @return the message length.
     */
    public int encodedLength()
    {
        return (stage == STAGE_REPLY ? replyRecord.limit() : limit) - offset;
    }
}
