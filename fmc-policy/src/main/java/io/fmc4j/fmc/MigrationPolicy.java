/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc;

/**
 * The decision a Follow Me Cloud controller takes each time a user's locator changes: given the distance between
 * the user and its service (in service areas, cells or rings; 0 = co-located), where should the service be?
 * <p>
 * The answer is a <em>target distance</em> {@code t} with {@code 0 <= t <= distance}: {@code t == distance} keeps
 * the service where it is, {@code t < distance} migrates it to a data centre {@code t} away from the user
 * ({@code 0} = the user's nearest data centre). Implementations are the hot path: {@link #targetDistance(int)}
 * is O(1), never allocates, never blocks and never throws; a negative distance returns
 * {@link #INVALID_DISTANCE}.
 * <p>
 * Implementations: {@link PolicyTable} (an immutable solved table) and {@link PublishedPolicy} (a table that a
 * solver thread replaces atomically while deciders keep reading).
 */
public interface MigrationPolicy
{
    /** Returned for a negative distance: a caller bug, reported as a code on the hot path. */
    int INVALID_DISTANCE = -1;

    /**
     * Where the service should be, as a distance from the user.
     *
     * @param distance current user-to-service distance, {@code >= 0}.
     * @return the target distance in {@code [0, distance]}, or {@link #INVALID_DISTANCE}.
     */
    int targetDistance(int distance);

    /**
     * Whether the service should move at this distance.
     *
     * @param distance current user-to-service distance, {@code >= 0}.
     * @return {@code true} when {@link #targetDistance(int)} is smaller than {@code distance}.
     */
    default boolean shouldMigrate(final int distance)
    {
        final int target = targetDistance(distance);
        return target >= 0 && target < distance;
    }
}
