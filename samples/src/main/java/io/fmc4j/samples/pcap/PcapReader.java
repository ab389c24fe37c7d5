/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a classic libpcap file (both byte orders, microsecond or nanosecond timestamps) one frame at a time into
 * a reused buffer; nothing is allocated per frame.
 * <pre>
 * try (PcapReader reader = PcapReader.open(path))
 * {
 *     while (reader.next())
 *     {
 *         handle(reader.frameIndex(), reader.timestampNanos(), reader.frame(), reader.capturedLength());
 *     }
 * }
 * </pre>
 * A truncated or corrupt record raises a {@link PcapFormatException} naming the record; reading always ends,
 * as every record consumes at least its 16-byte header. pcapng files are refused with a hint to convert them.
 */
public final class PcapReader implements AutoCloseable
{
    /** Magic of a microsecond-resolution file, as written by the host that wrote it. */
    public static final int MAGIC_MICROS = 0xA1B2_C3D4;
    /** Magic of a nanosecond-resolution file. */
    public static final int MAGIC_NANOS = 0xA1B2_3C4D;
    /** First word of a pcapng file (Section Header Block type; the same in both byte orders). */
    public static final int PCAPNG_MAGIC = 0x0A0D_0D0A;
    /** Length of the file header. */
    public static final int FILE_HEADER_LENGTH = 24;
    /** Length of a record header. */
    public static final int RECORD_HEADER_LENGTH = 16;
    /**
     * Largest captured length accepted (libpcap's and Wireshark's limit for ordinary link types); a larger value
     * means a corrupt record, since a file header's snap length cannot be trusted either.
     */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    private final ReadableByteChannel channel;
    private final String name;
    private final ByteBuffer header;
    private final ByteBuffer data;
    private final UnsafeBuffer frame;
    private final ByteOrder order;
    private final boolean nanosecond;
    private final int versionMajor;
    private final int versionMinor;
    private final long snapLength;
    private final int linkTypeField;

    private long position;
    private long recordOffset;
    private int frameIndex;
    private long timestampSeconds;
    private long timestampFraction;
    private int capturedLength;
    private long originalLength;

