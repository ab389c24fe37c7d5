/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Linux TUN backend (JNI), the EID side of an xTR.
 */
package io.fmc4j.spi.dataplane.tun;
