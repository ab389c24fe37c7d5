/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Controls QEMU instances through their QMP monitors. Each VM is registered with its monitor address (QEMU's socket
 * monitor takes one client at a time, so this control keeps one connection per VM) and, to migrate it, either a
 * command line from which a {@link QemuLauncher} starts the destination with {@code -incoming}, or a migration
 * target whose address names a destination already waiting.
 */
public final class QmpHypervisor implements HypervisorControl
{
    private final String host;
    private final QemuLauncher launcher;
    private final long commandTimeoutMs;
    private final long pollIntervalMs;
    private final boolean quitSourceOnCompletion;
    private final Map<String, Vm> vms = new LinkedHashMap<>();

    static final class Vm
    {
        final String name;
        final String eid;
        final List<String> commandLine;
        String qmpAddress;
        String host;
        QemuProcess process;
        QmpClient client;
        QmpMigration running;

        Vm(final String name, final String eid, final List<String> commandLine, final String qmpAddress,
            final String host)
        {
            this.name = name;
            this.eid = eid;
            this.commandLine = commandLine == null ? null : List.copyOf(commandLine);
            this.qmpAddress = qmpAddress;
            this.host = host;
        }
    }

    /**
     * A control.
     *
     * @param host                   this host's name.
     * @param launcher               starts destinations, or null when targets name waiting destinations.
     * @param commandTimeoutMs       bound on each QMP command.
     * @param pollIntervalMs         how often a migration samples {@code query-migrate}.
     * @param quitSourceOnCompletion send {@code quit} to the source QEMU once the VM runs at the destination.
     */
    public QmpHypervisor(
        final String host,
        final QemuLauncher launcher,
        final long commandTimeoutMs,
        final long pollIntervalMs,
        final boolean quitSourceOnCompletion)
    {
        if (commandTimeoutMs <= 0 || pollIntervalMs <= 0)
        {
            throw new IllegalArgumentException("timeouts must be > 0: command=" + commandTimeoutMs + " poll=" +
                pollIntervalMs);
        }
        this.host = host;
        this.launcher = launcher;
        this.commandTimeoutMs = commandTimeoutMs;
        this.pollIntervalMs = pollIntervalMs;
        this.quitSourceOnCompletion = quitSourceOnCompletion;
    }

    /**
     * Register a VM reachable at a QMP address.
     *
     * @param name        VM name.
     * @param qmpAddress  {@code unix:PATH} or {@code tcp:HOST:PORT}.
     * @param eid         its EID, or null.
     * @param commandLine its QEMU command line (for starting destinations), or null.
     * @return this.
     */
    public synchronized QmpHypervisor register(
        final String name, final String qmpAddress, final String eid, final List<String> commandLine)
    {
        QmpClient.parseAddress(qmpAddress);
        if (vms.containsKey(name))
        {
            throw new IllegalArgumentException("VM already registered: " + name);
        }
        vms.put(name, new Vm(name, eid, commandLine, qmpAddress, host));
        return this;
    }

    /**
     * Start a VM with the launcher and register it; the control owns the process from then on.
     *
     * @param name        VM name.
     * @param eid         its EID, or null.
     * @param commandLine its QEMU command line without {@code -qmp}.
     * @return the process.
     * @throws IOException when QEMU does not start.
     */
    public QemuProcess start(final String name, final String eid, final List<String> commandLine) throws IOException
    {
        if (launcher == null)
        {
            throw new IllegalStateException("no QemuLauncher configured");
        }
        final QemuProcess process = launcher.launch(name, commandLine, null);
        synchronized (this)
        {
            if (vms.containsKey(name))
            {
                process.close();
                throw new IllegalArgumentException("VM already registered: " + name);
            }
            final Vm vm = new Vm(name, eid, commandLine, process.qmpAddress(), host);
            vm.process = process;
            vms.put(name, vm);
        }
        return process;
    }

    @Override
    public String providerName()
    {
        return QmpHypervisorProvider.NAME;
    }

    @Override
    public String host()
    {
        return host;
    }

    @Override
    public List<VmInfo> listVms() throws IOException
    {
        final List<String> names;
        synchronized (this)
        {
            names = new ArrayList<>(vms.keySet());
        }
        final List<VmInfo> result = new ArrayList<>();
        for (final String name : names)
        {
            final VmInfo info = describe(name);
            if (info != null)
            {
                result.add(info);
            }
        }
        return result;
    }

    @Override
    public VmInfo describe(final String vmName) throws IOException
    {
        final Vm vm;
        synchronized (this)
        {
            vm = vms.get(vmName);
        }
        if (vm == null)
        {
            return null;
        }
        try
        {
            final QmpClient client = client(vm);
            final JsonNode status = client.execute("query-status", null, commandTimeoutMs);
            final JsonNode memory = client.execute("query-memory-size-summary", null, commandTimeoutMs);
            return new VmInfo(vm.name, vm.eid, memory.path("base-memory").asLong(0),
                state(status.path("status").asText("")), vm.host);
        }
        catch (final IOException ex)
        {
            return new VmInfo(vm.name, vm.eid, 0, VmState.UNKNOWN, vm.host);
        }
    }

