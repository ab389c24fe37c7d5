/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Benchmarks of the LISP control plane: the Map-Server/Map-Resolver on one thread, the xTR control agent
 * (per-message cost, JMH) and EID-mobility convergence (timed harness).
 */
package io.fmc4j.benchmarks.control;
