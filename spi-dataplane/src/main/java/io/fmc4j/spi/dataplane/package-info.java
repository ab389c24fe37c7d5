/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Packet-I/O backends behind the packet-I/O SPI.
 */
package io.fmc4j.spi.dataplane;
