/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.MessageType;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.dataplane.udp.UdpPacketIo;
import io.fmc4j.spi.dataplane.udp.UdpPacketIoProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Map-Server on a real UDP socket on loopback; two xTRs simulated with plain datagram channels.
 */
class MapServerUdpTest
{
    private static final int LOOPBACK = 0x7F00_0001;
    private MappingDatabase db;
    private PacketIo io;
    private MapServer server;
    private DatagramChannel etr;
    private DatagramChannel itr;
    private InetSocketAddress serverAddress;
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
    private final ByteBuffer rx = ByteBuffer.allocate(2048);

    @BeforeEach
    void setUp() throws IOException
    {
        etr = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        itr = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        etr.configureBlocking(false);
        itr.configureBlocking(false);
        db = new MappingDatabase(new MappingDatabase.Context().capacity(1024)
            .site(Site.builder("a").key(new AuthKey(0, AuthKey.HMAC_SHA_1_96, MapServerTest.KEY_A))
                .allow("10.1.0.0/16").build())
            .site(Site.builder("b").key(new AuthKey(0, AuthKey.HMAC_SHA_256_128, MapServerTest.KEY_B))
                .allow("10.2.0.0/16").build()));
        io = new UdpPacketIoProvider().open(new PacketIoConfig()
            .localAddress(new InetSocketAddress("127.0.0.1", 0)).conclude());
        serverAddress = ((UdpPacketIo)io).localAddress();
        server = new MapServer(new MapServer.Context().packetIo(io).database(db).notifyRetransmit(200, 10)
            .sweepIntervalMs(10).controlPort(((InetSocketAddress)etr.getLocalAddress()).getPort()));
    }

    @AfterEach
    void tearDown() throws IOException
    {
        server.close();
        io.close();
        db.close();
        etr.close();
        itr.close();
    }

    private void send(final DatagramChannel from, final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        from.send(ByteBuffer.wrap(bytes), serverAddress);
    }

