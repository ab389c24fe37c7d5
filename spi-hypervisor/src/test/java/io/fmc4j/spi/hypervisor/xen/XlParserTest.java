/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.VmState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XlParserTest
{
    @Test
    void shouldParseXlList()
    {
        final List<XlDomain> domains = XlParser.parseList(FakeXl.resource("xl-list.txt"));
        assertEquals(4, domains.size());
        assertEquals(new XlDomain("Domain-0", 0, 4096, 4, "r-----", 1523.8), domains.get(0));
        assertEquals(new XlDomain("clickos-fw", 7, 8, 1, "-b----", 0.4), domains.get(1));
        assertEquals(VmState.RUNNING, domains.get(1).vmState());
        assertEquals(VmState.PAUSED, domains.get(3).vmState());
    }

    @Test
    void shouldSkipWhatIsNotARow()
    {
        assertEquals(List.of(), XlParser.parseList(""));
        assertEquals(List.of(), XlParser.parseList("garbage\n\n\tName ID\nweb x 1 1 -b---- 1.0\n"));
        assertEquals(1, XlParser.parseList("a domain with spaces     3   64     1     -b----     0.1\n").size());
    }

    @Test
    void shouldMapStateLetters()
    {
        assertEquals(VmState.RUNNING, XlDomain.vmState("r-----"));
        assertEquals(VmState.RUNNING, XlDomain.vmState("-b----"));
        assertEquals(VmState.RUNNING, XlDomain.vmState("------"));
        assertEquals(VmState.PAUSED, XlDomain.vmState("--p---"));
        assertEquals(VmState.PAUSED, XlDomain.vmState("---ss-"));
        assertEquals(VmState.SHUTOFF, XlDomain.vmState("---sc-"));
        assertEquals(VmState.SHUTOFF, XlDomain.vmState("---s--"));
        assertEquals(VmState.SHUTOFF, XlDomain.vmState("-----d"));
        assertEquals(VmState.UNKNOWN, XlDomain.vmState("r--"));
        assertEquals(VmState.UNKNOWN, XlDomain.vmState(null));
        assertTrue(new XlDomain("web", 9, 512, 1, "---ss-", 1).suspended());
    }

    @Test
    void shouldParseXlListLong() throws IOException
    {
        final List<XlParser.DomainConfig> configs = XlParser.parseListLong(FakeXl.resource("xl-list-l.json"));
        assertEquals(3, configs.size());
        final XlParser.DomainConfig clickos = configs.get(1);
        assertEquals(7, clickos.domid());
        assertEquals("clickos-fw", clickos.name());
        assertEquals("pv", clickos.type());
        assertEquals(8192, clickos.maxMemoryKb());
        assertEquals("6f0b9c3e-2d4a-4a55-9d0e-1c2b3a4d5e6f", clickos.uuid());
        assertNull(configs.get(0).uuid());
        assertEquals(List.of(), XlParser.parseListLong("[{\"domid\": 3}]"));
    }

    @Test
    void shouldRejectWhatIsNotAJsonArray()
    {
        assertThrows(IOException.class, () -> XlParser.parseListLong("{\"domid\": 1}"));
        assertThrows(IOException.class, () -> XlParser.parseListLong("xl: command not found"));
        assertThrows(IOException.class, () -> XlParser.parseListLong(""));
    }

    @Test
    void shouldClassifyEveryLineOfASuccessfulMigration()
    {
        final List<Integer> kinds = new ArrayList<>();
        for (final String line : FakeXl.resource("xl-migrate-success.txt").split("\\R"))
        {
            final int kind = XlParser.classify(line);
            if (kind != XlParser.OTHER)
            {
                kinds.add(kind);
            }
        }
        assertEquals(List.of(XlParser.TARGET_READY, XlParser.SAVING, XlParser.TRANSFER_COMPLETE,
            XlParser.ACKNOWLEDGED, XlParser.PERMISSION_GIVEN, XlParser.TARGET_STARTED, XlParser.STARTUP_REPORTED,
            XlParser.SUCCESS), kinds);
    }

    @Test
    void shouldClassifyFailures()
    {
        assertEquals(XlParser.FAILED_SOURCE_RESUMED, XlParser.classify("Migration failed, resuming at sender."));
        assertEquals(XlParser.FAILED_SOURCE_RESUMED, XlParser.classify("Migration failed due to problems at target."));
        assertEquals(XlParser.FAILED_UNDEFINED, XlParser.classify("** Migration failed during final handshake **"));
        assertEquals(XlParser.ERROR, XlParser.classify("ssh: connect to host dc9 port 22: Connection refused"));
        assertEquals(XlParser.ERROR, XlParser.classify(
            "libxl: error: libxl_utils.c:510:libxl_read_exactly: file/stream truncated reading banner"));
        assertEquals(XlParser.OTHER, XlParser.classify("libxl: info: libxl_exec.c:118: exited with error status 255"));
    }

    @Test
    void shouldReadProgressLines()
    {
        assertArrayEquals(new long[] {1, 5, 2048, 4096, 50},
            XlParser.progress("xc: progress: Frames iteration 1 of 5: 2048/4096   50%"));
        assertArrayEquals(new long[] {0, 5, 7, 9, 77},
            XlParser.progress("2026-11-25 08:00:00 UTC xc: detail: Frames iteration 0 of 5: 7/9   77%"));
        assertNull(XlParser.progress("xc: progress: Frames verify: 1/2  50%"));
        assertNull(XlParser.progress("xc: progress: Frames iteration 99999999999999999999 of 5: 1/2  50%"));
    }
}
