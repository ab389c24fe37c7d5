/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * {@code fmc4j testbed}: the emulated testbed that regenerates the FMC paper's results (Fig. 5 to 7, Table 1) with
 * real QEMU guests, user-space link emulation ({@link io.fmc4j.samples.testbed.DelayingTcpRelay}) and the fmc4j
 * controller.
 */
package io.fmc4j.samples.testbed;
