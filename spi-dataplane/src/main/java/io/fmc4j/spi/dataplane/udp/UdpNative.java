/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.udp;

import io.fmc4j.spi.dataplane.NativeLibrary;

/**
 * The JNI functions of {@code libfmc4j-udp.so} ({@code src/main/native/fmc4j_udp.c}): a UDP socket driven with
 * {@code recvmmsg}/{@code sendmmsg}. Results are values or {@code -errno}.
 */
final class UdpNative
{
    static final String LIBRARY = "fmc4j-udp";
    static final Throwable LOAD_FAILURE = NativeLibrary.load(LIBRARY);

    /** Bytes per metadata slot; see the C file for the layout. */
    static final int META_SIZE = 32;
    static final int META_LENGTH = 0;
    static final int META_FAMILY = 4;
    static final int META_NEXT_HOP = 4;
    static final int META_PORT = 8;
    static final int META_ADDRESS = 16;

    static final int EBADF = 9;
    static final int EPIPE = 32;
    static final int ENOTSOCK = 88;

    private UdpNative()
    {
    }

    static boolean isFatal(final int errno)
    {
        return errno == EBADF || errno == EPIPE || errno == ENOTSOCK;
    }

    static native long open(byte[] address, int port, int rcvbuf, int sndbuf, int batch, int maxNextHops);

    static native int localPort(long handle);

    static native int addNextHop(long handle, byte[] address, int port);

    static native int receive(long handle, long arena, int stride, int offset, int capacity, long meta, int max);

    static native int send(long handle, long arena, int stride, long meta, int from, int to);

    static native int shutdown(long handle);

    static native void close(long handle);

    static native String strerror(int errno);
}
