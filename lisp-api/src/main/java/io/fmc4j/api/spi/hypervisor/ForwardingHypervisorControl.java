/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.io.IOException;
import java.util.List;

/**
 * A {@link HypervisorControl} that forwards every call to another one: the base of decorators (delayed events,
 * fault injection, side effects on migration events), which override only what they change.
 */
public abstract class ForwardingHypervisorControl implements HypervisorControl
{
    /** The wrapped control; closed with this one unless a subclass decides otherwise. */
    protected final HypervisorControl delegate;

    /**
     * Wraps a control.
     *
     * @param delegate the control to forward to.
     */
    protected ForwardingHypervisorControl(final HypervisorControl delegate)
    {
        if (delegate == null)
        {
            throw new IllegalArgumentException("delegate is null");
        }
        this.delegate = delegate;
    }

    @Override
    public String providerName()
    {
        return delegate.providerName();
    }

    @Override
    public String host()
    {
        return delegate.host();
    }

    @Override
    public List<VmInfo> listVms() throws IOException
    {
        return delegate.listVms();
    }

    @Override
    public VmInfo describe(final String vmName) throws IOException
    {
        return delegate.describe(vmName);
    }

    @Override
    public MigrationHandle migrate(
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener) throws IOException
    {
        return delegate.migrate(vmName, target, parameters, listener);
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
