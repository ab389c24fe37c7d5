/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;

import java.util.List;

/**
 * An xTR of the mobile transport network: users attach behind it, and its RLOC is what their EIDs map to while
 * they are there.
 *
 * @param name    unique name in the topology.
 * @param rloc    its RLOC.
 * @param subnets user subnets it serves (informative: users keep their EIDs when they move).
 */
public record AccessXtr(String name, Rloc rloc, List<EidPrefix> subnets)
{
    /**
     * Checks the fields.
     *
     * @param name    unique name in the topology.
     * @param rloc    its RLOC.
     * @param subnets user subnets it serves.
     */
    public AccessXtr
    {
        Topology.requireName(name, "access xTR");
        if (rloc == null)
        {
            throw new IllegalArgumentException("access xTR " + name + " has no RLOC");
        }
        subnets = List.copyOf(subnets);
    }
}
