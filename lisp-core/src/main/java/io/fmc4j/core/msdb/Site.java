/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;

import java.util.ArrayList;
import java.util.List;

/**
 * A Map-Server site (configuration, cold path): name, authentication keys, the EID prefixes it may register,
 * whether more-specific prefixes of those are accepted, and whether the Map-Server proxy-replies by default.
 * Built with {@link #builder(String)}; immutable.
 */
public final class Site
{
    private final String name;
    private final List<AuthKey> keys;
    private final List<EidPrefix> allowedPrefixes;
    private final boolean acceptMoreSpecifics;
    private final boolean proxyReply;

    private Site(final Builder b)
    {
        this.name = b.name;
        this.keys = List.copyOf(b.keys);
        this.allowedPrefixes = List.copyOf(b.allowedPrefixes);
        this.acceptMoreSpecifics = b.acceptMoreSpecifics;
        this.proxyReply = b.proxyReply;
    }

    /**
     * Starts a site.
     *
     * @param name unique site name.
     * @return a builder.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /**
     * Site name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Authentication keys.
     *
     * @return unmodifiable list.
     */
    public List<AuthKey> keys()
    {
        return keys;
    }

    /**
     * The key with an id.
     *
     * @param keyId key id of a Map-Register.
     * @return the key or null.
     */
    public AuthKey key(final int keyId)
    {
        for (final AuthKey k : keys)
        {
            if (k.keyId() == keyId)
            {
                return k;
            }
        }
        return null;
    }

    /**
     * Prefixes the site may register.
     *
     * @return unmodifiable list.
     */
    public List<EidPrefix> allowedPrefixes()
    {
        return allowedPrefixes;
    }

    /**
     * Whether more-specifics of the allowed prefixes are accepted.
     *
     * @return the setting.
     */
    public boolean acceptMoreSpecifics()
    {
        return acceptMoreSpecifics;
    }

    /**
     * Whether the Map-Server answers Map-Requests for this site itself by default.
     *
     * @return the setting.
     */
    public boolean proxyReply()
    {
        return proxyReply;
    }

    /**
     * May the site register this prefix?
     *
     * @param instanceId instance ID.
     * @param afi        AFI.
     * @param maskLength length.
     * @param hi         left-aligned high word.
     * @param lo         left-aligned low word.
     * @return true when an allowed prefix equals it, or covers it and more-specifics are accepted.
     */
    public boolean allows(final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        for (int i = 0, n = allowedPrefixes.size(); i < n; i++)
        {
            final EidPrefix p = allowedPrefixes.get(i);
            if (p.instanceId() == instanceId && p.afi() == afi && p.maskLength() <= maskLength &&
                (hi & EidKey.maskHi(p.maskLength())) == p.hi() &&
                (lo & EidKey.maskLo(p.maskLength())) == p.lo() &&
                (p.maskLength() == maskLength || acceptMoreSpecifics))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "Site{" + name + ", prefixes=" + allowedPrefixes + ", moreSpecifics=" + acceptMoreSpecifics +
            ", proxyReply=" + proxyReply + ", keys=" + keys + '}';
    }

    /**
     * Builds a {@link Site}.
     */
    public static final class Builder
    {
        private final String name;
        private final List<AuthKey> keys = new ArrayList<>();
        private final List<EidPrefix> allowedPrefixes = new ArrayList<>();
        private boolean acceptMoreSpecifics;
        private boolean proxyReply;

        private Builder(final String name)
        {
            if (name == null || name.isBlank())
            {
                throw new IllegalArgumentException("site name must not be blank");
            }
            this.name = name;
        }

        /**
         * Adds a key.
         *
         * @param key the key.
         * @return this.
         */
        public Builder key(final AuthKey key)
        {
            if (keys.stream().anyMatch(k -> k.keyId() == key.keyId()))
            {
                throw new IllegalArgumentException("duplicate key id " + key.keyId() + " in site " + name);
            }
            keys.add(key);
            return this;
        }

        /**
         * Adds an allowed prefix.
         *
         * @param prefix an EID prefix.
         * @return this.
         */
        public Builder allow(final EidPrefix prefix)
        {
            allowedPrefixes.add(prefix);
            return this;
        }

        /**
         * Adds an allowed prefix in text form.
         *
         * @param prefix e.g. {@code [1]10.0.0.0/8}.
         * @return this.
         */
        public Builder allow(final String prefix)
        {
            return allow(EidPrefix.parse(prefix));
        }

        /**
         * Accept more-specifics of the allowed prefixes.
         *
         * @param accept the setting.
         * @return this.
         */
        public Builder acceptMoreSpecifics(final boolean accept)
        {
            this.acceptMoreSpecifics = accept;
            return this;
        }

        /**
         * Proxy-reply by default.
         *
         * @param proxyReply the setting.
         * @return this.
         */
        public Builder proxyReply(final boolean proxyReply)
        {
            this.proxyReply = proxyReply;
            return this;
        }

        /**
         * Builds the site.
         *
         * @return the site.
         * @throws IllegalArgumentException when it has no key or no allowed prefix.
         */
        public Site build()
        {
            if (keys.isEmpty())
            {
                throw new IllegalArgumentException("site " + name + " has no authentication key");
            }
            if (allowedPrefixes.isEmpty())
            {
                throw new IllegalArgumentException("site " + name + " has no allowed EID prefix");
            }
            return new Site(this);
        }
    }
}
