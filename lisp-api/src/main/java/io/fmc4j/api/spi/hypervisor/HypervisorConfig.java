/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration handed to {@link HypervisorProvider#open}, in the Context style: fluent setters, then
 * {@link #conclude()} validates once. Backend-specific settings are string properties whose keys start with the
 * provider name (for example {@code qmp.vm.web.socket}); each backend documents its keys and reports a bad value
 * with the key in the message.
 */
public final class HypervisorConfig
{
    /** Property key naming the provider to use, or {@code auto}. */
    public static final String PROVIDER_PROPERTY = "fmc4j.hypervisor";

    private String host = "localhost";
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> eids = new TreeMap<>();
    private boolean concluded;

    /**
     * Name of the host this control manages, as migration targets name it.
     *
     * @param host the host name.
     * @return this.
     */
    public HypervisorConfig host(final String host)
    {
        checkNotConcluded();
        this.host = host;
        return this;
    }

    /**
     * The host name.
     *
     * @return the host name.
     */
    public String host()
    {
        return host;
    }

    /**
     * Set a backend property.
     *
     * @param key   property key.
     * @param value property value.
     * @return this.
     */
    public HypervisorConfig property(final String key, final String value)
    {
        checkNotConcluded();
        properties.put(key, value);
        return this;
    }

    /**
     * Set many backend properties.
     *
     * @param values keys and values to copy.
     * @return this.
     */
    public HypervisorConfig properties(final Map<String, String> values)
    {
        checkNotConcluded();
        properties.putAll(values);
        return this;
    }

    /**
     * A backend property.
     *
     * @param key property key.
     * @return its value, or null.
     */
    public String property(final String key)
    {
        return properties.get(key);
    }

    /**
     * A backend property with a default.
     *
     * @param key          property key.
     * @param defaultValue value when absent.
     * @return the value.
     */
    public String propertyOrDefault(final String key, final String defaultValue)
    {
        return properties.getOrDefault(key, defaultValue);
    }

    /**
     * A numeric backend property.
     *
     * @param key          property key.
     * @param defaultValue value when absent.
     * @return the value.
     * @throws IllegalArgumentException naming the key when the value is not a number.
     */
    public long longProperty(final String key, final long defaultValue)
    {
        final String value = properties.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("property " + key + " is not an integer: '" + value + "'", ex);
        }
    }

    /**
     * All backend properties.
     *
     * @return an unmodifiable sorted view.
     */
    public Map<String, String> properties()
    {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Declare the LISP EID of a VM (hypervisors do not know EIDs).
     *
     * @param vmName VM name.
     * @param eid    the EID, e.g. {@code "10.1.0.5/32"}.
     * @return this.
     */
    public HypervisorConfig eid(final String vmName, final String eid)
    {
        checkNotConcluded();
        eids.put(vmName, eid);
        return this;
    }

    /**
     * The EID of a VM.
     *
     * @param vmName VM name.
     * @return its EID, or null when not declared.
     */
    public String eid(final String vmName)
    {
        return eids.get(vmName);
    }

    /**
     * Validate once; setters fail afterwards.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value.
     */
    public HypervisorConfig conclude()
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("host must not be empty");
        }
        for (final Map.Entry<String, String> entry : properties.entrySet())
        {
            if (entry.getValue() == null)
            {
                throw new IllegalArgumentException("property " + entry.getKey() + " has no value");
            }
        }
        concluded = true;
        return this;
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("HypervisorConfig already concluded");
        }
    }
}
