/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Simulated backend: the pre-copy model, its clocks and a cloud of simulated hosts.
 */
package io.fmc4j.spi.hypervisor.sim;
