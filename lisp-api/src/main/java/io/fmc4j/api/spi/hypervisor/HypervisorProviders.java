/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses a {@link HypervisorProvider} by name among those {@link ServiceLoader} finds. {@code "auto"} picks the
 * available provider with the highest priority. A missing or unavailable choice fails with one message that lists
 * every provider found and why it is unavailable. The choice is logged once per selection at INFO through
 * {@link System.Logger}.
 */
public final class HypervisorProviders
{
    /** The name that asks for the best available provider. */
    public static final String AUTO = "auto";

    private static final System.Logger LOGGER = System.getLogger(HypervisorProviders.class.getName());

    private HypervisorProviders()
    {
    }

    /**
     * Every provider on the class path of the given loader, in discovery order. A provider that fails to load is
     * skipped; it would show as missing when selected.
     *
     * @param classLoader where to look.
     * @return the providers.
     */
    public static List<HypervisorProvider> discover(final ClassLoader classLoader)
    {
        final List<HypervisorProvider> providers = new ArrayList<>();
        final ServiceLoader<HypervisorProvider> loader = ServiceLoader.load(HypervisorProvider.class, classLoader);
        for (final ServiceLoader.Provider<HypervisorProvider> provider : loader.stream().toList())
        {
            try
            {
                providers.add(provider.get());
            }
            catch (final ServiceConfigurationError ignore)
            {
                // A broken provider is treated as absent.
            }
        }
        return providers;
    }

    /**
     * Select by name among the providers on the class path of this class's loader.
     *
     * @param name a provider name or {@link #AUTO}.
     * @return the usable provider.
     * @throws IllegalStateException listing every provider and its unavailability cause.
     */
    public static HypervisorProvider select(final String name)
    {
        return select(name, discover(HypervisorProviders.class.getClassLoader()));
    }

    /**
     * Select by name among given providers.
     *
     * @param name      a provider name or {@link #AUTO}.
     * @param providers the candidates.
     * @return the usable provider.
     * @throws IllegalStateException listing every provider and its unavailability cause.
     */
    public static HypervisorProvider select(final String name, final Iterable<HypervisorProvider> providers)
    {
        HypervisorProvider chosen = null;
        for (final HypervisorProvider provider : providers)
        {
            final boolean available = provider.unavailabilityCause() == null;
            if (AUTO.equals(name))
            {
                if (available && (chosen == null || provider.priority() > chosen.priority()))
                {
                    chosen = provider;
                }
            }
            else if (provider.name().equals(name) && available)
            {
                chosen = provider;
            }
        }
        if (chosen != null)
        {
            LOGGER.log(System.Logger.Level.INFO, "hypervisor provider {0} selected (requested: {1})", chosen.name(),
                name);
            return chosen;
        }
        throw new IllegalStateException(describeFailure(name, providers));
    }

    /**
     * The text of a failed selection: the request and every provider with its state.
     *
     * @param name      the requested name.
     * @param providers the candidates.
     * @return one multi-line message.
     */
    public static String describeFailure(final String name, final Iterable<HypervisorProvider> providers)
    {
        final StringBuilder builder = new StringBuilder(256)
            .append("hypervisor provider '").append(name).append("' is ");
        boolean found = false;
        for (final HypervisorProvider provider : providers)
        {
            found |= provider.name().equals(name);
        }
        builder.append(found ? "unavailable" : (AUTO.equals(name) ? "not resolvable: none available" : "not found"))
            .append("; providers found:");
        int count = 0;
        for (final HypervisorProvider provider : providers)
        {
            count++;
            final Throwable cause = provider.unavailabilityCause();
            builder.append(System.lineSeparator()).append("  ").append(provider.name())
                .append(" (priority ").append(provider.priority()).append("): ")
                .append(cause == null ? "available" : "unavailable: " + cause);
        }
        if (count == 0)
        {
            builder.append(" none (is fmc4j-spi-hypervisor on the class path?)");
        }
        return builder.toString();
    }
}
