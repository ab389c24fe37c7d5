/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.xtr;

import io.fmc4j.api.mapcache.EidPrefix;

/**
 * Registration state of one EID prefix this xTR is the ETR for: per Map-Server the outstanding nonce, whether a
 * Map-Notify confirmed it and when to send next; and the ITRs that asked for it (they get an SMR when it changes).
 * Allocated when the EID is added (cold path), mutated by the agent thread only.
 */
final class LocalEidState
{
    static final int WITHDRAW_ATTEMPTS = 3;

    final EidPrefix prefix;
    int priority;
    int weight;
    boolean merge;
    boolean withdrawing;
    int withdrawAttempts;
    final long[] nonce;
    final boolean[] awaiting;
    final boolean[] confirmed;
    final boolean[] replaceOnce;
    final long[] nextSendNs;
    final int[] requesterIpv4;
    final int[] requesterPort;
    int requesterCount;

    LocalEidState(
        final EidPrefix prefix,
        final int priority,
        final int weight,
        final boolean merge,
        final int mapServers,
        final int maxRequesters)
    {
        this.prefix = prefix;
        this.priority = priority;
        this.weight = weight;
        this.merge = merge;
        this.nonce = new long[mapServers];
        this.awaiting = new boolean[mapServers];
        this.confirmed = new boolean[mapServers];
        this.replaceOnce = new boolean[mapServers];
        this.nextSendNs = new long[mapServers];
        this.requesterIpv4 = new int[maxRequesters];
        this.requesterPort = new int[maxRequesters];
    }

    boolean covers(final int instanceId, final int afi, final long hi, final long lo)
    {
        final int length = prefix.maskLength();
        return prefix.instanceId() == instanceId && prefix.afi() == afi &&
            (hi & io.fmc4j.api.mapcache.EidKey.maskHi(length)) == prefix.hi() &&
            (lo & io.fmc4j.api.mapcache.EidKey.maskLo(length)) == prefix.lo();
    }

    boolean is(final long word0, final long hi, final long lo)
    {
        return prefix.word0() == word0 && prefix.hi() == hi && prefix.lo() == lo;
    }

    boolean confirmedByAll()
    {
        for (final boolean c : confirmed)
        {
            if (!c)
            {
                return false;
            }
        }
        return true;
    }

    void addRequester(final int ipv4, final int port)
    {
        for (int i = 0; i < requesterCount; i++)
        {
            if (requesterIpv4[i] == ipv4 && requesterPort[i] == port)
            {
                return;
            }
        }
        if (requesterCount < requesterIpv4.length)
        {
            requesterIpv4[requesterCount] = ipv4;
            requesterPort[requesterCount] = port;
            requesterCount++;
        }
    }
}
