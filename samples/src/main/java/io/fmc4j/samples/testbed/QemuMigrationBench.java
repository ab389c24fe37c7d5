/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.spi.hypervisor.qmp.LocalQemuLauncher;
import io.fmc4j.spi.hypervisor.qmp.QemuProcess;
import io.fmc4j.spi.hypervisor.qmp.QmpClient;
import io.fmc4j.spi.hypervisor.qmp.QmpEvent;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisor;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live migration of the testbed's QEMU guest between two QEMU processes on this machine ("DC1" and "DC2"),
 * through a {@link DelayingTcpRelay} that emulates the inter-DC link, driven by the {@code qmp} hypervisor backend
 * with a bandwidth limit. Every process and the relay are registered with a {@link Cleanup} and closed when the run
 * ends, however it ends.
 */
public final class QemuMigrationBench
{
    private static final long NANOS_PER_MS = 1_000_000L;

    private final TestbedGuest guest;
    private final Path runDirectory;
    private final Cleanup cleanup;
    private final PrintWriter progress;
    private long bandwidthLimitBitsPerSecond = 100_000_000L;
    private long linkRateBitsPerSecond;
    private int windowBytes = 4 << 20;
    private long downtimeLimitMs = MigrationParameters.DEFAULT_DOWNTIME_LIMIT_MS;
    private long timeoutMs = 600_000;
    private final AtomicLong paused = new AtomicLong();

    /**
     * A bench.
     *
     * @param guest        the guest to migrate.
     * @param runDirectory where QEMU's sockets and logs go (keep the path short: Unix socket names are limited).
     * @param cleanup      registry of what the runs start.
     * @param progress     where progress lines go.
     */
    public QemuMigrationBench(
        final TestbedGuest guest, final Path runDirectory, final Cleanup cleanup, final PrintWriter progress)
    {
        this.guest = guest;
        this.runDirectory = runDirectory;
        this.cleanup = cleanup;
        this.progress = progress;
    }

    /**
     * QEMU's {@code max-bandwidth}.
     *
     * @param bitsPerSecond the limit, 0 for none.
     * @return this.
     */
    public QemuMigrationBench bandwidthLimitBitsPerSecond(final long bitsPerSecond)
    {
        this.bandwidthLimitBitsPerSecond = bitsPerSecond;
        return this;
    }

    /**
     * The emulated link's rate (the relay paces to it).
     *
     * @param bitsPerSecond the rate, 0 for none.
     * @return this.
     */
    public QemuMigrationBench linkRateBitsPerSecond(final long bitsPerSecond)
    {
        this.linkRateBitsPerSecond = bitsPerSecond;
        return this;
    }

    /**
     * The emulated TCP window (bytes in flight per RTT).
     *
     * @param bytes the window.
     * @return this.
     */
    public QemuMigrationBench windowBytes(final int bytes)
    {
        this.windowBytes = bytes;
        return this;
    }

    /**
     * QEMU's {@code downtime-limit}.
     *
     * @param millis the limit.
     * @return this.
     */
    public QemuMigrationBench downtimeLimitMs(final long millis)
    {
        this.downtimeLimitMs = millis;
        return this;
    }

    /**
     * Bound on one migration; the backend cancels it and reports a failure after that.
     *
     * @param millis the bound.
     * @return this.
     */
    public QemuMigrationBench timeoutMs(final long millis)
    {
        this.timeoutMs = millis;
        return this;
    }