    private PcapReader(final ReadableByteChannel channel, final String name) throws IOException
    {
        this.channel = channel;
        this.name = name;
        header = ByteBuffer.allocate(FILE_HEADER_LENGTH);
        final int read = readFully(header);
        header.flip();
        if (read >= 4 && header.getInt(0) == PCAPNG_MAGIC)
        {
            throw new PcapFormatException(name + ": pcapng not supported, convert with editcap -F pcap",
                PcapFormatException.FILE_HEADER, 0);
        }
        if (read < FILE_HEADER_LENGTH)
        {
            throw new PcapFormatException(name + ": not a pcap file: " + read + " bytes, shorter than the " +
                FILE_HEADER_LENGTH + "-byte file header", PcapFormatException.FILE_HEADER, 0);
        }
        final int magic = header.getInt(0);
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS)
        {
            order = ByteOrder.BIG_ENDIAN;
        }
        else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS)
        {
            order = ByteOrder.LITTLE_ENDIAN;
        }
        else
        {
            throw new PcapFormatException(name + ": not a pcap file: magic 0x" + Integer.toHexString(magic),
                PcapFormatException.FILE_HEADER, 0);
        }
        header.order(order);
        nanosecond = header.getInt(0) == MAGIC_NANOS;
        versionMajor = header.getShort(4) & 0xFFFF;
        versionMinor = header.getShort(6) & 0xFFFF;
        if (versionMajor != 2)
        {
            throw new PcapFormatException(name + ": unsupported pcap version " + versionMajor + "." + versionMinor,
                PcapFormatException.FILE_HEADER, 0);
        }
        snapLength = header.getInt(16) & 0xFFFF_FFFFL;
        linkTypeField = header.getInt(20);
        position = FILE_HEADER_LENGTH;
        header.clear().limit(RECORD_HEADER_LENGTH);
        data = ByteBuffer.allocateDirect(MAX_CAPTURED_LENGTH);
        frame = new UnsafeBuffer(data);
    }

    /**
     * Opens a file and reads its header.
     *
     * @param path of a classic pcap file.
     * @return a reader positioned before the first frame.
     * @throws PcapFormatException if the file is not classic pcap.
     * @throws IOException if it cannot be read.
     */
    public static PcapReader open(final Path path) throws IOException
    {
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            return new PcapReader(channel, path.toString());
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Reads from a channel (e.g. a stream from standard input); the reader closes it.
     *
     * @param channel positioned at the file header.
     * @param name used in error messages.
     * @return a reader positioned before the first frame.
     * @throws IOException if the header is missing or not classic pcap.
     */
    public static PcapReader open(final ReadableByteChannel channel, final String name) throws IOException
    {
        return new PcapReader(channel, name);
    }

    /**
     * Reads the next frame into {@link #frame()}.
     *
     * @return false at the end of the file (after the last complete record).
     * @throws PcapFormatException if the record is truncated or its captured length is impossible; the message
     * names the record and its offset.
     * @throws IOException if reading fails.
     */
    public boolean next() throws IOException
    {
        final int index = frameIndex + 1;
        recordOffset = position;
        header.clear().limit(RECORD_HEADER_LENGTH);
        final int headerRead = readFully(header);
        if (headerRead == 0)
        {
            return false;
        }
        if (headerRead < RECORD_HEADER_LENGTH)
        {
            throw error(index, "truncated record header, " + headerRead + " of " + RECORD_HEADER_LENGTH + " bytes");
        }
        final long captured = header.getInt(8) & 0xFFFF_FFFFL;
        if (captured > MAX_CAPTURED_LENGTH)
        {
            throw error(index, "captured length " + captured + " exceeds " + MAX_CAPTURED_LENGTH +
                " (corrupt record)");
        }
        data.clear().limit((int)captured);
        final int dataRead = readFully(data);
        if (dataRead < captured)
        {
            throw error(index, "truncated record data, " + dataRead + " of " + captured + " bytes");
        }
        frameIndex = index;
        timestampSeconds = header.getInt(0) & 0xFFFF_FFFFL;
        timestampFraction = header.getInt(4) & 0xFFFF_FFFFL;
        capturedLength = (int)captured;
        originalLength = header.getInt(12) & 0xFFFF_FFFFL;
        return true;
    }

    /**
     * The current frame, at offset 0, {@link #capturedLength()} bytes long. Overwritten by {@link #next()}.
     *
     * @return a reused buffer.
     */
    public DirectBuffer frame()
    {
        return frame;
    }

    /**
     * Index of the current frame.
     *
     * @return from 1, as Wireshark numbers frames.
     */
    public int frameIndex()
    {
        return frameIndex;
    }

    /**
     * Byte offset of the current record's header in the file.
     *
     * @return offset.
     */
    public long recordOffset()
    {
        return recordOffset;
    }

    /**
     * Timestamp seconds since the epoch.
     *
     * @return unsigned 32 bits.
     */
    public long timestampSeconds()
    {
        return timestampSeconds;
    }

    /**
     * Timestamp in nanoseconds since the epoch, whatever the file's resolution.
     *
     * @return nanoseconds.
     */
    public long timestampNanos()
    {
        return timestampSeconds * 1_000_000_000L + (nanosecond ? timestampFraction : timestampFraction * 1_000L);
    }

    /**
     * Bytes of the frame present in the file.
     *
     * @return captured length.
     */
    public int capturedLength()
    {
        return capturedLength;
    }

    /**
     * Length of the frame on the wire; larger than {@link #capturedLength()} when the capture cut it.
     *
     * @return original length, unsigned 32 bits.
     */
    public long originalLength()
    {
        return originalLength;
    }

    /**
     * Link type of every frame, e.g. {@link LinkType#ETHERNET}.
     *
     * @return the low 16 bits of the header's link type field.
     */
    public int linkType()
    {
        return linkTypeField & 0xFFFF;
    }

    /**
     * The header's link type field with its FCS bits.
     *
     * @return 32 bits.
     */
    public int linkTypeField()
    {
        return linkTypeField;
    }

    /**
     * Byte order the file was written in.
     *
     * @return big or little endian.
     */
    public ByteOrder byteOrder()
    {
        return order;
    }

    /**
     * Whether timestamps carry nanoseconds rather than microseconds.
     *
     * @return true for the nanosecond magic.
     */
    public boolean nanosecondResolution()
    {
        return nanosecond;
    }

    /**
     * Snap length from the file header (informational: records are checked against
     * {@link #MAX_CAPTURED_LENGTH}).
     *
     * @return unsigned 32 bits.
     */
    public long snapLength()
    {
        return snapLength;
    }

    /**
     * File format version, major part.
     *
     * @return 2.
     */
    public int versionMajor()
    {
        return versionMajor;
    }

    /**
     * File format version, minor part.
     *
     * @return usually 4.
     */
    public int versionMinor()
    {
        return versionMinor;
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

    private PcapFormatException error(final int index, final String what)
    {
        return new PcapFormatException(name + ": record " + index + " at offset " + recordOffset + ": " + what,
            index, recordOffset);
    }

    private int readFully(final ByteBuffer target) throws IOException
    {
        int total = 0;
        while (target.hasRemaining())
        {
            final int read = channel.read(target);
            if (read < 0)
            {
                break;
            }
            if (read == 0)
            {
                // A non-blocking channel with nothing ready: treat as the end rather than spin.
                break;
            }
            total += read;
        }
        position += total;
        return total;
    }
}
