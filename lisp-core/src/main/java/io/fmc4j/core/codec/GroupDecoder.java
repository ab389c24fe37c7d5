/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

/**
 * A repeating group of validated, variable-length elements read by one reused flyweight, in the manner of SBE's
 * groups: {@code while (group.hasNext()) { group.next(); ... }}. Iteration allocates nothing.
 *
 * @param <T> the concrete decoder, returned by {@link #next()}.
 */
public abstract class GroupDecoder<T extends GroupDecoder<T>>
{
    DirectBuffer buffer;
    int offset;
    private int nextOffset;
    private int count;
    private int index;

    GroupDecoder()
    {
    }

    final void resetGroup(final DirectBuffer buffer, final int firstOffset, final int count)
    {
        this.buffer = buffer;
        this.offset = -1;
        this.nextOffset = firstOffset;
        this.count = count;
        this.index = 0;
    }

    /**
     * Number of elements in the group.
     *
     * @return the count.
     */
    public final int count()
    {
        return count;
    }

    /**
     * Is there another element?
     *
     * @return true when {@link #next()} may be called.
     */
    public final boolean hasNext()
    {
        return index < count;
    }

    /**
     * Moves to the next element.
     *
     * @return this.
     */
    @SuppressWarnings("unchecked")
    public final T next()
    {
        offset = nextOffset;
        nextOffset = offset + encodedLength();
        index++;
        return (T)this;
    }

    /**
     * Offset just past the last element visited (the first element's offset before any).
     *
     * @return the offset.
     */
    public final int limit()
    {
        return nextOffset;
    }

    /**
     * Offset of the current element.
     *
     * @return the offset.
     */
    public final int offset()
    {
        return offset;
    }

    /**
     * The buffer the decoder reads.
     *
     * @return the buffer.
     */
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Bytes the current element occupies.
     *
     * @return the length.
     */
    public abstract int encodedLength();
}
