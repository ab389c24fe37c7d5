/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

/**
 * What the RLOC-side device carries, and so which headers the ITR writes and the ETR expects. An open set of
 * {@code int}s.
 */
public final class RlocMode
{
    /**
     * A UDP socket ({@code udp} backend): the device sends and receives UDP payloads, so the ITR writes only the
     * 8-byte LISP header and the kernel adds outer IP and UDP (source port: the socket's, not a flow hash); the
     * ETR reads the outer source from the device's sender address.
     */
    public static final int UDP_SOCKET = 0;
    /**
     * A device of bare IP packets ({@code memory}, {@code tun}): the ITR writes outer IPv4 or IPv6, UDP (source
     * port from the flow hash, destination 4341) and LISP headers; the ETR validates all of them.
     */
    public static final int IP = 1;

    private RlocMode()
    {
    }

    /**
     * A name for messages.
     *
     * @param mode a mode.
     * @return {@code "udp-socket"}, {@code "ip"} or {@code "mode-N"}.
     */
    public static String name(final int mode)
    {
        switch (mode)
        {
            case UDP_SOCKET:
                return "udp-socket";
            case IP:
                return "ip";
            default:
                return "mode-" + mode;
        }
    }
}
