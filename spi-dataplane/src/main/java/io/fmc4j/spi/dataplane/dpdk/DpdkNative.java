/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.dpdk;

import java.io.IOException;
import java.util.Arrays;

import io.fmc4j.spi.dataplane.NativeLibrary;

/**
 * The JNI functions of {@code libfmc4j-dpdk.so} ({@code src/main/native/fmc4j_dpdk.c}) and the process-wide EAL
 * state: DPDK's EAL starts once per process and cannot restart, so the first outcome (success or the error) is
 * kept for the life of the JVM.
 */
final class DpdkNative
{
    static final String LIBRARY = "fmc4j-dpdk";
    static final Throwable LOAD_FAILURE = NativeLibrary.load(LIBRARY);

    /** Bytes per descriptor slot; see the C file for the layout. */
    static final int DESC_SIZE = 32;
    static final int DESC_MBUF = 0;
    static final int DESC_ADDRESS = 8;
    static final int DESC_LENGTH = 16;
    static final int DESC_ROOM = 20;
    static final int EBUSY = 16;
    static final int ENODEV = 19;

    private static boolean ealStarted;
    private static IOException ealFailure;

    private DpdkNative()
    {
    }

    /**
     * Starts the EAL with {@code args} the first time; later calls return or throw the first outcome.
     *
     * @param args EAL arguments, program name first.
     * @throws IOException when the EAL did not start (now or earlier).
     */
    static synchronized void ensureEal(final String[] args) throws IOException
    {
        if (ealStarted)
        {
            return;
        }
        if (ealFailure != null)
        {
            throw ealFailure;
        }
        final int result = ealInit(args);
        if (result < 0)
        {
            ealFailure = new IOException("rte_eal_init " + Arrays.toString(args) + " failed: " +
                strerror(-result) + " (" + -result + "); DPDK cannot be restarted in this process");
            throw ealFailure;
        }
        ealStarted = true;
    }

    static synchronized IOException ealFailure()
    {
        return ealFailure;
    }

    static native int ealInit(String[] args);

    static native int portByName(String name);

    static native int attach(String name, String args);

    static native int detach(String name);

    static native int portStart(int port, int rxDescriptors, int txDescriptors, int mbufs, int dataRoom);

    static native int portStop(int port, String detachName);

    static native void freeSlots(long desc, int from, int to);

    static native int rxBurst(int port, long desc, int held, int max);

    static native int txFill(int port, long desc, int from, int to);

    static native int txBurst(int port, long desc, int count, int capacity);

    static native int stats(int port, long out);

    static native int mbufHeadroom();

    static native String strerror(int errno);
}