    /**
     * Boots the guest at DC1, waits until it has filled its memory, starts DC2's QEMU with {@code -incoming},
     * migrates through a relay with the given RTT and returns what the backend reported. A migration that fails is
     * returned as a failed run (with QEMU's reason); only a setup failure (QEMU not starting) throws.
     *
     * @param rttMs emulated inter-DC RTT.
     * @param run   run number, for the progress lines.
     * @return the run.
     * @throws TestbedException when QEMU cannot be started or does not boot.
     * @throws InterruptedException when interrupted.
     */
    public MigrationRunResult migrate(final double rttMs, final int run) throws TestbedException, InterruptedException
    {
        final LocalQemuLauncher launcher = new LocalQemuLauncher(runDirectory, 30_000);
        QemuProcess source = null;
        QemuProcess destination = null;
        DelayingTcpRelay relay = null;
        QmpHypervisor dc1 = null;
        QmpClient dc2 = null;
        try
        {
            source = cleanup.add(launcher.launch("svc", guest.commandLine(), null));
            final int port = freePort();
            destination = cleanup.add(launcher.launch("svc", guest.commandLine(), "tcp:127.0.0.1:" + port));
            relay = cleanup.add(new DelayingTcpRelay(new DelayingTcpRelay.Context()
                .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .rtt(Math.round(rttMs * NANOS_PER_MS), TimeUnit.NANOSECONDS)
                .rateBitsPerSecond(linkRateBitsPerSecond).windowBytes(windowBytes).connectRetryMs(5_000).conclude()));
            dc1 = cleanup.add(new QmpHypervisor("dc1", null, 10_000, 100, true));
            dc1.register("svc", source.qmpAddress(), null, null);
            dc2 = cleanup.add(QmpClient.connect(destination.qmpAddress(), 10_000));
            final AtomicLong resumed = new AtomicLong();
            dc2.addEventListener((event) ->
            {
                if ("RESUME".equals(event.name()))
                {
                    resumed.compareAndSet(0, eventNanos(event));
                }
            });
            awaitFilled(dc1);
            paused.set(0);
            final long start = System.nanoTime();
            final MigrationResult result = dc1.migrate("svc",
                new MigrationTarget("dc2", "tcp:127.0.0.1:" + relay.port()),
                new MigrationParameters().bandwidthLimitBitsPerSecond(bandwidthLimitBitsPerSecond)
                    .downtimeLimitMs(downtimeLimitMs).timeoutMs(timeoutMs).conclude(),
                (event) -> onEvent(event, start))
                .await(timeoutMs + 30_000, TimeUnit.MILLISECONDS);
            if (result.isCompleted() && !destination.process().isAlive())
            {
                return MigrationRunResult.failed(rttMs, run, "QEMU reported completion but DC2's QEMU exited",
                    relay.forwardBytes());
            }
            final long resumedAt = awaitResume(resumed);
            return MigrationRunResult.of(rttMs, run, result, relay.forwardBytes(),
                resumedAt == 0 ? Double.NaN : (resumedAt - start) / 1e6,
                resumedAt == 0 || paused.get() == 0 ? Double.NaN : (resumedAt - paused.get()) / 1e6);
        }
        catch (final IOException ex)
        {
            throw new TestbedException("QEMU run failed: " + ex.getMessage(), ex);
        }
        catch (final TimeoutException ex)
        {
            return MigrationRunResult.failed(rttMs, run, "no result within " + (timeoutMs + 30_000) + " ms",
                relay == null ? 0 : relay.forwardBytes());
        }
        finally
        {
            closeNow(dc1);
            closeNow(dc2);
            closeNow(relay);
            closeNow(destination);
            closeNow(source);
        }
    }

    private void closeNow(final AutoCloseable resource)
    {
        if (resource != null)
        {
            cleanup.closeNow(resource);
        }
    }

    private static long awaitResume(final AtomicLong resumed) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000 * NANOS_PER_MS;
        while (resumed.get() == 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        return resumed.get();
    }

    private static long eventNanos(final QmpEvent event)
    {
        final Instant wall = Instant.now();
        final long nowNanos = System.nanoTime();
        return event.monotonicNanos(wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000, nowNanos);
    }

    private void onEvent(final MigrationEvent event, final long start)
    {
        if (event.type() == MigrationEventType.SOURCE_PAUSED)
        {
            paused.compareAndSet(0, event.timeNanos());
        }
        if (event.type() == MigrationEventType.PASS || event.type() == MigrationEventType.SOURCE_PAUSED)
        {
            final double seconds = (event.timeNanos() - start) / 1e9;
            final String what = event.type() == MigrationEventType.PASS ?
                "pass " + event.pass() + (event.remainingBytes() >= 0 ?
                String.format(Locale.ROOT, ", %.1f MB to send", event.remainingBytes() / 1e6) : "") :
                "source paused (stop-and-copy)";
            progress.printf(Locale.ROOT, "      %7.2f s  %s%n", seconds, what);
            progress.flush();
        }
    }

    private void awaitFilled(final QmpHypervisor dc1) throws IOException, TestbedException, InterruptedException
    {
        final String command = "xp /1wx 0x" + Long.toHexString(guest.lastFilledPage());
        final long deadline = System.nanoTime() + 120_000 * NANOS_PER_MS;
        while (!dc1.execute("svc", "human-monitor-command", QmpClient.arguments().put("command-line", command))
            .asText().contains("5a5a5a5a"))
        {
            if (System.nanoTime() > deadline)
            {
                throw new TestbedException("the guest did not fill its " + guest.fillMb() + " MiB within 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
