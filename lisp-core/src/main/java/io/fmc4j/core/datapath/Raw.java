/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.nio.ByteOrder;

import org.agrona.UnsafeApi;

/**
 * Unchecked big-endian loads and stores at a raw address ({@code array} plus offset, or native memory with a null
 * array), for the ITR's common path after it has checked once that the whole packet and its headroom lie inside the
 * buffer. Agrona's per-access bounds checks stay on everywhere else; this does not depend on
 * {@code agrona.disable.bounds.checks}.
 */
final class Raw
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private Raw()
    {
    }

    static short shortBigEndian(final byte[] array, final long address)
    {
        final short v = UnsafeApi.getShort(array, address);
        return NATIVE_BIG_ENDIAN ? v : Short.reverseBytes(v);
    }

    static int intBigEndian(final byte[] array, final long address)
    {
        final int v = UnsafeApi.getInt(array, address);
        return NATIVE_BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long longBigEndian(final byte[] array, final long address)
    {
        final long v = UnsafeApi.getLong(array, address);
        return NATIVE_BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void putIntBigEndian(final byte[] array, final long address, final int value)
    {
        UnsafeApi.putInt(array, address, NATIVE_BIG_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static void putLongBigEndian(final byte[] array, final long address, final long value)
    {
        UnsafeApi.putLong(array, address, NATIVE_BIG_ENDIAN ? value : Long.reverseBytes(value));
    }
}
