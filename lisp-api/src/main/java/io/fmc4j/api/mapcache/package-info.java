/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Map-cache read side: the compact EID prefix key, the mapping and locator layouts, and the per-thread
 * {@link io.fmc4j.api.mapcache.MapCacheReader} the data path looks up with, without locks or allocation.
 */
package io.fmc4j.api.mapcache;
