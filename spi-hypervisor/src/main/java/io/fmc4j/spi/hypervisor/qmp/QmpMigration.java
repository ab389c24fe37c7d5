/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationStatistics;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.spi.hypervisor.internal.BandwidthTracker;
import io.fmc4j.spi.hypervisor.internal.MigrationRun;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One QMP migration, run on its own thread: optionally starts the destination, sets capabilities and parameters,
 * issues {@code migrate}, then follows the {@code MIGRATION}, {@code MIGRATION_PASS}, {@code STOP} and (from the
 * destination) {@code RESUME} events while sampling {@code query-migrate}.
 */
public final class QmpMigration extends MigrationRun implements Runnable
{
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final long RESUME_WAIT_MS = 5_000;
    /**
     * Shortest interval over which a throughput counts toward the bandwidth minimum and maximum: QEMU's rate
     * limiter works in 100 ms slices and sample times jitter on a busy host, so shorter windows show bursts and
     * gaps that the link never saw.
     */
    static final long BANDWIDTH_INTERVAL_MS = 1_000;

    private final QmpHypervisor hypervisor;
    private final QmpHypervisor.Vm vm;
    private final MigrationParameters parameters;
    private final QemuLauncher launcher;
    private final String sourceHost;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final BandwidthTracker bandwidth;
    private volatile JsonNode finalStatus;
    private QmpClient source;
    private QmpClient destination;
    private QemuProcess destinationProcess;
    private Consumer<QmpEvent> sourceListener;
    private Consumer<Throwable> sourceCloseListener;
    private long startNanos;
    private long lastEventNanos;
    private boolean destinationResumed;
    private boolean migrateIssued;
    private long resumedNanos;

    private record Item(boolean fromDestination, QmpEvent event, Throwable closed, boolean cancel)
    {
    }

    QmpMigration(
        final QmpHypervisor hypervisor,
        final QmpHypervisor.Vm vm,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener,
        final QemuLauncher launcher)
    {
        super(vm.name, target, listener);
        this.hypervisor = hypervisor;
        this.vm = vm;
        this.parameters = parameters;
        this.launcher = launcher;
        this.sourceHost = vm.host;
        this.bandwidth =
            new BandwidthTracker(Math.max(BANDWIDTH_INTERVAL_MS, hypervisor.pollIntervalMs()) * NANOS_PER_MS);
    }

    /**
     * The last {@code query-migrate} reply of the source, once the migration ended.
     *
     * @return the reply, or null before the end or when the source could not be queried.
     */
    public JsonNode finalStatus()
    {
        return finalStatus;
    }

    @Override
    protected void onCancelRequested()
    {
        queue.add(new Item(false, null, null, true));
    }

    void awaitQuietly(final long timeoutMs)
    {
        try
        {
            await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final TimeoutException ignore)
        {
            // The caller goes on closing.
        }
    }

