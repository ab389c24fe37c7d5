/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Receives the events of one migration in order, on a backend thread. Must not block for long; exceptions thrown
 * here are caught and counted by the backend, never allowed to break the migration.
 */
@FunctionalInterface
public interface MigrationListener
{
    /** A listener that ignores everything. */
    MigrationListener NO_OP = (event) -> {};

    /**
     * One event.
     *
     * @param event the event.
     */
    void onEvent(MigrationEvent event);
}
