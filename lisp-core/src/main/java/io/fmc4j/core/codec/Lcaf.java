/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

/**
 * LISP Canonical Address Format (RFC 8060) constants: the type byte of an AFI-16387 address.
 * <pre>
 * |           AFI = 16387         |     Rsvd1     |     Flags     |
 * |    Type       |     Rsvd2     |            Length             |
 * </pre>
 * An open value set: types without a decoder are carried through opaquely with their length.
 */
public final class Lcaf
{
    /** AFI + Rsvd1 + Flags + Type + Rsvd2 + Length. */
    public static final int HEADER_LENGTH = 8;
    /** Offset of the flags byte from the AFI. */
    public static final int FLAGS_OFFSET = 3;
    /** Offset of the type byte from the AFI. */
    public static final int TYPE_OFFSET = 4;
    /** Offset of the Rsvd2 byte (IID mask-length for type 2) from the AFI. */
    public static final int RSVD2_OFFSET = 5;
    /** Offset of the 16-bit length from the AFI. */
    public static final int LENGTH_OFFSET = 6;

    /** Null body type. */
    public static final int NULL = 0;
    /** AFI List. */
    public static final int AFI_LIST = 1;
    /** Instance ID: 32-bit IID then an address. */
    public static final int INSTANCE_ID = 2;
    /** AS Number. */
    public static final int AS_NUMBER = 3;
    /** Application Data. */
    public static final int APPLICATION_DATA = 4;
    /** Geo Coordinates. */
    public static final int GEO_COORDINATES = 5;
    /** Opaque Key. */
    public static final int OPAQUE_KEY = 6;
    /** NAT-Traversal. */
    public static final int NAT_TRAVERSAL = 7;
    /** Nonce Locator. */
    public static final int NONCE_LOCATOR = 8;
    /** Multicast Info. */
    public static final int MULTICAST_INFO = 9;
    /** Explicit Locator Path. */
    public static final int EXPLICIT_LOCATOR_PATH = 10;
    /** Security Key. */
    public static final int SECURITY_KEY = 11;
    /** Source/Dest Key. */
    public static final int SOURCE_DEST = 12;
    /** Replication List Entry. */
    public static final int REPLICATION_LIST = 13;
    /** JSON Data Model. */
    public static final int JSON = 14;
    /** Key/Value Address Pair. */
    public static final int KEY_VALUE = 15;
    /** Encapsulation Format. */
    public static final int ENCAPSULATION_FORMAT = 16;

    /** ELP hop flag: lookup. */
    public static final int ELP_FLAG_L = 0x4;
    /** ELP hop flag: RLOC-probe. */
    public static final int ELP_FLAG_P = 0x2;
    /** ELP hop flag: strict. */
    public static final int ELP_FLAG_S = 0x1;

    /** Deepest LCAF nesting the decoders follow before answering {@code LCAF_TOO_DEEP}. */
    public static final int MAX_DEPTH = 4;

    private Lcaf()
    {
    }

    /**
     * A short name of an LCAF type, for logs and JSON.
     *
     * @param type the LCAF type.
     * @return the name, or {@code "lcaf-N"}.
     */
    public static String typeName(final int type)
    {
        switch (type)
        {
            case NULL:
                return "null";
            case AFI_LIST:
                return "afi-list";
            case INSTANCE_ID:
                return "instance-id";
            case AS_NUMBER:
                return "as-number";
            case APPLICATION_DATA:
                return "application-data";
            case GEO_COORDINATES:
                return "geo";
            case OPAQUE_KEY:
                return "opaque-key";
            case NAT_TRAVERSAL:
                return "nat-traversal";
            case NONCE_LOCATOR:
                return "nonce-locator";
            case MULTICAST_INFO:
                return "multicast-info";
            case EXPLICIT_LOCATOR_PATH:
                return "elp";
            case SECURITY_KEY:
                return "security-key";
            case SOURCE_DEST:
                return "source-dest";
            case REPLICATION_LIST:
                return "replication-list";
            case JSON:
                return "json";
            case KEY_VALUE:
                return "key-value";
            case ENCAPSULATION_FORMAT:
                return "encapsulation-format";
            default:
                return "lcaf-" + type;
        }
    }
}
