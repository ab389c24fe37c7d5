/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.mapcache.MappingBuilder;

/**
 * Writer-side scratch for one registration (what a decoded Map-Register record says), reused for every call to
 * {@link MappingDatabase#register(Site, RegistrationBuilder)}. {@link #reset()} between registrations.
 */
public final class RegistrationBuilder
{
    private final MappingBuilder mapping = new MappingBuilder();
    private int eidInstanceId;
    private int eidAfi;
    private int eidMaskLength;
    private long eidHi;
    private long eidLo;
    private int xtrRlocAfi;
    private long xtrRlocHi;
    private long xtrRlocLo;
    private long xtrIdHi;
    private long xtrIdLo;
    private long siteId;
    private boolean useRecordTtl;
    private boolean merge;
    private boolean proxyReply;
    private boolean wantMapNotify;

    /**
     * Clears everything.
     *
     * @return this.
     */
    public RegistrationBuilder reset()
    {
        mapping.reset();
        eidInstanceId = 0;
        eidAfi = Afi.NONE;
        eidMaskLength = 0;
        eidHi = 0;
        eidLo = 0;
        xtrRlocAfi = Afi.NONE;
        xtrRlocHi = 0;
        xtrRlocLo = 0;
        xtrIdHi = 0;
        xtrIdLo = 0;
        siteId = 0;
        useRecordTtl = false;
        merge = false;
        proxyReply = false;
        wantMapNotify = false;
        return this;
    }

    /**
     * The EID prefix, compact form (validated by the database).
     *
     * @param instanceId instance ID.
     * @param afi        AFI.
     * @param maskLength length.
     * @param hi         left-aligned high word.
     * @param lo         left-aligned low word.
     * @return this.
     */
    public RegistrationBuilder eid(
        final int instanceId, final int afi, final int maskLength, final long hi, final long lo)
    {
        eidInstanceId = instanceId;
        eidAfi = afi;
        eidMaskLength = maskLength;
        eidHi = hi;
        eidLo = lo;
        return this;
    }

    /**
     * The EID prefix.
     *
     * @param prefix the prefix.
     * @return this.
     */
    public RegistrationBuilder eid(final EidPrefix prefix)
    {
        return eid(prefix.instanceId(), prefix.afi(), prefix.maskLength(), prefix.hi(), prefix.lo());
    }

    /**
     * The registering xTR's RLOC (source of the Map-Register).
     *
     * @param afi IPv4 or IPv6.
     * @param hi  left-aligned high word.
     * @param lo  left-aligned low word.
     * @return this.
     */
    public RegistrationBuilder xtrRloc(final int afi, final long hi, final long lo)
    {
        xtrRlocAfi = afi;
        xtrRlocHi = hi;
        xtrRlocLo = lo;
        return this;
    }

    /**
     * The 128-bit xTR-ID (I bit).
     *
     * @param hi high half.
     * @param lo low half.
     * @return this.
     */
    public RegistrationBuilder xtrId(final long hi, final long lo)
    {
        xtrIdHi = hi;
        xtrIdLo = lo;
        return this;
    }

    /**
     * The 64-bit site-ID.
     *
     * @param siteId the site-ID.
     * @return this.
     */
    public RegistrationBuilder siteId(final long siteId)
    {
        this.siteId = siteId;
        return this;
    }

    /**
     * T bit: expire after the record TTL rather than the default 3 minutes.
     *
     * @param useRecordTtl the bit.
     * @return this.
     */
    public RegistrationBuilder useRecordTtl(final boolean useRecordTtl)
    {
        this.useRecordTtl = useRecordTtl;
        return this;
    }

    /**
     * Merge bit: keep other xTRs' registrations of the prefix and merge the locator sets.
     *
     * @param merge the bit.
     * @return this.
     */
    public RegistrationBuilder merge(final boolean merge)
    {
        this.merge = merge;
        return this;
    }

    /**
     * P bit: the Map-Server answers Map-Requests for the prefix.
     *
     * @param proxyReply the bit.
     * @return this.
     */
    public RegistrationBuilder proxyReply(final boolean proxyReply)
    {
        this.proxyReply = proxyReply;
        return this;
    }

    /**
     * M bit: the xTR wants a Map-Notify.
     *
     * @param wantMapNotify the bit.
     * @return this.
     */
    public RegistrationBuilder wantMapNotify(final boolean wantMapNotify)
    {
        this.wantMapNotify = wantMapNotify;
        return this;
    }

    /**
     * Locators, record TTL, map version and action of the record.
     *
     * @return the mapping scratch of this registration.
     */
    public MappingBuilder mapping()
    {
        return mapping;
    }

    int eidInstanceId()
    {
        return eidInstanceId;
    }

    int eidAfi()
    {
        return eidAfi;
    }

    int eidMaskLength()
    {
        return eidMaskLength;
    }

    long eidHi()
    {
        return eidHi;
    }

    long eidLo()
    {
        return eidLo;
    }

    int xtrRlocAfi()
    {
        return xtrRlocAfi;
    }

    long xtrRlocHi()
    {
        return xtrRlocHi;
    }

    long xtrRlocLo()
    {
        return xtrRlocLo;
    }

    long xtrIdHi()
    {
        return xtrIdHi;
    }

    long xtrIdLo()
    {
        return xtrIdLo;
    }

    long siteId()
    {
        return siteId;
    }

    boolean useRecordTtl()
    {
        return useRecordTtl;
    }

    boolean merge()
    {
        return merge;
    }

    boolean proxyReply()
    {
        return proxyReply;
    }

    boolean wantMapNotify()
    {
        return wantMapNotify;
    }
}
