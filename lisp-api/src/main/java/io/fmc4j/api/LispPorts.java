/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api;

/**
 * Well-known UDP ports of LISP (RFC 9300 §5.3, RFC 9301 §5).
 */
public final class LispPorts
{
    /** Data plane: encapsulated packets. */
    public static final int DATA = 4341;
    /** Control plane: Map-Request, Map-Reply, Map-Register, Map-Notify, ... */
    public static final int CONTROL = 4342;

    private LispPorts()
    {
    }
}
