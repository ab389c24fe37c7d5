/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import org.agrona.DirectBuffer;

/**
 * The one switch for encoder argument checks, tied to Agrona's bounds-check switch as SBE ties its own:
 * {@code -Dagrona.disable.bounds.checks=true} removes both from the hot path.
 */
public final class CodecChecks
{
    /** Whether encoders check their arguments. */
    public static final boolean ENABLED = DirectBuffer.SHOULD_BOUNDS_CHECK;

    private CodecChecks()
    {
    }
}
