/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CleanupTest
{
    @Test
    void shouldCloseInReverseOrderOnceEvenWhenOneFails()
    {
        final List<String> closed = new ArrayList<>();
        final Cleanup cleanup = new Cleanup();
        cleanup.add(() -> closed.add("qemu-source"));
        final AutoCloseable relay = cleanup.add(() -> closed.add("relay"));
        cleanup.add(() ->
        {
            closed.add("failing");
            throw new IllegalStateException("already gone");
        });
        cleanup.add(() -> closed.add("controller"));
        assertEquals(4, cleanup.size());
        cleanup.closeTop();
        assertEquals(List.of("controller"), closed);
        cleanup.closeNow(relay);
        cleanup.closeNow(relay);
        assertEquals(List.of("controller", "relay"), closed, "closeNow closes a registered resource once");
        cleanup.close();
        assertEquals(List.of("controller", "relay", "failing", "qemu-source"), closed,
            "a failure while closing does not stop the others");
        assertEquals(0, cleanup.size());
        cleanup.close();
        assertEquals(4, closed.size(), "closing twice is harmless");
    }
}
