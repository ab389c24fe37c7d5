/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyTest
{
    @Test
    void shouldParseTheTextFormat()
    {
        final Topology topology = Topology.parse(TestBed.TOPOLOGY);
        assertEquals(4, topology.accessXtrs().size());
        assertEquals(3, topology.dataCentres().size());
        assertEquals(Rloc.parse("192.0.2.2"), topology.accessXtr("xtr2").rloc());
        assertEquals(EidPrefix.parse("10.2.0.0/16"), topology.accessXtr("xtr2").subnets().get(0));
        final DataCentre dc2 = topology.dataCentre("dc2");
        assertEquals("sim", dc2.provider());
        assertEquals("dc2", dc2.host());
        assertEquals(EidPrefix.parse("10.101.0.0/24"), dc2.prefix());
        assertEquals("xtr3", topology.accessXtrByRloc(Rloc.parse("192.0.2.3")).name());
        assertEquals("dc1", topology.dataCentreByRloc(Rloc.parse("198.51.100.1")).name());
        assertNull(topology.dataCentreByRloc(Rloc.parse("192.0.2.1")));
        assertEquals(3, topology.distance("xtr2", "dc1"));
        assertEquals(1, topology.distance("xtr4", "dc1"));
        assertEquals(3, topology.maxDistance());
        assertEquals(10.0, topology.rttMs("dc2", "dc1"));
        assertTrue(Double.isNaN(topology.rttMs("dc2", "dc3")));
    }

    @Test
    void shouldParseDataCentreFieldsAndDeriveDistancesFromRtts()
    {
        final Topology topology = Topology.parse(
            "access a rloc=2001:db8::1\n" +
            "dc d1 rloc=2001:db8:1::1 provider=qmp host=h1 address=tcp:10.0.0.2:4444 property.qmp.vm.web=unix:/q\n" +
            "dc d2 rloc=2001:db8:2::1 provider=auto host=h2\n" +
            "rtt a d1 12\nrtt d2 a 250\nrtt-per-area 50\ndistance a d1 0\n");
        assertEquals(Afi.IPV6, topology.accessXtr("a").rloc().afi());
        assertEquals(Rloc.parse("2001:db8:1::1"), topology.dataCentre("d1").rloc());
        assertEquals(topology.dataCentre("d1").rloc(), Rloc.parse(topology.dataCentre("d1").rloc().toString()));
        assertEquals("tcp:10.0.0.2:4444", topology.dataCentre("d1").migrationAddress());
        assertEquals("unix:/q", topology.dataCentre("d1").hypervisorProperties().get("qmp.vm.web"));
        assertEquals(0, topology.distance("a", "d1"));
        assertEquals(5, topology.distance("a", "d2"));
    }

    @Test
    void shouldRejectBadConfigurationNamingTheLine()
    {
        assertMessage("topology line 2: unknown statement 'acess' (expected access, dc, distance, rtt or rtt-per-area)",
            "access a rloc=192.0.2.1\nacess b rloc=x\n");
        assertMessage("topology line 1: missing field rloc=", "access a subnets=10.0.0.0/8\n");
        assertMessage("topology line 1: expected: distance ACCESS DC AREAS", "distance a b\n");
        assertMessage("topology line 1: not an integer: 'x'", "distance a b x\n");
        assertMessage("topology line 1: unknown dc field: bogus",
            "dc d rloc=192.0.2.9 provider=sim host=h bogus=1\n");
        assertMessage("topology line 1: an RLOC is an address, not a prefix: '192.0.2.0/24'",
            "access a rloc=192.0.2.0/24\n");
        assertMessage("topology line 2: duplicate node name: a",
            "access a rloc=192.0.2.1\ndc a rloc=192.0.2.2 provider=sim host=h\n");
        assertMessage("no distance between access xTR a and data centre d (give 'distance', or 'rtt' and " +
            "'rtt-per-area')", "access a rloc=192.0.2.1\ndc d rloc=192.0.2.2 provider=sim host=h\n");
        assertMessage("RLOC 192.0.2.1 of d is also the RLOC of a",
            "access a rloc=192.0.2.1\ndc d rloc=192.0.2.1 provider=sim host=h\ndistance a d 0\n");
        assertMessage("distance names an unknown data centre: e",
            "access a rloc=192.0.2.1\ndc d rloc=192.0.2.2 provider=sim host=h\ndistance a d 0\ndistance a e 1\n");
        assertMessage("topology has no data centre", "access a rloc=192.0.2.1\n");
        assertMessage("topology line 1: distance a-d must be >= 0: -1", "distance a d -1\n");
    }

    @Test
    void shouldLoadAFileAndNameItInErrors(@org.junit.jupiter.api.io.TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("topology.conf");
        Files.writeString(file, TestBed.TOPOLOGY);
        assertEquals(3, Topology.load(file).dataCentres().size());
        Files.writeString(file, "bogus\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Topology.load(file));
        assertTrue(ex.getMessage().startsWith(file + ": topology line 1"), ex.getMessage());
    }

    @Test
    void shouldChooseTheDataCentreClosestToThePolicyTarget()
    {
        final Topology topology = new Topology(new Topology.Context()
            .accessXtr("a", "192.0.2.1")
            .dataCentre("far", "198.51.100.1", null, "sim", "far")
            .dataCentre("mid", "198.51.100.2", null, "sim", "mid")
            .dataCentre("near", "198.51.100.3", null, "sim", "near")
            .dataCentre("near2", "198.51.100.4", null, "sim", "near2")
            .distance("a", "far", 5).distance("a", "mid", 2).distance("a", "near", 0).distance("a", "near2", 0)
            .rttMs("a", "near", 9).rttMs("a", "near2", 3));
        assertEquals("near2", topology.chooseDataCentre("a", 0, 5).name());   // lower RTT on a tie
        assertEquals("mid", topology.chooseDataCentre("a", 2, 5).name());
        assertEquals("mid", topology.chooseDataCentre("a", 3, 5).name());
        assertEquals("near2", topology.chooseDataCentre("a", 1, 5).name());   // nearer first on equal gaps
        assertEquals("near2", topology.chooseDataCentre("a", 0, 2).name());
        assertNull(topology.chooseDataCentre("a", 0, 0));
    }

    @Test
    void shouldFindTheAccessXtrOfALocator()
    {
        final Topology topology = Topology.parse(TestBed.TOPOLOGY + "access v6 rloc=2001:db8::9\n" +
            "distance v6 dc1 1\ndistance v6 dc2 1\ndistance v6 dc3 1\n");
        final UnsafeBuffer set = new UnsafeBuffer(new byte[LocatorSet.MAX_LENGTH]);
        final UnsafeBuffer address = new UnsafeBuffer(new byte[16]);
        final String[] rlocs = {"192.0.2.2", "203.0.113.1", "2001:db8::9", "198.51.100.1"};
        for (int i = 0; i < rlocs.length; i++)
        {
            final Rloc rloc = Rloc.parse(rlocs[i]);
            rloc.putAddress(address, 0);
            LocatorSet.put(set, i * LocatorSet.LOCATOR_LENGTH, rloc.afi(), address, 0, LocatorSet.FLAG_REACHABLE, 1,
                100, 255, 0);
        }
        final LocatorSetDecoder decoder = new LocatorSetDecoder().wrap(set, 0, rlocs.length);
        assertEquals("xtr2", topology.accessXtrAt(decoder, 0).name());
        assertNull(topology.accessXtrAt(decoder, 1));
        assertEquals("v6", topology.accessXtrAt(decoder, 2).name());
        assertNull(topology.accessXtrAt(decoder, 3));      // a DC's RLOC is no access xTR
    }

    @Test
    void shouldRejectUseAfterConclude()
    {
        final Topology.Context context = new Topology.Context().accessXtr("a", "192.0.2.1")
            .dataCentre("d", "192.0.2.2", null, "sim", "d").distance("a", "d", 0);
        new Topology(context);
        assertThrows(IllegalStateException.class, () -> context.distance("a", "d", 1));
    }

    private static void assertMessage(final String expected, final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Topology.parse(text));
        assertEquals(expected, ex.getMessage());
    }
}
