/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import java.io.IOException;

/**
 * An error reply of a QMP command: {@code {"error": {"class": ..., "desc": ...}}}.
 */
public final class QmpException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** The QMP error class, e.g. {@code GenericError}. */
    private final String errorClass;

    /**
     * An error reply.
     *
     * @param command     the command that failed.
     * @param errorClass  QMP error class.
     * @param description QMP error description.
     */
    public QmpException(final String command, final String errorClass, final String description)
    {
        super(command + " failed: " + errorClass + ": " + description);
        this.errorClass = errorClass;
    }

    /**
     * The QMP error class.
     *
     * @return e.g. {@code GenericError} or {@code CommandNotFound}.
     */
    public String errorClass()
    {
        return errorClass;
    }
}
