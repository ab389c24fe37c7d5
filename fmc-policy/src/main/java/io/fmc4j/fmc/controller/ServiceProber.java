/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;

/**
 * Checks, the way an external client would, whether a VM's service answers at its EID right now: for example an
 * ICMP echo or a UDP request sent through the LISP data path to the EID. The {@link DowntimeMeter} calls it
 * repeatedly during a migration to measure the service downtime as users see it.
 * <p>
 * A probe blocks for at most its own timeout, which should be short against the probe interval; it returns
 * {@code false} for no answer or an error and never throws for a failed probe.
 */
@FunctionalInterface
public interface ServiceProber
{
    /**
     * One probe.
     *
     * @param vmName the VM.
     * @param vmEid  its EID.
     * @return true when the service answered.
     */
    boolean probe(String vmName, EidPrefix vmEid);
}
