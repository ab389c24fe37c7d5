/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names, addresses, delays and xTR configuration files of the Fig. 5 testbed (the paper's Fig. 2 topology): a user
 * host, two access xTRs (subnets 1 and 2), two DC xTRs, and the Map-Server/Map-Resolver in the root namespace on a
 * bridge that joins every xTR's RLOC interface. Pure data: the {@link Fig5Bench} creates what it describes.
 *
 * <p>Delays are the paper's RTTs, applied half by each sender in user space (the xTRs' {@code emulated} packet
 * I/O): subnet 1 to DC1 12 ms, subnet 2 to DC1 250 ms, subnet 2 to DC2 3 ms; the Map-Server (where the controller
 * sits) to DC1's xTR 1 ms and to DC2's 10 ms; DC1 to DC2 10 ms; everything else 10 ms.
 */
public final class Fig5Topology
{
    /** Access xTR of subnet 1. */
    public static final int A1 = 0;
    /** Access xTR of subnet 2. */
    public static final int A2 = 1;
    /** DC1's xTR. */
    public static final int DC1 = 2;
    /** DC2's xTR. */
    public static final int DC2 = 3;
    /** Node names, by index. */
    public static final String[] NODES = {"a1", "a2", "dc1", "dc2"};
    /** The user's EID (in subnet 1, kept after the move). */
    public static final String USER_EID = "10.1.0.7/32";
    /** The service VM's EID (in DC1's prefix). */
    public static final String VM_EID = "10.100.0.5/32";
    /** The prefix each xTR registers, by node. */
    public static final String[] PREFIXES = {"10.1.0.0/24", "10.2.0.0/24", "10.100.0.0/24", "10.101.0.0/24"};
    /** Gateway address of the access subnets on the access xTRs' user-facing links. */
    public static final String[] GATEWAYS = {"10.1.0.1", "10.2.0.1"};
    /** Default IP TTL in each DC namespace, so that a reply's TTL tells which DC answered. */
    public static final int[] DC_TTL = {64, 60};
    /** The shared HMAC-SHA-256 key of the site. */
    public static final String SECRET = "fmc4j-fig5";
    /** Name of the TUN device each xTR creates in its namespace. */
    public static final String TUN = "lisp0";
    /** Name of each xTR's RLOC-side interface in its namespace. */
    public static final String RLOC_IF = "rloc0";

    private static final double DEFAULT_RTT_MS = 10;

    private final int id;
    private final int net;

