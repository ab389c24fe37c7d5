/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.dataplane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link PacketIoProvider}s with {@link ServiceLoader} and picks one by name, or the available one with
 * the highest priority for {@value #AUTO}. A missing or unavailable choice fails with one message that lists
 * every provider found and why each is unavailable. Cold path.
 */
public final class PacketIoProviders
{
    /** The name that selects the available provider with the highest priority. */
    public static final String AUTO = "auto";

    private static final System.Logger LOGGER = System.getLogger("io.fmc4j.dataplane");

    private PacketIoProviders()
    {
    }

    /**
     * Every provider visible to the class loader, sorted by name. A provider that fails to instantiate is
     * skipped (it shows up in no list, and cannot be chosen).
     *
     * @param classLoader where to look; null means this class's loader.
     * @return the providers.
     */
    public static List<PacketIoProvider> load(final ClassLoader classLoader)
    {
        final ClassLoader loader = classLoader != null ? classLoader : PacketIoProviders.class.getClassLoader();
        final List<PacketIoProvider> providers = new ArrayList<>();
        final var iterator = ServiceLoader.load(PacketIoProvider.class, loader).iterator();
        while (true)
        {
            try
            {
                if (!iterator.hasNext())
                {
                    break;
                }
                providers.add(iterator.next());
            }
            catch (final ServiceConfigurationError ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "skipping a packet-I/O provider that cannot load", ex);
            }
        }
        providers.sort(Comparator.comparing(PacketIoProvider::name));
        return providers;
    }

    /**
     * Picks the provider named {@code name} among those on the class path.
     *
     * @param name a provider name, or {@value #AUTO}.
     * @return the chosen provider, which is available.
     * @throws NoPacketIoProviderException when it is missing or unavailable.
     */
    public static PacketIoProvider select(final String name)
    {
        return select(name, load(null));
    }

    /**
     * Picks the provider named {@code name} among {@code providers}.
     *
     * @param name      a provider name, or {@value #AUTO}.
     * @param providers the candidates.
     * @return the chosen provider, which is available.
     * @throws NoPacketIoProviderException when it is missing or unavailable.
     */
    public static PacketIoProvider select(final String name, final List<PacketIoProvider> providers)
    {
        PacketIoProvider chosen = null;
        if (AUTO.equals(name))
        {
            for (final PacketIoProvider provider : providers)
            {
                if (provider.isAvailable() && (chosen == null || provider.priority() > chosen.priority()))
                {
                    chosen = provider;
                }
            }
            if (chosen == null)
            {
                throw new NoPacketIoProviderException(describe("no packet-I/O provider is available", providers));
            }
        }
        else
        {
            for (final PacketIoProvider provider : providers)
            {
                if (provider.name().equals(name))
                {
                    chosen = provider;
                    break;
                }
            }
            if (chosen == null)
            {
                throw new NoPacketIoProviderException(
                    describe("packet-I/O provider '" + name + "' not found", providers));
            }
            if (!chosen.isAvailable())
            {
                throw new NoPacketIoProviderException(
                    describe("packet-I/O provider '" + name + "' is unavailable", providers),
                    chosen.unavailabilityCause());
            }
        }
        LOGGER.log(System.Logger.Level.INFO, "packet-I/O provider: {0} (asked for {1})", chosen.name(), name);
        return chosen;
    }

    /**
     * A multi-line description of the providers and their availability.
     *
     * @param headline  the first line.
     * @param providers the providers to list.
     * @return e.g. {@code "...; providers found: memory (priority 0): available; dpdk (priority 100): unavailable:
     * ..."}.
     */
    public static String describe(final String headline, final List<PacketIoProvider> providers)
    {
        final StringBuilder out = new StringBuilder(headline).append("; providers found:");
        if (providers.isEmpty())
        {
            out.append(" none (is fmc4j-spi-dataplane on the class path?)");
        }
        for (final PacketIoProvider provider : providers)
        {
            out.append(System.lineSeparator()).append("  ").append(provider.name())
                .append(" (priority ").append(provider.priority()).append("): ");
            final Throwable cause = provider.unavailabilityCause();
            if (cause == null)
            {
                out.append("available");
            }
            else
            {
                out.append("unavailable: ").append(cause.getMessage() != null ? cause.getMessage() : cause);
            }
        }
        return out.toString();
    }
}
