/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running migration.
 */
public interface MigrationHandle
{
    /**
     * The VM being migrated.
     *
     * @return its name.
     */
    String vmName();

    /**
     * Where it goes.
     *
     * @return the target.
     */
    MigrationTarget target();

    /**
     * Ask the backend to cancel. The result then says {@link MigrationOutcome#CANCELLED}, or
     * {@link MigrationOutcome#COMPLETED} if the switchover had already passed the point of no return.
     *
     * @return false when the migration had already ended, else true.
     */
    boolean cancel();

    /**
     * Has the migration ended?
     *
     * @return true once a result is available.
     */
    boolean isDone();

    /**
     * Completes with the result; never completes exceptionally.
     *
     * @return the completion stage.
     */
    CompletionStage<MigrationResult> completion();

    /**
     * Wait for the end.
     *
     * @param timeout how long to wait.
     * @param unit    unit of the timeout.
     * @return the result.
     * @throws InterruptedException when the calling thread is interrupted.
     * @throws TimeoutException     when the migration is still running after the timeout.
     */
    MigrationResult await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;
}
