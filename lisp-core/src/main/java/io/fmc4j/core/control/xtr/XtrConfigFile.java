/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.codec.LispAuthenticator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The xTR configuration file: one {@code key = value} per line, {@code #} comments, repeatable
 * {@code map-server}, {@code map-resolver} and {@code eid} lines. The format is documented with examples in
 * {@code lisp-core/README-xtr.md}. Cold path; every error names its line.
 */
public final class XtrConfigFile
{
    private final XtrContext context = new XtrContext();
    private int mapCacheCapacity = 65_536;
    private String dataplane = "udp";
    private InetSocketAddress dataRloc;
    private String tun;
    private int tunMtu = 1400;
    private int instanceId;
    private String rlocDataplane = "udp";
    private boolean forwardDeparted;
    private final Map<String, String> packetIoProperties = new LinkedHashMap<>();

    private XtrConfigFile()
    {
    }

    /**
     * Reads and checks a file.
     *
     * @param file the file (UTF-8).
     * @return the parsed configuration, its context concluded.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the line of the first error.
     */
    public static XtrConfigFile read(final Path file) throws IOException
    {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses and checks the lines of a configuration.
     *
     * @param lines the lines.
     * @return the parsed configuration, its context concluded.
     * @throws IllegalArgumentException naming the line of the first error.
     */
    public static XtrConfigFile parse(final List<String> lines)
    {
        final XtrConfigFile config = new XtrConfigFile();
        for (int i = 0; i < lines.size(); i++)
        {
            String line = lines.get(i);
            final int hash = line.indexOf('#');
            if (hash >= 0)
            {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            final String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            final String value = line.substring(eq + 1).trim();
            try
            {
                config.apply(key, value);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException("line " + (i + 1) + " (" + key + "): " + ex.getMessage(), ex);
            }
        }
        try
        {
            config.context.conclude();
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("configuration: " + ex.getMessage(), ex);
        }
        if ((config.tun == null) != (config.dataRloc == null))
        {
            throw new IllegalArgumentException("configuration: the data path needs both tun and data-rloc");
        }
        if (config.context.mapServers().isEmpty() && !config.context.eids().isEmpty())
        {
            throw new IllegalArgumentException("configuration: EIDs are configured but no map-server to register them");
        }
        return config;
    }

    /**
     * The agent's context (concluded).
     *
     * @return the context.
     */
    public XtrContext context()
    {
        return context;
    }

    /**
     * Map-cache capacity ({@code map-cache-capacity}).
     *
     * @return prefixes.
     */
    public int mapCacheCapacity()
    {
        return mapCacheCapacity;
    }

    /**
     * Packet-I/O provider of the control port ({@code dataplane}, {@code udp} by default).
     *
     * @return the provider name.
     */
    public String dataplane()
    {
        return dataplane;
    }

    /**
     * Where the data path's RLOC-side UDP socket binds ({@code data-rloc}), or null to run the control plane only.
     *
     * @return the address, or null.
     */
    public InetSocketAddress dataRloc()
    {
        return dataRloc;
    }

    /**
     * The EID-side TUN device of the data path ({@code tun}).
     *
     * @return the interface name, or null.
     */
    public String tun()
    {
        return tun;
    }

    /**
     * MTU of the TUN device ({@code tun-mtu}, 1400 by default).
     *
     * @return the MTU.
     */
    public int tunMtu()
    {
        return tunMtu;
    }

    /**
     * Instance ID of the TUN device's EIDs ({@code instance-id}, 0 by default).
     *
     * @return the instance ID.
     */
    public int instanceId()
    {
        return instanceId;
    }

    /**
     * Packet-I/O provider of the data path's RLOC-side socket ({@code rloc-dataplane}, {@code udp} by default; e.g.
     * {@code emulated} to delay each path in user space).
     *
     * @return the provider name.
     */
    public String rlocDataplane()
    {
        return rlocDataplane;
    }

    /**
     * Whether the data path re-encapsulates packets for an EID that left this xTR towards its new locator
     * ({@code forward-departed}, false by default).
     *
     * @return true to forward.
     */
    public boolean forwardDeparted()
    {
        return forwardDeparted;
    }

    /**
     * Provider properties given to the control socket's and the data path's RLOC-side packet I/O
     * ({@code packet-io-property = KEY=VALUE}, repeatable), e.g. {@code emulated.delay.ms.192.0.2.1=5}.
     *
     * @return the properties in file order (unmodifiable).
     */
    public Map<String, String> packetIoProperties()
    {
        return Collections.unmodifiableMap(packetIoProperties);
    }

    private void apply(final String key, final String value)
    {
        switch (key)
        {
            case "xtr-id":
                final String hex = stripHex(value);
                if (hex.length() == 0 || hex.length() > 32)
                {
                    throw new IllegalArgumentException("xtr-id is 1..32 hex digits");
                }
                final String padded = "0".repeat(32 - hex.length()) + hex;
                context.xtrId(Long.parseUnsignedLong(padded.substring(0, 16), 16),
                    Long.parseUnsignedLong(padded.substring(16), 16));
                break;
            case "site-id":
                context.siteId(Long.parseUnsignedLong(value));
                break;
            case "control":
                context.controlAddress(socket(value));
                break;
            case "rloc":
                context.rlocIpv4(ipv4(value));
                break;
            case "peer-port":
                context.peerControlPort(Integer.parseInt(value));
                break;
            case "map-server":
                context.addMapServer(mapServer(value));
                break;
            case "map-resolver":
                context.addMapResolver(socket(value));
                break;
            case "eid":
                context.addEid(eid(value));
                break;
            case "register-interval-ms":
                context.registerIntervalMs(Long.parseLong(value));
                break;
            case "register-retry-ms":
                context.registerRetryMs(Long.parseLong(value));
                break;
            case "mapping-ttl-minutes":
                context.mappingTtlMinutes(Long.parseLong(value));
                break;
            case "request-retry-ms":
                context.requestRetryMs(Long.parseLong(value));
                break;
            case "request-max-retry-ms":
                context.requestMaxRetryMs(Long.parseLong(value));
                break;
            case "request-max-attempts":
                context.requestMaxAttempts(Integer.parseInt(value));
                break;
            case "requests-per-second":
                context.requestsPerSecond(Integer.parseInt(value));
                break;
            case "probe-interval-ms":
                context.probeIntervalMs(Long.parseLong(value));
                break;
            case "probe-misses-down":
                context.probeMissesDown(Integer.parseInt(value));
                break;
            case "smr-attempts":
                context.smrAttempts(Integer.parseInt(value));
                break;
            case "subscribe":
                context.subscribe(bool(value));
                break;
            case "notify-ack":
                context.notifyAck(bool(value));
                break;
            case "max-pending":
                context.maxPending(Integer.parseInt(value));
                break;
            case "map-cache-capacity":
                mapCacheCapacity = Integer.parseInt(value);
                if (mapCacheCapacity < 1)
                {
                    throw new IllegalArgumentException("must be positive");
                }
                break;
            case "dataplane":
                dataplane = value;
                break;
            case "rloc-dataplane":
                rlocDataplane = value;
                break;
            case "forward-departed":
                forwardDeparted = bool(value);
                break;
            case "packet-io-property":
                final int eq = value.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("expected KEY=VALUE, got '" + value + "'");
                }
                packetIoProperties.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                break;
            case "data-rloc":
                dataRloc = socket(value);
                break;
            case "tun":
                tun = value;
                break;
            case "tun-mtu":
                tunMtu = Integer.parseInt(value);
                if (tunMtu < 576 || tunMtu > 65535)
                {
                    throw new IllegalArgumentException("must be in 576..65535");
                }
                break;
            case "instance-id":
                instanceId = Integer.parseInt(value);
                if ((instanceId & ~0xFF_FFFF) != 0)
                {
                    throw new IllegalArgumentException("must be in 0..16777215");
                }
                break;
            default:
                throw new IllegalArgumentException("unknown key");
        }
    }

    private static String stripHex(final String value)
    {
        final String v = value.toLowerCase(Locale.ROOT).replace(":", "").replace("-", "");
        final String hex = v.startsWith("0x") ? v.substring(2) : v;
        for (int i = 0; i < hex.length(); i++)
        {
            if (Character.digit(hex.charAt(i), 16) < 0)
            {
                throw new IllegalArgumentException("not hex: " + value);
            }
        }
        return hex;
    }

    private static boolean bool(final String value)
    {
        if ("true".equalsIgnoreCase(value) || "yes".equalsIgnoreCase(value))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value) || "no".equalsIgnoreCase(value))
        {
            return false;
        }
        throw new IllegalArgumentException("expected true or false, got '" + value + "'");
    }

    private static int ipv4(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int address = 0;
        for (final String part : parts)
        {
            final int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    private static InetSocketAddress socket(final String text)
    {
        final int colon = text.lastIndexOf(':');
        final String host = colon < 0 ? text : text.substring(0, colon);
        final int port = colon < 0 ? 4342 : Integer.parseInt(text.substring(colon + 1));
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        final int a = ipv4(host);
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(
                new byte[] {(byte)(a >>> 24), (byte)(a >>> 16), (byte)(a >>> 8), (byte)a}), port);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    private static XtrContext.MapServer mapServer(final String value)
    {
        final String[] words = value.split("\\s+");
        int algorithm = LispAuthenticator.HMAC_SHA_256;
        int keyId = 0;
        String secret = null;
        for (int i = 1; i < words.length; i++)
        {
            final String w = words[i];
            if ("sha1".equalsIgnoreCase(w))
            {
                algorithm = LispAuthenticator.HMAC_SHA_1;
            }
            else if ("sha256".equalsIgnoreCase(w))
            {
                algorithm = LispAuthenticator.HMAC_SHA_256;
            }
            else if (w.startsWith("key-id="))
            {
                keyId = Integer.parseInt(w.substring(7));
            }
            else if (w.startsWith("secret="))
            {
                secret = w.substring(7);
            }
            else
            {
                throw new IllegalArgumentException("unknown map-server option '" + w + "'");
            }
        }
        if (secret == null || secret.isEmpty())
        {
            throw new IllegalArgumentException("map-server needs secret=...");
        }
        final XtrContext.MapServer ms = new XtrContext.MapServer(socket(words[0]), algorithm, keyId,
            secret.getBytes(StandardCharsets.UTF_8));
        ms.newAuthenticator();
        return ms;
    }

    private static XtrContext.LocalEid eid(final String value)
    {
        final String[] words = value.split("\\s+");
        int priority = 1;
        int weight = 100;
        for (int i = 1; i < words.length; i++)
        {
            final String w = words[i];
            if (w.startsWith("priority="))
            {
                priority = Integer.parseInt(w.substring(9));
            }
            else if (w.startsWith("weight="))
            {
                weight = Integer.parseInt(w.substring(7));
            }
            else
            {
                throw new IllegalArgumentException("unknown eid option '" + w + "'");
            }
        }
        final XtrContext.LocalEid eid = new XtrContext.LocalEid(EidPrefix.parse(words[0]), priority, weight);
        XtrContext.checkEid(eid);
        return eid;
    }
}
