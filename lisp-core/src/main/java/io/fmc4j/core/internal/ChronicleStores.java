/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.internal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Writes and removes entries of a {@code ChronicleMap<byte[], byte[]>} through its query context, from reused byte
 * stores: one entry written under the segment's update lock and checksummed when the context closes, as
 * {@code put} and {@code remove} do, but without a value array to hand over and without the previous value copied
 * out as a new array (which {@code put} and {@code remove} return). The stores of record of the map-cache and of
 * the mapping database write this way, so that their writers allocate nothing per change.
 */
public final class ChronicleStores
{
    private ChronicleStores()
    {
    }

    /**
     * Inserts or replaces the entry under a key.
     *
     * @param store       the map.
     * @param key         holds the key at offset 0.
     * @param keyLength   the key's length.
     * @param value       holds the value at offset 0.
     * @param valueLength the value's length.
     */
    public static void write(
        final ChronicleMap<byte[], byte[]> store,
        final BytesStore<?, byte[]> key,
        final int keyLength,
        final BytesStore<?, byte[]> value,
        final int valueLength)
    {
        try (ExternalMapQueryContext<byte[], byte[], ?> c = store.queryContext(key, 0, keyLength))
        {
            c.updateLock().lock();
            final Data<byte[]> data = c.wrapValueBytesAsData(value, 0, valueLength);
            final MapEntry<byte[], byte[]> entry = c.entry();
            if (null != entry)
            {
                c.replaceValue(entry, data);
            }
            else
            {
                c.insert(c.absentEntry(), data);
            }
        }
    }

    /**
     * Removes the entry under a key, if there is one.
     *
     * @param store     the map.
     * @param key       holds the key at offset 0.
     * @param keyLength the key's length.
     */
    public static void remove(final ChronicleMap<byte[], byte[]> store, final BytesStore<?, byte[]> key,
        final int keyLength)
    {
        try (ExternalMapQueryContext<byte[], byte[], ?> c = store.queryContext(key, 0, keyLength))
        {
            c.updateLock().lock();
            final MapEntry<byte[], byte[]> entry = c.entry();
            if (null != entry)
            {
                c.remove(entry);
            }
        }
    }
}
