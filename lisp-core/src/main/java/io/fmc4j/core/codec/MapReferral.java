/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import org.agrona.DirectBuffer;

/**
 * Layout of a Map-Referral (RFC 8111 §6.4): the Map-Reply shape with referral records, whose ACT names the
 * referral type, whose I bit flags an incomplete set, and whose SigCnt counts appended signature sections.
 * Encode it with {@link MapReplyEncoder#wrap(org.agrona.MutableDirectBuffer, int, int)} and type 6.
 */
public final class MapReferral
{
    private MapReferral()
    {
    }

    /**
     * Checks a Map-Referral. Never throws; never reads past {@code offset + length}.
     *
     * @param buffer holding the message.
     * @param offset of the type byte.
     * @param length bytes received.
     * @return {@link DecodeStatus#OK} or a negative reason.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        return MapReply.validateRecords(buffer, offset, length, MessageType.MAP_REFERRAL, true);
    }
}
