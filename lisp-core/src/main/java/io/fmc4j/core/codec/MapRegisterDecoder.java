/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a validated Map-Register, Map-Notify or Map-Notify-Ack in place.
 */
public final class MapRegisterDecoder
{
    private final MapRecordDecoder records = new MapRecordDecoder();
    private final MapRecordDecoder walker = new MapRecordDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int recordsEnd;

    /**
     * Points the decoder at a validated message.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @return this.
     */
    public MapRegisterDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.recordsEnd = -1;
        return this;
    }

    /**
     * Message type.
     *
     * @return 3, 4 or 5.
     */
    public int type()
    {
        return ControlHeader.type(buffer, offset);
    }

    /**
     * Flag bits ({@link MapRegister#FLAGS_MASK}); their meaning depends on {@link #type()}.
     *
     * @return the flags.
     */
    public int flags()
    {
        return ControlHeader.word(buffer, offset) & MapRegister.FLAGS_MASK;
    }

    /**
     * Is a flag set?
     *
     * @param flag a {@code MapRegister.FLAG_*} or {@code NOTIFY_FLAG_*} bit.
     * @return whether it is set.
     */
    public boolean flag(final int flag)
    {
        return (ControlHeader.word(buffer, offset) & flag) != 0;
    }

    /**
     * Map-Register M: wants a Map-Notify.
     *
     * @return the bit (false for Map-Notify and Map-Notify-Ack).
     */
    public boolean wantMapNotify()
    {
        return type() == MessageType.MAP_REGISTER && flag(MapRegister.FLAG_M);
    }

    /**
     * Map-Register P: proxy-reply requested.
     *
     * @return the bit.
     */
    public boolean proxyReply()
    {
        return type() == MessageType.MAP_REGISTER && flag(MapRegister.FLAG_P);
    }

    /**
     * I: xTR-ID and Site-ID present.
     *
     * @return the bit.
     */
    public boolean xtrIdPresent()
    {
        return flag(MapRegister.xtrIdFlag(type()));
    }

    /**
     * Number of records.
     *
     * @return 0..255.
     */
    public int recordCount()
    {
        return ControlHeader.word(buffer, offset) & 0xFF;
    }

    /**
     * The nonce.
     *
     * @return 64 bits.
     */
    public long nonce()
    {
        return ControlHeader.nonce(buffer, offset);
    }

    /**
     * The 16-bit Key ID / Algorithm ID field as sent.
     *
     * @return the raw field.
     */
    public int keyIdField()
    {
        return buffer.getShort(offset + MapRegister.KEY_ID_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Authentication algorithm: the low byte of the field (1 = HMAC-SHA-1, 2 = HMAC-SHA-256, 0 = none).
     *
     * @return the algorithm id.
     */
    public int algorithmId()
    {
        return keyIdField() & 0xFF;
    }

    /**
     * Key-ID: the high byte of the field (0 from peers that send one 16-bit key id).
     *
     * @return the key id.
     */
    public int keyId()
    {
        return keyIdField() >>> 8;
    }

    /**
     * Authentication data length.
     *
     * @return bytes.
     */
    public int authLength()
    {
        return buffer.getShort(offset + MapRegister.AUTH_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Offset of the authentication data.
     *
     * @return the offset.
     */
    public int authOffset()
    {
        return offset + MapRegister.AUTH_OFFSET;
    }

    /**
     * The records, positioned before the first.
     *
     * @return the reused record decoder.
     */
    public MapRecordDecoder records()
    {
        return records.reset(buffer, authOffset() + authLength(), recordCount(), false);
    }

    /**
     * Where the records end: walked once per {@link #wrap}, with a decoder of its own so that a caller's iteration
     * of {@link #records()} is not disturbed.
     */
    private int recordsEnd()
    {
        if (recordsEnd < 0)
        {
            final MapRecordDecoder r = walker.reset(buffer, authOffset() + authLength(), recordCount(), false);
            while (r.hasNext())
            {
                r.next();
            }
            recordsEnd = r.limit();
        }
        return recordsEnd;
    }

    private int xtrIdOffset()
    {
        return recordsEnd();
    }

    /**
     * Does the MS-RTR authentication block follow (Map-Notify with R)?
     *
     * @return whether it is present.
     */
    public boolean msRtrAuthenticationPresent()
    {
        return MapRegister.hasMsRtrAuthentication(type(), ControlHeader.word(buffer, offset));
    }

    /**
     * Offset of the MS-RTR Key ID, when {@link #msRtrAuthenticationPresent()}.
     *
     * @return the offset.
     */
    public int msRtrOffset()
    {
        return xtrIdOffset() + (xtrIdPresent() ? MapRegister.XTR_ID_LENGTH : 0);
    }

    /**
     * The MS-RTR Key ID / Algorithm ID field.
     *
     * @return the field.
     */
    public int msRtrKeyIdField()
    {
        return buffer.getShort(msRtrOffset(), BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The MS-RTR authentication data length.
     *
     * @return bytes.
     */
    public int msRtrAuthLength()
    {
        return buffer.getShort(msRtrOffset() + 2, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Bytes the message occupies (records, xTR-ID and MS-RTR authentication included).
     *
     * @return the length.
     */
    public int encodedLength()
    {
        final int msRtr = msRtrOffset();
        final int end = msRtrAuthenticationPresent() ?
            msRtr + MapRegister.MS_RTR_HEADER_LENGTH + (buffer.getShort(msRtr + 2, BIG_ENDIAN) & 0xFFFF) : msRtr;
        return end - offset;
    }

    /**
     * High 64 bits of the xTR-ID, when {@link #xtrIdPresent()}.
     *
     * @return the bits.
     */
    public long xtrIdHigh()
    {
        return buffer.getLong(xtrIdOffset(), BIG_ENDIAN);
    }

    /**
     * Low 64 bits of the xTR-ID.
     *
     * @return the bits.
     */
    public long xtrIdLow()
    {
        return buffer.getLong(xtrIdOffset() + 8, BIG_ENDIAN);
    }

    /**
     * The Site-ID.
     *
     * @return 64 bits.
     */
    public long siteId()
    {
        return buffer.getLong(xtrIdOffset() + 16, BIG_ENDIAN);
    }

    /**
     * The buffer the decoder reads.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the message.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }
}
