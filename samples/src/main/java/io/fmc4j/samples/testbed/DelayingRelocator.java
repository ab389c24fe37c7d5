/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.fmc.controller.EidRelocator;
import io.fmc4j.fmc.controller.Rloc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EidRelocator} whose changes land as late as they would if the controller had to tell a remote DC xTR,
 * which then registers with the (co-located) Map-Server: {@code preRegister} and {@code rollback} are carried out
 * by the source DC's xTR (xTR1) and land one controller-xTR1 RTT later, {@code promote} by the destination's (xTR2)
 * one controller-xTR2 RTT later; {@code commit} is the controller's own bookkeeping and is not delayed.
 */
public final class DelayingRelocator implements EidRelocator
{
    private final EidRelocator delegate;
    private final long sourceXtrRttNanos;
    private final long destinationXtrRttNanos;

    /**
     * A relocator.
     *
     * @param delegate               the relocator acting on the mapping database.
     * @param sourceXtrRttNanos      RTT controller to the source DC's xTR.
     * @param destinationXtrRttNanos RTT controller to the destination DC's xTR.
     */
    public DelayingRelocator(
        final EidRelocator delegate, final long sourceXtrRttNanos, final long destinationXtrRttNanos)
    {
        this.delegate = delegate;
        this.sourceXtrRttNanos = sourceXtrRttNanos;
        this.destinationXtrRttNanos = destinationXtrRttNanos;
    }

    private static Executor after(final long nanos)
    {
        return CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
    {
        return CompletableFuture.runAsync(() -> { }, after(sourceXtrRttNanos))
            .thenCompose((ignored) -> delegate.preRegister(vmEid, source, destination));
    }

    @Override
    public CompletableFuture<Void> promote(final EidPrefix vmEid)
    {
        return CompletableFuture.runAsync(() -> { }, after(destinationXtrRttNanos))
            .thenCompose((ignored) -> delegate.promote(vmEid));
    }

    @Override
    public CompletableFuture<Void> commit(final EidPrefix vmEid)
    {
        return delegate.commit(vmEid);
    }

    @Override
    public CompletableFuture<Void> rollback(final EidPrefix vmEid)
    {
        return CompletableFuture.runAsync(() -> { }, after(sourceXtrRttNanos))
            .thenCompose((ignored) -> delegate.rollback(vmEid));
    }
}
