/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The public surface of the LISP encapsulation data path: its counters and the events it hands to the control
 * agent (map-cache misses to resolve, echo-nonce requests and locator-status-bit changes to act on).
 */
package io.fmc4j.api.datapath;
