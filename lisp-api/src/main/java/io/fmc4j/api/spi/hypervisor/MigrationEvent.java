/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * One step of a migration.
 *
 * @param type             a {@link MigrationEventType} constant.
 * @param vmName           the VM being migrated.
 * @param timeNanos        when it happened on the backend's monotonic clock ({@link System#nanoTime()} for real
 *                         backends, virtual or scaled time for the simulator); comparable within one control.
 * @param pass             pre-copy pass number (1-based) for {@link MigrationEventType#PASS}, else the passes so far.
 * @param bytesTransferred bytes sent so far, or -1 when the backend cannot tell yet.
 * @param remainingBytes   bytes the backend still has to send, or -1 when unknown.
 * @param dirtyPages       for {@link MigrationEventType#PASS}: the pages dirty when the pass starts, i.e. what it
 *                         has to send (all pages for pass 1); -1 when unknown.
 * @param detail           reason for failures and cancellations, else null or a backend note.
 */
public record MigrationEvent(
    int type,
    String vmName,
    long timeNanos,
    int pass,
    long bytesTransferred,
    long remainingBytes,
    long dirtyPages,
    String detail)
{
    @Override
    public String toString()
    {
        final StringBuilder builder = new StringBuilder(96)
            .append(MigrationEventType.name(type)).append(' ').append(vmName).append(" t=").append(timeNanos)
            .append(" pass=").append(pass).append(" sent=").append(bytesTransferred)
            .append(" remaining=").append(remainingBytes).append(" dirty=").append(dirtyPages);
        if (detail != null)
        {
            builder.append(" detail=").append(detail);
        }
        return builder.toString();
    }
}
