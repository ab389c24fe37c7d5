/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The record of one migration decided by the {@link FmcController}: who, from where to where, and a timestamped
 * entry for each step (decision, mapping pre-registration, hypervisor start, each pass, source paused,
 * destination resumed, mapping promoted, completion or failure and rollback). Entries are appended by the
 * controller, hypervisor and mapping threads; reading is thread-safe and returns snapshots.
 * <p>
 * Every entry has the controller clock's time ({@link Entry#timeNanos()}); entries that come from the hypervisor
 * also carry the backend's own timestamp ({@link Entry#sourceTimeNanos()}, {@code -1} otherwise), which for the
 * {@code qmp} and {@code xen} backends is on {@code System.nanoTime()} and for {@code sim} on the simulator clock.
 */
public final class MigrationTimeline
{
    /** Returned by time queries when the timeline has no such entry. */
    public static final long NOT_SEEN = -1;

    private final long id;
    private final String user;
    private final String vm;
    private final String sourceDc;
    private final String destinationDc;
    private final String accessXtr;
    private final int distance;
    private final int targetDistance;
    private final List<Entry> entries = new ArrayList<>();
    private final CompletableFuture<MigrationTimeline> ended = new CompletableFuture<>();
    private volatile MigrationResult result;
    private volatile String failure;
    private volatile long observedDowntimeNanos = NOT_SEEN;

    /**
     * One entry.
     *
     * @param type            a {@link TimelineEvent} value.
     * @param timeNanos       controller clock.
     * @param sourceTimeNanos hypervisor backend's timestamp, or {@code -1}.
     * @param detail          free text, or {@code null}.
     */
    public record Entry(int type, long timeNanos, long sourceTimeNanos, String detail)
    {
        @Override
        public String toString()
        {
            return TimelineEvent.name(type) + " @" + timeNanos + (detail == null ? "" : " " + detail);
        }
    }

    MigrationTimeline(final long id, final String user, final String vm, final String sourceDc,
        final String destinationDc, final String accessXtr, final int distance, final int targetDistance)
    {
        this.id = id;
        this.user = user;
        this.vm = vm;
        this.sourceDc = sourceDc;
        this.destinationDc = destinationDc;
        this.accessXtr = accessXtr;
        this.distance = distance;
        this.targetDistance = targetDistance;
    }

    synchronized void add(final int type, final long timeNanos, final long sourceTimeNanos, final String detail)
    {
        entries.add(new Entry(type, timeNanos, sourceTimeNanos, detail));
    }

    void end(final MigrationResult result, final String failure, final long timeNanos)
    {
        this.result = result;
        this.failure = failure;
        add(TimelineEvent.ENDED, timeNanos, -1, failure);
        ended.complete(this);
    }

    void observedDowntimeNanos(final long nanos)
    {
        observedDowntimeNanos = nanos;
    }

    /**
     * Migration number, unique per controller.
     *
     * @return the id.
     */
    public long id()
    {
        return id;
    }

    /**
     * The user whose move triggered it.
     *
     * @return the user id.
     */
    public String user()
    {
        return user;
    }

    /**
     * The VM.
     *
     * @return its name.
     */
    public String vm()
    {
        return vm;
    }

    /**
     * Where the VM ran.
     *
     * @return data centre name.
     */
    public String sourceDc()
    {
        return sourceDc;
    }

    /**
     * Where it was sent.
     *
     * @return data centre name.
     */
    public String destinationDc()
    {
        return destinationDc;
    }

    /**
     * The user's access xTR at the decision.
     *
     * @return the access xTR name.
     */
    public String accessXtr()
    {
        return accessXtr;
    }

    /**
     * User-to-service distance at the decision.
     *
     * @return service areas.
     */
    public int distance()
    {
        return distance;
    }

    /**
     * The policy's target distance.
     *
     * @return service areas.
     */
    public int targetDistance()
    {
        return targetDistance;
    }

    /**
     * A snapshot of the entries, in the order they were recorded.
     *
     * @return a copy.
     */
    public synchronized List<Entry> entries()
    {
        return List.copyOf(entries);
    }

    /**
     * Controller time of the first entry of a type.
     *
     * @param type a {@link TimelineEvent} value.
     * @return nanoseconds, or {@link #NOT_SEEN}.
     */
    public synchronized long timeOf(final int type)
    {
        for (final Entry entry : entries)
        {
            if (entry.type() == type)
            {
                return entry.timeNanos();
            }
        }
        return NOT_SEEN;
    }

    /**
     * Whether an entry of a type was recorded.
     *
     * @param type a {@link TimelineEvent} value.
     * @return true when present.
     */
    public boolean has(final int type)
    {
        return timeOf(type) != NOT_SEEN;
    }

    /**
     * Completes when the migration record is closed (VM location and mapping final).
     *
     * @return the future, completed with this timeline; never completes exceptionally.
     */
    public CompletableFuture<MigrationTimeline> ended()
    {
        return ended;
    }

    /**
     * Whether the record is closed.
     *
     * @return true after {@link TimelineEvent#ENDED}.
     */
    public boolean isEnded()
    {
        return ended.isDone();
    }

    /**
     * Whether the VM now runs at the destination with its EID mapped there.
     *
     * @return true for a completed migration whose mapping was promoted.
     */
    public boolean succeeded()
    {
        final MigrationResult r = result;
        return isEnded() && failure == null && r != null && r.outcome() == MigrationOutcome.COMPLETED;
    }

    /**
     * The hypervisor's result.
     *
     * @return it, or {@code null} when the migration never started or has not ended.
     */
    public MigrationResult result()
    {
        return result;
    }

    /**
     * Why the migration did not succeed.
     *
     * @return the reason, or {@code null}.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * Service downtime as the controller's prober saw it: the longest run of failed probes, from the first
     * failed probe to the next successful one.
     *
     * @return nanoseconds, or {@link #NOT_SEEN} without a prober.
     */
    public long observedDowntimeNanos()
    {
        return observedDowntimeNanos;
    }

    /**
     * Multi-line text form, times in milliseconds from the decision.
     *
     * @return the text.
     */
    @Override
    public synchronized String toString()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("migration ").append(id).append(": ").append(vm).append(" of ").append(user).append(' ')
            .append(sourceDc).append(" -> ").append(destinationDc).append(" (user at ").append(accessXtr)
            .append(", distance ").append(distance).append(" -> ").append(targetDistance).append(")\n");
        final long t0 = entries.isEmpty() ? 0 : entries.get(0).timeNanos();
        for (final Entry entry : entries)
        {
            sb.append(String.format("%12.3f ms  %-26s %s%n", (entry.timeNanos() - t0) / 1e6,
                TimelineEvent.name(entry.type()), entry.detail() == null ? "" : entry.detail()));
        }
        if (observedDowntimeNanos != NOT_SEEN)
        {
            sb.append(String.format("observed downtime %.3f ms%n", observedDowntimeNanos / 1e6));
        }
        return sb.toString();
    }
}
