/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The UDP socket backend (NIO), the RLOC side of an xTR.
 */
package io.fmc4j.spi.dataplane.udp;
