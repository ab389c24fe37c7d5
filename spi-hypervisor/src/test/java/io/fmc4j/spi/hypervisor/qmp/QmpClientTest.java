/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fmc4j.api.spi.hypervisor.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The QMP client against a scripted QMP server on loopback TCP (no QEMU needed).
 */
class QmpClientTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GREETING =
        "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}";

    private ServerSocket server;

    @AfterEach
    void closeServer() throws IOException
    {
        if (server != null)
        {
            server.close();
        }
    }

    /** Serve one client: send the greeting, then hand every command and the output to the script. */
    private String serve(final String greeting, final BiConsumer<JsonNode, OutputStream> script) throws IOException
    {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final Thread thread = new Thread(() ->
        {
            try (Socket socket = server.accept())
            {
                final OutputStream out = socket.getOutputStream();
                if (greeting != null)
                {
                    out.write((greeting + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                final BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null)
                {
                    script.accept(MAPPER.readTree(line), out);
                }
            }
            catch (final IOException ignore)
            {
                // The test closed the connection.
            }
        }, "fake-qmp");
        thread.setDaemon(true);
        thread.start();
        return "tcp:127.0.0.1:" + server.getLocalPort();
    }

    private static void send(final OutputStream out, final String line)
    {
        try
        {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String reply(final JsonNode request, final String body)
    {
        return "{" + body + ", \"id\": " + request.get("id") + "}";
    }

    @Test
    void shouldNegotiateCorrelateRepliesAndDeliverEvents() throws Exception
    {
        final String address = serve(GREETING, (request, out) ->
        {
            if (request.get("execute").asText().equals("query-status"))
            {
                send(out, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"STOP\"}");
                send(out, "this is not json");
                send(out, "{\"return\": {\"status\": \"wrong\"}, \"id\": 999}");
            }
            send(out, reply(request, request.get("execute").asText().equals("query-status") ?
                "\"return\": {\"status\": \"running\", \"running\": true}" : "\"return\": {}"));
        });
        final List<QmpEvent> events = new CopyOnWriteArrayList<>();
        try (QmpClient client = QmpClient.connect(address, 2_000))
        {
            client.addEventListener(events::add);
            assertEquals(7, client.greeting().path("version").path("qemu").path("major").asInt());
            final JsonNode status = client.execute("query-status", null, 2_000);
            assertEquals("running", status.path("status").asText());
            assertEquals(1, events.size());
            assertEquals("STOP", events.get(0).name());
            assertEquals(1_000_002L, events.get(0).epochMicros());
            assertEquals(1, client.malformedLines());
        }
    }

    @Test
    void shouldThrowTheQmpErrorOfAFailedCommand() throws Exception
    {
        final String address = serve(GREETING, (request, out) -> send(out, reply(request,
            request.get("execute").asText().equals("migrate") ?
            "\"error\": {\"class\": \"GenericError\", \"desc\": \"There's a migration process in progress\"}" :
            "\"return\": {}")));
        try (QmpClient client = QmpClient.connect(address, 2_000))
        {
            final QmpException ex = assertThrows(QmpException.class,
                () -> client.execute("migrate", QmpClient.arguments().put("uri", "tcp:x:1"), 2_000));
            assertEquals("GenericError", ex.errorClass());
            assertTrue(ex.getMessage().contains("migration process in progress"), ex.getMessage());
        }
    }

    @Test
    void shouldFailPendingCommandsWhenQemuGoesAway() throws Exception
    {
        final String address = serve(GREETING, (request, out) ->
        {
            if (request.get("execute").asText().equals("quit"))
            {
                try
                {
                    out.close();
                }
                catch (final IOException ignore)
                {
                    // Closing anyway.
                }
                return;
            }
            send(out, reply(request, "\"return\": {}"));
        });
        final CountDownLatch closed = new CountDownLatch(1);
        final QmpClient client = QmpClient.connect(address, 2_000);
        client.addCloseListener((cause) -> closed.countDown());
        final IOException ex = assertThrows(IOException.class, () -> client.execute("quit", null, 2_000));
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
        assertTrue(closed.await(2, TimeUnit.SECONDS));
        assertFalse(client.isOpen());
        assertThrows(IOException.class, () -> client.execute("query-status", null, 2_000));
    }

    @Test
    void shouldRejectSomethingThatIsNotQmp() throws Exception
    {
        final String address = serve("SSH-2.0-OpenSSH_9.2p1", (request, out) -> { });
        final IOException ex = assertThrows(IOException.class, () -> QmpClient.connect(address, 2_000));
        assertTrue(ex.getMessage().contains("not a QMP greeting"), ex.getMessage());
    }

    @Test
    void shouldTimeOutWhenNoGreetingComes() throws Exception
    {
        final String address = serve(null, (request, out) -> { });
        final IOException ex = assertThrows(IOException.class, () -> QmpClient.connect(address, 300));
        assertTrue(ex.getMessage().contains("no greeting within 300 ms"), ex.getMessage());
    }

    @Test
    void shouldTimeOutACommandWithoutReply() throws Exception
    {
        final String address = serve(GREETING, (request, out) ->
        {
            if (request.get("execute").asText().equals("qmp_capabilities"))
            {
                send(out, reply(request, "\"return\": {}"));
            }
        });
        try (QmpClient client = QmpClient.connect(address, 2_000))
        {
            final IOException ex = assertThrows(IOException.class, () -> client.execute("query-migrate", null, 200));
            assertTrue(ex.getMessage().contains("no reply to query-migrate within 200 ms"), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAClosedPortWithAnIoException() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        assertThrows(IOException.class, () -> QmpClient.connect("tcp:127.0.0.1:" + port, 1_000));
    }

    @Test
    void shouldParseAddresses()
    {
        assertEquals(UnixDomainSocketAddress.of("/run/vm.qmp"), QmpClient.parseAddress("unix:/run/vm.qmp"));
        assertEquals(new InetSocketAddress("127.0.0.1", 4444), QmpClient.parseAddress("tcp:127.0.0.1:4444"));
        for (final String bad : new String[] {null, "", "unix:", "tcp:host", "tcp:host:0", "tcp:host:70000",
            "tcp::x", "/run/vm.qmp"})
        {
            assertThrows(IllegalArgumentException.class, () -> QmpClient.parseAddress(bad), bad);
        }
    }

    @Test
    void shouldPlaceEventsOnTheMonotonicClock()
    {
        final QmpEvent event = new QmpEvent("STOP", MAPPER.createObjectNode(), 10_000_000L, 5_000_000_000L);
        assertEquals(5_000_000_000L - 2_000_000L, event.monotonicNanos(10_002_000L, 5_000_000_000L));
        assertEquals(4_000_000_000L, event.monotonicNanos(10_000_000L, 4_000_000_000L));
        assertEquals(5_000_000_000L, event.monotonicNanos(9_000_000L, 6_000_000_000L), "clock skew: receive time");
        assertEquals(5_000_000_000L, event.monotonicNanos(10_000_000_000L, 6_000_000_000L), "too old: receive time");
    }

    @Test
    void shouldMapRunStates()
    {
        assertEquals(VmState.RUNNING, QmpHypervisor.state("running"));
        assertEquals(VmState.PAUSED, QmpHypervisor.state("paused"));
        assertEquals(VmState.PAUSED, QmpHypervisor.state("finish-migrate"));
        assertEquals(VmState.INCOMING, QmpHypervisor.state("inmigrate"));
        assertEquals(VmState.MIGRATED, QmpHypervisor.state("postmigrate"));
        assertEquals(VmState.SHUTOFF, QmpHypervisor.state("guest-panicked"));
        assertEquals(VmState.UNKNOWN, QmpHypervisor.state("something-new"));
    }
}
