/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.datapath;

/**
 * Receives the data path's events, one call per event, on the thread that drains the
 * {@link DataPathEventQueue} (the control agent). Every argument is a primitive, so neither the queue nor the
 * handler call allocates. Addresses use the left-aligned form of {@code io.fmc4j.api.mapcache.EidKey}: IPv4 in
 * the top 32 bits of {@code hi}, IPv6 across {@code hi} and {@code lo}.
 */
public interface DataPathEventHandler
{
    /**
     * An ITR needs a mapping: a packet found no mapping, an expired one, or a negative mapping whose action is
     * send-map-request. At most one such event is outstanding per EID (see the queue's contract); the control
     * agent sends a Map-Request and installs the answer in the map-cache.
     *
     * @param instanceId    instance ID of the EID-side interface the packet came from.
     * @param afi           AFI of the EID ({@code Afi.IPV4} or {@code Afi.IPV6}).
     * @param maskLength    32 or 128 for a plain miss (the destination address); the prefix length of a negative
     *                      mapping with action send-map-request.
     * @param eidHi         high word of the destination EID (or the negative prefix).
     * @param eidLo         low word.
     * @param sourceHi      high word of the inner source address (the Map-Request's source EID).
     * @param sourceLo      low word of the inner source address.
     */
    void onMapRequest(int instanceId, int afi, int maskLength, long eidHi, long eidLo, long sourceHi, long sourceLo);

    /**
     * An ETR received a data packet with the E bit and a nonce: the remote ITR asks that the nonce be echoed in
     * traffic sent back to it (RFC 9300 §10.1). Reported once per nonce and remote RLOC.
     *
     * @param instanceId the packet's instance ID.
     * @param rlocAfi    AFI of the remote (outer source) RLOC.
     * @param rlocHi     high word of the remote RLOC.
     * @param rlocLo     low word of the remote RLOC.
     * @param nonce      the 24-bit nonce to echo.
     */
    void onEchoNonceRequest(int instanceId, int rlocAfi, long rlocHi, long rlocLo, int nonce);

    /**
     * An ETR saw the Locator-Status-Bits sent by a remote RLOC change (RFC 9300 §10): the control agent may
     * update the reachability of that site's locators in the map-cache.
     *
     * @param instanceId the packet's instance ID.
     * @param rlocAfi    AFI of the remote (outer source) RLOC.
     * @param rlocHi     high word of the remote RLOC.
     * @param rlocLo     low word of the remote RLOC.
     * @param previous   the bits seen before (-1 when this RLOC was not seen before).
     * @param current    the bits now (8 bits with an instance ID, 32 without).
     */
    void onLocatorStatusBits(int instanceId, int rlocAfi, long rlocHi, long rlocLo, int previous, int current);
}
