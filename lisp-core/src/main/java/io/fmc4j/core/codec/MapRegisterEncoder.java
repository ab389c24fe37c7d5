/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a Map-Register, Map-Notify or Map-Notify-Ack: header, nonce, authentication field (zeroed, signed
 * at the end by a {@link LispAuthenticator}), records, optional xTR-ID/Site-ID.
 * <pre>
 * encoder.wrap(buffer, 0, MessageType.MAP_REGISTER).flags(MapRegister.FLAG_M).nonce(nonce)
 *     .authentication(auth.keyIdField(), auth.macLength());
 * encoder.addRecord().ttl(1440).authoritative(true).eidIpv4(0, 24, eid).locatorIpv4(1, 100, 255, 0, 1, rloc);
 * int length = encoder.xtrId(hi, lo, site).encodedLength();
 * auth.sign(buffer, 0, length, MapRegister.AUTH_OFFSET);
 * </pre>
 */
public final class MapRegisterEncoder
{
    private final RecordList records = new RecordList();
    private MutableDirectBuffer buffer;
    private int offset;
    private int type;
    private int trailer;

    /**
     * Starts a message with no authentication and no records.
     *
     * @param buffer to write into.
     * @param offset of the message.
     * @param type {@link MessageType#MAP_REGISTER}, {@link MessageType#MAP_NOTIFY} or
     *     {@link MessageType#MAP_NOTIFY_ACK}.
     * @return this.
     */
    public MapRegisterEncoder wrap(final MutableDirectBuffer buffer, final int offset, final int type)
    {
        if (CodecChecks.ENABLED && (type < MessageType.MAP_REGISTER || type > MessageType.MAP_NOTIFY_ACK))
        {
            throw new IllegalArgumentException("not a Map-Register/Notify type: " + type);
        }
        this.buffer = buffer;
        this.offset = offset;
        this.type = type;
        this.trailer = 0;
        buffer.putInt(offset, type << 28, BIG_ENDIAN);
        buffer.putLong(offset + MapRegister.NONCE_OFFSET, 0L, BIG_ENDIAN);
        buffer.putInt(offset + MapRegister.KEY_ID_OFFSET, 0, BIG_ENDIAN);
        records.reset(buffer, offset + 3, offset + MapRegister.AUTH_OFFSET);
        return this;
    }

    /**
     * Sets flag bits (for Map-Register P, S, R, T, a, m, M; for Map-Notify R). I is set by {@link #xtrId}.
     *
     * @param flags {@code MapRegister.FLAG_*} or {@code NOTIFY_FLAG_*} bits.
     * @return this.
     */
    public MapRegisterEncoder flags(final int flags)
    {
        final int word = buffer.getInt(offset, BIG_ENDIAN);
        buffer.putInt(offset, word | (flags & MapRegister.FLAGS_MASK), BIG_ENDIAN);
        return this;
    }

    /**
     * The nonce.
     *
     * @param nonce 64 bits.
     * @return this.
     */
    public MapRegisterEncoder nonce(final long nonce)
    {
        buffer.putLong(offset + MapRegister.NONCE_OFFSET, nonce, BIG_ENDIAN);
        return this;
    }

    /**
     * Reserves a zeroed authentication field. Call before adding records.
     *
     * @param keyIdField the 16-bit Key ID / Algorithm ID field.
     * @param authLength bytes of authentication data (20 for HMAC-SHA-1, 32 for HMAC-SHA-256).
     * @return this.
     */
    public MapRegisterEncoder authentication(final int keyIdField, final int authLength)
    {
        if (CodecChecks.ENABLED && (buffer.getByte(offset + 3) != 0 || (authLength & ~0xFFFF) != 0))
        {
            throw new IllegalStateException("authentication must be set before records, length <= 65535");
        }
        buffer.putShort(offset + MapRegister.KEY_ID_OFFSET, (short)keyIdField, BIG_ENDIAN);
        buffer.putShort(offset + MapRegister.AUTH_LENGTH_OFFSET, (short)authLength, BIG_ENDIAN);
        buffer.setMemory(offset + MapRegister.AUTH_OFFSET, authLength, (byte)0);
        records.start(offset + MapRegister.AUTH_OFFSET + authLength);
        return this;
    }

    /**
     * Appends a record; write it through the returned encoder before adding the next.
     *
     * @return the reused record encoder, positioned.
     */
    public MapRecordEncoder addRecord()
    {
        return records.add();
    }

    /**
     * Appends the xTR-ID and Site-ID and sets the I bit. Must follow the records (and precede the MS-RTR block).
     *
     * @param xtrIdHigh high 64 bits of the xTR-ID.
     * @param xtrIdLow low 64 bits.
     * @param siteId the Site-ID.
     * @return this.
     */
    public MapRegisterEncoder xtrId(final long xtrIdHigh, final long xtrIdLow, final long siteId)
    {
        if (CodecChecks.ENABLED && trailer != 0)
        {
            throw new IllegalStateException("xTR-ID goes before the MS-RTR authentication, once");
        }
        final int limit = records.close();
        flags(MapRegister.xtrIdFlag(type));
        buffer.putLong(limit, xtrIdHigh, BIG_ENDIAN);
        buffer.putLong(limit + 8, xtrIdLow, BIG_ENDIAN);
        buffer.putLong(limit + 16, siteId, BIG_ENDIAN);
        trailer = MapRegister.XTR_ID_LENGTH;
        return this;
    }

    /**
     * Appends the MS-RTR authentication block (zeroed data) of a Map-Notify and sets its R bit. Must be last,
     * after {@link #xtrId} if there is one.
     *
     * @param keyIdField the MS-RTR Key ID / Algorithm ID field.
     * @param authLength bytes of MS-RTR authentication data.
     * @return this.
     */
    public MapRegisterEncoder msRtrAuthentication(final int keyIdField, final int authLength)
    {
        if (CodecChecks.ENABLED && type != MessageType.MAP_NOTIFY)
        {
            throw new IllegalStateException("MS-RTR authentication belongs to Map-Notify");
        }
        final int at = records.close() + trailer;
        flags(MapRegister.NOTIFY_FLAG_R);
        buffer.putShort(at, (short)keyIdField, BIG_ENDIAN);
        buffer.putShort(at + 2, (short)authLength, BIG_ENDIAN);
        buffer.setMemory(at + MapRegister.MS_RTR_HEADER_LENGTH, authLength, (byte)0);
        trailer += MapRegister.MS_RTR_HEADER_LENGTH + authLength;
        return this;
    }

    /**
     * Bytes written.
     *
     * @return the message length.
     */
    public int encodedLength()
    {
        return records.limit() + trailer - offset;
    }
}
