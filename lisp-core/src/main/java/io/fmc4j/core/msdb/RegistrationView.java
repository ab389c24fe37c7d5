/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The registrations of one EID prefix, as a flyweight over the stored record: the merged locator set (what a
 * Map-Request is answered with) and each registrant (xTR RLOC, xTR-ID, site-ID, times, flags, own locators).
 * Filled by {@link MappingDatabase#lookup}; reused.
 * <pre>
 * record:     0 registrant count | 1 merged locator count | 2 flags | 4 site name hash | 8 merged locators
 *             (only with two or more registrants), then the registrants
 * registrant: 0 xTR RLOC AFI | 2 flags | 3 locator count | 4 record TTL (min) | 8 RLOC hi | 16 RLOC lo
 *             24 xTR-ID hi | 32 xTR-ID lo | 40 site-ID | 48 registered at (ms) | 56 expires at (ms)
 *             64 map version | 66 action | 72 locators
 * </pre>
 */
public final class RegistrationView
{
    static final int COUNT_OFFSET = 0;
    static final int MERGED_COUNT_OFFSET = 1;
    static final int RECORD_FLAGS_OFFSET = 2;
    static final int SITE_HASH_OFFSET = 4;
    static final int HEADER_LENGTH = 8;

    static final int R_AFI = 0;
    static final int R_FLAGS = 2;
    static final int R_COUNT = 3;
    static final int R_TTL = 4;
    static final int R_RLOC_HI = 8;
    static final int R_RLOC_LO = 16;
    static final int R_XTR_ID_HI = 24;
    static final int R_XTR_ID_LO = 32;
    static final int R_SITE_ID = 40;
    static final int R_REGISTERED = 48;
    static final int R_EXPIRY = 56;
    static final int R_VERSION = 64;
    static final int R_ACTION = 66;
    static final int R_HEADER_LENGTH = 72;

    /** Registrant flag: merge semantics requested. */
    public static final int FLAG_MERGE = 0x1;
    /** Registrant flag: proxy-reply requested (or the site's default). */
    public static final int FLAG_PROXY_REPLY = 0x2;
    /** Registrant flag: the xTR wants Map-Notify. */
    public static final int FLAG_WANT_MAP_NOTIFY = 0x4;
    /** Registrant flag: expiry follows the record TTL (T bit). */
    public static final int FLAG_RECORD_TTL = 0x8;

    /** Most registrants of one prefix (merge semantics). */
    public static final int MAX_REGISTRANTS = 8;
    /** Largest record. */
    static final int MAX_LENGTH = HEADER_LENGTH + LocatorSet.MAX_LENGTH +
        MAX_REGISTRANTS * (R_HEADER_LENGTH + LocatorSet.MAX_LENGTH);

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_LENGTH]);
    private final LocatorSetDecoder locators = new LocatorSetDecoder();
    private final int[] registrantOffsets = new int[MAX_REGISTRANTS];
    private long word0;
    private long hi;
    private long lo;
    private Site site;

    static int registrantLength(final int locatorCount)
    {
        return R_HEADER_LENGTH + locatorCount * LocatorSet.LOCATOR_LENGTH;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Loads a record (a copy into this view's buffer) and indexes its registrants.
     *
     * @return false when the record is malformed.
     */
    boolean load(
        final long word0, final long hi, final long lo, final DirectBuffer src, final int offset, final int length,
        final Site site)
    {
        if (length < HEADER_LENGTH || length > MAX_LENGTH)
        {
            return false;
        }
        buffer.putBytes(0, src, offset, length);
        this.word0 = word0;
        this.hi = hi;
        this.lo = lo;
        this.site = site;
        return index(length);
    }

    boolean index(final int length)
    {
        final int count = buffer.getByte(COUNT_OFFSET) & 0xFF;
        final int merged = buffer.getByte(MERGED_COUNT_OFFSET) & 0xFF;
        if (count < 1 || count > MAX_REGISTRANTS || merged > LocatorSet.MAX_LOCATORS || (count == 1 && merged != 0))
        {
            return false;
        }
        int at = HEADER_LENGTH + merged * LocatorSet.LOCATOR_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (at + R_HEADER_LENGTH > length)
            {
                return false;
            }
            final int n = buffer.getByte(at + R_COUNT) & 0xFF;
            if (n > LocatorSet.MAX_LOCATORS)
            {
                return false;
            }
            registrantOffsets[i] = at;
            at += registrantLength(n);
        }
        return at == length;
    }

    void key(final long word0, final long hi, final long lo, final Site site)
    {
        this.word0 = word0;
        this.hi = hi;
        this.lo = lo;
        this.site = site;
    }

    int registrantOffset(final int index)
    {
        return registrantOffsets[index];
    }

    /**
     * Key word 0 of the prefix.
     *
     * @return see {@link EidKey}.
     */
    public long word0()
    {
        return word0;
    }

    /**
     * Left-aligned high word of the prefix.
     *
     * @return the high word.
     */
    public long hi()
    {
        return hi;
    }

    /**
     * Left-aligned low word of the prefix.
     *
     * @return the low word.
     */
    public long lo()
    {
        return lo;
    }

    /**
     * Mask length of the prefix.
     *
     * @return the length.
     */
    public int maskLength()
    {
        return EidKey.maskLength(word0);
    }

    /**
     * The site the prefix belongs to.
     *
     * @return the site.
     */
    public Site site()
    {
        return site;
    }

    /**
     * Does any registrant ask the Map-Server to proxy-reply?
     *
     * @return the P bit (or the site default).
     */
    public boolean proxyReply()
    {
        for (int i = 0; i < registrantCount(); i++)
        {
            if ((registrantFlags(i) & FLAG_PROXY_REPLY) != 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Number of registrants (xTRs).
     *
     * @return 1..{@link #MAX_REGISTRANTS}.
     */
    public int registrantCount()
    {
        return buffer.getByte(COUNT_OFFSET) & 0xFF;
    }

    /**
     * The merged locator set of all registrants.
     *
     * @return a decoder owned by this view.
     */
    public LocatorSetDecoder locators()
    {
        if (registrantCount() == 1)
        {
            return registrantLocators(0);
        }
        return locators.wrap(buffer, HEADER_LENGTH, buffer.getByte(MERGED_COUNT_OFFSET) & 0xFF);
    }

    /**
     * One registrant's own locators.
     *
     * @param index 0..registrantCount-1.
     * @return a decoder owned by this view (shared with {@link #locators()}).
     */
    public LocatorSetDecoder registrantLocators(final int index)
    {
        final int at = registrantOffsets[index];
        return locators.wrap(buffer, at + R_HEADER_LENGTH, buffer.getByte(at + R_COUNT) & 0xFF);
    }

    /**
     * Registrant flags.
     *
     * @param index 0..registrantCount-1.
     * @return {@link #FLAG_MERGE} etc.
     */
    public int registrantFlags(final int index)
    {
        return buffer.getByte(registrantOffsets[index] + R_FLAGS) & 0xFF;
    }

    /**
     * RLOC AFI of the registering xTR.
     *
     * @param index 0..registrantCount-1.
     * @return IPv4 or IPv6.
     */
    public int xtrRlocAfi(final int index)
    {
        return buffer.getShort(registrantOffsets[index] + R_AFI) & 0xFFFF;
    }

    /**
     * RLOC of the registering xTR, high word.
     *
     * @param index 0..registrantCount-1.
     * @return left-aligned high word.
     */
    public long xtrRlocHi(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_RLOC_HI);
    }

    /**
     * RLOC of the registering xTR, low word.
     *
     * @param index 0..registrantCount-1.
     * @return left-aligned low word.
     */
    public long xtrRlocLo(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_RLOC_LO);
    }

    /**
     * xTR-ID, high half.
     *
     * @param index 0..registrantCount-1.
     * @return 64 bits.
     */
    public long xtrIdHi(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_XTR_ID_HI);
    }

    /**
     * xTR-ID, low half.
     *
     * @param index 0..registrantCount-1.
     * @return 64 bits.
     */
    public long xtrIdLo(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_XTR_ID_LO);
    }

    /**
     * Site-ID.
     *
     * @param index 0..registrantCount-1.
     * @return 64 bits.
     */
    public long siteId(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_SITE_ID);
    }

    /**
     * When the registration was (last) received.
     *
     * @param index 0..registrantCount-1.
     * @return epoch ms.
     */
    public long registeredAtMs(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_REGISTERED);
    }

    /**
     * When the registration expires.
     *
     * @param index 0..registrantCount-1.
     * @return epoch ms.
     */
    public long expiryMs(final int index)
    {
        return buffer.getLong(registrantOffsets[index] + R_EXPIRY);
    }

    /**
     * Record TTL the xTR sent.
     *
     * @param index 0..registrantCount-1.
     * @return minutes.
     */
    public int recordTtlMinutes(final int index)
    {
        return buffer.getInt(registrantOffsets[index] + R_TTL);
    }

    /**
     * Map version of the registered record.
     *
     * @param index 0..registrantCount-1.
     * @return 12 bits.
     */
    public int mapVersion(final int index)
    {
        return buffer.getShort(registrantOffsets[index] + R_VERSION) & 0xFFF;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = EidKey.appendTo(new StringBuilder("Registration{"), word0, hi, lo);
        sb.append(" site=").append(site == null ? "?" : site.name()).append(" registrants=").append(registrantCount())
            .append(" locators=");
        return locators().appendTo(sb).append('}').toString();
    }
}
