/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

/**
 * A simulated guest: how much memory it has and how fast it dirties it.
 *
 * @param name                   VM name.
 * @param eid                    its LISP EID, or null.
 * @param memoryBytes            guest memory.
 * @param dirtyRateBytesPerSecond rate at which the guest writes to distinct pages.
 * @param workingSetBytes        most memory the guest can dirty during one pass (its writable working set).
 */
public record SimulatedVm(
    String name, String eid, long memoryBytes, long dirtyRateBytesPerSecond, long workingSetBytes)
{
    /**
     * Validates the fields.
     *
     * @param name                    VM name.
     * @param eid                     EID or null.
     * @param memoryBytes             memory, greater than 0.
     * @param dirtyRateBytesPerSecond dirty rate, not negative.
     * @param workingSetBytes         working set, between 0 and the memory size.
     */
    public SimulatedVm
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("VM name must not be empty");
        }
        if (memoryBytes <= 0)
        {
            throw new IllegalArgumentException(name + ": memoryBytes must be > 0: " + memoryBytes);
        }
        if (dirtyRateBytesPerSecond < 0)
        {
            throw new IllegalArgumentException(name + ": dirtyRateBytesPerSecond < 0: " + dirtyRateBytesPerSecond);
        }
        if (workingSetBytes < 0 || workingSetBytes > memoryBytes)
        {
            throw new IllegalArgumentException(name + ": workingSetBytes outside [0, memory]: " + workingSetBytes);
        }
    }
}
