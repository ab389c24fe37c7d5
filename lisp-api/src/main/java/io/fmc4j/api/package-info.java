/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Public API of fmc4j: protocol constants, decode status codes, the map-cache read side and SPI interfaces.
 */
package io.fmc4j.api;
