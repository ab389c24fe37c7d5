/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.testbed;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.fmc.controller.DataCentre;
import io.fmc4j.fmc.controller.FmcController;
import io.fmc4j.fmc.controller.MappingDatabaseRelocator;
import io.fmc4j.fmc.controller.MigrationTimeline;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.TimelineEvent;
import io.fmc4j.fmc.controller.Topology;
import io.fmc4j.spi.hypervisor.qmp.LocalQemuLauncher;
import io.fmc4j.spi.hypervisor.qmp.QmpClient;
import io.fmc4j.spi.hypervisor.qmp.QmpHypervisor;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Fig. 6 run: the FMC controller (in-process Map-Server database, {@link MappingDatabaseRelocator}) decides to
 * follow a user who moved from access xTR a1 to a2, pre-registers the VM's EID, migrates the QEMU guest from DC1 to
 * DC2 through the {@code qmp} backend (over a {@link DelayingTcpRelay} with the inter-DC RTT), and re-maps the EID.
 * The control plane is stretched to the configured RTTs: the hypervisor's events and result reach the controller
 * half a controller-DC2 RTT late ({@link DelayingHypervisorControl}) and the xTRs' registrations land a
 * controller-xTR RTT after the controller asks ({@link DelayingRelocator}).
 *
 * <p>The prober, every millisecond, resolves the VM's EID in the Map-Server database (what an ITR asking now would
 * be told), maps the RLOC to its DC, and asks that DC's QEMU ({@code query-status} over QMP) whether the VM runs
 * there: the service is up when the mapping leads to the DC where the guest is running. The downtime is the
 * controller's {@code DowntimeMeter} figure: last success before the outage to first success after it.
 */
public final class Fig6Bench
{
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final String VM = "svc";
    private static final String VM_EID = "10.100.0.5/32";

    private final TestbedGuest guest;
    private final Path runDirectory;
    private final Cleanup cleanup;
    private final PrintWriter progress;
    private final double interDcRttMs;
    private final int switchover;

    /**
     * A bench.
     *
     * @param guest        the service VM.
     * @param runDirectory where QEMU's sockets and logs go.
     * @param cleanup      registry of what the runs start.
     * @param progress     where progress lines go.
     * @param interDcRttMs RTT of the migration link.
     * @param switchover   when the controller promotes the mapping ({@code FmcController.SWITCHOVER_ON_*}).
     */
    public Fig6Bench(final TestbedGuest guest, final Path runDirectory, final Cleanup cleanup,
        final PrintWriter progress, final double interDcRttMs, final int switchover)
    {
        this.guest = guest;
        this.runDirectory = runDirectory;
        this.cleanup = cleanup;
        this.progress = progress;
        this.interDcRttMs = interDcRttMs;
        this.switchover = switchover;
    }

