/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataplaneCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return new CommandLine(new Fmc4j()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
            .execute(args);
    }

    @Test
    void shouldListEveryProviderWithItsAvailability()
    {
        assertEquals(0, run("dataplane"));
        for (final String name : new String[] {"dpdk", "memory", "tun", "udp"})
        {
            assertTrue(out.toString().contains("  " + name + " (priority "), out.toString());
        }
    }

    @Test
    void shouldExplainAnUnknownProvider()
    {
        assertEquals(2, run("dataplane", "--provider", "nope"));
        assertTrue(err.toString().contains("packet-I/O provider 'nope' not found"), err.toString());
        assertTrue(err.toString().contains("udp (priority 10)"), err.toString());
    }

    @Test
    void shouldPrintDatagramsReceivedOnAUdpDevice() throws Exception
    {
        final int port;
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        final CompletableFuture<Integer> receiving = CompletableFuture.supplyAsync(() -> run(
            "dataplane", "--provider", "udp", "--bind", "127.0.0.1:" + port, "--count", "1", "--seconds", "10"));
        try (DatagramChannel sender = DatagramChannel.open())
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!receiving.isDone() && System.nanoTime() < deadline)
            {
                final byte[] lispHeaderStart = {(byte)0xC8, 1, 2, 3};
                sender.send(ByteBuffer.wrap(lispHeaderStart), new InetSocketAddress("127.0.0.1", port));
                Thread.sleep(50);
            }
        }
        assertEquals(0, receiving.get(10, TimeUnit.SECONDS), err.toString());
        assertTrue(out.toString().contains("4 bytes from 127.0.0.1:"), out.toString());
        assertTrue(out.toString().contains(": c8 01 02 03"), out.toString());
        assertTrue(out.toString().contains("rx-packets=1"), out.toString());
    }
}
