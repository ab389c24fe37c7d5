/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane.memory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProvider;

/**
 * Provider {@value #NAME}: in-process links for tests and benchmarks. {@link #open(PacketIoConfig)} with device
 * name {@code L} returns endpoint a of link {@code L} (creating it), a second open of {@code L} returns
 * endpoint b, a third fails. When both endpoints are closed the name is free again. Always available; its
 * priority is the lowest, so {@code auto} picks it only when no real device is.
 */
public final class MemoryPacketIoProvider implements PacketIoProvider
{
    /** The provider name. */
    public static final String NAME = "memory";
    /** The priority: below every real device. */
    public static final int PRIORITY = -100;

    private static final Map<String, LinkEntry> LINKS = new HashMap<>();

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public MemoryPacketIoProvider()
    {
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public int priority()
    {
        return PRIORITY;
    }

    /** {@inheritDoc} */
    @Override
    public Throwable unavailabilityCause()
    {
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public PacketIo open(final PacketIoConfig config) throws IOException
    {
        config.conclude();
        final String name = config.deviceName();
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("memory provider needs a deviceName naming the link");
        }
        synchronized (LINKS)
        {
            LinkEntry entry = LINKS.get(name);
            if (entry == null)
            {
                entry = new LinkEntry(MemoryLink.create(name, config));
                LINKS.put(name, entry);
            }
            if (!entry.aOpen)
            {
                entry.aOpen = true;
                return entry.link.endpointA();
            }
            if (!entry.bOpen)
            {
                entry.bOpen = true;
                return entry.link.endpointB();
            }
            throw new IOException("memory link '" + name + "' already has two open endpoints");
        }
    }

    static void release(final MemoryLink link, final MemoryPacketIo endpoint)
    {
        synchronized (LINKS)
        {
            for (final Map.Entry<String, LinkEntry> e : LINKS.entrySet())
            {
                final LinkEntry entry = e.getValue();
                if (entry.link == link)
                {
                    if (endpoint == link.endpointA())
                    {
                        entry.closedA = true;
                    }
                    else
                    {
                        entry.closedB = true;
                    }
                    if ((entry.closedA || !entry.aOpen) && (entry.closedB || !entry.bOpen))
                    {
                        LINKS.remove(e.getKey());
                    }
                    return;
                }
            }
        }
    }

    private static final class LinkEntry
    {
        private final MemoryLink link;
        private boolean aOpen;
        private boolean bOpen;
        private boolean closedA;
        private boolean closedB;

        LinkEntry(final MemoryLink link)
        {
            this.link = link;
        }
    }
}