    @Override
    public void run()
    {
        startNanos = System.nanoTime();
        lastEventNanos = startNanos;
        emit(MigrationEventType.STARTED, startNanos, 0, 0, -1, -1, null);
        try
        {
            follow();
        }
        catch (final IOException | RuntimeException ex)
        {
            failAndRecover(MigrationOutcome.FAILED, String.valueOf(ex.getMessage()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            failAndRecover(MigrationOutcome.FAILED, "interrupted");
        }
        finally
        {
            if (source != null)
            {
                source.removeEventListener(sourceListener);
                source.removeCloseListener(sourceCloseListener);
            }
            hypervisor.ended(vm);
        }
    }

    private void follow() throws IOException, InterruptedException
    {
        final long timeoutMs = hypervisor.commandTimeoutMs();
        source = hypervisor.client(vm);
        sourceListener = (event) -> queue.add(new Item(false, event, null, false));
        sourceCloseListener = (cause) -> queue.add(new Item(false, null, cause, false));
        source.addEventListener(sourceListener);
        source.addCloseListener(sourceCloseListener);
        final String uri = target().address();
        if (launcher != null)
        {
            destinationProcess = launcher.launch(vm.name, vm.commandLine, uri);
            destination = QmpClient.connect(destinationProcess.qmpAddress(), timeoutMs);
            destination.addEventListener((event) -> queue.add(new Item(true, event, null, false)));
        }
        if (isCancelRequested())
        {
            failAndRecover(MigrationOutcome.CANCELLED, "cancelled on request");
            return;
        }
        final ObjectNode capabilities = QmpClient.arguments();
        capabilities.putArray("capabilities").addObject().put("capability", "events").put("state", true);
        source.execute("migrate-set-capabilities", capabilities, timeoutMs);
        final ObjectNode migrationParameters =
            QmpClient.arguments().put("downtime-limit", parameters.downtimeLimitMs());
        if (parameters.bandwidthLimitBitsPerSecond() > 0)
        {
            migrationParameters.put("max-bandwidth", Math.max(1, parameters.bandwidthLimitBitsPerSecond() / 8));
        }
        source.execute("migrate-set-parameters", migrationParameters, timeoutMs);
        migrateIssued = true;
        source.execute("migrate", QmpClient.arguments().put("uri", uri), timeoutMs);

        final long deadline = startNanos + parameters.timeoutMs() * NANOS_PER_MS;
        String cancelReason = null;
        int outcomeIfCancelled = MigrationOutcome.CANCELLED;
        while (true)
        {
            final Item item = queue.poll(hypervisor.pollIntervalMs(), TimeUnit.MILLISECONDS);
            if (cancelReason == null && (isCancelRequested() || System.nanoTime() > deadline))
            {
                if (isCancelRequested())
                {
                    cancelReason = "cancelled on request";
                }
                else
                {
                    cancelReason = "timed out after " + parameters.timeoutMs() + " ms";
                    outcomeIfCancelled = MigrationOutcome.FAILED;
                }
                source.execute("migrate_cancel", null, timeoutMs);
            }
            if (item != null && item.closed() != null)
            {
                throw new IOException("source QMP connection lost: " + item.closed().getMessage(), item.closed());
            }
            String status = null;
            if (item != null && item.event() != null)
            {
                status = onEvent(item);
            }
            else
            {
                status = sample().path("status").asText("");
            }
            if ("completed".equals(status))
            {
                complete();
                return;
            }
            if ("failed".equals(status))
            {
                final JsonNode last = query();
                failAndRecover(cancelReason == null ? MigrationOutcome.FAILED : outcomeIfCancelled,
                    cancelReason == null ? "QEMU: " + last.path("error-desc").asText("migration failed") :
                    cancelReason);
                return;
            }
            if ("cancelled".equals(status))
            {
                failAndRecover(outcomeIfCancelled, cancelReason == null ? "cancelled by QEMU" : cancelReason);
                return;
            }
        }
    }

    private String onEvent(final Item item) throws IOException
    {
        final QmpEvent event = item.event();
        final long time = eventNanos(event);
        if (item.fromDestination())
        {
            if ("RESUME".equals(event.name()))
            {
                destinationResumed = true;
                resumedNanos = time;
                if (sourcePaused())
                {
                    emitOrdered(MigrationEventType.DESTINATION_RESUMED, time, -1, -1, 0, 0, null);
                }
            }
            return null;
        }
        switch (event.name())
        {
            case "MIGRATION":
                return event.data().path("status").asText("");
            case "MIGRATION_PASS":
            {
                final JsonNode status = sample();
                final JsonNode ram = status.path("ram");
                final long pageSize = Math.max(1, ram.path("page-size").asLong(4096));
                final long remaining = ram.path("remaining").asLong(-1);
                emitOrdered(MigrationEventType.PASS, time, event.data().path("pass").asInt(passes() + 1),
                    ram.path("transferred").asLong(-1), remaining, remaining < 0 ? -1 : remaining / pageSize, null);
                return null;
            }
            case "STOP":
                emitOrdered(MigrationEventType.SOURCE_PAUSED, time, -1, -1, -1, -1, null);
                return null;
            default:
                return null;
        }
    }

    private JsonNode sample() throws IOException
    {
        final JsonNode status = query();
        if ("active".equals(status.path("status").asText()) || "completed".equals(status.path("status").asText()))
        {
            bandwidth.sample(System.nanoTime(), status.path("ram").path("transferred").asLong(0));
        }
        return status;
    }

    private JsonNode query() throws IOException
    {
        return source.execute("query-migrate", null, hypervisor.commandTimeoutMs());
    }

    private void complete() throws IOException, InterruptedException
    {
        drainEvents();
        JsonNode status = sample();
        // QEMU reports "completed" a moment before it computes total-time and downtime: wait for them.
        for (int i = 0; i < 50 && status.path("total-time").asLong(0) <= 0; i++)
        {
            Thread.sleep(20);
            status = query();
        }
        finalStatus = status;
        final long now = System.nanoTime();
        final long downtimeMs = status.path("downtime").asLong(-1);
        if (!sourcePaused())
        {
            emitOrdered(MigrationEventType.SOURCE_PAUSED, now - downtimeMs * NANOS_PER_MS, -1, -1, -1, -1,
                "inferred from query-migrate downtime");
        }
        if (destination != null && !destinationResumed)
        {
            final long deadline = System.nanoTime() + RESUME_WAIT_MS * NANOS_PER_MS;
            while (!destinationResumed && System.nanoTime() < deadline)
            {
                final Item item = queue.poll(50, TimeUnit.MILLISECONDS);
                if (item != null && item.event() != null)
                {
                    onEvent(item);
                }
            }
        }
        final JsonNode ram = status.path("ram");
        final long transferred = ram.path("transferred").asLong(0);
        if (destinationResumed)
        {
            emitOrdered(MigrationEventType.DESTINATION_RESUMED, resumedNanos, -1, transferred, 0, 0, null);
        }
        else
        {
            emitOrdered(MigrationEventType.DESTINATION_RESUMED, System.nanoTime(), -1, transferred, 0, 0,
                destination == null ? "inferred: source reports completed" : "destination did not report RESUME");
        }
        final long totalMs = status.path("total-time").asLong(-1);
        final long setupMs = status.path("setup-time").asLong(-1);
        final long transferMs = totalMs - Math.max(0, setupMs);
        bandwidth.finish();
        final double qemuMean = transferMs > 0 ? transferred * 8.0 * 1000.0 / transferMs : 0;
        final boolean sampled = bandwidth.intervals() > 0;
        final MigrationStatistics statistics = new MigrationStatistics(totalMs, downtimeMs, setupMs, transferred,
            ram.path("dirty-sync-count").asInt(passes()),
            sampled ? bandwidth.minBitsPerSecond() : qemuMean,
            sampled ? bandwidth.meanBitsPerSecond() : qemuMean,
            sampled ? bandwidth.maxBitsPerSecond() : qemuMean);
        hypervisor.moved(vm, target().host(), destination, destinationProcess);
        finish(MigrationOutcome.COMPLETED, System.nanoTime(), target().host(), null, statistics);
    }

    private void drainEvents() throws IOException
    {
        Item item;
        while ((item = queue.poll()) != null)
        {
            if (item.event() != null)
            {
                onEvent(item);
            }
        }
    }

    /**
     * End with the VM running at the source: cancel what QEMU may still run, resume the source when paused, stop
     * the destination.
     */
    private void failAndRecover(final int outcome, final String reason)
    {
        final long timeoutMs = hypervisor.commandTimeoutMs();
        String note = reason;
        String runningOn = sourceHost;
        JsonNode status = null;
        if (source != null && source.isOpen())
        {
            try
            {
                status = query();
                final String state = status.path("status").asText("");
                if (migrateIssued && ("active".equals(state) || "setup".equals(state) || "device".equals(state)))
                {
                    source.execute("migrate_cancel", null, timeoutMs);
                }
                final String run = source.execute("query-status", null, timeoutMs).path("status").asText("");
                if ("paused".equals(run) || "finish-migrate".equals(run) || "postmigrate".equals(run))
                {
                    source.execute("cont", null, timeoutMs);
                    note = reason + "; source resumed";
                }
            }
            catch (final IOException ex)
            {
                note = reason + "; recovering the source failed: " + ex.getMessage();
            }
        }
        else if (source != null)
        {
            note = reason + "; source QEMU unreachable, where the VM runs is unknown";
            runningOn = null;
        }
        finalStatus = status;
        if (destination != null)
        {
            destination.close();
        }
        if (destinationProcess != null)
        {
            destinationProcess.close();
        }
        final long now = System.nanoTime();
        final long transferred = status == null ? 0 : status.path("ram").path("transferred").asLong(0);
        final long elapsedMs = (now - startNanos) / NANOS_PER_MS;
        bandwidth.finish();
        final MigrationStatistics statistics = new MigrationStatistics(elapsedMs, 0,
            status == null ? -1 : status.path("setup-time").asLong(-1), transferred, passes(),
            bandwidth.minBitsPerSecond(), bandwidth.meanBitsPerSecond(),
            bandwidth.maxBitsPerSecond());
        finish(outcome, Math.max(now, lastEventNanos), runningOn, note, statistics);
    }

    private void emitOrdered(
        final int type,
        final long timeNanos,
        final int pass,
        final long bytesTransferred,
        final long remainingBytes,
        final long dirtyPages,
        final String detail)
    {
        final long time = Math.max(lastEventNanos, timeNanos);
        lastEventNanos = time;
        emit(type, time, pass, bytesTransferred, remainingBytes, dirtyPages, detail);
    }

    private long eventNanos(final QmpEvent event)
    {
        final Instant wall = Instant.now();
        final long nowNanos = System.nanoTime();
        final long epochMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000;
        return event.monotonicNanos(epochMicros, nowNanos);
    }
}
