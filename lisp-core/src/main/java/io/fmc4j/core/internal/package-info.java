/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Implementation helpers shared by lisp-core packages; not public API.
 */
package io.fmc4j.core.internal;