    private byte[] receive(final DatagramChannel at) throws IOException
    {
        final long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            server.doWork();
            rx.clear();
            if (null != at.receive(rx))
            {
                rx.flip();
                final byte[] bytes = new byte[rx.remaining()];
                rx.get(bytes);
                return bytes;
            }
            Thread.onSpinWait();
        }
        return fail("nothing received");
    }

    @Test
    void shouldRegisterNotifyForwardProxyReplyAndPublishOverUdp() throws IOException
    {
        final int itrPort = ((InetSocketAddress)itr.getLocalAddress()).getPort();
        final XtrSimulator a = new XtrSimulator(LispAuthenticator.HMAC_SHA_1, MapServerTest.KEY_A, 0, 1, LOOPBACK);
        final XtrSimulator b = new XtrSimulator(LispAuthenticator.HMAC_SHA_256, MapServerTest.KEY_B, 0, 2, LOOPBACK);

        send(etr, a.mapRegister(out, 1, MapRegister.FLAG_M, MapServerTest.EID_A, 16, 1440, 1));
        final byte[] notifyA = receive(etr);
        assertEquals(MessageType.MAP_NOTIFY, (notifyA[0] & 0xFF) >>> 4);
        assertTrue(a.verify(new UnsafeBuffer(notifyA), 0, notifyA.length));

        send(itr, b.mapRegister(out, 2, MapRegister.FLAG_M | MapRegister.FLAG_P, MapServerTest.EID_B, 16, 1440, 1));
        final byte[] notifyB = receive(itr);
        assertTrue(b.verify(new UnsafeBuffer(notifyB), 0, notifyB.length));

        // ECM Map-Request for site a's EID: forwarded unchanged to the ETR's control port.
        final int ecmLength = b.ecmMapRequest(out, 77, MapServerTest.EID_A | 5, true, itrPort);
        final byte[] ecm = new byte[ecmLength];
        out.getBytes(0, ecm);
        send(itr, ecmLength);
        assertArrayEquals(ecm, receive(etr));
        assertEquals(1, server.subscriptionCount());

        // ECM Map-Request for site b's EID (proxy reply): answered to the ITR-RLOC and inner source port.
        send(etr, a.ecmMapRequest(out, 78, MapServerTest.EID_B | 9, false,
            ((InetSocketAddress)etr.getLocalAddress()).getPort()));
        final byte[] reply = receive(etr);
        assertEquals(MessageType.MAP_REPLY, (reply[0] & 0xFF) >>> 4);
        assertEquals(78, new UnsafeBuffer(reply).getLong(4, java.nio.ByteOrder.BIG_ENDIAN));

        // Site a's mapping changes: the subscriber is notified on the port it subscribed from, and acks.
        send(etr, a.mapRegister(out, 3, 0, MapServerTest.EID_A, 16, 1440, 7));
        final byte[] published = receive(itr);
        assertEquals(MessageType.MAP_NOTIFY, (published[0] & 0xFF) >>> 4);
        assertTrue(b.verify(new UnsafeBuffer(published), 0, published.length));
        send(itr, b.ack(out, new UnsafeBuffer(published), 0, published.length));
        final long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED) == 0 && System.nanoTime() < deadline)
        {
            server.doWork();
        }
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED));
        assertEquals(0, server.outstandingNotifies());
    }

    private byte[] poll(final DatagramChannel at, final long timeoutMs) throws IOException
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline)
        {
            server.doWork();
            rx.clear();
            if (null != at.receive(rx))
            {
                rx.flip();
                final byte[] bytes = new byte[rx.remaining()];
                rx.get(bytes);
                return bytes;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    /** Sends unless the seeded loss drops it; returns the first answer of the type that survives the loss. */
    private byte[] lossy(final Random loss, final DatagramChannel from, final int length, final int type)
        throws IOException
    {
        if (loss.nextInt(100) >= 20)
        {
            send(from, length);
        }
        for (byte[] m = poll(from, 100); null != m; m = poll(from, 20))
        {
            if ((m[0] & 0xFF) >>> 4 == type && loss.nextInt(100) >= 20)
            {
                return m;
            }
        }
        return null;
    }

    @Test
    void shouldConvergeOverUdpWithTwentyPercentOfControlPacketsLost() throws IOException
    {
        final Random loss = new Random(42);
        final int itrPort = ((InetSocketAddress)itr.getLocalAddress()).getPort();
        final XtrSimulator a = new XtrSimulator(LispAuthenticator.HMAC_SHA_1, MapServerTest.KEY_A, 0, 1, LOOPBACK);
        final XtrSimulator b = new XtrSimulator(LispAuthenticator.HMAC_SHA_256, MapServerTest.KEY_B, 0, 2, LOOPBACK);
        long nonce = 1;
        boolean registeredA = false;
        boolean registeredB = false;
        boolean subscribed = false;
        for (int round = 0; round < 60 && !(registeredA && registeredB && subscribed); round++)
        {
            if (!registeredA)
            {
                registeredA = null != lossy(loss, etr, a.mapRegister(out, nonce++, MapRegister.FLAG_M,
                    MapServerTest.EID_A, 16, 1440, 1), MessageType.MAP_NOTIFY);
            }
            if (!registeredB)
            {
                registeredB = null != lossy(loss, itr, b.mapRegister(out, nonce++, MapRegister.FLAG_M |
                    MapRegister.FLAG_P, MapServerTest.EID_B, 16, 1440, 1), MessageType.MAP_NOTIFY);
            }
            if (registeredA && registeredB && !subscribed)
            {
                // Forwarded to the ETR (site a has no proxy reply): the subscription is what matters here.
                lossy(loss, itr, b.ecmMapRequest(out, nonce++, MapServerTest.EID_A | 5, true, itrPort), -1);
                subscribed = server.subscriptionCount() == 1;
            }
        }
        assertTrue(registeredA && registeredB && subscribed, "converged: " + registeredA + registeredB + subscribed);

        send(etr, a.mapRegister(out, nonce++, 0, MapServerTest.EID_A, 16, 1440, 3));
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED) == 0 && System.nanoTime() < deadline)
        {
            final byte[] m = poll(itr, 50);
            if (null != m && (m[0] & 0xFF) >>> 4 == MessageType.MAP_NOTIFY && loss.nextInt(100) >= 20 &&
                loss.nextInt(100) >= 20)
            {
                send(itr, b.ack(out, new UnsafeBuffer(m), 0, m.length));
            }
        }
        assertEquals(1, server.counter(MapServerCounters.NOTIFY_ACK_ACCEPTED));
        assertEquals(2, db.size());
    }
}
