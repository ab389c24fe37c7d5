/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A QEMU Machine Protocol client over a Unix or TCP socket: reads the greeting, negotiates capabilities, then runs
 * commands (correlated by {@code id}) and hands events to listeners from one reader thread. Thread safe.
 */
public final class QmpClient implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String address;
    private final SocketChannel channel;
    private final BufferedReader reader;
    private final JsonNode greeting;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<QmpEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Throwable>> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong malformedLines = new AtomicLong();
    private final Thread readerThread;
    private volatile Throwable closedBy;

    private QmpClient(final String address, final SocketChannel channel, final long timeoutMs) throws IOException
    {
        this.address = address;
        this.channel = channel;
        this.reader = new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.greeting = readGreeting(timeoutMs);
        this.readerThread = new Thread(this::readLoop, "fmc4j-qmp-" + address);
        readerThread.setDaemon(true);
        readerThread.start();
        execute("qmp_capabilities", null, timeoutMs);
    }

    /**
     * Connect, read the greeting and leave capabilities negotiation mode.
     *
     * @param address   {@code unix:/path/to/socket} or {@code tcp:host:port}.
     * @param timeoutMs bound on the greeting and the negotiation.
     * @return a ready client.
     * @throws IOException when the socket cannot be reached or does not speak QMP.
     */
    public static QmpClient connect(final String address, final long timeoutMs) throws IOException
    {
        final SocketAddress socketAddress = parseAddress(address);
        final SocketChannel channel = socketAddress instanceof UnixDomainSocketAddress ?
            SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try
        {
            channel.connect(socketAddress);
            return new QmpClient(address, channel, timeoutMs);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex instanceof IOException ? (IOException)ex : new IOException("QMP " + address + ": " + ex, ex);
        }
    }

    /**
     * Parse a QMP address.
     *
     * @param address {@code unix:PATH} or {@code tcp:HOST:PORT}.
     * @return the socket address.
     * @throws IllegalArgumentException on any other form.
     */
    public static SocketAddress parseAddress(final String address)
    {
        if (address != null && address.startsWith("unix:") && address.length() > 5)
        {
            return UnixDomainSocketAddress.of(Path.of(address.substring(5)));
        }
        if (address != null && address.startsWith("tcp:"))
        {
            final int colon = address.lastIndexOf(':');
            if (colon > 4)
            {
                try
                {
                    final int port = Integer.parseInt(address.substring(colon + 1));
                    if (port > 0 && port < 65536)
                    {
                        return new InetSocketAddress(address.substring(4, colon), port);
                    }
                }
                catch (final NumberFormatException ignore)
                {
                    // Reported below.
                }
            }
        }
        throw new IllegalArgumentException("QMP address must be unix:PATH or tcp:HOST:PORT, got: " + address);
    }

    /**
     * The greeting QEMU sent.
     *
     * @return the {@code QMP} object (version, capabilities).
     */
    public JsonNode greeting()
    {
        return greeting;
    }

    /**
     * The address connected to.
     *
     * @return the address.
     */
    public String address()
    {
        return address;
    }

    /**
     * Lines that were not JSON objects, dropped and counted.
     *
     * @return the count.
     */
    public long malformedLines()
    {
        return malformedLines.get();
    }

    /**
     * Is the connection still up?
     *
     * @return false once closed or broken.
     */
    public boolean isOpen()
    {
        return closedBy == null && channel.isOpen();
    }

    /**
     * Receive every event from now on, on the reader thread.
     *
     * @param listener the receiver; must not block.
     */
    public void addEventListener(final Consumer<QmpEvent> listener)
    {
        eventListeners.add(listener);
    }

    /**
     * Stop receiving events.
     *
     * @param listener a receiver added before.
     */
    public void removeEventListener(final Consumer<QmpEvent> listener)
    {
        eventListeners.remove(listener);
    }

    /**
     * Be told when the connection ends.
     *
     * @param listener receives the cause.
     */
    public void addCloseListener(final Consumer<Throwable> listener)
    {
        closeListeners.add(listener);
        if (closedBy != null)
        {
            listener.accept(closedBy);
        }
    }

    /**
     * Stop being told about the end of the connection.
     *
     * @param listener a receiver added before.
     */
    public void removeCloseListener(final Consumer<Throwable> listener)
    {
        closeListeners.remove(listener);
    }

    /**
     * Run a command and wait for its reply.
     *
     * @param command   command name.
     * @param arguments its arguments, or null.
     * @param timeoutMs bound on the wait.
     * @return the {@code return} value.
     * @throws QmpException when QEMU replies with an error.
     * @throws IOException  when the connection fails or the reply does not come in time.
     */
    public JsonNode execute(final String command, final ObjectNode arguments, final long timeoutMs)
        throws IOException
    {
        final long id = nextId.getAndIncrement();
        final ObjectNode request = MAPPER.createObjectNode().put("execute", command);
        if (arguments != null)
        {
            request.set("arguments", arguments);
        }
        request.put("id", id);
        final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try
        {
            if (closedBy != null)
            {
                throw new IOException("QMP " + address + " closed: " + closedBy.getMessage(), closedBy);
            }
            final ByteBuffer bytes = ByteBuffer.wrap(
                (MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            synchronized (channel)
            {
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
            }
            final JsonNode response = reply.get(timeoutMs, TimeUnit.MILLISECONDS);
            final JsonNode error = response.get("error");
            if (error != null)
            {
                throw new QmpException(command, error.path("class").asText("?"), error.path("desc").asText(""));
            }
            return response.path("return");
        }
        catch (final TimeoutException ex)
        {
            throw new IOException("QMP " + address + ": no reply to " + command + " within " + timeoutMs + " ms", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException("QMP " + address + ": " + command + ": " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + command, ex);
        }
        finally
        {
            pending.remove(id);
        }
    }

    /**
     * A fresh empty arguments object.
     *
     * @return an object node.
     */
    public static ObjectNode arguments()
    {
        return MAPPER.createObjectNode();
    }

    @Override
    public void close()
    {
        shutdown(new IOException("closed by the client"));
    }

    private JsonNode readGreeting(final long timeoutMs) throws IOException
    {
        final CompletableFuture<String> line = new CompletableFuture<>();
        final Thread greeter = new Thread(() ->
        {
            try
            {
                line.complete(reader.readLine());
            }
            catch (final IOException ex)
            {
                line.completeExceptionally(ex);
            }
        }, "fmc4j-qmp-greeting");
        greeter.setDaemon(true);
        greeter.start();
        final String text;
        try
        {
            text = line.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IOException("QMP " + address + ": no greeting within " + timeoutMs + " ms (is another client" +
                " connected?)", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException("QMP " + address + ": " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the QMP greeting", ex);
        }
        if (text == null)
        {
            throw new IOException("QMP " + address + ": connection closed before the greeting");
        }
        final JsonNode node = parse(text);
        if (node == null || !node.has("QMP"))
        {
            throw new IOException("QMP " + address + ": not a QMP greeting: " + abbreviate(text));
        }
        return node.get("QMP");
    }

    private void readLoop()
    {
        Throwable cause = null;
        try
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                final long receivedNanos = System.nanoTime();
                final JsonNode message = parse(line);
                if (message == null)
                {
                    malformedLines.incrementAndGet();
                    continue;
                }
                if (message.has("event"))
                {
                    final JsonNode timestamp = message.path("timestamp");
                    final QmpEvent event = new QmpEvent(message.get("event").asText(),
                        message.has("data") ? message.get("data") : MAPPER.createObjectNode(),
                        timestamp.path("seconds").asLong() * 1_000_000L + timestamp.path("microseconds").asLong(),
                        receivedNanos);
                    for (final Consumer<QmpEvent> listener : eventListeners)
                    {
                        try
                        {
                            listener.accept(event);
                        }
                        catch (final RuntimeException ignore)
                        {
                            // A listener bug must not stop the reader.
                        }
                    }
                }
                else if (message.has("id"))
                {
                    final CompletableFuture<JsonNode> reply = pending.get(message.get("id").asLong());
                    if (reply != null)
                    {
                        reply.complete(message);
                    }
                }
            }
            cause = new IOException("QMP " + address + ": connection closed by QEMU");
        }
        catch (final IOException ex)
        {
            cause = ex;
        }
        shutdown(cause);
    }

    private void shutdown(final Throwable cause)
    {
        synchronized (this)
        {
            if (closedBy != null)
            {
                return;
            }
            closedBy = cause;
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Closing anyway.
        }
        for (final CompletableFuture<JsonNode> reply : pending.values())
        {
            reply.completeExceptionally(cause);
        }
        for (final Consumer<Throwable> listener : closeListeners)
        {
            try
            {
                listener.accept(cause);
            }
            catch (final RuntimeException ignore)
            {
                // A listener bug must not stop the shutdown.
            }
        }
    }

    private static JsonNode parse(final String line)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
