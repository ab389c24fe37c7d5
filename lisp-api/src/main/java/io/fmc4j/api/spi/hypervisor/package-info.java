/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Hypervisor SPI: list and describe virtual machines and live-migrate them asynchronously.
 * <p>
 * A {@link io.fmc4j.api.spi.hypervisor.HypervisorProvider} is found with {@link java.util.ServiceLoader} and chosen
 * by name through {@link io.fmc4j.api.spi.hypervisor.HypervisorProviders}; it opens a
 * {@link io.fmc4j.api.spi.hypervisor.HypervisorControl}. A migration returns a
 * {@link io.fmc4j.api.spi.hypervisor.MigrationHandle} at once, reports timestamped
 * {@link io.fmc4j.api.spi.hypervisor.MigrationEvent}s to a {@link io.fmc4j.api.spi.hypervisor.MigrationListener}
 * and ends with a {@link io.fmc4j.api.spi.hypervisor.MigrationResult} carrying
 * {@link io.fmc4j.api.spi.hypervisor.MigrationStatistics}. Everything here is cold path.
 */
package io.fmc4j.api.spi.hypervisor;
