/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The DPDK backend (JNI): burst receive and send on an ethdev port and its own mempool.
 */
package io.fmc4j.spi.dataplane.dpdk;
