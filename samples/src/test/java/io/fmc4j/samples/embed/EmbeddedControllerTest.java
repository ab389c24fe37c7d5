/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.fmc4j.fmc.MigrationPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedControllerTest
{
    @Test
    void shouldKeepTheVmForTheNearMoveAndMigrateItToDc2ForTheFarOne() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final EmbeddedController.Result result = EmbeddedController.run(
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(result.succeeded(), out);
        assertEquals("dc2", result.vmLocation(), out);
        assertEquals("dc2", result.runningAt(), out);
        assertEquals("dc2", result.mappedTo(), out);
        assertEquals(1, result.decisionsToStay(), out);
        assertEquals(1, result.migrationsCompleted(), out);
        assertTrue(result.timeline().contains("web of alice dc1 -> dc2 (user at xtr2, distance 25 -> 0)"), out);
        assertTrue(result.timeline().contains("mapping-promoted"), out);
        assertTrue(out.contains("alice moved to xtr3 (RTT to dc1 40 ms): policy says stay; VM at dc1"), out);
    }

    @Test
    void shouldMigrateOnlyAboveTheThreshold()
    {
        final MigrationPolicy policy = new EmbeddedController.RttThresholdPolicy(60, 10);
        assertEquals(0, policy.targetDistance(0));
        assertEquals(4, policy.targetDistance(4));
        assertEquals(6, policy.targetDistance(6));           // 60 ms is not above 60 ms
        assertEquals(0, policy.targetDistance(7));
        assertEquals(0, policy.targetDistance(25));
        assertFalse(policy.shouldMigrate(6));
        assertTrue(policy.shouldMigrate(7));
        assertEquals(MigrationPolicy.INVALID_DISTANCE, policy.targetDistance(-1));
    }

    @Test
    void shouldRejectThresholdsThatAreNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedController.RttThresholdPolicy(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedController.RttThresholdPolicy(60, -1));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedController.RttThresholdPolicy(Double.NaN, 10));
    }
}
