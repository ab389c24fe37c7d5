/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

/**
 * Kinds of {@link MigrationTimeline} entry ({@code int} constants, stable: they appear in logs and reports).
 */
public final class TimelineEvent
{
    /** The policy decided to migrate (detail: distance, target distance, chosen DC). */
    public static final int DECISION = 1;
    /** The destination was registered as a backup locator of the VM's EID. */
    public static final int MAPPING_PRE_REGISTERED = 2;
    /** The hypervisor accepted the migration request. */
    public static final int MIGRATION_REQUESTED = 3;
    /** Hypervisor: migration started. */
    public static final int STARTED = 4;
    /** Hypervisor: a pre-copy pass began (detail: pass number and bytes). */
    public static final int PASS = 5;
    /** Hypervisor: the source paused (switchover begins; the service is down). */
    public static final int SOURCE_PAUSED = 6;
    /** Hypervisor: the destination resumed (the service runs at the destination). */
    public static final int DESTINATION_RESUMED = 7;
    /** The controller asked the relocator to make the destination the only locator. */
    public static final int MAPPING_PROMOTE_REQUESTED = 8;
    /** The mapping database holds the destination as the only locator (the switchover of the mapping). */
    public static final int MAPPING_PROMOTED = 9;
    /** Hypervisor: the migration completed. */
    public static final int COMPLETED = 10;
    /** Hypervisor or controller: the migration failed (detail: reason). */
    public static final int FAILED = 11;
    /** Hypervisor: the migration was cancelled. */
    public static final int CANCELLED = 12;
    /** The mapping is back to what it was before the migration. */
    public static final int MAPPING_ROLLED_BACK = 13;
    /** A mapping change failed (detail: reason). */
    public static final int MAPPING_ERROR = 14;
    /** The migration record is closed: the VM's location and mapping are final. */
    public static final int ENDED = 15;

    private static final String[] NAMES =
    {
        "event-0", "decision", "mapping-pre-registered", "migration-requested", "started", "pass", "source-paused",
        "destination-resumed", "mapping-promote-requested", "mapping-promoted", "completed", "failed", "cancelled",
        "mapping-rolled-back", "mapping-error", "ended",
    };

    private TimelineEvent()
    {
    }

    /**
     * A short name for logs.
     *
     * @param type an event type.
     * @return its name, or {@code "event-N"}.
     */
    public static String name(final int type)
    {
        return type > 0 && type < NAMES.length ? NAMES[type] : "event-" + type;
    }
}
