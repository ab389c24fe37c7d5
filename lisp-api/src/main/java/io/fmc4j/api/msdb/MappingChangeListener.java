/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.msdb;

/**
 * Receives mapping-database changes, in the order they happen, on the database's writer thread. Implementations
 * must return quickly and must not call back into the database; hand work to another thread through a queue.
 */
@FunctionalInterface
public interface MappingChangeListener
{
    /**
     * One change; the argument is reused after the call returns.
     *
     * @param change the event.
     */
    void onMappingChange(MappingChange change);
}
