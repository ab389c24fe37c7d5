/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Xen and ClickOS backend through the xl toolstack, with the parsers of its outputs.
 */
package io.fmc4j.spi.hypervisor.xen;
