/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import java.io.IOException;

/**
 * A capture file that is not a classic pcap file, or a record in it that is truncated or corrupt. The message
 * names the file, the record (counted from 1, as Wireshark counts frames) and its byte offset.
 */
public final class PcapFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** Record index used when the file header itself is at fault. */
    public static final int FILE_HEADER = 0;

    private final int recordIndex;
    private final long fileOffset;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, already naming the file and record.
     * @param recordIndex record at fault, from 1, or {@link #FILE_HEADER}.
     * @param fileOffset byte offset of the record (or header) in the file.
     */
    public PcapFormatException(final String message, final int recordIndex, final long fileOffset)
    {
        super(message);
        this.recordIndex = recordIndex;
        this.fileOffset = fileOffset;
    }

    /**
     * Record at fault.
     *
     * @return index from 1, or {@link #FILE_HEADER}.
     */
    public int recordIndex()
    {
        return recordIndex;
    }

    /**
     * Where the record at fault starts.
     *
     * @return byte offset in the file.
     */
    public long fileOffset()
    {
        return fileOffset;
    }
}
