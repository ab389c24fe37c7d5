/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

import io.fmc4j.core.codec.ip.InternetChecksum;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * ICMP echo request and reply packets (IPv4, RFC 792) as the demo's user host and service VM send them: a 20-byte
 * IPv4 header, the 8-byte echo header (identifier, sequence number) and a 16-byte payload holding the request's
 * send time and, in a reply, the data centre that answered. The payload is opaque to every router on the way, as
 * for the real {@code ping}.
 */
public final class EchoPacket
{
    /** Bytes of a demo echo packet. */
    public static final int LENGTH = 44;
    /** Identifier of the 100 ms pings that draw the RTT curve. */
    public static final int ID_PING = 1;
    /** Identifier of the 1 ms probes that measure the outage. */
    public static final int ID_PROBE = 2;
    /** {@link #servedBy}: not answered yet. */
    public static final int NOT_SERVED = 0xFF;

    private static final int ICMP = 20;
    private static final int SEND_TIME = 28;
    private static final int SERVED_BY = 36;
    private static final int TYPE_ECHO_REPLY = 0;
    private static final int TYPE_ECHO_REQUEST = 8;

    private EchoPacket()
    {
    }

    /**
     * Writes an echo request.
     *
     * @param buffer    where.
     * @param offset    first byte.
     * @param source    the sender's IPv4 address.
     * @param target    the pinged IPv4 address.
     * @param id        {@link #ID_PING} or {@link #ID_PROBE}.
     * @param sequence  0..65535.
     * @param sendNanos the send time, echoed back.
     * @return {@link #LENGTH}.
     */
    public static int writeRequest(
        final MutableDirectBuffer buffer,
        final int offset,
        final int source,
        final int target,
        final int id,
        final int sequence,
        final long sendNanos)
    {
        buffer.putByte(offset, (byte)0x45);
        buffer.putByte(offset + 1, (byte)0);
        buffer.putShort(offset + 2, (short)LENGTH, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + 4, (short)sequence, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + 6, (short)0x4000, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + 8, (byte)64);
        buffer.putByte(offset + 9, (byte)1);
        buffer.putInt(offset + 12, source, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 16, target, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + ICMP, (byte)TYPE_ECHO_REQUEST);
        buffer.putByte(offset + ICMP + 1, (byte)0);
        buffer.putShort(offset + ICMP + 4, (short)id, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + ICMP + 6, (short)sequence, ByteOrder.BIG_ENDIAN);
        buffer.putLong(offset + SEND_TIME, sendNanos, ByteOrder.BIG_ENDIAN);
        buffer.putLong(offset + SERVED_BY, 0, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + SERVED_BY, (byte)NOT_SERVED);
        checksums(buffer, offset);
        return LENGTH;
    }

    /**
     * Whether a packet is a valid demo echo request to {@code target}.
     *
     * @param buffer holds it.
     * @param offset first byte.
     * @param length bytes.
     * @param target the address it must be for.
     * @return true when it is.
     */
    public static boolean isRequestTo(final DirectBuffer buffer, final int offset, final int length, final int target)
    {
        return isEcho(buffer, offset, length, TYPE_ECHO_REQUEST) &&
            buffer.getInt(offset + 16, ByteOrder.BIG_ENDIAN) == target;
    }

    /**
     * Whether a packet is a valid demo echo reply to {@code source}.
     *
     * @param buffer holds it.
     * @param offset first byte.
     * @param length bytes.
     * @param source the pinging host.
     * @return true when it is.
     */
    public static boolean isReplyTo(final DirectBuffer buffer, final int offset, final int length, final int source)
    {
        return isEcho(buffer, offset, length, TYPE_ECHO_REPLY) &&
            buffer.getInt(offset + 16, ByteOrder.BIG_ENDIAN) == source;
    }

    /**
     * Turns a request into its reply in place: addresses swapped, type 0, the answering DC written, checksums
     * recomputed.
     *
     * @param buffer   holds the request.
     * @param offset   first byte.
     * @param servedBy index of the answering data centre.
     */
    public static void answerInPlace(final MutableDirectBuffer buffer, final int offset, final int servedBy)
    {
        final int source = buffer.getInt(offset + 12, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 12, buffer.getInt(offset + 16, ByteOrder.BIG_ENDIAN), ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 16, source, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + 8, (byte)64);
        buffer.putByte(offset + ICMP, (byte)TYPE_ECHO_REPLY);
        buffer.putByte(offset + SERVED_BY, (byte)servedBy);
        checksums(buffer, offset);
    }

    /**
     * The echo identifier.
     *
     * @param buffer holds the packet.
     * @param offset first byte.
     * @return {@link #ID_PING} or {@link #ID_PROBE} for the demo's packets.
     */
    public static int id(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + ICMP + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The echo sequence number.
     *
     * @param buffer holds the packet.
     * @param offset first byte.
     * @return 0..65535.
     */
    public static int sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + ICMP + 6, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The request's send time, echoed.
     *
     * @param buffer holds the packet.
     * @param offset first byte.
     * @return nanoseconds.
     */
    public static long sendNanos(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEND_TIME, ByteOrder.BIG_ENDIAN);
    }

    /**
     * The data centre that answered.
     *
     * @param buffer holds the reply.
     * @param offset first byte.
     * @return its index, or {@link #NOT_SERVED}.
     */
    public static int servedBy(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + SERVED_BY) & 0xFF;
    }

    private static boolean isEcho(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        return length == LENGTH &&
            buffer.getByte(offset) == 0x45 &&
            buffer.getByte(offset + 9) == 1 &&
            (buffer.getByte(offset + ICMP) & 0xFF) == type &&
            InternetChecksum.checksum(buffer, offset, 20) == 0 &&
            InternetChecksum.checksum(buffer, offset + ICMP, LENGTH - ICMP) == 0;
    }

    private static void checksums(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putShort(offset + 10, (short)0);
        buffer.putShort(offset + 10, (short)InternetChecksum.checksum(buffer, offset, 20), ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + ICMP + 2, (short)0);
        buffer.putShort(offset + ICMP + 2, (short)InternetChecksum.checksum(buffer, offset + ICMP, LENGTH - ICMP),
            ByteOrder.BIG_ENDIAN);
    }
}
