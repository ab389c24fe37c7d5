/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.datapath;

import io.fmc4j.api.mapcache.MapCacheReader;
import io.fmc4j.api.mapcache.MappingView;
import org.agrona.DirectBuffer;

/**
 * Delegates to a map-cache reader but hides its type, so that the ITR cannot read mappings in place and takes its
 * general path (look up, copy into a view) for every packet.
 */
public final class CopyingReader implements MapCacheReader
{
    private final MapCacheReader reader;

    /**
     * Wraps a reader.
     *
     * @param reader the map-cache's reader.
     */
    public CopyingReader(final MapCacheReader reader)
    {
        this.reader = reader;
    }

    @Override
    public int lookup(
        final int instanceId, final int afi, final DirectBuffer buffer, final int offset, final MappingView out)
    {
        return reader.lookup(instanceId, afi, buffer, offset, out);
    }

    @Override
    public int lookup(final int instanceId, final int afi, final long hi, final long lo, final MappingView out)
    {
        return reader.lookup(instanceId, afi, hi, lo, out);
    }

    @Override
    public int lookupIpv4(final int instanceId, final int address, final MappingView out)
    {
        return reader.lookupIpv4(instanceId, address, out);
    }

    @Override
    public void lookupIpv4Burst(
        final int instanceId, final int[] addresses, final int count, final int[] statuses, final MappingView[] out)
    {
        reader.lookupIpv4Burst(instanceId, addresses, count, statuses, out);
    }
}
