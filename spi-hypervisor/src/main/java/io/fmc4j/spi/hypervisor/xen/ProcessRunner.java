/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Runs toolstack commands. The Xen backend goes through this interface only, so that its logic can be tested with
 * recorded {@code xl} outputs where no Xen host exists.
 */
public interface ProcessRunner
{
    /**
     * Output of a finished command.
     *
     * @param exitCode the exit status, or -1 when it was killed on timeout.
     * @param stdout   standard output.
     * @param stderr   standard error.
     */
    record Result(int exitCode, String stdout, String stderr)
    {
    }

    /**
     * A command still running.
     */
    interface Running
    {
        /**
         * Standard output and error, merged, line by line; ends when the process closes them.
         *
         * @return the reader.
         */
        BufferedReader output();

        /**
         * Wait for the exit.
         *
         * @param timeoutMs how long to wait.
         * @return the exit status, or {@link Integer#MIN_VALUE} when still running.
         * @throws InterruptedException when interrupted.
         */
        int waitFor(long timeoutMs) throws InterruptedException;

        /**
         * Kill the processes the command started (for {@code xl migrate}, the transport to the destination) but not
         * the command itself, so that it runs its own failure path.
         *
         * @return true when there was something to kill.
         */
        boolean killChildren();

        /**
         * Kill the command and its children.
         */
        void destroy();
    }

    /**
     * Run a command to its end.
     *
     * @param argv      the command and its arguments.
     * @param timeoutMs bound on the run; the process is killed after it.
     * @return what it printed and its status.
     * @throws IOException when it cannot be started.
     */
    Result run(List<String> argv, long timeoutMs) throws IOException;

    /**
     * Start a long command.
     *
     * @param argv the command and its arguments.
     * @return the running command.
     * @throws IOException when it cannot be started.
     */
    Running start(List<String> argv) throws IOException;
}
