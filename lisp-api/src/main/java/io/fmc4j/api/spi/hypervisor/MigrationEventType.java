/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Kinds of {@link MigrationEvent}, as {@code int} constants. In one migration they come in this order:
 * {@link #STARTED}, {@link #PASS} (one or more), {@link #SOURCE_PAUSED}, the {@link #PASS} of the stop-and-copy
 * when the backend reports it, {@link #DESTINATION_RESUMED}, {@link #COMPLETED}; or {@link #STARTED}, a prefix of
 * the others, then {@link #FAILED} or {@link #CANCELLED}. Every migration ends with exactly one terminal event.
 */
public final class MigrationEventType
{
    /** The backend accepted the migration and began setting it up. */
    public static final int STARTED = 1;
    /** A pre-copy pass over guest memory began. */
    public static final int PASS = 2;
    /** The source VM was paused: switchover begins and the service is down until {@link #DESTINATION_RESUMED}. */
    public static final int SOURCE_PAUSED = 3;
    /** The VM runs at the destination. */
    public static final int DESTINATION_RESUMED = 4;
    /** Terminal: migrated. */
    public static final int COMPLETED = 5;
    /** Terminal: failed; the VM runs at the source. */
    public static final int FAILED = 6;
    /** Terminal: cancelled on request; the VM runs at the source. */
    public static final int CANCELLED = 7;

    private static final String[] NAMES =
    {
        "none", "started", "pass", "source-paused", "destination-resumed", "completed", "failed", "cancelled"
    };

    private MigrationEventType()
    {
    }

    /**
     * Is the type one that ends a migration?
     *
     * @param type an event type.
     * @return true for completed, failed and cancelled.
     */
    public static boolean isTerminal(final int type)
    {
        return type == COMPLETED || type == FAILED || type == CANCELLED;
    }

    /**
     * A stable lower-case name.
     *
     * @param type an event type.
     * @return its name, or {@code "type-N"} outside the table.
     */
    public static String name(final int type)
    {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "type-" + type;
    }
}
