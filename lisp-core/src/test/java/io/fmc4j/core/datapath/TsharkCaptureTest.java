/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.datapath;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fmc4j.core.codec.LispDataHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the ITR writes in {@link RlocMode#IP}, saved as a raw-IP pcap, decodes in tshark as LISP data with the
 * instance ID, nonce and LSBs that {@link LispDataHeaderDecoder} reads, and the inner packet as the original
 * IPv4/UDP. Skips without tshark.
 */
class TsharkCaptureTest extends DataPathTestSupport
{
    private static final int LINKTYPE_RAW = 101;

    private final DataPathEventRing events = new DataPathEventRing(1 << 16);
    private final PendingRequests pending = new PendingRequests(1024, 1000, 1000);
    private MemoryXtr xtr;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception
    {
        openCache();
        putIpv4(IID, Packets.ipv4(10, 2, 0, 0), 16, ipv4Locators(RLOC_1, 1, 50, RLOC_2, 1, 50));
    }

    @AfterEach
    void tearDown()
    {
        if (xtr != null)
        {
            xtr.close();
        }
        closeCache();
    }

    @Test
    void shouldDecodeInTsharkAsLispDataWithTheInstanceIdAndNonce() throws IOException
    {
        final String tshark = Shell.which("tshark");
        assumeTrue(tshark != null, "tshark is not installed");
        xtr = new MemoryXtr("a", context(RlocMode.IP).locatorStatusBits(0x5), pending, events, IID);
        for (int i = 0; i < 20; i++)
        {
            xtr.send(0, packet, Packets.ipv4Udp(packet, 0, HOST_A, HOST_B, 3000 + i, 53, 60 + i * 10, true));
        }
        xtr.pump();
        final List<byte[]> wire = drain(xtr.network);
        assertEquals(20, wire.size());

        final Path pcap = dir.resolve("encapsulated.pcap");
        writePcap(pcap, wire);
        final String out = Shell.run(60, tshark, "-r", pcap.toString(), "-T", "fields",
            "-E", "separator=|", "-E", "aggregator=;",
            "-e", "lisp-data.iid", "-e", "lisp-data.nonce", "-e", "lisp-data.lsb8", "-e", "udp.dstport",
            "-e", "ip.dst");
        final List<String> lines = new ArrayList<>();
        out.lines().filter(l -> l.matches("^\\d+\\|.*")).forEach(lines::add);
        assertEquals(20, lines.size(), out);
        final LispDataHeaderDecoder decoder = new LispDataHeaderDecoder();
        for (int i = 0; i < 20; i++)
        {
            decoder.wrap(new UnsafeBuffer(wire.get(i)), 28);
            final String[] fields = lines.get(i).split("\\|");
            assertEquals(Integer.toString(IID), fields[0], lines.get(i));
            assertEquals(decoder.nonce(), Integer.decode(fields[1]).intValue(), lines.get(i));
            assertEquals(5, Integer.decode(fields[2]).intValue(), lines.get(i));
            assertEquals("4341", fields[3].split(";")[0]);
            assertEquals("10.2.3.4", fields[4].substring(fields[4].indexOf(';') + 1), "inner destination");
        }
    }

    private static void writePcap(final Path file, final List<byte[]> packets) throws IOException
    {
        int size = 24;
        for (final byte[] p : packets)
        {
            size += 16 + p.length;
        }
        final ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xA1B2_C3D4).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65535)
            .putInt(LINKTYPE_RAW);
        int second = 1_700_000_000;
        for (final byte[] p : packets)
        {
            out.putInt(second++).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        Files.write(file, out.array());
    }
}
