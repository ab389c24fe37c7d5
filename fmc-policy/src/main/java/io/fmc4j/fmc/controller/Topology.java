/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Follow Me Cloud controller knows of the network: access xTRs (where users attach), data centres (where
 * their services run) and the distance between each access xTR and each data centre, in the service areas the
 * migration policy's states count. Immutable once built; built with {@link Context} or parsed from the text
 * format below.
 * <p>
 * Distances are given per (access xTR, data centre) pair, or derived from round-trip times:
 * {@code distance = round(rtt / rttPerArea)} when a pair has an RTT and no distance and {@code rtt-per-area} is
 * set. Every pair must end up with a distance.
 * <pre>
 * # comment
 * access NAME rloc=ADDRESS [subnets=PREFIX;PREFIX...]
 * dc NAME rloc=ADDRESS provider=sim|qmp|xen|auto host=HOST [prefix=EID_PREFIX] [address=MIGRATION_ADDRESS]
 *        [property.KEY=VALUE ...]
 * distance ACCESS DC AREAS
 * rtt NODE NODE MILLISECONDS        (any two named nodes; symmetric)
 * rtt-per-area MILLISECONDS
 * </pre>
 */
public final class Topology
{
    private final Map<String, AccessXtr> accessXtrs;
    private final Map<String, DataCentre> dataCentres;
    private final Map<Rloc, AccessXtr> accessByRloc = new HashMap<>();
    private final Map<Rloc, DataCentre> dcByRloc = new HashMap<>();
    private final Map<String, Integer> distances;
    private final Map<String, Double> rtts;
    private final int maxDistance;
    private final EidKeyTable<AccessXtr> accessByLocator;

    /**
     * Configuration: fluent setters, then {@link #conclude()} (or {@link Topology#Topology(Context)}, which
     * concludes).
     */
    public static final class Context
    {
        private final Map<String, AccessXtr> accessXtrs = new LinkedHashMap<>();
        private final Map<String, DataCentre> dataCentres = new LinkedHashMap<>();
        private final Map<String, Integer> distances = new HashMap<>();
        private final Map<String, Double> rtts = new HashMap<>();
        private double rttPerAreaMs;
        private boolean concluded;

        /**
         * Adds an access xTR.
         *
         * @param xtr the xTR; its name must be unique among all nodes.
         * @return this.
         */
        public Context accessXtr(final AccessXtr xtr)
        {
            checkNotConcluded();
            if (accessXtrs.containsKey(xtr.name()) || dataCentres.containsKey(xtr.name()))
            {
                throw new IllegalArgumentException("duplicate node name: " + xtr.name());
            }
            accessXtrs.put(xtr.name(), xtr);
            return this;
        }

        /**
         * Adds an access xTR.
         *
         * @param name    unique name.
         * @param rloc    its RLOC.
         * @param subnets user subnets it serves.
         * @return this.
         */
        public Context accessXtr(final String name, final String rloc, final String... subnets)
        {
            final List<EidPrefix> prefixes = new ArrayList<>();
            for (final String subnet : subnets)
            {
                prefixes.add(EidPrefix.parse(subnet));
            }
            return accessXtr(new AccessXtr(name, Rloc.parse(rloc), prefixes));
        }

        /**
         * Adds a data centre.
         *
         * @param dc the data centre; its name must be unique among all nodes.
         * @return this.
         */
        public Context dataCentre(final DataCentre dc)
        {
            checkNotConcluded();
            if (accessXtrs.containsKey(dc.name()) || dataCentres.containsKey(dc.name()))
            {
                throw new IllegalArgumentException("duplicate node name: " + dc.name());
            }
            dataCentres.put(dc.name(), dc);
            return this;
        }

        /**
         * Adds a data centre without provider properties or migration address.
         *
         * @param name     unique name.
         * @param rloc     RLOC of its xTR.
         * @param prefix   its EID prefix, or {@code null}.
         * @param provider hypervisor provider name.
         * @param host     hypervisor host name.
         * @return this.
         */
        public Context dataCentre(
            final String name, final String rloc, final String prefix, final String provider, final String host)
        {
            return dataCentre(new DataCentre(name, Rloc.parse(rloc), prefix == null ? null : EidPrefix.parse(prefix),
                provider, host, null, Map.of()));
        }

        /**
         * Distance between an access xTR and a data centre, in service areas (the policy's state).
         *
         * @param access access xTR name.
         * @param dc     data centre name.
         * @param areas  0 or more.
         * @return this.
         */
        public Context distance(final String access, final String dc, final int areas)
        {
            checkNotConcluded();
            if (areas < 0)
            {
                throw new IllegalArgumentException("distance " + access + "-" + dc + " must be >= 0: " + areas);
            }
            distances.put(pairKey(access, dc), areas);
            return this;
        }

