/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.VmState;

/**
 * One row of {@code xl list}: {@code Name ID Mem VCPUs State Time(s)}.
 *
 * @param name       domain name.
 * @param domid      domain id.
 * @param memoryMiB  current memory in MiB.
 * @param vcpus      online VCPUs.
 * @param state      the six state letters, e.g. {@code r-----} or {@code -b----} ({@code r}unning, {@code b}locked,
 *                   {@code p}aused, {@code s}hutdown, shutdown reason, {@code d}ying).
 * @param cpuSeconds CPU time used.
 */
public record XlDomain(String name, int domid, long memoryMiB, int vcpus, String state, double cpuSeconds)
{
    /**
     * The state as a {@link VmState} constant.
     *
     * @return the state.
     */
    public int vmState()
    {
        return vmState(state);
    }

    /**
     * Map {@code xl list} state letters to a {@link VmState}.
     *
     * @param letters six letters, {@code -} where a flag is clear.
     * @return a {@link VmState} constant.
     */
    public static int vmState(final String letters)
    {
        if (letters == null || letters.length() != 6)
        {
            return VmState.UNKNOWN;
        }
        if (letters.charAt(5) == 'd')
        {
            return VmState.SHUTOFF;
        }
        if (letters.charAt(3) == 's')
        {
            return letters.charAt(4) == 's' ? VmState.PAUSED : VmState.SHUTOFF;
        }
        if (letters.charAt(2) == 'p')
        {
            return VmState.PAUSED;
        }
        return VmState.RUNNING;
    }

    /**
     * Is the domain suspended for save or migration ({@code s} flag with shutdown reason {@code s}uspend)?
     *
     * @return true when suspended.
     */
    public boolean suspended()
    {
        return state.length() >= 5 && state.charAt(3) == 's' && state.charAt(4) == 's';
    }
}
