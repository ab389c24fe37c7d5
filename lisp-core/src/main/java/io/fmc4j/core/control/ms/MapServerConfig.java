/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The Map-Server configuration file (cold path): one directive per line, {@code #} starts a comment, sites in
 * {@code site NAME { ... }} blocks.
 * <pre>
 * listen 0.0.0.0:4342            # address and port of the udp device (default 0.0.0.0:4342)
 * provider udp                   # packet-I/O provider name (default udp)
 * database /var/lib/fmc4j/ms.db  # persist registrations (default: memory only)
 * capacity 100000                # most registered prefixes (default 65536)
 * rate-limit 1000 2000           # Map-Requests per second and burst, per source
 * notify-retransmit 2000 3       # Map-Notify interval (ms) and transmissions
 * accept-zero-nonce true         # Map-Registers with nonce 0 (no replay protection for them)
 * site dc1 {
 *   key 0 sha1 secret            # key id (Key-ID byte), sha1|sha256, secret (text, or hex:0a0b...)
 *   prefix 10.1.0.0/16           # allowed EID prefix, [iid] in front for an instance: [5]10.1.0.0/16
 *   accept-more-specifics true   # also more-specifics of the allowed prefixes (mobility, host routes)
 *   proxy-reply false            # answer Map-Requests for this site even without the P bit
 * }
 * </pre>
 * Errors name the file and line.
 */
public final class MapServerConfig
{
    private final List<Site> sites = new ArrayList<>();
    private InetSocketAddress listen = new InetSocketAddress("0.0.0.0", 4342);
    private String provider = "udp";
    private File database;
    private int capacity = 65536;
    private int ratePerSecond = 1000;
    private int rateBurst = 2000;
    private long notifyIntervalMs = 2000;
    private int notifyTransmissions = 3;
    private boolean acceptZeroNonce = true;

    private MapServerConfig()
    {
    }

    /**
     * Reads a configuration file.
     *
     * @param file the file.
     * @return the configuration.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the line, for a bad directive or value.
     */
    public static MapServerConfig read(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses configuration text.
     *
     * @param text   the text.
     * @param source name used in error messages.
     * @return the configuration.
     * @throws IllegalArgumentException naming the line, for a bad directive or value.
     */
    public static MapServerConfig parse(final String text, final String source)
    {
        final MapServerConfig config = new MapServerConfig();
        final String[] lines = text.split("\r?\n", -1);
        Site.Builder site = null;
        int siteLine = 0;
        for (int n = 0; n < lines.length; n++)
        {
            final String line = strip(lines[n]);
            if (line.isEmpty())
            {
                continue;
            }
            final String[] w = line.split("\\s+");
            final String where = source + ":" + (n + 1) + ": ";
            try
            {
                if (null != site)
                {
                    if ("}".equals(line))
                    {
                        config.sites.add(site.build());
                        site = null;
                        continue;
                    }
                    siteDirective(site, w);
                    continue;
                }
                switch (w[0])
                {
                    case "site":
                        expect(w, 3, "site NAME {");
                        if (!"{".equals(w[2]))
                        {
                            throw new IllegalArgumentException("expected 'site NAME {'");
                        }
                        site = Site.builder(w[1]);
                        siteLine = n + 1;
                        break;
                    case "listen":
                        expect(w, 2, "listen ADDRESS:PORT");
                        config.listen = socketAddress(w[1]);
                        break;
                    case "provider":
                        expect(w, 2, "provider NAME");
                        config.provider = w[1];
                        break;
                    case "database":
                        expect(w, 2, "database FILE");
                        config.database = new File(w[1]);
                        break;
                    case "capacity":
                        expect(w, 2, "capacity N");
                        config.capacity = positive(w[1]);
                        break;
                    case "rate-limit":
                        expect(w, 3, "rate-limit PER_SECOND BURST");
                        config.ratePerSecond = positive(w[1]);
                        config.rateBurst = positive(w[2]);
                        break;
                    case "notify-retransmit":
                        expect(w, 3, "notify-retransmit INTERVAL_MS TRANSMISSIONS");
                        config.notifyIntervalMs = positive(w[1]);
                        config.notifyTransmissions = positive(w[2]);
                        break;
                    case "accept-zero-nonce":
                        expect(w, 2, "accept-zero-nonce true|false");
                        config.acceptZeroNonce = bool(w[1]);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown directive '" + w[0] + "'");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(where + ex.getMessage(), ex);
            }
        }
        if (null != site)
        {
            throw new IllegalArgumentException(source + ":" + siteLine + ": site block not closed with '}'");
        }
        if (config.sites.isEmpty())
        {
            throw new IllegalArgumentException(source + ": no site configured");
        }
        return config;
    }

    private static void siteDirective(final Site.Builder site, final String[] w)
    {
        switch (w[0])
        {
            case "key":
                expect(w, 4, "key ID sha1|sha256 SECRET");
                final int algorithm;
                switch (w[2].toLowerCase(Locale.ROOT))
                {
                    case "sha1":
                    case "hmac-sha-1-96":
                        algorithm = AuthKey.HMAC_SHA_1_96;
                        break;
                    case "sha256":
                    case "hmac-sha-256-128":
                        algorithm = AuthKey.HMAC_SHA_256_128;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown algorithm '" + w[2] + "' (sha1 or sha256)");
                }
                final int id = Integer.parseInt(w[1]);
                if (id < 0 || id > 255)
                {
                    throw new IllegalArgumentException("key id must be 0..255: " + id);
                }
                final byte[] secret = w[3].startsWith("hex:") ? HexFormat.of().parseHex(w[3].substring(4)) :
                    w[3].getBytes(StandardCharsets.UTF_8);
                site.key(new AuthKey(id, algorithm, secret));
                break;
            case "prefix":
                expect(w, 2, "prefix EID-PREFIX");
                site.allow(EidPrefix.parse(w[1]));
                break;
            case "accept-more-specifics":
                expect(w, 2, "accept-more-specifics true|false");
                site.acceptMoreSpecifics(bool(w[1]));
                break;
            case "proxy-reply":
                expect(w, 2, "proxy-reply true|false");
                site.proxyReply(bool(w[1]));
                break;
            default:
                throw new IllegalArgumentException("unknown site directive '" + w[0] + "'");
        }
    }

    private static String strip(final String line)
    {
        final int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    private static void expect(final String[] words, final int count, final String usage)
    {
        if (words.length != count)
        {
            throw new IllegalArgumentException("expected '" + usage + "'");
        }
    }

    private static int positive(final String text)
    {
        final int value;
        try
        {
            value = Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number: '" + text + "'", ex);
        }
        if (value <= 0)
        {
            throw new IllegalArgumentException("must be positive: " + value);
        }
        return value;
    }

    private static boolean bool(final String text)
    {
        if ("true".equals(text) || "false".equals(text))
        {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("expected true or false: '" + text + "'");
    }

    private static InetSocketAddress socketAddress(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("expected ADDRESS:PORT: '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port = positive(text.substring(colon + 1));
        if (port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'))
        {
            throw new IllegalArgumentException("listen address must be numeric: '" + host + "'");
        }
        return new InetSocketAddress(host, port);
    }

    /**
     * A mapping-database configuration with these sites, capacity and file.
     *
     * @return a new context.
     */
    public MappingDatabase.Context databaseContext()
    {
        final MappingDatabase.Context ctx = new MappingDatabase.Context().capacity(capacity).file(database);
        for (final Site s : sites)
        {
            ctx.site(s);
        }
        return ctx;
    }

    /**
     * Copies the Map-Server settings into a context.
     *
     * @param ctx the context.
     * @return {@code ctx}.
     */
    public MapServer.Context applyTo(final MapServer.Context ctx)
    {
        return ctx.requestRateLimit(ratePerSecond, rateBurst).notifyRetransmit(notifyIntervalMs, notifyTransmissions)
            .acceptZeroNonce(acceptZeroNonce);
    }

    /**
     * Configured sites.
     *
     * @return unmodifiable list.
     */
    public List<Site> sites()
    {
        return List.copyOf(sites);
    }

    /**
     * Address to listen on.
     *
     * @return the address.
     */
    public InetSocketAddress listen()
    {
        return listen;
    }

    /**
     * Packet-I/O provider name.
     *
     * @return the name.
     */
    public String provider()
    {
        return provider;
    }

    /**
     * Persistence file.
     *
     * @return the file, or null.
     */
    public File database()
    {
        return database;
    }
}
