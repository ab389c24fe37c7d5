/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.msdb;

import io.fmc4j.api.mapcache.LocatorSetDecoder;

/**
 * One change of the mapping database, as a flyweight the database reuses for every event: valid only during the
 * {@link MappingChangeListener#onMappingChange(MappingChange)} call. Copy out what must outlive it.
 * <p>
 * Locator sets are the prefix's merged sets (what a Map-Request for the prefix is answered with) before and after
 * the change; the xTR fields name the registrant whose registration caused it.
 */
public interface MappingChange
{
    /**
     * What happened.
     *
     * @return a {@link MappingChangeType} value.
     */
    int type();

    /**
     * Key word 0 of the EID prefix (instance ID, AFI, mask length).
     *
     * @return see {@link io.fmc4j.api.mapcache.EidKey}.
     */
    long eidWord0();

    /**
     * Left-aligned high word of the EID prefix.
     *
     * @return the high word.
     */
    long eidHi();

    /**
     * Left-aligned low word of the EID prefix.
     *
     * @return the low word.
     */
    long eidLo();

    /**
     * Name of the site the prefix belongs to.
     *
     * @return the configured site name.
     */
    String siteName();

    /**
     * Locator set before the change (empty for {@link MappingChangeType#REGISTERED}).
     *
     * @return a decoder valid during the callback.
     */
    LocatorSetDecoder oldLocators();

    /**
     * Locator set after the change (empty when the prefix is no longer registered).
     *
     * @return a decoder valid during the callback.
     */
    LocatorSetDecoder newLocators();

    /**
     * AFI of the registering xTR's RLOC (the source of its Map-Register).
     *
     * @return IPv4 or IPv6.
     */
    int xtrRlocAfi();

    /**
     * Left-aligned high word of the registering xTR's RLOC.
     *
     * @return the high word.
     */
    long xtrRlocHi();

    /**
     * Left-aligned low word of the registering xTR's RLOC.
     *
     * @return the low word.
     */
    long xtrRlocLo();

    /**
     * High 64 bits of the 128-bit xTR-ID (0 when the Map-Register carried none).
     *
     * @return the high half.
     */
    long xtrIdHi();

    /**
     * Low 64 bits of the 128-bit xTR-ID.
     *
     * @return the low half.
     */
    long xtrIdLo();

    /**
     * The 64-bit site-ID the xTR sent.
     *
     * @return the site-ID.
     */
    long siteId();

    /**
     * When the change happened.
     *
     * @return epoch milliseconds of the database clock.
     */
    long timestampMs();
}
