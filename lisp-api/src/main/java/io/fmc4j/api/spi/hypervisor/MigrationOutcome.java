/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * How a migration ended, as {@code int} constants.
 */
public final class MigrationOutcome
{
    /** The VM runs at the destination. */
    public static final int COMPLETED = 0;
    /** The migration failed; the VM runs at the source. */
    public static final int FAILED = 1;
    /** The migration was cancelled; the VM runs at the source. */
    public static final int CANCELLED = 2;

    private static final String[] NAMES = { "completed", "failed", "cancelled" };

    private MigrationOutcome()
    {
    }

    /**
     * A stable lower-case name.
     *
     * @param outcome an outcome constant.
     * @return its name, or {@code "outcome-N"} outside the table.
     */
    public static String name(final int outcome)
    {
        return outcome >= 0 && outcome < NAMES.length ? NAMES[outcome] : "outcome-" + outcome;
    }
}