        /**
         * Round-trip time between two nodes (symmetric).
         *
         * @param a  node name.
         * @param b  node name.
         * @param ms milliseconds, {@code >= 0}.
         * @return this.
         */
        public Context rttMs(final String a, final String b, final double ms)
        {
            checkNotConcluded();
            if (!(ms >= 0) || Double.isInfinite(ms))
            {
                throw new IllegalArgumentException("rtt " + a + "-" + b + " must be a finite number >= 0: " + ms);
            }
            rtts.put(symmetricKey(a, b), ms);
            return this;
        }

        /**
         * RTT worth one service area, to derive distances from RTTs (0: do not derive).
         *
         * @param ms milliseconds, {@code >= 0}.
         * @return this.
         */
        public Context rttPerAreaMs(final double ms)
        {
            checkNotConcluded();
            if (!(ms >= 0) || Double.isInfinite(ms))
            {
                throw new IllegalArgumentException("rtt-per-area must be a finite number >= 0: " + ms);
            }
            rttPerAreaMs = ms;
            return this;
        }

        /**
         * Checks the configuration once: at least one access xTR and one data centre, unique RLOCs, RTTs and
         * distances naming known nodes, and a distance for every (access xTR, data centre) pair.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first problem.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (accessXtrs.isEmpty())
            {
                throw new IllegalArgumentException("topology has no access xTR");
            }
            if (dataCentres.isEmpty())
            {
                throw new IllegalArgumentException("topology has no data centre");
            }
            final Map<Rloc, String> rlocs = new HashMap<>();
            for (final AccessXtr xtr : accessXtrs.values())
            {
                uniqueRloc(rlocs, xtr.rloc(), xtr.name());
            }
            for (final DataCentre dc : dataCentres.values())
            {
                uniqueRloc(rlocs, dc.rloc(), dc.name());
            }
            for (final String key : distances.keySet())
            {
                final String[] ends = key.split(" ", 2);
                if (!accessXtrs.containsKey(ends[0]))
                {
                    throw new IllegalArgumentException("distance names an unknown access xTR: " + ends[0]);
                }
                if (!dataCentres.containsKey(ends[1]))
                {
                    throw new IllegalArgumentException("distance names an unknown data centre: " + ends[1]);
                }
            }
            for (final String key : rtts.keySet())
            {
                for (final String end : key.split(" ", 2))
                {
                    if (!accessXtrs.containsKey(end) && !dataCentres.containsKey(end))
                    {
                        throw new IllegalArgumentException("rtt names an unknown node: " + end);
                    }
                }
            }
            for (final String access : accessXtrs.keySet())
            {
                for (final String dc : dataCentres.keySet())
                {
                    final String key = pairKey(access, dc);
                    if (distances.containsKey(key))
                    {
                        continue;
                    }
                    final Double rtt = rtts.get(symmetricKey(access, dc));
                    if (rtt == null || rttPerAreaMs == 0)
                    {
                        throw new IllegalArgumentException("no distance between access xTR " + access +
                            " and data centre " + dc + " (give 'distance', or 'rtt' and 'rtt-per-area')");
                    }
                    distances.put(key, (int)Math.round(rtt / rttPerAreaMs));
                }
            }
            concluded = true;
            return this;
        }

        private void checkNotConcluded()
        {
            if (concluded)
            {
                throw new IllegalStateException("Topology.Context already concluded");
            }
        }

        private static void uniqueRloc(final Map<Rloc, String> rlocs, final Rloc rloc, final String name)
        {
            final String other = rlocs.putIfAbsent(rloc, name);
            if (other != null)
            {
                throw new IllegalArgumentException("RLOC " + rloc + " of " + name + " is also the RLOC of " + other);
            }
        }
    }

    /**
     * Builds the topology; concludes the context if it was not.
     *
     * @param context the configuration.
     */
    public Topology(final Context context)
    {
        context.conclude();
        accessXtrs = Collections.unmodifiableMap(new LinkedHashMap<>(context.accessXtrs));
        dataCentres = Collections.unmodifiableMap(new LinkedHashMap<>(context.dataCentres));
        distances = Map.copyOf(context.distances);
        rtts = Map.copyOf(context.rtts);
        for (final AccessXtr xtr : accessXtrs.values())
        {
            accessByRloc.put(xtr.rloc(), xtr);
        }
        for (final DataCentre dc : dataCentres.values())
        {
            dcByRloc.put(dc.rloc(), dc);
        }
        int max = 0;
        for (final int d : distances.values())
        {
            max = Math.max(max, d);
        }
        maxDistance = max;
        EidKeyTable<AccessXtr> byLocator = EidKeyTable.empty();
        for (final AccessXtr xtr : accessXtrs.values())
        {
            byLocator = byLocator.with(xtr.rloc().afi(), xtr.rloc().hi(), xtr.rloc().lo(), xtr);
        }
        accessByLocator = byLocator;
    }

