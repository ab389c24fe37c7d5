/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space TCP relay that emulates a wide-area link on loopback (this kernel has no {@code netem}): each byte
 * is held for a one-way delay of RTT / 2 in each direction, optionally paced to a link rate, and at most a window of
 * bytes is in flight per direction, where a byte stays in flight for a whole RTT (forward delay plus the delay of
 * its acknowledgement coming back), so a TCP stream through the relay is capped at window / RTT as on a real path.
 * The window opens as TCP's slow start does on a path without loss: from an initial window, growing by the bytes
 * acknowledged. Loss, reordering and congestion avoidance are not emulated.
 *
 * <p>Every accepted connection opens one connection to the target; each direction has its own thread, a direct
 * ring buffer and a ring of chunk records (arrival time, end offset), all allocated when the connection opens: the
 * copy loop allocates nothing per byte or per chunk. End of stream is passed on once the buffered bytes are out
 * ({@code shutdownOutput}); an error in either direction closes both sockets.
 */
public final class DelayingTcpRelay implements AutoCloseable
{
    private static final long NANOS_PER_MS = 1_000_000L;

    private final Context context;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong forwardBytes = new AtomicLong();
    private final AtomicLong backwardBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    /**
     * Configuration, Context style: fluent setters, then {@link #conclude()} validates once.
     */
    public static final class Context
    {
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private InetSocketAddress target;
        private long rttNanos;
        private long rateBitsPerSecond;
        private int windowBytes = 4 << 20;
        private int initialWindowBytes = 10 * 1448;
        private int chunkRecords = 1 << 16;
        private long connectRetryMs;
        private boolean concluded;

        /**
         * Where the relay listens; default loopback, any free port.
         *
         * @param address host and port (0 = any free port).
         * @return this.
         */
        public Context listen(final InetSocketAddress address)
        {
            this.listen = address;
            return this;
        }

        /**
         * Where each accepted connection is relayed to.
         *
         * @param address target host and port.
         * @return this.
         */
        public Context target(final InetSocketAddress address)
        {
            this.target = address;
            return this;
        }

        /**
         * Round-trip time the relay adds: half of it in each direction.
         *
         * @param rtt  the round-trip time, 0 for none.
         * @param unit its unit.
         * @return this.
         */
        public Context rtt(final long rtt, final TimeUnit unit)
        {
            this.rttNanos = unit.toNanos(rtt);
            return this;
        }

        /**
         * Link rate per direction.
         *
         * @param bitsPerSecond the rate, 0 for no limit.
         * @return this.
         */
        public Context rateBitsPerSecond(final long bitsPerSecond)
        {
            this.rateBitsPerSecond = bitsPerSecond;
            return this;
        }

        /**
         * Bytes in flight per direction, as a TCP sender's window: a byte counts from when the relay reads it until
         * an RTT later. Default 4 MiB (Debian's {@code net.ipv4.tcp_wmem} maximum).
         *
         * @param bytes window size, at least 64 KiB.
         * @return this.
         */
        public Context windowBytes(final int bytes)
        {
            this.windowBytes = bytes;
            return this;
        }

        /**
         * Slow start: the window in flight starts at this size and grows by the bytes acknowledged (doubling each
         * RTT, as TCP's congestion window does on a path without loss) up to {@link #windowBytes(int)}. Default
         * 10 segments of 1448 bytes (Linux's initial window); 0 starts at the full window.
         *
         * @param bytes initial window, 0 for none.
         * @return this.
         */
        public Context initialWindowBytes(final int bytes)
        {
            this.initialWindowBytes = bytes;
            return this;
        }

        /**
         * How long to keep retrying a refused connection to the target (a QEMU started with {@code -incoming} may
         * not listen yet when the first migration connection arrives); 0 (default) gives up at once.
         *
         * @param millis retry period.
         * @return this.
         */
        public Context connectRetryMs(final long millis)
        {
            this.connectRetryMs = millis;
            return this;
        }

