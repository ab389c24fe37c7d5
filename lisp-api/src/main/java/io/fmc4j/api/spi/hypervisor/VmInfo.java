/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

/**
 * Description of a VM.
 *
 * @param name        VM name, unique on its host.
 * @param eid         the LISP EID the VM answers on, e.g. {@code "10.1.0.5/32"}, or null when not configured.
 * @param memoryBytes guest memory size in bytes.
 * @param state       a {@link VmState} constant.
 * @param host        host the VM runs on.
 */
public record VmInfo(String name, String eid, long memoryBytes, int state, String host)
{
    /**
     * Validates the fields.
     *
     * @param name        VM name.
     * @param eid         EID or null.
     * @param memoryBytes memory size, not negative.
     * @param state       state constant.
     * @param host        host name.
     */
    public VmInfo
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("VM name must not be empty");
        }
        if (memoryBytes < 0)
        {
            throw new IllegalArgumentException("memoryBytes < 0: " + memoryBytes);
        }
    }

    /**
     * The same VM with another state and host.
     *
     * @param newState a {@link VmState} constant.
     * @param newHost  host name.
     * @return a new description.
     */
    public VmInfo with(final int newState, final String newHost)
    {
        return new VmInfo(name, eid, memoryBytes, newState, newHost);
    }

    @Override
    public String toString()
    {
        return name + "{eid=" + eid + ", memory=" + memoryBytes + ", state=" + VmState.name(state) + ", host=" +
            host + "}";
    }
}
