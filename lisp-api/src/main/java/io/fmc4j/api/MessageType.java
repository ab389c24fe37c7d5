/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api;

/**
 * LISP control message types: the high nibble of the first byte (RFC 9301 §5.1, RFC 8111, RFC 9304).
 */
public final class MessageType
{
    /** Reserved. */
    public static final int RESERVED = 0;
    /** Map-Request. */
    public static final int MAP_REQUEST = 1;
    /** Map-Reply. */
    public static final int MAP_REPLY = 2;
    /** Map-Register. */
    public static final int MAP_REGISTER = 3;
    /** Map-Notify. */
    public static final int MAP_NOTIFY = 4;
    /** Map-Notify-Ack. */
    public static final int MAP_NOTIFY_ACK = 5;
    /** Map-Referral (RFC 8111, LISP-DDT). */
    public static final int MAP_REFERRAL = 6;
    /** Info-Request / Info-Reply (NAT traversal), told apart by the R bit. */
    public static final int INFO = 7;
    /** Encapsulated Control Message. */
    public static final int ECM = 8;
    /** Shared Extension Message (RFC 9304). */
    public static final int SHARED_EXTENSION = 15;

    private MessageType()
    {
    }

    /**
     * Type of the control message starting at a byte.
     *
     * @param firstByte the first byte of the message.
     * @return the type nibble 0..15.
     */
    public static int of(final int firstByte)
    {
        return (firstByte & 0xF0) >>> 4;
    }

    /**
     * A short name as used by the {@code decode} command's JSON.
     *
     * @param type a message type.
     * @return e.g. {@code "map-request"}; {@code "unknown"} for types without one.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case MAP_REQUEST:
                return "map-request";
            case MAP_REPLY:
                return "map-reply";
            case MAP_REGISTER:
                return "map-register";
            case MAP_NOTIFY:
                return "map-notify";
            case MAP_NOTIFY_ACK:
                return "map-notify-ack";
            case MAP_REFERRAL:
                return "map-referral";
            case INFO:
                return "info";
            case ECM:
                return "ecm";
            default:
                return "unknown";
        }
    }
}
