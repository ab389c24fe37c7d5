/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Layout of a mapping record and its locators (RFC 9301 §5.4), shared by Map-Reply, Map-Register,
 * Map-Notify and, with referral fields, Map-Referral (RFC 8111 §6.4).
 * <pre>
 * |                          Record TTL                           |
 * | Locator Count | EID mask-len  | ACT |A|I|     Reserved        |
 * | SigCnt|  Map-Version Number   |            EID-AFI            |
 * |                          EID-Prefix ...                       |
 * |    Priority   |    Weight     |  M Priority   |   M Weight    |  } per locator
 * |        Unused Flags     |L|p|R|           Loc-AFI             |  }
 * |                             Locator ...                       |  }
 * </pre>
 */
public final class MapRecord
{
    /** Offset of the TTL. */
    public static final int TTL_OFFSET = 0;
    /** Offset of the locator count. */
    public static final int LOCATOR_COUNT_OFFSET = 4;
    /** Offset of the EID mask length. */
    public static final int MASK_LENGTH_OFFSET = 5;
    /** Offset of the ACT/A/reserved 16 bits. */
    public static final int ACTION_OFFSET = 6;
    /** Offset of the reserved/sig-count + map-version 16 bits. */
    public static final int VERSION_OFFSET = 8;
    /** Offset of the EID's AFI. */
    public static final int EID_OFFSET = 10;

    /** Locator header before its AFI. */
    public static final int LOCATOR_HEADER_LENGTH = 6;
    /** Locator flag: the locator is local to the sender. */
    public static final int LOCATOR_FLAG_L = 0x4;
    /** Locator flag: the reply is an RLOC-probe reply for this locator. */
    public static final int LOCATOR_FLAG_P = 0x2;
    /** Locator flag: reachable. */
    public static final int LOCATOR_FLAG_R = 0x1;

    /** The A (authoritative) bit in the 16-bit action field. */
    public static final int FLAG_AUTHORITATIVE = 0x1000;
    /** Map-Referral: the I (incomplete) bit in the 16-bit action field. */
    public static final int FLAG_INCOMPLETE = 0x0800;

    /** TTL value meaning "forever". */
    public static final long TTL_FOREVER = 0xFFFF_FFFFL;

    /** ACT: no action. */
    public static final int ACT_NO_ACTION = 0;
    /** ACT: natively forward. */
    public static final int ACT_NATIVELY_FORWARD = 1;
    /** ACT: send Map-Request. */
    public static final int ACT_SEND_MAP_REQUEST = 2;
    /** ACT: drop, no reason. */
    public static final int ACT_DROP = 3;
    /** ACT: drop, policy denied. */
    public static final int ACT_DROP_POLICY_DENIED = 4;
    /** ACT: drop, authentication failure. */
    public static final int ACT_DROP_AUTH_FAILURE = 5;

    /** Map-Referral ACT: node referral. */
    public static final int REFERRAL_NODE = 0;
    /** Map-Referral ACT: MS referral. */
    public static final int REFERRAL_MS = 1;
    /** Map-Referral ACT: MS ACK. */
    public static final int REFERRAL_MS_ACK = 2;
    /** Map-Referral ACT: MS not registered. */
    public static final int REFERRAL_MS_NOT_REGISTERED = 3;
    /** Map-Referral ACT: delegation hole. */
    public static final int REFERRAL_DELEGATION_HOLE = 4;
    /** Map-Referral ACT: not authoritative. */
    public static final int REFERRAL_NOT_AUTHORITATIVE = 5;

    /** Map-Referral signature section before its signature bytes. */
    public static final int SIGNATURE_HEADER_LENGTH = 20;

    private MapRecord()
    {
    }

