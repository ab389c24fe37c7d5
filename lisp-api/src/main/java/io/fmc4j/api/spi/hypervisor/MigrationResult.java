/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * End of a migration.
 *
 * @param vmName     the VM.
 * @param outcome    a {@link MigrationOutcome} constant.
 * @param runningOn  host the VM runs on now: the target when completed, the source otherwise; null when the
 *                   backend cannot tell (a failure during the final handshake), which the reason then says.
 * @param reason     why it failed or was cancelled; null when completed.
 * @param statistics the figures measured, {@link MigrationStatistics#NONE} when nothing was sent.
 */
public record MigrationResult(String vmName, int outcome, String runningOn, String reason,
    MigrationStatistics statistics)
{
    /**
     * Did the VM move?
     *
     * @return true when completed.
     */
    public boolean isCompleted()
    {
        return outcome == MigrationOutcome.COMPLETED;
    }

    @Override
    public String toString()
    {
        return vmName + " " + MigrationOutcome.name(outcome) + " on " + runningOn +
            (reason == null ? "" : " (" + reason + ")") + " " + statistics;
    }
}
