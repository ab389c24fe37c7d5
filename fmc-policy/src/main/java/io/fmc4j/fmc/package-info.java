/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Follow Me Cloud: service-migration policies (MDP models and solvers) and the FMC controller.
 */
package io.fmc4j.fmc;
