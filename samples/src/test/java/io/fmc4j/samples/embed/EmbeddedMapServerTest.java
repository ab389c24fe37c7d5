/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.core.mapcache.MappingBuilder;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.Site;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMapServerTest
{
    private static final List<Site> SITES = List.of(Site.builder("dc1")
        .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, new byte[] {1})).allow("10.100.0.0/16").build());

    @Test
    void shouldSeeRegisteredRegisteredUpdatedWithdrawnExpiredInOrder() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final EmbeddedMapServer.Result result = EmbeddedMapServer.run(
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(EmbeddedMapServer.EXPECTED, result.changes(), out);
        assertTrue(result.succeeded(), out);
        assertEquals(1, result.eidsLeftDc1(), out);
        assertTrue(out.contains("site dc2, Map-Register from 192.0.2.12"), out);
        assertEquals(0, InProcessUdpNetwork.named(EmbeddedMapServer.NETWORK).boundAddresses().size());
    }

    @Test
    void shouldFormatWhatTheListenerRecorded()
    {
        final EmbeddedMapServer.ChangeLog log = new EmbeddedMapServer.ChangeLog(SITES);
        final StubChange change = new StubChange(MappingChangeType.UPDATED, 0x0A64_0007, 32, 0xC000_020C);
        log.onMappingChange(change);
        final List<String> changes = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        log.await(changes, 1, System.nanoTime(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(List.of("updated 10.100.0.7/32 [192.0.2.12]"), changes);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("site dc1, Map-Register from 192.0.2.12"));
    }

    @Test
    void shouldDropAndCountWhenTheReaderFallsBehindInsteadOfBlockingTheServer()
    {
        final EmbeddedMapServer.ChangeLog log = new EmbeddedMapServer.ChangeLog(SITES, 1024);
        final StubChange change = new StubChange(MappingChangeType.REGISTERED, 0x0A64_0000, 24, 0xC000_020B);
        for (int i = 0; i < 100; i++)
        {
            log.onMappingChange(change);
        }
        assertTrue(log.dropped() > 0 && log.dropped() < 100, "dropped " + log.dropped());
    }

    @Test
    void shouldNotAllocateInTheListener()
    {
        final EmbeddedMapServer.ChangeLog log = new EmbeddedMapServer.ChangeLog(SITES, 32 * 1024 * 1024);
        final StubChange change = new StubChange(MappingChangeType.REGISTERED, 0x0A64_0000, 24, 0xC000_020B);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        for (int i = 0; i < 50_000; i++)
        {
            log.onMappingChange(change);
        }
        threads.getThreadAllocatedBytes(id);
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200_000; i++)
        {
            log.onMappingChange(change);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(0, log.dropped());
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 200 000 changes");
    }

    /** A change with one IPv4 locator, as the database hands it to listeners. */
    private static final class StubChange implements MappingChange
    {
        private final int type;
        private final long word0;
        private final long hi;
        private final int rloc;
        private final LocatorSetDecoder locators = new LocatorSetDecoder();
        private final LocatorSetDecoder none = new LocatorSetDecoder();

        StubChange(final int type, final int eid, final int maskLength, final int rloc)
        {
            this.type = type;
            this.word0 = EidKey.word0(0, Afi.IPV4, maskLength);
            this.hi = EidKey.ipv4Hi(eid);
            this.rloc = rloc;
            final UnsafeBuffer set = new UnsafeBuffer(new byte[64]);
            final MappingBuilder builder = new MappingBuilder()
                .addIpv4Locator(rloc, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
            locators.wrap(builder.locators(), 0, 1);
            none.wrap(set, 0, 0);
        }

        @Override
        public int type()
        {
            return type;
        }

        @Override
        public long eidWord0()
        {
            return word0;
        }

        @Override
        public long eidHi()
        {
            return hi;
        }

        @Override
        public long eidLo()
        {
            return 0;
        }

        @Override
        public String siteName()
        {
            return "dc1";
        }

        @Override
        public LocatorSetDecoder oldLocators()
        {
            return none;
        }

        @Override
        public LocatorSetDecoder newLocators()
        {
            return locators;
        }

        @Override
        public int xtrRlocAfi()
        {
            return Afi.IPV4;
        }

        @Override
        public long xtrRlocHi()
        {
            return (rloc & 0xFFFF_FFFFL) << 32;
        }

        @Override
        public long xtrRlocLo()
        {
            return 0;
        }

        @Override
        public long xtrIdHi()
        {
            return 0;
        }

        @Override
        public long xtrIdLo()
        {
            return 1;
        }

        @Override
        public long siteId()
        {
            return 1;
        }

        @Override
        public long timestampMs()
        {
            return 0;
        }
    }
}
