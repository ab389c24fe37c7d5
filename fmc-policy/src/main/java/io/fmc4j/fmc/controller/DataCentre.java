/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;

import java.util.Map;
import java.util.TreeMap;

/**
 * A data centre: its xTR's RLOC, the EID prefix its xTR registers for the VMs it hosts, and the hypervisor that
 * runs them.
 *
 * @param name                 unique name in the topology.
 * @param rloc                 RLOC of the DC's xTR.
 * @param prefix               EID prefix the DC's xTR registers (a migrated VM's EID is registered as a
 *                             more-specific of it while the VM lives elsewhere); may be {@code null}.
 * @param provider             hypervisor provider name ({@code sim}, {@code qmp}, {@code xen}, {@code auto}).
 * @param host                 hypervisor host name, as {@code MigrationTarget.host()} names it.
 * @param migrationAddress     address a source hypervisor migrates to (backend specific; may be {@code null}).
 * @param hypervisorProperties provider properties used to open the hypervisor control.
 */
public record DataCentre(
    String name,
    Rloc rloc,
    EidPrefix prefix,
    String provider,
    String host,
    String migrationAddress,
    Map<String, String> hypervisorProperties)
{
    /**
     * Checks the fields.
     *
     * @param name                 unique name.
     * @param rloc                 RLOC of the DC's xTR.
     * @param prefix               EID prefix of the DC, or {@code null}.
     * @param provider             hypervisor provider name.
     * @param host                 hypervisor host name.
     * @param migrationAddress     migration address, or {@code null}.
     * @param hypervisorProperties provider properties.
     */
    public DataCentre
    {
        Topology.requireName(name, "data centre");
        if (rloc == null)
        {
            throw new IllegalArgumentException("data centre " + name + " has no RLOC");
        }
        if (provider == null || provider.isBlank())
        {
            throw new IllegalArgumentException("data centre " + name + " has no hypervisor provider");
        }
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("data centre " + name + " has no hypervisor host");
        }
        hypervisorProperties = Map.copyOf(new TreeMap<>(hypervisorProperties));
    }
}
