/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;

/**
 * An immutable open-addressing table from an EID key (word0, hi, lo), or any three-word key, to a value: the
 * mapping database's thread reads it without locks or allocation; a writer builds a new table with
 * {@link #with(EidPrefix, Object)} and publishes it through a volatile field (copy on write: user registration is
 * rare, lookups are per change).
 *
 * @param <V> value type.
 */
final class EidKeyTable<V>
{
    private static final EidKeyTable<?> EMPTY = new EidKeyTable<>(new long[0], new Object[0], 0);

    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int size;

    private EidKeyTable(final long[] keys, final Object[] values, final int size)
    {
        this.keys = keys;
        this.values = values;
        this.mask = values.length - 1;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> EidKeyTable<V> empty()
    {
        return (EidKeyTable<V>)EMPTY;
    }

    int size()
    {
        return size;
    }

    /**
     * Lookup; allocation-free.
     *
     * @return the value or null.
     */
    @SuppressWarnings("unchecked")
    V get(final long word0, final long hi, final long lo)
    {
        if (size == 0)
        {
            return null;
        }
        int slot = (int)EidKey.hash(word0, hi, lo) & mask;
        while (values[slot] != null)
        {
            final int k = slot * 3;
            if (keys[k] == word0 && keys[k + 1] == hi && keys[k + 2] == lo)
            {
                return (V)values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    V get(final EidPrefix prefix)
    {
        return get(prefix.word0(), prefix.hi(), prefix.lo());
    }

    /**
     * A new table with one more entry (or a replaced value), at most half full.
     */
    EidKeyTable<V> with(final EidPrefix prefix, final V value)
    {
        return with(prefix.word0(), prefix.hi(), prefix.lo(), value);
    }

    /**
     * A new table with one more entry (or a replaced value) under a raw three-word key.
     */
    EidKeyTable<V> with(final long word0, final long hi, final long lo, final V value)
    {
        int capacity = 4;
        while (capacity < (size + 1) * 2)
        {
            capacity <<= 1;
        }
        final long[] newKeys = new long[capacity * 3];
        final Object[] newValues = new Object[capacity];
        int newSize = 0;
        for (int slot = 0; slot < values.length; slot++)
        {
            if (values[slot] != null && !(keys[slot * 3] == word0 && keys[slot * 3 + 1] == hi &&
                keys[slot * 3 + 2] == lo))
            {
                insert(newKeys, newValues, keys[slot * 3], keys[slot * 3 + 1], keys[slot * 3 + 2], values[slot]);
                newSize++;
            }
        }
        insert(newKeys, newValues, word0, hi, lo, value);
        return new EidKeyTable<>(newKeys, newValues, newSize + 1);
    }

    private static void insert(final long[] keys, final Object[] values, final long word0, final long hi,
        final long lo, final Object value)
    {
        final int mask = values.length - 1;
        int slot = (int)EidKey.hash(word0, hi, lo) & mask;
        while (values[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot * 3] = word0;
        keys[slot * 3 + 1] = hi;
        keys[slot * 3 + 2] = lo;
        values[slot] = value;
    }
}
