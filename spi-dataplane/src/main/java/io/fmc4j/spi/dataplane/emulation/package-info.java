/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Link emulation in user space, for kernels without {@code tc netem}: delay, jitter and loss as a decorator over any
 * {@link io.fmc4j.api.spi.dataplane.PacketIo}.
 */
package io.fmc4j.spi.dataplane.emulation;
