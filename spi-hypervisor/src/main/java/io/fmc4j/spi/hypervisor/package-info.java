/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Hypervisor backends behind the hypervisor SPI.
 */
package io.fmc4j.spi.hypervisor;
