/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Figures and tables the demo and the testbed write: CSV series and SVG line charts like the paper's Fig. 5-7.
 */
package io.fmc4j.samples.report;
