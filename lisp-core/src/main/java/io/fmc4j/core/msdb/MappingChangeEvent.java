/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.msdb.MappingChange;
import org.agrona.DirectBuffer;

/**
 * The one reused event object of a {@link MappingDatabase}.
 */
final class MappingChangeEvent implements MappingChange
{
    private final LocatorSetDecoder oldLocators = new LocatorSetDecoder();
    private final LocatorSetDecoder newLocators = new LocatorSetDecoder();
    private int type;
    private long eidWord0;
    private long eidHi;
    private long eidLo;
    private String siteName;
    private int xtrRlocAfi;
    private long xtrRlocHi;
    private long xtrRlocLo;
    private long xtrIdHi;
    private long xtrIdLo;
    private long siteId;
    private long timestampMs;

    MappingChangeEvent set(
        final int type, final long eidWord0, final long eidHi, final long eidLo, final String siteName,
        final long timestampMs)
    {
        this.type = type;
        this.eidWord0 = eidWord0;
        this.eidHi = eidHi;
        this.eidLo = eidLo;
        this.siteName = siteName;
        this.timestampMs = timestampMs;
        return this;
    }

    MappingChangeEvent xtr(
        final int afi, final long rlocHi, final long rlocLo, final long idHi, final long idLo, final long siteId)
    {
        this.xtrRlocAfi = afi;
        this.xtrRlocHi = rlocHi;
        this.xtrRlocLo = rlocLo;
        this.xtrIdHi = idHi;
        this.xtrIdLo = idLo;
        this.siteId = siteId;
        return this;
    }

    MappingChangeEvent locators(
        final DirectBuffer oldBuffer, final int oldOffset, final int oldCount,
        final DirectBuffer newBuffer, final int newOffset, final int newCount)
    {
        oldLocators.wrap(oldBuffer, oldOffset, oldCount);
        newLocators.wrap(newBuffer, newOffset, newCount);
        return this;
    }

    @Override
    public int type()
    {
        return type;
    }

    @Override
    public long eidWord0()
    {
        return eidWord0;
    }

    @Override
    public long eidHi()
    {
        return eidHi;
    }

    @Override
    public long eidLo()
    {
        return eidLo;
    }

    @Override
    public String siteName()
    {
        return siteName;
    }

    @Override
    public LocatorSetDecoder oldLocators()
    {
        return oldLocators;
    }

    @Override
    public LocatorSetDecoder newLocators()
    {
        return newLocators;
    }

    @Override
    public int xtrRlocAfi()
    {
        return xtrRlocAfi;
    }

    @Override
    public long xtrRlocHi()
    {
        return xtrRlocHi;
    }

    @Override
    public long xtrRlocLo()
    {
        return xtrRlocLo;
    }

    @Override
    public long xtrIdHi()
    {
        return xtrIdHi;
    }

    @Override
    public long xtrIdLo()
    {
        return xtrIdLo;
    }

    @Override
    public long siteId()
    {
        return siteId;
    }

    @Override
    public long timestampMs()
    {
        return timestampMs;
    }
}
