/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.fmc4j.api.Afi;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeListener;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.spi.dataplane.ForwardingPacketIo;
import io.fmc4j.api.spi.dataplane.PacketHandler;
import io.fmc4j.api.spi.dataplane.PacketIo;
import io.fmc4j.api.spi.dataplane.PacketIoConfig;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.control.ms.MapServer;
import io.fmc4j.core.control.xtr.XtrContext;
import io.fmc4j.core.control.xtr.XtrControlAgent;
import io.fmc4j.core.control.xtr.XtrCounters;
import io.fmc4j.core.mapcache.ChronicleMapCache;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.Site;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A Map-Server/Map-Resolver embedded in a host application that wants to know about every mapping change: an
 * orchestrator, a billing or audit log, an FMC controller.
 * <p>
 * Sites and keys are configured in code ({@link Site}, {@link AuthKey}); no configuration file. The application
 * subscribes a {@link MappingChangeListener} written in the style of a data path: it runs on the Map-Server's
 * thread, so it copies each change into a fixed-size binary record of an Agrona ring buffer and returns, without
 * allocating, locking or printing; the application's own thread reads the ring and does the slow part (here:
 * formatting and printing).
 * <p>
 * Two xTR control agents in the same program (data centres dc1 and dc2, on an {@code inproc-udp} network, see
 * {@link InProcessUdpProvider}) make the listener see every kind of change:
 * <ol>
 *     <li>dc1's xTR registers its prefix 10.100.0.0/24: <b>registered</b>;</li>
 *     <li>a VM with EID 10.100.0.7 starts at dc1, whose xTR registers the host route: <b>registered</b>;</li>
 *     <li>the VM moves to dc2, whose xTR registers the same /32 without merging: <b>updated</b> (the Map-Server
 *     also tells dc1's xTR that the EID left);</li>
 *     <li>the VM stops; dc2's xTR withdraws the /32: <b>withdrawn</b>;</li>
 *     <li>dc1's xTR loses its link (a {@link ForwardingPacketIo} decorator plays the cable) and stops
 *     refreshing: its /24 <b>expired</b> once the registration TTL has passed.</li>
 * </ol>
 * The registration TTL is 3 s here instead of RFC 9301's 3 minutes, so that the program ends in seconds.
 * <p>
 * Run it: {@code java @samples/target/jvm.flags -cp samples/target/fmc4j.jar
 * io.fmc4j.samples.embed.EmbeddedMapServer}. It exits 0 when the listener saw the five changes in that order.
 */
public final class EmbeddedMapServer
{
    /** The {@code inproc-udp} network of this program. */
    public static final String NETWORK = "embedded-map-server";
    /** What the listener must see, in order (type, prefix, new locators). */
    public static final List<String> EXPECTED = List.of(
        "registered 10.100.0.0/24 [192.0.2.11]",
        "registered 10.100.0.7/32 [192.0.2.11]",
        "updated 10.100.0.7/32 [192.0.2.12]",
        "withdrawn 10.100.0.7/32 []",
        "expired 10.100.0.0/24 []");

    private static final InetSocketAddress MAP_SERVER = socket("192.0.2.1", LispPorts.CONTROL);
    private static final byte[] DC1_SECRET = "dc1 secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DC2_SECRET = "dc2 secret".getBytes(StandardCharsets.US_ASCII);
    private static final EidPrefix DC1_PREFIX = EidPrefix.parse("10.100.0.0/24");
    private static final EidPrefix VM_EID = EidPrefix.parse("10.100.0.7/32");
    private static final long REGISTRATION_TTL_MS = 3_000;
    private static final long STEP_TIMEOUT_MS = 15_000;

    /**
     * What one run observed.
     *
     * @param changes     the changes the listener saw, in order, as {@code type prefix [locators]}.
     * @param eidsLeftDc1 how many EIDs dc1's xTR let go because the Map-Server said they moved.
     * @param lostOnCable control messages dc1's xTR sent after its cable was pulled.
     */
    public record Result(List<String> changes, long eidsLeftDc1, long lostOnCable)
    {
        /**
         * Did the listener see exactly the expected changes?
         *
         * @return true when {@link #changes()} equals {@link #EXPECTED}.
         */
        public boolean succeeded()
        {
            return EXPECTED.equals(changes);
        }
    }

    private EmbeddedMapServer()
    {
    }

    /**
     * Runs the program and exits 0 on success.
     *
     * @param args none.
     * @throws Exception when something cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Result result = run(System.out);
        System.exit(result.succeeded() ? 0 : 1);
    }

    /**
     * Starts the Map-Server and the two xTRs, walks through the five changes, prints them and stops.
     *
     * @param out where to print.
     * @return what was observed.
     * @throws Exception when something cannot start.
     */
    public static Result run(final PrintStream out) throws Exception
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        final ErrorHandler errors = (throwable) -> out.println("error: " + throwable);

        // 1. Sites in code: each data centre's xTR has its own key; both may register host routes (more-specifics)
        //    under 10.100.0.0/16, so that a VM's EID can move from one to the other.
        final Site dc1 = Site.builder("dc1").key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, DC1_SECRET))
            .allow("10.100.0.0/16").acceptMoreSpecifics(true).build();
        final Site dc2 = Site.builder("dc2").key(new AuthKey(2, AuthKey.HMAC_SHA_256_128, DC2_SECRET))
            .allow("10.100.0.0/16").acceptMoreSpecifics(true).build();
        final MappingDatabase database = new MappingDatabase(new MappingDatabase.Context().capacity(1024)
            .site(dc1).site(dc2)
            .registrationTtlMs(REGISTRATION_TTL_MS));

        // 2. The Map-Server agent on its device, and the listener, subscribed before the agent's thread starts.
        final PacketIo mapServerIo = PacketIoProviders.select(InProcessUdpProvider.NAME)
            .open(new PacketIoConfig().deviceName(NETWORK).localAddress(MAP_SERVER));
        final MapServer mapServer = new MapServer(new MapServer.Context().packetIo(mapServerIo).database(database)
            .sweepIntervalMs(100).errorHandler(errors));
        final ChangeLog changeLog = new ChangeLog(database.sites());
        mapServer.addListener(changeLog);
        final AgentRunner mapServerRunner = new AgentRunner(idle(), errors, null, mapServer);
        AgentRunner.startOnThread(mapServerRunner);

        final List<String> changes = new ArrayList<>();
        final long start = System.nanoTime();
        ControlXtr xtr1 = null;
        ControlXtr xtr2 = null;
        try
        {
            // Step 1: dc1's xTR starts with its data centre's prefix.
            xtr1 = new ControlXtr("192.0.2.11", 1, DC1_SECRET, DC1_PREFIX, errors);
            changeLog.await(changes, 1, start, out);

            // Step 2: a VM starts at dc1: its host route is registered there.
            xtr1.agent.addEid(VM_EID, 1, 100, false);
            changeLog.await(changes, 2, start, out);

            // Step 3: the VM now runs at dc2: dc2's xTR registers the /32 without the merge bit, which replaces
            //         dc1's registration. The Map-Server tells dc1's xTR, which stops registering it.
            xtr2 = new ControlXtr("192.0.2.12", 2, DC2_SECRET, null, errors);
            xtr2.agent.addEid(VM_EID, 1, 100, false);
            changeLog.await(changes, 3, start, out);
            awaitCounter(xtr1.agent, XtrCounters.EIDS_LEFT, "dc1's xTR to let the VM's EID go");
            out.println("            dc1's xTR was told the EID moved (eids-left=" +
                xtr1.agent.counters().get(XtrCounters.EIDS_LEFT) + ")");

            // Step 4: the VM stops: dc2's xTR withdraws the /32.
            xtr2.agent.removeEid(VM_EID);
            changeLog.await(changes, 4, start, out);

            // Step 5: dc1's xTR loses its link: no refresh reaches the Map-Server, the /24 expires.
            xtr1.cable.unplug();
            out.println("            dc1's xTR cable pulled; its registration expires " + REGISTRATION_TTL_MS +
                " ms after the last refresh");
            changeLog.await(changes, 5, start, out);

            out.println("Map-Server: " + mapServer.appendCounters(new StringBuilder()));
            final Result result = new Result(changes, xtr1.agent.counters().get(XtrCounters.EIDS_LEFT),
                xtr1.cable.lost());
            out.println(result.succeeded() ? "OK: the listener saw registered, registered, updated, withdrawn, " +
                "expired" : "FAILED: expected " + EXPECTED + ", saw " + changes);
            return result;
        }
        catch (final IllegalStateException ex)
        {
            out.println("FAILED: " + ex.getMessage() + "; changes seen: " + changes);
            return new Result(changes, -1, -1);
        }
        finally
        {
            CloseHelper.quietCloseAll(xtr1, xtr2);
            CloseHelper.quietCloseAll(mapServerRunner, mapServerIo, database);
        }
    }

    /**
     * The listener. {@link #onMappingChange} runs on the Map-Server's thread: it writes one fixed-size record per
     * change into a single-producer, single-consumer ring and returns; it allocates nothing, takes no lock and
     * never blocks (a full ring drops the record and counts it). {@link #await} runs on the application's thread.
     */
    static final class ChangeLog implements MappingChangeListener
    {
        private static final int RECORD = 1;
        private static final int TYPE = 0;
        private static final int LOCATOR_COUNT = 4;
        private static final int WORD0 = 8;
        private static final int HI = 16;
        private static final int LO = 24;
        private static final int TIMESTAMP_MS = 32;
        private static final int SITE = 40;
        private static final int REGISTRANT_IPV4 = 44;
        private static final int LOCATORS_IPV4 = 48;
        private static final int MAX_LOCATORS = 4;
        private static final int LENGTH = LOCATORS_IPV4 + 4 * MAX_LOCATORS;

        private final OneToOneRingBuffer ring;
        private final List<Site> sites;
        private final AtomicLong dropped = new AtomicLong();

        ChangeLog(final List<Site> sites)
        {
            this(sites, 64 * 1024);
        }

        ChangeLog(final List<Site> sites, final int ringCapacity)
        {
            this.sites = List.copyOf(sites);
            this.ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                ringCapacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        }

        @Override
        public void onMappingChange(final MappingChange change)
        {
            final int index = ring.tryClaim(RECORD, LENGTH);
            if (index == RingBuffer.INSUFFICIENT_CAPACITY)
            {
                dropped.incrementAndGet();              // the reader fell behind: count, never block the server
                return;
            }
            final MutableDirectBuffer buffer = ring.buffer();
            final LocatorSetDecoder locators = change.newLocators();
            buffer.putInt(index + TYPE, change.type());
            buffer.putInt(index + LOCATOR_COUNT, locators.count());
            buffer.putLong(index + WORD0, change.eidWord0());
            buffer.putLong(index + HI, change.eidHi());
            buffer.putLong(index + LO, change.eidLo());
            buffer.putLong(index + TIMESTAMP_MS, change.timestampMs());
            buffer.putInt(index + SITE, siteIndex(change.siteName()));
            buffer.putInt(index + REGISTRANT_IPV4, change.xtrRlocAfi() == Afi.IPV4 ?
                (int)(change.xtrRlocHi() >>> 32) : 0);
            for (int i = 0; i < MAX_LOCATORS; i++)
            {
                buffer.putInt(index + LOCATORS_IPV4 + 4 * i,
                    i < locators.count() && locators.afi(i) == Afi.IPV4 ? locators.ipv4Address(i) : 0);
            }
            ring.commit(index);
        }

        /** Records dropped because the ring was full. */
        long dropped()
        {
            return dropped.get();
        }

        private int siteIndex(final String name)
        {
            for (int i = 0; i < sites.size(); i++)
            {
                if (sites.get(i).name().equals(name))
                {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Application thread: reads the ring into {@code changes} (and prints each) until it holds {@code count}.
         */
        void await(final List<String> changes, final int count, final long start, final PrintStream out)
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
            while (changes.size() < count)
            {
                final int read = ring.read((type, buffer, index, length) -> changes.add(format(buffer, index,
                    start, out)));
                if (read == 0)
                {
                    if (System.nanoTime() - deadline > 0)
                    {
                        throw new IllegalStateException("no change " + count + " within " + STEP_TIMEOUT_MS + " ms");
                    }
                    sleepQuietly(2);
                }
            }
        }

        private String format(final DirectBuffer buffer, final int index, final long start, final PrintStream out)
        {
            final StringBuilder change = new StringBuilder(MappingChangeType.name(buffer.getInt(index + TYPE)))
                .append(' ');
            EidKey.appendTo(change, buffer.getLong(index + WORD0), buffer.getLong(index + HI),
                buffer.getLong(index + LO));
            change.append(" [");
            final int count = Math.min(MAX_LOCATORS, buffer.getInt(index + LOCATOR_COUNT));
            for (int i = 0; i < count; i++)
            {
                change.append(i > 0 ? " " : "").append(ipv4Text(buffer.getInt(index + LOCATORS_IPV4 + 4 * i)));
            }
            change.append(']');
            final int site = buffer.getInt(index + SITE);
            out.printf("%+7.0f ms  %-40s site %s, Map-Register from %s%n", (System.nanoTime() - start) / 1e6, change,
                site >= 0 ? sites.get(site).name() : "?", ipv4Text(buffer.getInt(index + REGISTRANT_IPV4)));
            return change.toString();
        }
    }

    /**
     * A {@link ForwardingPacketIo} decorator: the xTR's cable. While plugged in it forwards everything; unplugged,
     * nothing is received and what is sent is lost (counted), as on a dead link.
     */
    static final class Cable extends ForwardingPacketIo
    {
        private final AtomicLong lost = new AtomicLong();
        private volatile boolean plugged = true;

        Cable(final PacketIo delegate)
        {
            super(delegate);
        }

        void unplug()
        {
            plugged = false;
        }

        long lost()
        {
            return lost.get();
        }

        @Override
        public int poll(final PacketHandler handler, final int limit)
        {
            return plugged ? delegate.poll(handler, limit) : 0;
        }

        @Override
        public int offer(final DirectBuffer buffer, final int offset, final int length, final int nextHop)
        {
            if (plugged)
            {
                return delegate.offer(buffer, offset, length, nextHop);
            }
            lost.incrementAndGet();
            return length;                              // sent, as far as the sender can tell
        }
    }

    /** A data centre xTR's control agent (registration only: this program has no data path). */
    private static final class ControlXtr implements AutoCloseable
    {
        private final ChronicleMapCache cache;
        private final Cable cable;
        private final XtrControlAgent agent;
        private final AgentRunner runner;

        ControlXtr(final String rloc, final int keyId, final byte[] secret, final EidPrefix eid,
            final ErrorHandler errors) throws IOException
        {
            final XtrContext ctx = new XtrContext()
                .xtrId(0x0D0C_0000_0000_0000L, keyId)
                .siteId(keyId)
                .controlAddress(socket(rloc, LispPorts.CONTROL))
                .addMapServer(new XtrContext.MapServer(MAP_SERVER, LispAuthenticator.HMAC_SHA_256, keyId, secret))
                .addMapResolver(MAP_SERVER)
                .registerRetryMs(200)
                .registerIntervalMs(REGISTRATION_TTL_MS / 6)       // refresh well within the TTL
                .probeIntervalMs(0);
            if (eid != null)
            {
                ctx.addEid(new XtrContext.LocalEid(eid, 1, 100));
            }
            cache = new ChronicleMapCache(new ChronicleMapCache.Context().capacity(256));
            cable = new Cable(PacketIoProviders.select(InProcessUdpProvider.NAME)
                .open(new PacketIoConfig().deviceName(NETWORK).localAddress(ctx.controlAddress())));
            agent = new XtrControlAgent(ctx, cable, cache, null);
            runner = new AgentRunner(idle(), errors, null, agent);
            AgentRunner.startOnThread(runner);
        }

        @Override
        public void close()
        {
            CloseHelper.quietCloseAll(runner, cable, cache);
        }
    }

    private static void awaitCounter(final XtrControlAgent agent, final int counter, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (agent.counters().get(counter) == 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            sleepQuietly(2);
        }
    }

    private static BackoffIdleStrategy idle()
    {
        return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static String ipv4Text(final int address)
    {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." +
            (address & 0xFF);
    }

    private static InetSocketAddress socket(final String address, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(address, ex);
        }
    }

    private static void sleepQuietly(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
