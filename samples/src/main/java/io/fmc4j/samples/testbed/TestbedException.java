/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

/**
 * A testbed cannot run here (QEMU, binutils or root missing) or a step of it failed; the message says which and
 * what to do, and the command prints it instead of a stack trace.
 */
public final class TestbedException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message for the user.
     *
     * @param message what is missing or failed, and how to fix it.
     */
    public TestbedException(final String message)
    {
        super(message);
    }

    /**
     * An error with a message for the user and its cause.
     *
     * @param message what failed.
     * @param cause   the underlying error.
     */
    public TestbedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