    /**
     * Map a QMP {@code RunState} to a {@link VmState}.
     *
     * @param status the {@code status} of {@code query-status}.
     * @return a {@link VmState} constant.
     */
    public static int state(final String status)
    {
        switch (status)
        {
            case "running":
                return VmState.RUNNING;
            case "paused":
            case "suspended":
            case "finish-migrate":
            case "prelaunch":
            case "debug":
            case "io-error":
            case "watchdog":
            case "save-vm":
            case "restore-vm":
            case "colo":
                return VmState.PAUSED;
            case "inmigrate":
                return VmState.INCOMING;
            case "postmigrate":
                return VmState.MIGRATED;
            case "shutdown":
            case "guest-panicked":
            case "internal-error":
                return VmState.SHUTOFF;
            default:
                return VmState.UNKNOWN;
        }
    }

    @Override
    public MigrationHandle migrate(
        final String vmName,
        final MigrationTarget target,
        final MigrationParameters parameters,
        final MigrationListener listener) throws IOException
    {
        if (!parameters.isConcluded())
        {
            throw new IllegalArgumentException("MigrationParameters must be concluded");
        }
        final QmpMigration migration;
        synchronized (this)
        {
            final Vm vm = vms.get(vmName);
            if (vm == null)
            {
                throw new IllegalArgumentException("no VM '" + vmName + "' on host " + host);
            }
            if (vm.running != null)
            {
                throw new IllegalStateException("VM '" + vmName + "' is already migrating to " +
                    vm.running.target().host());
            }
            final boolean launch = launcher != null && vm.commandLine != null;
            if (target.address() == null)
            {
                throw new IllegalArgumentException("QMP migration needs a target address such as tcp:HOST:PORT");
            }
            if (!launch && !target.address().contains(":"))
            {
                throw new IllegalArgumentException("not a QEMU migration URI: " + target.address());
            }
            migration = new QmpMigration(this, vm, target, parameters, listener, launch ? launcher : null);
            vm.running = migration;
        }
        final Thread thread = new Thread(migration, "fmc4j-qmp-migrate-" + vmName);
        thread.setDaemon(true);
        thread.start();
        return migration;
    }

    /**
     * Run any QMP command on a VM's monitor, through the connection this control holds.
     *
     * @param vmName    the VM.
     * @param command   QMP command name.
     * @param arguments its arguments, or null.
     * @return the {@code return} value.
     * @throws IOException when the command fails or the monitor cannot be reached.
     */
    public JsonNode execute(final String vmName, final String command, final ObjectNode arguments) throws IOException
    {
        final Vm vm;
        synchronized (this)
        {
            vm = vms.get(vmName);
        }
        if (vm == null)
        {
            throw new IllegalArgumentException("no VM '" + vmName + "' on host " + host);
        }
        return client(vm).execute(command, arguments, commandTimeoutMs);
    }

    QmpClient client(final Vm vm) throws IOException
    {
        synchronized (vm)
        {
            if (vm.client == null || !vm.client.isOpen())
            {
                vm.client = QmpClient.connect(vm.qmpAddress, commandTimeoutMs);
            }
            return vm.client;
        }
    }

    long commandTimeoutMs()
    {
        return commandTimeoutMs;
    }

    long pollIntervalMs()
    {
        return pollIntervalMs;
    }

    synchronized void ended(final Vm vm)
    {
        vm.running = null;
    }

    /**
     * After a completed migration: the VM is now the destination QEMU (kept when this control started it, dropped
     * from this control otherwise).
     */
    void moved(final Vm vm, final String newHost, final QmpClient destinationClient, final QemuProcess destination)
    {
        final QmpClient oldClient;
        final QemuProcess oldProcess;
        synchronized (vm)
        {
            oldClient = vm.client;
            oldProcess = vm.process;
            vm.client = destinationClient;
            vm.qmpAddress = destinationClient == null ? vm.qmpAddress : destinationClient.address();
            vm.process = destination;
            vm.host = newHost;
        }
        if (destinationClient == null)
        {
            // A destination this control did not start is managed elsewhere: the VM has left this host.
            synchronized (this)
            {
                vms.remove(vm.name);
            }
        }
        if (quitSourceOnCompletion && oldClient != null)
        {
            try
            {
                oldClient.execute("quit", null, commandTimeoutMs);
            }
            catch (final IOException ignore)
            {
                // QEMU closes the monitor as it quits.
            }
        }
        if (oldClient != null)
        {
            oldClient.close();
        }
        if (quitSourceOnCompletion && oldProcess != null)
        {
            oldProcess.close();
        }
    }

    @Override
    public void close()
    {
        final List<Vm> all;
        synchronized (this)
        {
            all = new ArrayList<>(vms.values());
        }
        for (final Vm vm : all)
        {
            final QmpMigration running;
            synchronized (this)
            {
                running = vm.running;
            }
            if (running != null)
            {
                running.cancel();
                running.awaitQuietly(commandTimeoutMs * 2);
            }
            synchronized (vm)
            {
                if (vm.client != null)
                {
                    vm.client.close();
                }
                if (vm.process != null)
                {
                    vm.process.close();
                }
            }
        }
    }
}
