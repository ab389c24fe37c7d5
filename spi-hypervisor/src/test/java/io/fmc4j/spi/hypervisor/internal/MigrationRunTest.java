/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.internal;

import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationRunTest
{
    private final List<MigrationEvent> events = new ArrayList<>();
    private int cancelHooks;

    private final MigrationRun run = new MigrationRun("vm", MigrationTarget.host("dc2"), events::add)
    {
        @Override
        protected void onCancelRequested()
        {
            cancelHooks++;
        }
    };

    @Test
    void shouldEndExactlyOnceAndDropLaterEvents() throws Exception
    {
        run.emit(MigrationEventType.STARTED, 1, 0, 0, -1, -1, null);
        run.emit(MigrationEventType.PASS, 2, 1, 0, 100, 25, null);
        run.emit(MigrationEventType.SOURCE_PAUSED, 3, -1, 100, 0, 0, null);
        run.emit(MigrationEventType.SOURCE_PAUSED, 4, -1, 100, 0, 0, null);
        run.emit(MigrationEventType.DESTINATION_RESUMED, 5, -1, 100, 0, 0, null);
        assertTrue(run.finish(MigrationOutcome.COMPLETED, 6, "dc2", null, MigrationStatistics.NONE));
        assertFalse(run.finish(MigrationOutcome.FAILED, 7, "dc1", "late", MigrationStatistics.NONE));
        run.emit(MigrationEventType.PASS, 8, 2, 0, 0, 0, null);
        assertEquals(5, events.size());
        assertEquals(1, events.get(3).pass(), "non-pass events carry the passes so far");
        final MigrationResult result = run.await(1, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.COMPLETED, result.outcome());
        assertEquals("dc2", result.runningOn());
        assertFalse(run.cancel());
        assertEquals(0, cancelHooks);
    }

    @Test
    void shouldRunTheCancelHookOnceAndRefuseTerminalEventsThroughEmit()
    {
        assertTrue(run.cancel());
        assertTrue(run.cancel());
        assertEquals(1, cancelHooks);
        assertTrue(run.isCancelRequested());
        assertThrows(IllegalArgumentException.class,
            () -> run.emit(MigrationEventType.FAILED, 1, 0, 0, 0, 0, "no"));
        assertThrows(TimeoutException.class, () -> run.await(10, TimeUnit.MILLISECONDS));
        assertTrue(run.finish(MigrationOutcome.CANCELLED, 2, "dc1", "cancelled on request", MigrationStatistics.NONE));
        assertEquals(MigrationEventType.CANCELLED, events.get(events.size() - 1).type());
    }
}
