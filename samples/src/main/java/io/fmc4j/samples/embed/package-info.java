/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Small programs that embed fmc4j the way a network product does: an xTR with a packet-I/O backend of its own
 * ({@link io.fmc4j.samples.embed.EmbeddedXtr}, backend {@link io.fmc4j.samples.embed.InProcessUdpProvider}), a
 * Map-Server with a mapping change listener ({@link io.fmc4j.samples.embed.EmbeddedMapServer}) and an FMC
 * controller with a migration policy of its own ({@link io.fmc4j.samples.embed.EmbeddedController}). Each has a
 * {@code main} and a {@code run} that returns what it observed.
 */
package io.fmc4j.samples.embed;