        /**
         * Checks the configuration.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad setting.
         */
        public Context conclude()
        {
            if (target == null)
            {
                throw new IllegalArgumentException("relay target not set");
            }
            if (rttNanos < 0 || rttNanos > TimeUnit.SECONDS.toNanos(10))
            {
                throw new IllegalArgumentException("RTT must be within 0..10 s: " + rttNanos + " ns");
            }
            if (rateBitsPerSecond < 0)
            {
                throw new IllegalArgumentException("rate must be >= 0: " + rateBitsPerSecond);
            }
            if (windowBytes < 64 * 1024 || windowBytes > 1 << 30)
            {
                throw new IllegalArgumentException("window must be within 64 KiB..1 GiB: " + windowBytes);
            }
            if (connectRetryMs < 0)
            {
                throw new IllegalArgumentException("connect retry must be >= 0: " + connectRetryMs);
            }
            if (initialWindowBytes < 0)
            {
                throw new IllegalArgumentException("initial window must be >= 0: " + initialWindowBytes);
            }
            concluded = true;
            return this;
        }
    }

    /**
     * Binds the listening socket and starts accepting.
     *
     * @param context a concluded configuration.
     * @throws IOException when the listening socket cannot be bound.
     */
    public DelayingTcpRelay(final Context context) throws IOException
    {
        if (!context.concluded)
        {
            throw new IllegalArgumentException("Context must be concluded");
        }
        this.context = context;
        this.server = ServerSocketChannel.open();
        server.bind(context.listen);
        acceptor = new Thread(this::acceptLoop, "fmc4j-relay-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The port the relay listens on.
     *
     * @return the local port.
     */
    public int port()
    {
        try
        {
            return ((InetSocketAddress)server.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Bytes delivered from clients to the target so far.
     *
     * @return the byte count.
     */
    public long forwardBytes()
    {
        return forwardBytes.get();
    }

    /**
     * Bytes delivered from the target back to clients so far.
     *
     * @return the byte count.
     */
    public long backwardBytes()
    {
        return backwardBytes.get();
    }

    /**
     * Connections accepted so far.
     *
     * @return the count.
     */
    public long connectionsAccepted()
    {
        return accepted.get();
    }

    /**
     * Connections that ended with an error (target refused, reset) rather than an orderly end of stream.
     *
     * @return the count.
     */
    public long connectionsFailed()
    {
        return failed.get();
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            final SocketChannel client;
            try
            {
                client = server.accept();
            }
            catch (final IOException ex)
            {
                return;
            }
            accepted.incrementAndGet();
            SocketChannel upstream = null;
            try
            {
                upstream = connectUpstream();
                final Connection connection = new Connection(client, upstream);
                synchronized (connections)
                {
                    if (closed)
                    {
                        connection.close();
                        return;
                    }
                    connections.add(connection);
                }
                connection.start();
            }
            catch (final IOException ex)
            {
                failed.incrementAndGet();
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    private SocketChannel connectUpstream() throws IOException
    {
        final long deadline = System.nanoTime() + context.connectRetryMs * NANOS_PER_MS;
        while (true)
        {
            try
            {
                return SocketChannel.open(context.target);
            }
            catch (final java.net.ConnectException ex)
            {
                if (closed || System.nanoTime() >= deadline)
                {
                    throw ex;
                }
                LockSupport.parkNanos(20 * NANOS_PER_MS);
            }
        }
    }

    /**
     * Stops accepting, closes every connection and waits for the copy threads to end.
     */
    @Override
    public void close()
    {
        closed = true;
        closeQuietly(server);
        final List<Connection> all;
        synchronized (connections)
        {
            all = new ArrayList<>(connections);
        }
        for (final Connection connection : all)
        {
            connection.close();
        }
        try
        {
            acceptor.join(2_000);
            for (final Connection connection : all)
            {
                connection.join(2_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(final java.nio.channels.Channel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Closing is best effort.
            }
        }
    }

    private final class Connection
    {
        private final SocketChannel client;
        private final SocketChannel upstream;
        private final DelayLine forward;
        private final DelayLine backward;
        private final Thread forwardThread;
        private final Thread backwardThread;
        private int running = 2;
        private boolean errored;

        Connection(final SocketChannel client, final SocketChannel upstream) throws IOException
        {
            this.client = client;
            this.upstream = upstream;
            for (final SocketChannel channel : new SocketChannel[] {client, upstream})
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
            }
            forward = new DelayLine(client, upstream, forwardBytes);
            backward = new DelayLine(upstream, client, backwardBytes);
            forwardThread = new Thread(() -> pump(forward), "fmc4j-relay-fwd-" + port());
            backwardThread = new Thread(() -> pump(backward), "fmc4j-relay-bwd-" + port());
            forwardThread.setDaemon(true);
            backwardThread.setDaemon(true);
        }

        void start()
        {
            forwardThread.start();
            backwardThread.start();
        }

        private void pump(final DelayLine line)
        {
            boolean error = false;
            try
            {
                line.run();
            }
            catch (final IOException | RuntimeException ex)
            {
                error = !line.stopped;
            }
            finally
            {
                line.closeSelector();
                ended(error);
            }
        }

        private void ended(final boolean error)
        {
            final boolean last;
            synchronized (this)
            {
                running--;
                last = running == 0;
                if (error && !errored)
                {
                    errored = true;
                    failed.incrementAndGet();
                }
            }
            if (error || last)
            {
                close();
            }
            if (last)
            {
                synchronized (connections)
                {
                    connections.remove(this);
                }
            }
        }

        void close()
        {
            forward.stop();
            backward.stop();
            closeQuietly(client);
            closeQuietly(upstream);
        }

        void join(final long millis) throws InterruptedException
        {
            forwardThread.join(millis);
            backwardThread.join(millis);
        }
    }

    /**
     * One direction: reads into a ring as the window allows, writes each chunk once its delay has passed and the
     * rate allows, returns its window credit one more delay later.
     */
    final class DelayLine
    {
        private final SocketChannel in;
        private final SocketChannel out;
        private final AtomicLong delivered;
        private final Selector selector;
        private final SelectionKey inKey;
        private final SelectionKey outKey;
        private final ByteBuffer readView;
        private final ByteBuffer writeView;
        private final int capacity;
        private final long[] chunkDue;
        private final long[] chunkEnd;
        private final int chunkMask;
        private final long delayNanos;
        private final long rate;
        private final long burstBytes;
        private long readPosition;
        private long writePosition;
        private long creditPosition;
        private long chunkTail;
        private long chunkWrite;
        private long chunkCredit;
        private double tokens;
        private long tokensAt;
        private long congestionWindow;
        private boolean inputEnded;
        private boolean outputBlocked;
        private volatile boolean stopped;

        DelayLine(final SocketChannel in, final SocketChannel out, final AtomicLong delivered) throws IOException
        {
            this.in = in;
            this.out = out;
            this.delivered = delivered;
            this.selector = Selector.open();
            this.inKey = in.register(selector, 0);
            this.outKey = out.register(selector, 0);
            this.capacity = context.windowBytes;
            final ByteBuffer ring = ByteBuffer.allocateDirect(capacity);
            this.readView = ring.duplicate();
            this.writeView = ring.duplicate();
            this.chunkDue = new long[context.chunkRecords];
            this.chunkEnd = new long[context.chunkRecords];
            this.chunkMask = context.chunkRecords - 1;
            this.delayNanos = context.rttNanos / 2;
            this.rate = context.rateBitsPerSecond;
            this.burstBytes = Math.max(16 * 1024, rate / 8 / 100);
            this.tokens = burstBytes;
            this.tokensAt = System.nanoTime();
            this.congestionWindow = context.initialWindowBytes == 0 || delayNanos == 0 ? capacity :
                Math.min(capacity, context.initialWindowBytes);
        }

        void stop()
        {
            stopped = true;
            selector.wakeup();
        }

        void closeSelector()
        {
            try
            {
                selector.close();
            }
            catch (final IOException ignore)
            {
                // Nothing left to release.
            }
        }

        void run() throws IOException
        {
            while (!stopped)
            {
                final long now = System.nanoTime();
                returnCredit(now);
                if (!inputEnded && canRead())
                {
                    read(now);
                }
                final boolean wrote = write(now);
                if (inputEnded && writePosition == readPosition)
                {
                    out.shutdownOutput();
                    return;
                }
                if (!wrote)
                {
                    await(System.nanoTime());
                }
            }
        }

        private boolean canRead()
        {
            return readPosition - creditPosition < congestionWindow && chunkTail - chunkCredit < chunkDue.length;
        }

        private void read(final long now) throws IOException
        {
            final int start = (int)(readPosition % capacity);
            final long free = congestionWindow - (readPosition - creditPosition);
            final int length = (int)Math.min(capacity - start, free);
            readView.limit(start + length).position(start);
            final int n = in.read(readView);
            if (n < 0)
            {
                inputEnded = true;
            }
            else if (n > 0)
            {
                readPosition += n;
                final int slot = (int)(chunkTail & chunkMask);
                chunkDue[slot] = now + delayNanos;
                chunkEnd[slot] = readPosition;
                chunkTail++;
            }
        }

        private void returnCredit(final long now)
        {
            while (chunkCredit < chunkWrite && chunkDue[(int)(chunkCredit & chunkMask)] + delayNanos <= now)
            {
                final long end = chunkEnd[(int)(chunkCredit & chunkMask)];
                congestionWindow = Math.min(capacity, congestionWindow + end - creditPosition);
                creditPosition = end;
                chunkCredit++;
            }
        }

        private boolean write(final long now) throws IOException
        {
            boolean wrote = false;
            while (chunkWrite < chunkTail)
            {
                final int slot = (int)(chunkWrite & chunkMask);
                if (chunkDue[slot] > now)
                {
                    break;
                }
                final int start = (int)(writePosition % capacity);
                long length = Math.min(chunkEnd[slot] - writePosition, capacity - start);
                if (rate > 0)
                {
                    refill(now);
                    length = Math.min(length, (long)tokens);
                    if (length <= 0)
                    {
                        break;
                    }
                }
                writeView.limit(start + (int)length).position(start);
                final int n = out.write(writeView);
                outputBlocked = n < length;
                if (n > 0)
                {
                    wrote = true;
                    writePosition += n;
                    delivered.addAndGet(n);
                    tokens -= n;
                    if (writePosition == chunkEnd[slot])
                    {
                        chunkWrite++;
                        if (delayNanos == 0)
                        {
                            creditPosition = writePosition;
                            chunkCredit = chunkWrite;
                        }
                    }
                }
                if (outputBlocked)
                {
                    break;
                }
            }
            return wrote;
        }

        private void refill(final long now)
        {
            tokens = Math.min(burstBytes, tokens + (now - tokensAt) * (rate / 8e9));
            tokensAt = now;
        }

        private void await(final long now) throws IOException
        {
            long wake = Long.MAX_VALUE;
            if (chunkWrite < chunkTail && !outputBlocked)
            {
                wake = chunkDue[(int)(chunkWrite & chunkMask)];
                if (rate > 0 && tokens < 1)
                {
                    wake = Math.max(wake, now + (long)((1 - tokens) * 8e9 / rate) + 1);
                }
            }
            if (chunkCredit < chunkWrite)
            {
                wake = Math.min(wake, chunkDue[(int)(chunkCredit & chunkMask)] + delayNanos);
            }
            try
            {
                inKey.interestOps(!inputEnded && canRead() ? SelectionKey.OP_READ : 0);
                outKey.interestOps(outputBlocked ? SelectionKey.OP_WRITE : 0);
            }
            catch (final java.nio.channels.CancelledKeyException ex)
            {
                throw new ClosedChannelException();
            }
            final long wait = wake == Long.MAX_VALUE ? -1 : wake - now;
            if (wait < 0 && wake != Long.MAX_VALUE)
            {
                selector.selectNow();
            }
            else if (wait >= 0 && wait < NANOS_PER_MS)
            {
                LockSupport.parkNanos(wait);
                selector.selectNow();
            }
            else
            {
                selector.select(wait < 0 ? 0 : wait / NANOS_PER_MS);
            }
            selector.selectedKeys().clear();
            outputBlocked = false;
        }
    }
}
