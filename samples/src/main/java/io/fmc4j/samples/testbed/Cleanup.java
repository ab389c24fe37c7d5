/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a testbed run starts (QEMU processes, relays, hypervisor controls, namespaces) is registered here and
 * closed in reverse order: when the step that opened it is done, at the end of the command, or from a shutdown hook
 * when the JVM is interrupted (Ctrl-C, SIGTERM). Closing twice is harmless; errors while closing are printed, never
 * thrown.
 */
public final class Cleanup implements AutoCloseable
{
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAll, "fmc4j-testbed-cleanup");
    private boolean hooked;

    /**
     * A registry whose resources are also closed if the JVM exits before {@link #close()}.
     */
    public Cleanup()
    {
        try
        {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        }
        catch (final IllegalStateException ex)
        {
            hooked = false;
        }
    }

    /**
     * Registers a resource to close.
     *
     * @param resource what to close later.
     * @param <T>      its type.
     * @return the resource.
     */
    public synchronized <T extends AutoCloseable> T add(final T resource)
    {
        resources.push(resource);
        return resource;
    }

    /**
     * Closes one resource now and forgets it.
     *
     * @param resource a registered resource.
     */
    public void closeNow(final AutoCloseable resource)
    {
        final boolean removed;
        synchronized (this)
        {
            removed = resources.remove(resource);
        }
        if (removed)
        {
            closeQuietly(resource);
        }
    }

    /**
     * Closes the most recently registered resource.
     */
    public void closeTop()
    {
        final AutoCloseable next;
        synchronized (this)
        {
            next = resources.poll();
        }
        if (next != null)
        {
            closeQuietly(next);
        }
    }

    /**
     * How many resources are open.
     *
     * @return the count.
     */
    public synchronized int size()
    {
        return resources.size();
    }

    private void closeAll()
    {
        while (true)
        {
            final AutoCloseable next;
            synchronized (this)
            {
                next = resources.poll();
            }
            if (next == null)
            {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(final AutoCloseable resource)
    {
        try
        {
            resource.close();
        }
        catch (final Exception ex)
        {
            System.err.println("testbed cleanup: closing " + resource + " failed: " + ex);
        }
    }

    @Override
    public void close()
    {
        closeAll();
        if (hooked)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // The JVM is already shutting down and the hook runs (or ran) anyway.
            }
        }
    }
}
