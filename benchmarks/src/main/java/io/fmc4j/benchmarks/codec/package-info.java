/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Benchmarks of the LISP wire codecs and message authentication.
 */
package io.fmc4j.benchmarks.codec;
