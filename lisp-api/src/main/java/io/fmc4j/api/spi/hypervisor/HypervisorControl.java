/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.io.IOException;
import java.util.List;

/**
 * Control of the virtual machines of one host. Every call is cold path; {@link #migrate} returns at once and reports
 * through its listener on a thread owned by the backend.
 * <p>
 * Contract for every backend: a migration that fails or is cancelled leaves the VM running at the source and ends
 * with a {@link MigrationResult} saying why; events of one migration arrive in order, on one thread at a time.
 */
public interface HypervisorControl extends AutoCloseable
{
    /**
     * Name of the provider that opened this control.
     *
     * @return the provider name.
     */
    String providerName();

    /**
     * The host this control manages.
     *
     * @return host name as used in {@link MigrationTarget#host()}.
     */
    String host();

    /**
     * Describe every VM the control knows on its host.
     *
     * @return a snapshot, possibly empty.
     * @throws IOException when the hypervisor cannot be queried.
     */
    List<VmInfo> listVms() throws IOException;

    /**
     * Describe one VM.
     *
     * @param vmName the VM name.
     * @return its description, or null when no VM has that name.
     * @throws IOException when the hypervisor cannot be queried.
     */
    VmInfo describe(String vmName) throws IOException;

    /**
     * Start a live migration. Validation errors (unknown VM, VM already migrating, a parameter the backend cannot
     * honour) throw before anything starts; failures after that are reported through the listener and the result.
     *
     * @param vmName     VM to move.
     * @param target     destination host and backend-specific address.
     * @param parameters concluded parameters (bandwidth and downtime limits).
     * @param listener   receives the events; may be {@link MigrationListener#NO_OP}.
     * @return a handle to cancel or await the migration.
     * @throws IOException when the migration cannot be started.
     */
    MigrationHandle migrate(String vmName, MigrationTarget target, MigrationParameters parameters,
        MigrationListener listener) throws IOException;

    /**
     * Release connections and threads. Running migrations are cancelled.
     */
    @Override
    void close();
}