    /**
     * Parses the text format of the class comment.
     *
     * @param text the configuration.
     * @return the topology.
     * @throws IllegalArgumentException naming the line and the problem.
     */
    public static Topology parse(final String text)
    {
        final Context context = new Context();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final int hash = lines[i].indexOf('#');
            final String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).trim();
            if (line.isEmpty())
            {
                continue;
            }
            try
            {
                parseLine(context, line.split("\\s+"));
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                throw new IllegalArgumentException("topology line " + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return new Topology(context);
    }

    /**
     * Reads and parses a file in the text format of the class comment.
     *
     * @param file UTF-8 text.
     * @return the topology.
     * @throws IOException when the file cannot be read.
     */
    public static Topology load(final Path file) throws IOException
    {
        try
        {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static void parseLine(final Context context, final String[] tokens)
    {
        switch (tokens[0])
        {
            case "access":
            {
                requireTokens(tokens, 3, "access NAME rloc=ADDRESS [subnets=PREFIX;...]");
                final Map<String, String> fields = fields(tokens, 2);
                final List<EidPrefix> subnets = new ArrayList<>();
                for (final String subnet : fields.getOrDefault("subnets", "").split(";"))
                {
                    if (!subnet.isBlank())
                    {
                        subnets.add(EidPrefix.parse(subnet));
                    }
                }
                context.accessXtr(new AccessXtr(tokens[1], Rloc.parse(required(fields, "rloc")), subnets));
                break;
            }
            case "dc":
            {
                requireTokens(tokens, 3, "dc NAME rloc=ADDRESS provider=NAME host=HOST ...");
                final Map<String, String> fields = fields(tokens, 2);
                final Map<String, String> properties = new TreeMap<>();
                for (final Map.Entry<String, String> field : fields.entrySet())
                {
                    if (field.getKey().startsWith("property."))
                    {
                        properties.put(field.getKey().substring("property.".length()), field.getValue());
                    }
                    else if (!List.of("rloc", "provider", "host", "prefix", "address").contains(field.getKey()))
                    {
                        throw new IllegalArgumentException("unknown dc field: " + field.getKey());
                    }
                }
                final String prefix = fields.get("prefix");
                context.dataCentre(new DataCentre(tokens[1], Rloc.parse(required(fields, "rloc")),
                    prefix == null ? null : EidPrefix.parse(prefix), required(fields, "provider"),
                    required(fields, "host"), fields.get("address"), properties));
                break;
            }
            case "distance":
                requireTokens(tokens, 4, "distance ACCESS DC AREAS");
                context.distance(tokens[1], tokens[2], integer(tokens[3]));
                break;
            case "rtt":
                requireTokens(tokens, 4, "rtt NODE NODE MILLISECONDS");
                context.rttMs(tokens[1], tokens[2], number(tokens[3]));
                break;
            case "rtt-per-area":
                requireTokens(tokens, 2, "rtt-per-area MILLISECONDS");
                context.rttPerAreaMs(number(tokens[1]));
                break;
            default:
                throw new IllegalArgumentException("unknown statement '" + tokens[0] +
                    "' (expected access, dc, distance, rtt or rtt-per-area)");
        }
    }

    private static void requireTokens(final String[] tokens, final int count, final String usage)
    {
        if (tokens.length < count || (!tokens[0].equals("access") && !tokens[0].equals("dc") &&
            tokens.length != count))
        {
            throw new IllegalArgumentException("expected: " + usage);
        }
    }

    private static Map<String, String> fields(final String[] tokens, final int from)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (int i = from; i < tokens.length; i++)
        {
            final int eq = tokens[i].indexOf('=');
            if (eq <= 0 || eq == tokens[i].length() - 1)
            {
                throw new IllegalArgumentException("expected name=value, got '" + tokens[i] + "'");
            }
            if (fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1)) != null)
            {
                throw new IllegalArgumentException("field given twice: " + tokens[i].substring(0, eq));
            }
        }
        return fields;
    }

    private static String required(final Map<String, String> fields, final String name)
    {
        final String value = fields.get(name);
        if (value == null)
        {
            throw new IllegalArgumentException("missing field " + name + "=");
        }
        return value;
    }

    private static int integer(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer: '" + text + "'", ex);
        }
    }

