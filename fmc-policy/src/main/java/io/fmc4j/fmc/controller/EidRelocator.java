/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;

import java.util.concurrent.CompletableFuture;

/**
 * Moves a VM's EID from one data centre's xTR to another's, make-before-break. The controller calls, per
 * migration:
 * <ol>
 * <li>{@link #preRegister} before the hypervisor starts: the VM's host EID (a /32 or /128 more-specific of the
 * source DC's prefix) maps to the source RLOC with the best priority and to the destination RLOC as a backup,
 * so that ITRs learn the destination before the switchover;</li>
 * <li>{@link #promote} at the switchover (the source paused or the destination resumed): the EID maps to the
 * destination only;</li>
 * <li>{@link #commit} when the migration completed (forget the saved state), or {@link #rollback} when it
 * failed or was cancelled: the mapping returns to exactly what it was before {@link #preRegister}.</li>
 * </ol>
 * Calls for one EID are applied in the order they are made. Every method returns at once; the future completes
 * when the change is in the mapping system (normally) or fails with a {@link RelocationException}. A relocator
 * never throws for a failure of the mapping system; it fails the future.
 */
public interface EidRelocator
{
    /**
     * Registers the destination as a lower-priority locator of the VM's EID.
     *
     * @param vmEid       the VM's host EID (/32 or /128).
     * @param source      RLOC of the source DC's xTR.
     * @param destination RLOC of the destination DC's xTR.
     * @return completes when registered.
     */
    CompletableFuture<Void> preRegister(EidPrefix vmEid, Rloc source, Rloc destination);

    /**
     * Makes the destination the EID's only locator.
     *
     * @param vmEid the VM's host EID, pre-registered.
     * @return completes when registered.
     */
    CompletableFuture<Void> promote(EidPrefix vmEid);

    /**
     * The migration completed: keep the promoted mapping and forget the saved state.
     *
     * @param vmEid the VM's host EID.
     * @return completes when done.
     */
    CompletableFuture<Void> commit(EidPrefix vmEid);

    /**
     * Restores the mapping the EID had before {@link #preRegister}: withdraws the host EID when it was not
     * registered (traffic follows the covering prefix of the source DC again), or re-registers its old locators.
     *
     * @param vmEid the VM's host EID.
     * @return completes when restored.
     */
    CompletableFuture<Void> rollback(EidPrefix vmEid);
}