    /**
     * The topology of one run.
     *
     * @param id a number unique among concurrent runs (e.g. the pid), 0..99999, used in every name.
     */
    public Fig5Topology(final long id)
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        this.id = (int)(id % 100_000);
        this.net = 1 + (int)(id % 250);
    }

    /**
     * The run's number.
     *
     * @return 0..99999.
     */
    public int id()
    {
        return id;
    }

    /**
     * The user host's namespace.
     *
     * @return the name.
     */
    public String userNamespace()
    {
        return "fmc4j-f5-" + id + "-user";
    }

    /**
     * An xTR's namespace.
     *
     * @param node {@link #A1}, {@link #A2}, {@link #DC1} or {@link #DC2}.
     * @return the name.
     */
    public String namespace(final int node)
    {
        return "fmc4j-f5-" + id + "-" + NODES[node];
    }

    /**
     * Every namespace of the run.
     *
     * @return user first, then the xTRs'.
     */
    public List<String> namespaces()
    {
        final List<String> names = new ArrayList<>();
        names.add(userNamespace());
        for (int node = 0; node < NODES.length; node++)
        {
            names.add(namespace(node));
        }
        return names;
    }

    /**
     * The bridge in the root namespace that joins the RLOC interfaces.
     *
     * @return an interface name of at most 15 characters.
     */
    public String bridge()
    {
        return "f5b" + id;
    }

    /**
     * Root-namespace end of an xTR's RLOC veth.
     *
     * @param node the xTR.
     * @return an interface name of at most 15 characters.
     */
    public String rootVeth(final int node)
    {
        return "f5r" + id + NODES[node];
    }

    /**
     * The /24 of the RLOC network (a benchmarking range, RFC 2544).
     *
     * @return e.g. {@code 198.18.7}.
     */
    public String rlocNet()
    {
        return "198.18." + net;
    }

    /**
     * The Map-Server's address (the bridge's).
     *
     * @return an IPv4 address.
     */
    public String mapServerAddress()
    {
        return rlocNet() + ".1";
    }

    /**
     * An xTR's RLOC.
     *
     * @param node the xTR.
     * @return an IPv4 address.
     */
    public String rloc(final int node)
    {
        return rlocNet() + "." + (node < DC1 ? 11 + node : 21 + node - DC1);
    }

    /**
     * The emulated RTT between two xTRs.
     *
     * @param from one xTR.
     * @param to   the other.
     * @return milliseconds.
     */
    public static double rttMs(final int from, final int to)
    {
        final int a = Math.min(from, to);
        final int b = Math.max(from, to);
        if (a == A1 && b == DC1)
        {
            return 12;
        }
        if (a == A2 && b == DC1)
        {
            return 250;
        }
        if (a == A2 && b == DC2)
        {
            return 3;
        }
        if (a == A1 && b == DC2)
        {
            return 250;
        }
        return DEFAULT_RTT_MS;
    }

    /**
     * The emulated RTT between the Map-Server (and the controller beside it) and an xTR.
     *
     * @param node the xTR.
     * @return milliseconds: the paper's 1 ms to DC1's xTR (xTR1) and 10 ms to DC2's (xTR2), 10 ms to the access xTRs.
     */
    public static double mapServerRttMs(final int node)
    {
        return node == DC1 ? 1 : DEFAULT_RTT_MS;
    }

    /**
     * The configuration file of an xTR: its prefix (and the user's /32 for subnet 1's), the Map-Server, the data
     * path (TUN {@link #TUN}, RLOC socket on port 4341 through the {@code emulated} provider with a delay of half
     * the RTT to each peer), forwarding of departed EIDs, and short retry intervals.
     *
     * @param node          the xTR.
     * @param mapServerPort the Map-Server's UDP port.
     * @return the lines.
     */
    public List<String> xtrConfig(final int node, final int mapServerPort)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("# fmc4j testbed fig5: " + NODES[node] + "'s xTR");
        lines.add(String.format(Locale.ROOT, "xtr-id = 0xf5%06x%02x", id, node + 1));
        lines.add("site-id = " + (node + 1));
        lines.add("control = " + rloc(node) + ":4342");
        lines.add("peer-port = 4342");
        lines.add("map-server = " + mapServerAddress() + ":" + mapServerPort + " sha256 key-id=1 secret=" + SECRET);
        lines.add("map-resolver = " + mapServerAddress() + ":" + mapServerPort);
        lines.add("eid = " + PREFIXES[node] + " priority=1 weight=100");
        if (node == A1)
        {
            lines.add("eid = " + USER_EID + " priority=1 weight=100");
        }
        lines.add("subscribe = true");
        lines.add("register-retry-ms = 200");
        lines.add("request-retry-ms = 200");
        lines.add("request-max-retry-ms = 1000");
        lines.add("probe-interval-ms = 0");
        lines.add("map-cache-capacity = 1024");
        lines.add("dataplane = emulated");
        lines.add("rloc-dataplane = emulated");
        lines.add("forward-departed = true");
        lines.add("tun = " + TUN);
        lines.add("data-rloc = " + rloc(node) + ":4341");
        lines.add("tun-mtu = 1400");
        lines.add("packet-io-property = emulated.delegate=udp");
        lines.add(delay("", DEFAULT_RTT_MS));
        lines.add(delay(mapServerAddress(), mapServerRttMs(node)));
        for (int peer = 0; peer < NODES.length; peer++)
        {
            if (peer != node)
            {
                lines.add(delay(rloc(peer), rttMs(node, peer)));
            }
        }
        return lines;
    }

    private static String delay(final String address, final double rttMs)
    {
        return String.format(Locale.ROOT, "packet-io-property = emulated.delay.ms%s=%s",
            address.isEmpty() ? "" : "." + address, trim(rttMs / 2));
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? Long.toString((long)value) : Double.toString(value);
    }
}
