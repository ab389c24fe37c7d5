/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.tun;

import io.fmc4j.spi.dataplane.NativeLibrary;

/**
 * The JNI functions of {@code libfmc4j-tun.so} ({@code src/main/native/fmc4j_tun.c}). Results are values or
 * {@code -errno}; memory is passed as raw addresses of off-heap buffers the caller owns.
 */
final class TunNative
{
    /** Linux errno values the Java side acts on. */
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EBADFD = 77;
    static final int ENOBUFS = 105;

    static final String LIBRARY = "fmc4j-tun";
    static final Throwable LOAD_FAILURE = NativeLibrary.load(LIBRARY);

    private TunNative()
    {
    }

    /**
     * Is an errno one that means the device is gone (rather than a transient error)?
     *
     * @param errno a positive errno.
     * @return true for EBADFD, ENODEV, ENXIO, EBADF, EIO.
     */
    static boolean isFatal(final int errno)
    {
        return errno == EBADFD || errno == ENODEV || errno == ENXIO || errno == EBADF || errno == EIO;
    }

    static native int open(String name, int mtu, boolean up);

    static native String name(int fd);

    static native int readBurst(int fd, long arena, int stride, int offset, int capacity, long lengths, int max);

    static native int write(int fd, long address, int length);

    static native int close(int fd);

    static native String strerror(int errno);
}
