/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * In-memory packet devices: point-to-point links over Agrona ring buffers, for tests and benchmarks.
 */
package io.fmc4j.spi.dataplane.memory;
