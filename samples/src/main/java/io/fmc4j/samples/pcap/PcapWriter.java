/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;

/**
 * Writes a classic libpcap file, e.g. to hand generated packets to {@code tshark}.
 * <pre>
 * try (PcapWriter writer = PcapWriter.create(path, LinkType.RAW))
 * {
 *     writer.writeIpPacket(timestampNanos, buffer, ipOffset, ipLength);
 * }
 * </pre>
 * For {@link LinkType#ETHERNET}, {@link #writeIpPacket} adds an Ethernet II header between two locally
 * administered addresses ({@code 02:00:00:00:00:01} to {@code 02:00:00:00:00:02}).
 */
public final class PcapWriter implements AutoCloseable
{
    /** Snap length written in the file header. */
    public static final int SNAP_LENGTH = PcapReader.MAX_CAPTURED_LENGTH;

    private static final byte[] ETHERNET_ADDRESSES = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};

    private final WritableByteChannel channel;
    private final ByteBuffer header;
    private final ByteBuffer data;
    private final int linkType;
    private final boolean nanosecond;

    private PcapWriter(
        final WritableByteChannel channel, final int linkType, final boolean nanosecond, final ByteOrder order)
        throws IOException
    {
        if (linkType != LinkType.RAW && linkType != LinkType.ETHERNET && linkType != LinkType.IPV4 &&
            linkType != LinkType.IPV6 && linkType != LinkType.LINUX_SLL && linkType != LinkType.LINUX_SLL2 &&
            linkType != LinkType.NULL && linkType != LinkType.LOOP)
        {
            throw new IllegalArgumentException("unsupported link type " + linkType);
        }
        this.channel = channel;
        this.linkType = linkType;
        this.nanosecond = nanosecond;
        header = ByteBuffer.allocate(PcapReader.FILE_HEADER_LENGTH).order(order);
        data = ByteBuffer.allocateDirect(PcapReader.MAX_CAPTURED_LENGTH);
        header.putInt(nanosecond ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS)
            .putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(SNAP_LENGTH).putInt(linkType).flip();
        writeFully(header);
        header.clear().limit(PcapReader.RECORD_HEADER_LENGTH);
    }

    /**
     * Creates (or truncates) a file and writes a little-endian, microsecond-resolution header.
     *
     * @param path of the file.
     * @param linkType e.g. {@link LinkType#RAW} or {@link LinkType#ETHERNET}.
     * @return the writer.
     * @throws IOException if the file cannot be written.
     */
    public static PcapWriter create(final Path path, final int linkType) throws IOException
    {
        return create(path, linkType, false, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates (or truncates) a file with a chosen resolution and byte order.
     *
     * @param path of the file.
     * @param linkType e.g. {@link LinkType#RAW} or {@link LinkType#ETHERNET}.
     * @param nanosecond whether to write nanosecond timestamps.
     * @param order byte order of the headers.
     * @return the writer.
     * @throws IOException if the file cannot be written.
     */
    public static PcapWriter create(
        final Path path, final int linkType, final boolean nanosecond, final ByteOrder order) throws IOException
    {
        final FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try
        {
            return new PcapWriter(channel, linkType, nanosecond, order);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Writes to a channel; the writer closes it.
     *
     * @param channel to write to.
     * @param linkType e.g. {@link LinkType#RAW}.
     * @param nanosecond whether to write nanosecond timestamps.
     * @param order byte order of the headers.
     * @return the writer.
     * @throws IOException if writing the header fails.
     */
    public static PcapWriter create(
        final WritableByteChannel channel, final int linkType, final boolean nanosecond, final ByteOrder order)
        throws IOException
    {
        return new PcapWriter(channel, linkType, nanosecond, order);
    }

    /**
     * Link type of the file.
     *
     * @return as given at creation.
     */
    public int linkType()
    {
        return linkType;
    }

    /**
     * Writes one frame, complete (original length = captured length).
     *
     * @param timestampNanos nanoseconds since the epoch.
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param length of the frame, at most {@link PcapReader#MAX_CAPTURED_LENGTH}.
     * @throws IOException if writing fails.
     */
    public void writeFrame(final long timestampNanos, final DirectBuffer buffer, final int offset, final int length)
        throws IOException
    {
        writeFrame(timestampNanos, buffer, offset, length, length);
    }

    /**
     * Writes one frame, possibly cut by a snap length.
     *
     * @param timestampNanos nanoseconds since the epoch.
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param capturedLength bytes to write.
     * @param originalLength length on the wire, {@code >= capturedLength}.
     * @throws IOException if writing fails.
     */
    public void writeFrame(
        final long timestampNanos,
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final long originalLength) throws IOException
    {
        if (capturedLength < 0 || capturedLength > PcapReader.MAX_CAPTURED_LENGTH || originalLength < capturedLength)
        {
            throw new IllegalArgumentException(
                "bad frame lengths: captured " + capturedLength + ", original " + originalLength);
        }
        data.clear();
        buffer.getBytes(offset, data, capturedLength);
        data.flip();
        writeRecord(timestampNanos, capturedLength, originalLength);
    }

    /**
     * Writes an IPv4 or IPv6 packet as one frame, adding the link header the link type needs.
     *
     * @param timestampNanos nanoseconds since the epoch.
     * @param buffer holding the IP packet.
     * @param offset of the IP header.
     * @param length of the IP packet.
     * @throws IOException if writing fails.
     */
    public void writeIpPacket(final long timestampNanos, final DirectBuffer buffer, final int offset, final int length)
        throws IOException
    {
        final boolean ipv6 = length > 0 && (buffer.getByte(offset) & 0xF0) == 0x60;
        final int etherType = ipv6 ? LinkLayerDecoder.ETHERTYPE_IPV6 : LinkLayerDecoder.ETHERTYPE_IPV4;
        data.clear();
        switch (linkType)
        {
            case LinkType.ETHERNET:
                data.order(ByteOrder.BIG_ENDIAN).put(ETHERNET_ADDRESSES).putShort((short)etherType);
                break;
            case LinkType.LINUX_SLL:
                data.order(ByteOrder.BIG_ENDIAN).putShort((short)4).putShort((short)1).putShort((short)6)
                    .put(ETHERNET_ADDRESSES, 6, 6).putShort((short)0).putShort((short)etherType);
                break;
            case LinkType.LINUX_SLL2:
                data.order(ByteOrder.BIG_ENDIAN).putShort((short)etherType).putShort((short)0).putInt(1)
                    .putShort((short)1).put((byte)4).put((byte)6).put(ETHERNET_ADDRESSES, 6, 6).putShort((short)0);
                break;
            case LinkType.NULL:
                data.order(header.order()).putInt(ipv6 ? 24 : 2);
                break;
            case LinkType.LOOP:
                data.order(ByteOrder.BIG_ENDIAN).putInt(ipv6 ? 24 : 2);
                break;
            default:
                break;
        }
        final int linkLength = data.position();
        if (linkLength + length > PcapReader.MAX_CAPTURED_LENGTH)
        {
            throw new IllegalArgumentException("packet too long for one frame: " + length);
        }
        buffer.getBytes(offset, data, linkLength, length);
        data.limit(linkLength + length).position(0);
        writeRecord(timestampNanos, linkLength + length, linkLength + length);
    }

    /**
     * Closes the file.
     *
     * @throws IOException if closing fails.
     */
    @Override
    public void close() throws IOException
    {
        channel.close();
    }

    private void writeRecord(final long timestampNanos, final int capturedLength, final long originalLength)
        throws IOException
    {
        final long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        final long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
        header.clear();
        header.putInt((int)seconds).putInt((int)(nanosecond ? nanos : nanos / 1_000L)).putInt(capturedLength)
            .putInt((int)originalLength).flip();
        writeFully(header);
        writeFully(data);
    }

    private void writeFully(final ByteBuffer source) throws IOException
    {
        while (source.hasRemaining())
        {
            channel.write(source);
        }
    }
}
