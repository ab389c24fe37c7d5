/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;
import java.util.List;

/**
 * Starts QEMU processes: the destination of a migration (with {@code -incoming}) or a source VM.
 */
public interface QemuLauncher
{
    /**
     * Start QEMU with a QMP monitor the launcher chooses and wait until the monitor accepts connections.
     *
     * @param name        VM name, for file names and logs.
     * @param commandLine the VM's command line (binary first) without {@code -qmp} and {@code -incoming}.
     * @param incomingUri a migration URI such as {@code tcp:127.0.0.1:4444} to wait for an incoming migration, or
     *                    null to boot.
     * @return the running process.
     * @throws IOException when QEMU cannot be started or exits early; the message includes its output.
     */
    QemuProcess launch(String name, List<String> commandLine, String incomingUri) throws IOException;
}
