/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Run states of a VM as {@code int} constants; backends map their own states onto these and keep unknown ones as
 * {@link #UNKNOWN}.
 */
public final class VmState
{
    /** State could not be read or is not one of the below. */
    public static final int UNKNOWN = 0;
    /** Running (or blocked waiting for work). */
    public static final int RUNNING = 1;
    /** Paused by the hypervisor or an operator. */
    public static final int PAUSED = 2;
    /** Waiting for an incoming migration stream. */
    public static final int INCOMING = 3;
    /** Source side of a completed migration: the VM now runs elsewhere. */
    public static final int MIGRATED = 4;
    /** Shut down or crashed. */
    public static final int SHUTOFF = 5;

    private static final String[] NAMES = { "unknown", "running", "paused", "incoming", "migrated", "shutoff" };

    private VmState()
    {
    }

    /**
     * A stable lower-case name.
     *
     * @param state a state constant.
     * @return its name, or {@code "state-N"} outside the table.
     */
    public static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "state-" + state;
    }
}
