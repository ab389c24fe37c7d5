/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Hypervisor backends behind the hypervisor SPI, and what they share: the migration handle base
 * ({@link io.fmc4j.spi.hypervisor.MigrationRun}) and the bandwidth accounting
 * ({@link io.fmc4j.spi.hypervisor.BandwidthTracker}).
 */
package io.fmc4j.spi.hypervisor;
