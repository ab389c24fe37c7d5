/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingDatabaseRelocatorTest
{
    private static final EidPrefix VM = EidPrefix.parse("10.100.0.5/32");
    private static final Rloc DC1 = Rloc.parse("198.51.100.1");
    private static final Rloc DC2 = Rloc.parse("198.51.100.2");
    private static final Rloc DC3 = Rloc.parse("198.51.100.3");

    private TestBed bed;
    private MappingDatabaseRelocator relocator;

    @BeforeEach
    void before() throws Exception
    {
        bed = new TestBed(0);
        relocator = bed.relocator;
    }

    @AfterEach
    void after() throws Exception
    {
        bed.close();
    }

    private static <T> T get(final Future<T> future) throws Exception
    {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldPreRegisterPromoteAndCommit() throws Exception
    {
        get(relocator.preRegister(VM, DC1, DC2));
        assertEquals("[198.51.100.1 p1 198.51.100.2 p2]", bed.registration("10.100.0.5/32"));
        assertEquals(DC1, get(relocator.resolve(VM)));
        assertEquals(1, get(relocator.openRelocations()));

        get(relocator.promote(VM));
        assertEquals("[198.51.100.2 p1]", bed.registration("10.100.0.5/32"));
        assertEquals(DC2, get(relocator.resolve(VM)));

        get(relocator.commit(VM));
        assertEquals(0, get(relocator.openRelocations()));
        assertEquals("[198.51.100.2 p1]", bed.registration("10.100.0.5/32"));
        assertEquals(DC1, get(relocator.resolve(EidPrefix.parse("10.100.0.6/32"))));   // neighbours stay
        assertEquals(List.of("registered 10.100.0.5/32 [198.51.100.1 p1 198.51.100.2 p2]",
            "updated 10.100.0.5/32 [198.51.100.2 p1]"), bed.vmEidEvents);
    }

    @Test
    void shouldWithdrawAHostEidThatDidNotExistOnRollbackEvenAfterPromotion() throws Exception
    {
        get(relocator.preRegister(VM, DC1, DC2));
        get(relocator.promote(VM));
        get(relocator.rollback(VM));
        assertEquals("absent", bed.registration("10.100.0.5/32"));
        assertEquals(DC1, get(relocator.resolve(VM)));
        assertEquals(0, get(relocator.openRelocations()));
    }

    @Test
    void shouldRestoreAPreviousHostRegistrationOnRollback() throws Exception
    {
        get(relocator.preRegister(VM, DC1, DC2));
        get(relocator.promote(VM));
        get(relocator.commit(VM));

        get(relocator.preRegister(VM, DC2, DC3));
        assertEquals("[198.51.100.2 p1 198.51.100.3 p2]", bed.registration("10.100.0.5/32"));
        get(relocator.rollback(VM));
        assertEquals("[198.51.100.2 p1]", bed.registration("10.100.0.5/32"));
        assertEquals(DC2, get(relocator.resolve(VM)));
    }

    @Test
    void shouldFailTheFutureWithTheDatabaseStatusWhenARegistrationIsRefused() throws Exception
    {
        final ExecutionException ex = assertThrows(ExecutionException.class,
            () -> get(relocator.preRegister(EidPrefix.parse("192.168.1.1/32"), DC1, DC2)));
        final RelocationException cause = assertInstanceOf(RelocationException.class, ex.getCause());
        assertEquals(MapCacheStatus.NOT_ALLOWED, cause.status());
        assertEquals(0, get(relocator.openRelocations()));
    }

    @Test
    void shouldRefuseCallsOutOfOrderAndNonHostEids() throws Exception
    {
        assertThrows(ExecutionException.class, () -> get(relocator.promote(VM)));
        assertThrows(ExecutionException.class, () -> get(relocator.rollback(VM)));
        assertThrows(ExecutionException.class, () -> get(relocator.commit(VM)));
        assertThrows(ExecutionException.class,
            () -> get(relocator.preRegister(EidPrefix.parse("10.100.0.0/24"), DC1, DC2)));
        get(relocator.preRegister(VM, DC1, DC2));
        final ExecutionException twice = assertThrows(ExecutionException.class,
            () -> get(relocator.preRegister(VM, DC1, DC3)));
        assertTrue(twice.getCause().getMessage().contains("still open"), twice.getCause().getMessage());
        assertEquals("[198.51.100.1 p1 198.51.100.2 p2]", bed.registration("10.100.0.5/32"));
    }

    @Test
    void shouldFailTheFutureWhenTheExecutorRejects() throws Exception
    {
        final var closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        final MappingDatabaseRelocator rejected = new MappingDatabaseRelocator(new MappingDatabaseRelocator.Context()
            .database(bed.db).site(bed.site).executor(closed));
        final ExecutionException ex = assertThrows(ExecutionException.class,
            () -> get(rejected.preRegister(VM, DC1, DC2)));
        assertInstanceOf(RelocationException.class, ex.getCause());
    }

    @Test
    void shouldValidateItsContext()
    {
        final Site other = Site.builder("other")
            .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, "k".getBytes(StandardCharsets.UTF_8)))
            .allow("10.0.0.0/8").acceptMoreSpecifics(true).build();
        assertThrows(IllegalArgumentException.class, () -> new MappingDatabaseRelocator.Context().conclude());
        assertThrows(IllegalArgumentException.class, () -> new MappingDatabaseRelocator.Context()
            .database(bed.db).site(other).executor(Runnable::run).conclude());
        assertThrows(IllegalArgumentException.class, () -> new MappingDatabaseRelocator.Context()
            .database(bed.db).site(bed.site).executor(Runnable::run).backupPriority(1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new MappingDatabaseRelocator.Context()
            .database(bed.db).site(bed.site).executor(Runnable::run).ttlMinutes(0).conclude());
    }
}
