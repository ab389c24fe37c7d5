/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Change events of the Map-Server's mapping database: registered, updated, expired, withdrawn. Pub/sub and the
 * FMC controller subscribe through {@link io.fmc4j.api.msdb.MappingChangeListener}.
 */
package io.fmc4j.api.msdb;