    /**
     * Checks a mapping record and measures it. Never throws; never reads at or past {@code limit}.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param limit end of the readable bytes (exclusive).
     * @param referral whether this is a Map-Referral record (signature sections may follow the locators).
     * @return the record length, or a negative {@link DecodeStatus}.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int limit, final boolean referral)
    {
        if (limit - offset < EID_OFFSET)
        {
            return DecodeStatus.TRUNCATED;
        }
        final int maskLength = buffer.getByte(offset + MASK_LENGTH_OFFSET) & 0xFF;
        final int eidLength = LispAddress.validatePrefix(buffer, offset + EID_OFFSET, limit, maskLength);
        if (eidLength < 0)
        {
            return eidLength;
        }
        int position = offset + EID_OFFSET + eidLength;
        final int locatorCount = buffer.getByte(offset + LOCATOR_COUNT_OFFSET) & 0xFF;
        for (int i = 0; i < locatorCount; i++)
        {
            if (limit - position < LOCATOR_HEADER_LENGTH)
            {
                return DecodeStatus.TRUNCATED;
            }
            final int length = LispAddress.validate(buffer, position + LOCATOR_HEADER_LENGTH, limit);
            if (length < 0)
            {
                return length;
            }
            position += LOCATOR_HEADER_LENGTH + length;
        }
        if (referral)
        {
            final int signatures = (buffer.getShort(offset + VERSION_OFFSET, BIG_ENDIAN) & 0xF000) >>> 12;
            for (int i = 0; i < signatures; i++)
            {
                if (limit - position < SIGNATURE_HEADER_LENGTH)
                {
                    return DecodeStatus.TRUNCATED;
                }
                final int signatureLength = buffer.getShort(position + 14, BIG_ENDIAN) & 0xFFFF;
                if (limit - position - SIGNATURE_HEADER_LENGTH < signatureLength)
                {
                    return DecodeStatus.TRUNCATED;
                }
                position += SIGNATURE_HEADER_LENGTH + signatureLength;
            }
        }
        return position - offset;
    }

    /**
     * Checks {@code count} consecutive records.
     *
     * @param buffer holding the records.
     * @param offset of the first record.
     * @param limit end of the readable bytes (exclusive).
     * @param count number of records.
     * @param referral whether these are Map-Referral records.
     * @return the total length, or a negative {@link DecodeStatus}.
     */
    public static int validateAll(
        final DirectBuffer buffer, final int offset, final int limit, final int count, final boolean referral)
    {
        int position = offset;
        for (int i = 0; i < count; i++)
        {
            final int length = validate(buffer, position, limit, referral);
            if (length < 0)
            {
                return length;
            }
            position += length;
        }
        return position - offset;
    }

    /**
     * A short name of an ACT value, for logs and JSON.
     *
     * @param action the ACT value.
     * @return e.g. {@code "no-action"}.
     */
    public static String actionName(final int action)
    {
        switch (action)
        {
            case ACT_NO_ACTION:
                return "no-action";
            case ACT_NATIVELY_FORWARD:
                return "natively-forward";
            case ACT_SEND_MAP_REQUEST:
                return "send-map-request";
            case ACT_DROP:
                return "drop";
            case ACT_DROP_POLICY_DENIED:
                return "drop-policy-denied";
            case ACT_DROP_AUTH_FAILURE:
                return "drop-auth-failure";
            default:
                return "act-" + action;
        }
    }

    /**
     * A short name of a Map-Referral ACT value.
     *
     * @param action the ACT value.
     * @return e.g. {@code "ms-referral"}.
     */
    public static String referralActionName(final int action)
    {
        switch (action)
        {
            case REFERRAL_NODE:
                return "node-referral";
            case REFERRAL_MS:
                return "ms-referral";
            case REFERRAL_MS_ACK:
                return "ms-ack";
            case REFERRAL_MS_NOT_REGISTERED:
                return "ms-not-registered";
            case REFERRAL_DELEGATION_HOLE:
                return "delegation-hole";
            case REFERRAL_NOT_AUTHORITATIVE:
                return "not-authoritative";
            default:
                return "act-" + action;
        }
    }
}
