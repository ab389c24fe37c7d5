/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The packet-I/O SPI: how a data-path agent receives and sends packets in batches through Agrona buffers,
 * independently of the device behind it (in-memory rings, UDP sockets, a Linux TUN device, DPDK).
 * <p>
 * Providers are found with {@link java.util.ServiceLoader} and chosen by name through
 * {@link io.fmc4j.api.spi.dataplane.PacketIoProviders}. See {@link io.fmc4j.api.spi.dataplane.PacketIo} for the
 * threading, buffer-lifetime and headroom contract.
 */
package io.fmc4j.api.spi.dataplane;
