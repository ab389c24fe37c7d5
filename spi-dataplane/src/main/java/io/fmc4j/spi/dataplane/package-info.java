/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Packet-I/O backends behind the packet-I/O SPI, and what they share: {@link
 * io.fmc4j.spi.dataplane.AbstractPacketIo} (state, counters, failure reporting, the checks of {@code offer}) and
 * {@link io.fmc4j.spi.dataplane.NativeLibrary} (loading the JNI libraries packed in this jar).
 */
package io.fmc4j.spi.dataplane;