    private static double number(final String text)
    {
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number: '" + text + "'", ex);
        }
    }

    static void requireName(final String name, final String what)
    {
        if (name == null || name.isBlank() || name.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException(what + " name must be non-empty and without spaces: '" + name + "'");
        }
    }

    private static String pairKey(final String access, final String dc)
    {
        return access + " " + dc;
    }

    private static String symmetricKey(final String a, final String b)
    {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /**
     * Access xTRs in configuration order.
     *
     * @return an unmodifiable map by name.
     */
    public Map<String, AccessXtr> accessXtrs()
    {
        return accessXtrs;
    }

    /**
     * Data centres in configuration order.
     *
     * @return an unmodifiable map by name.
     */
    public Map<String, DataCentre> dataCentres()
    {
        return dataCentres;
    }

    /**
     * An access xTR by name.
     *
     * @param name the name.
     * @return it, or {@code null}.
     */
    public AccessXtr accessXtr(final String name)
    {
        return accessXtrs.get(name);
    }

    /**
     * A data centre by name.
     *
     * @param name the name.
     * @return it, or {@code null}.
     */
    public DataCentre dataCentre(final String name)
    {
        return dataCentres.get(name);
    }

    /**
     * The access xTR with an RLOC.
     *
     * @param rloc the RLOC.
     * @return it, or {@code null}.
     */
    public AccessXtr accessXtrByRloc(final Rloc rloc)
    {
        return accessByRloc.get(rloc);
    }

    /**
     * The access xTR whose RLOC a locator of a set holds; allocation-free, one hash lookup.
     *
     * @param locators a locator set.
     * @param index    0..count-1.
     * @return the access xTR, or {@code null}.
     */
    public AccessXtr accessXtrAt(final LocatorSetDecoder locators, final int index)
    {
        final int afi = locators.afi(index);
        if (afi != Afi.IPV4 && afi != Afi.IPV6)
        {
            return null;
        }
        final int at = locators.at(index) + LocatorSet.ADDRESS_OFFSET;
        return accessByLocator.get(afi, EidKey.readHi(afi, locators.buffer(), at),
            EidKey.readLo(afi, locators.buffer(), at));
    }

    /**
     * The data centre whose xTR has an RLOC.
     *
     * @param rloc the RLOC.
     * @return it, or {@code null}.
     */
    public DataCentre dataCentreByRloc(final Rloc rloc)
    {
        return dcByRloc.get(rloc);
    }

    /**
     * Distance in service areas.
     *
     * @param access access xTR name.
     * @param dc     data centre name.
     * @return the distance.
     * @throws IllegalArgumentException for an unknown pair.
     */
    public int distance(final String access, final String dc)
    {
        final Integer d = distances.get(pairKey(access, dc));
        if (d == null)
        {
            throw new IllegalArgumentException("no distance between " + access + " and " + dc);
        }
        return d;
    }

    /**
     * Round-trip time between two nodes.
     *
     * @param a node name.
     * @param b node name.
     * @return milliseconds, or {@code NaN} when not configured.
     */
    public double rttMs(final String a, final String b)
    {
        final Double rtt = rtts.get(symmetricKey(a, b));
        return rtt == null ? Double.NaN : rtt;
    }

    /**
     * Largest configured or derived distance.
     *
     * @return the distance.
     */
    public int maxDistance()
    {
        return maxDistance;
    }

    /**
     * The data centre to move a service to when the policy asks for {@code targetDistance} and the service is
     * {@code currentDistance} away: among the data centres nearer than {@code currentDistance}, the one whose
     * distance is closest to the target (nearer first on ties), then the lowest RTT to the access xTR, then
     * configuration order.
     *
     * @param access          the user's access xTR.
     * @param targetDistance  the policy's target, {@code < currentDistance}.
     * @param currentDistance the service's current distance.
     * @return the data centre, or {@code null} when none is nearer than the current one.
     */
    public DataCentre chooseDataCentre(final String access, final int targetDistance, final int currentDistance)
    {
        DataCentre best = null;
        int bestGap = Integer.MAX_VALUE;
        int bestDistance = Integer.MAX_VALUE;
        double bestRtt = Double.MAX_VALUE;
        for (final DataCentre dc : dataCentres.values())
        {
            final int d = distance(access, dc.name());
            if (d >= currentDistance)
            {
                continue;
            }
            final int gap = Math.abs(d - targetDistance);
            final double rtt = Double.isNaN(rttMs(access, dc.name())) ? Double.MAX_VALUE : rttMs(access, dc.name());
            if (gap < bestGap || (gap == bestGap && (d < bestDistance || (d == bestDistance && rtt < bestRtt))))
            {
                best = dc;
                bestGap = gap;
                bestDistance = d;
                bestRtt = rtt;
            }
        }
        return best;
    }
}