    /**
     * Runs one migration.
     *
     * @param caseName  label of the xTR RTT pair.
     * @param xtr1RttMs controller to source DC xTR.
     * @param xtr2RttMs controller to destination DC xTR.
     * @param dcRttMs   controller to destination DC.
     * @param run       run number.
     * @return the run; a failed migration is returned with its reason.
     * @throws TestbedException when QEMU or the database cannot be set up.
     * @throws InterruptedException when interrupted.
     */
    public DowntimeRunResult migrate(final String caseName, final double xtr1RttMs, final double xtr2RttMs,
        final double dcRttMs, final int run) throws TestbedException, InterruptedException
    {
        final ExecutorService msThread = Executors.newSingleThreadExecutor((r) ->
        {
            final Thread thread = new Thread(r, "fmc4j-testbed-map-server");
            thread.setDaemon(true);
            return thread;
        });
        final Site site = Site.builder("fmc")
            .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, "testbed".getBytes(StandardCharsets.UTF_8)))
            .allow("10.0.0.0/8").acceptMoreSpecifics(true).build();
        MappingDatabase db = null;
        QmpHypervisor qmp = null;
        DelayingHypervisorControl remote = null;
        FmcController controller = null;
        final int closeMark = cleanup.size();
        try
        {
            db = new MappingDatabase(new MappingDatabase.Context().capacity(1024).site(site));
            final MappingDatabase database = db;
            final int relayPort = RelayingQemuLauncher.freePort();
            final Topology topology = Topology.parse(
                "access a1 rloc=192.0.2.1 subnets=10.1.0.0/16\n" +
                "access a2 rloc=192.0.2.2 subnets=10.2.0.0/16\n" +
                "dc dc1 rloc=198.51.100.1 prefix=10.100.0.0/24 provider=qmp host=dc1\n" +
                "dc dc2 rloc=198.51.100.2 prefix=10.101.0.0/24 provider=qmp host=dc2 address=tcp:127.0.0.1:" +
                relayPort + "\n" +
                "distance a1 dc1 0\ndistance a1 dc2 3\ndistance a2 dc1 3\ndistance a2 dc2 0\n");
            onThread(msThread, () ->
            {
                for (final DataCentre dc : topology.dataCentres().values())
                {
                    register(database, site, dc.prefix(), dc.rloc());
                }
                return null;
            });
            final MappingDatabaseRelocator relocator = new MappingDatabaseRelocator(
                new MappingDatabaseRelocator.Context().database(db).site(site).executor(msThread));
            final RelayingQemuLauncher launcher = new RelayingQemuLauncher(
                new LocalQemuLauncher(runDirectory, 30_000), cleanup, Math.round(interDcRttMs * NANOS_PER_MS), 0,
                4 << 20);
            qmp = cleanup.add(new QmpHypervisor("dc1", launcher, 10_000, 100, true));
            qmp.start(VM, VM_EID, guest.commandLine());
            awaitFilled(guest, qmp, VM);
            remote = cleanup.add(new DelayingHypervisorControl(qmp, Math.round(dcRttMs * NANOS_PER_MS / 2)));
            final QmpHypervisor backend = qmp;
            final ProbeTimer timer = new ProbeTimer();
            controller = cleanup.add(new FmcController(new FmcController.Context()
                .topology(topology)
                .relocator(new DelayingRelocator(relocator, Math.round(xtr1RttMs * NANOS_PER_MS),
                    Math.round(xtr2RttMs * NANOS_PER_MS)))
                .hypervisor("dc1", remote).hypervisor("dc2", remote)
                .migrationParameters(new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L)
                    .downtimeLimitMs(300).timeoutMs(300_000).conclude())
                .switchover(switchover)
                .prober((vm, eid) -> timer.time(() -> probe(relocator, topology, backend, vm, eid)))));
            controller.registerUser("user", EidPrefix.parse("10.1.0.7/32"), "a1");
            controller.registerVm("user", VM, EidPrefix.parse(VM_EID), "dc1");
            controller.userMoved("user", "a2");
            final MigrationTimeline timeline = awaitTimeline(controller);
            final MigrationTimeline ended = timeline.ended().get(330, TimeUnit.SECONDS);
            progress.print(indent(ended.toString()));
            progress.flush();
            return result(caseName, xtr1RttMs, xtr2RttMs, dcRttMs, run, ended, timer);
        }
        catch (final IOException ex)
        {
            throw new TestbedException("Fig. 6 run failed: " + ex.getMessage(), ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return new DowntimeRunResult(caseName, xtr1RttMs, xtr2RttMs, dcRttMs, run, false,
                "no end of migration: " + ex, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        finally
        {
            while (cleanup.size() > closeMark)
            {
                cleanup.closeTop();
            }
            if (db != null)
            {
                final MappingDatabase database = db;
                try
                {
                    onThread(msThread, () ->
                    {
                        database.close();
                        return null;
                    });
                }
                catch (final TestbedException ignore)
                {
                    // The database is in memory; the thread goes below.
                }
            }
            msThread.shutdownNow();
        }
    }

    private static DowntimeRunResult result(final String caseName, final double xtr1RttMs, final double xtr2RttMs,
        final double dcRttMs, final int run, final MigrationTimeline timeline, final ProbeTimer timer)
    {
        final MigrationResult result = timeline.result();
        final long downtime = timeline.observedDowntimeNanos();
        if (!timeline.succeeded() || result == null || downtime == MigrationTimeline.NOT_SEEN)
        {
            return new DowntimeRunResult(caseName, xtr1RttMs, xtr2RttMs, dcRttMs, run, false,
                timeline.failure() != null ? timeline.failure() : "the prober saw no outage and recovery",
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, timer.meanMs(), timer.maxMs());
        }
        final long completed = timeline.timeOf(TimelineEvent.COMPLETED);
        final long promoted = timeline.timeOf(TimelineEvent.MAPPING_PROMOTED);
        long pausedAt = -1;
        long resumedAt = -1;
        for (final MigrationTimeline.Entry entry : timeline.entries())
        {
            if (entry.type() == TimelineEvent.SOURCE_PAUSED && pausedAt < 0)
            {
                pausedAt = entry.sourceTimeNanos();
            }
            if (entry.type() == TimelineEvent.DESTINATION_RESUMED && resumedAt < 0)
            {
                resumedAt = entry.sourceTimeNanos();
            }
        }
        return new DowntimeRunResult(caseName, xtr1RttMs, xtr2RttMs, dcRttMs, run, true, null,
            downtime / 1e6, result.statistics().downtimeMs(),
            pausedAt < 0 || resumedAt < 0 ? Double.NaN : (resumedAt - pausedAt) / 1e6,
            completed < 0 || promoted < 0 ? Double.NaN : (promoted - completed) / 1e6, timer.meanMs(),
            timer.maxMs());
    }

    /** Times the probes (one prober thread). */
    static final class ProbeTimer
    {
        private long count;
        private long totalNanos;
        private long maxNanos;

        synchronized boolean time(final java.util.function.BooleanSupplier probe)
        {
            final long start = System.nanoTime();
            final boolean up = probe.getAsBoolean();
            final long took = System.nanoTime() - start;
            count++;
            totalNanos += took;
            maxNanos = Math.max(maxNanos, took);
            return up;
        }

        synchronized double meanMs()
        {
            return count == 0 ? Double.NaN : totalNanos / 1e6 / count;
        }

        synchronized double maxMs()
        {
            return count == 0 ? Double.NaN : maxNanos / 1e6;
        }
    }

    private static boolean probe(final MappingDatabaseRelocator relocator, final Topology topology,
        final QmpHypervisor qmp, final String vm, final EidPrefix eid)
    {
        try
        {
            final Rloc rloc = relocator.resolve(eid).get(1, TimeUnit.SECONDS);
            final DataCentre dc = rloc == null ? null : topology.dataCentreByRloc(rloc);
            if (dc == null)
            {
                return false;
            }
            final VmInfo info = qmp.describe(vm);
            return info != null && info.state() == VmState.RUNNING && dc.host().equals(info.host());
        }
        catch (final IOException | ExecutionException | TimeoutException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static MigrationTimeline awaitTimeline(final FmcController controller)
        throws InterruptedException, TestbedException
    {
        final long deadline = System.nanoTime() + 30_000 * NANOS_PER_MS;
        while (System.nanoTime() < deadline)
        {
            final List<MigrationTimeline> timelines = controller.timelines(VM);
            if (!timelines.isEmpty())
            {
                return timelines.get(0);
            }
            Thread.sleep(5);
        }
        throw new TestbedException("the controller did not start a migration within 30 s of the user's move");
    }

    /** Waits until the guest has filled its memory (its last filled page holds the pattern). */
    static void awaitFilled(final TestbedGuest guest, final QmpHypervisor qmp, final String vm)
        throws IOException, TestbedException, InterruptedException
    {
        final String command = "xp /1wx 0x" + Long.toHexString(guest.lastFilledPage());
        final long deadline = System.nanoTime() + 120_000 * NANOS_PER_MS;
        while (!qmp.execute(vm, "human-monitor-command", QmpClient.arguments().put("command-line", command))
            .asText().contains("5a5a5a5a"))
        {
            if (System.nanoTime() > deadline)
            {
                throw new TestbedException("the guest did not fill its " + guest.fillMb() + " MiB within 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static int register(final MappingDatabase db, final Site site, final EidPrefix eid, final Rloc rloc)
    {
        final RegistrationBuilder registration = new RegistrationBuilder();
        final UnsafeBuffer address = new UnsafeBuffer(new byte[16]);
        registration.reset().eid(eid).xtrRloc(rloc.afi(), rloc.hi(), rloc.lo()).useRecordTtl(true);
        registration.mapping().ttlMinutes(1440);
        rloc.putAddress(address, 0);
        registration.mapping().addLocator(Afi.IPV4, address, 0, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
        final int status = db.register(site, registration);
        if (status != MapCacheStatus.OK)
        {
            throw new IllegalStateException("registration of " + eid + " refused: " + MapCacheStatus.name(status));
        }
        return status;
    }

    private static <T> T onThread(final ExecutorService thread, final Callable<T> task) throws TestbedException
    {
        try
        {
            return thread.submit(task).get(5, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new TestbedException("Map-Server task failed: " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted", ex);
        }
    }

    private static String indent(final String text)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String line : text.split("\n"))
        {
            sb.append("      ").append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    static String describe(final double interDcRttMs, final int switchover)
    {
        return String.format(Locale.ROOT, "inter-DC RTT %.0f ms, QEMU max-bandwidth 100 Mbit/s, controller promotes " +
            "the mapping %s", interDcRttMs, switchover == FmcController.SWITCHOVER_ON_COMPLETED ?
            "when the migration completes (as the paper's prototype)" : "when the source pauses (fmc4j's default)");
    }
}
