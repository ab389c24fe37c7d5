/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What the hypervisor backends share, not public API: the migration handle base
 * ({@link io.fmc4j.spi.hypervisor.internal.MigrationRun}) and the bandwidth accounting
 * ({@link io.fmc4j.spi.hypervisor.internal.BandwidthTracker}).
 */
package io.fmc4j.spi.hypervisor.internal;
