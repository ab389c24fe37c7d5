/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.MappingDatabase;
import io.fmc4j.core.msdb.RegistrationBuilder;
import io.fmc4j.core.msdb.RegistrationView;
import io.fmc4j.core.msdb.Site;
import io.fmc4j.spi.hypervisor.sim.SimulatedCloud;
import io.fmc4j.spi.hypervisor.sim.SimulatedHypervisor;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process FMC deployment for tests: a mapping database owned by one thread (the Map-Server's), access
 * xTRs that register user EIDs, data-centre xTRs that register their prefixes, and a simulated cloud opened
 * through the {@code sim} provider.
 */
final class TestBed
{
    static final long MIB = 1024L * 1024L;
    static final String TOPOLOGY =
        "# three access networks, three data centres; each access network is next to one DC\n" +
        "access xtr1 rloc=192.0.2.1 subnets=10.1.0.0/16\n" +
        "access xtr2 rloc=192.0.2.2 subnets=10.2.0.0/16\n" +
        "access xtr3 rloc=192.0.2.3 subnets=10.3.0.0/16\n" +
        "access xtr4 rloc=192.0.2.4 subnets=10.4.0.0/16   # one area from dc1\n" +
        "dc dc1 rloc=198.51.100.1 prefix=10.100.0.0/24 provider=sim host=dc1\n" +
        "dc dc2 rloc=198.51.100.2 prefix=10.101.0.0/24 provider=sim host=dc2\n" +
        "dc dc3 rloc=198.51.100.3 prefix=10.102.0.0/24 provider=sim host=dc3\n" +
        "distance xtr1 dc1 0\ndistance xtr1 dc2 3\ndistance xtr1 dc3 3\n" +
        "distance xtr2 dc1 3\ndistance xtr2 dc2 0\ndistance xtr2 dc3 3\n" +
        "distance xtr3 dc1 3\ndistance xtr3 dc2 3\ndistance xtr3 dc3 0\n" +
        "distance xtr4 dc1 1\ndistance xtr4 dc2 3\ndistance xtr4 dc3 3\n" +
        "rtt dc1 dc2 10\n";

    final Topology topology = Topology.parse(TOPOLOGY);
    final ExecutorService msThread = Executors.newSingleThreadExecutor(r ->
    {
        final Thread t = new Thread(r, "test-map-server");
        t.setDaemon(true);
        return t;
    });
    final Site site = Site.builder("fmc")
        .key(new AuthKey(1, AuthKey.HMAC_SHA_256_128, "secret".getBytes(StandardCharsets.UTF_8)))
        .allow("10.0.0.0/8").acceptMoreSpecifics(true).build();
    final MappingDatabase db;
    final MappingDatabaseRelocator relocator;
    final SimulatedCloud cloud;
    final SimulatedHypervisor dc1;
    final List<String> vmEidEvents = Collections.synchronizedList(new ArrayList<>());
    private final RegistrationBuilder registration = new RegistrationBuilder();
    private final UnsafeBuffer address = new UnsafeBuffer(new byte[16]);

    TestBed(final double speed, final String... vms) throws Exception
    {
        db = new MappingDatabase(new MappingDatabase.Context().capacity(1024).site(site));
        relocator = new MappingDatabaseRelocator(new MappingDatabaseRelocator.Context()
            .database(db).site(site).executor(msThread));
        final HypervisorConfig config = new HypervisorConfig().host("dc1")
            .property("sim.speed", Double.toString(speed))
            .property("sim.hosts", "dc2,dc3")
            .property("sim.link.default", "rttMs=4,mbps=1000");
        for (final String vm : vms)
        {
            config.property("sim.vm." + vm, "host=dc1,memoryMiB=32,dirtyMiBps=4,workingSetMiB=4");
        }
        dc1 = (SimulatedHypervisor)HypervisorProviders.select("sim").open(config.conclude());
        cloud = dc1.cloud();
        onMs(() ->
        {
            for (final DataCentre dc : topology.dataCentres().values())
            {
                register(dc.prefix(), dc.rloc());
            }
            db.addListener(this::recordVmEid);
            return null;
        });
    }

    FmcController.Context controller()
    {
        return new FmcController.Context().topology(topology).relocator(relocator)
            .hypervisor("dc1", dc1).hypervisor("dc2", cloud.control("dc2")).hypervisor("dc3", cloud.control("dc3"));
    }

    FmcController start(final FmcController.Context context) throws Exception
    {
        final FmcController controller = new FmcController(context);
        onMs(() ->
        {
            db.addListener(controller);
            return null;
        });
        return controller;
    }

    /** The user's access xTR registers the user's EID (a move when it was registered by another xTR). */
    void attach(final String userEid, final String accessXtr) throws Exception
    {
        final Rloc rloc = topology.accessXtr(accessXtr).rloc();
        onMs(() -> register(EidPrefix.parse(userEid), rloc));
    }

    void attachToRloc(final String userEid, final String rloc) throws Exception
    {
        onMs(() -> register(EidPrefix.parse(userEid), Rloc.parse(rloc)));
    }

    private int register(final EidPrefix eid, final Rloc rloc)
    {
        registration.reset().eid(eid).xtrRloc(rloc.afi(), rloc.hi(), rloc.lo()).useRecordTtl(true);
        registration.mapping().ttlMinutes(1440);
        rloc.putAddress(address, 0);
        registration.mapping().addLocator(Afi.IPV4, address, 0, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
        final int status = db.register(site, registration);
        if (status != MapCacheStatus.OK)
        {
            throw new IllegalStateException("registration refused: " + MapCacheStatus.name(status));
        }
        return status;
    }

    private void recordVmEid(final MappingChange change)
    {
        final long word0 = change.eidWord0();
        if (EidKey.maskLength(word0) != 32 || (change.eidHi() >>> 56) != 10 || ((change.eidHi() >>> 48) & 0xFF) < 100)
        {
            return;
        }
        final StringBuilder sb = new StringBuilder(MappingChangeType.name(change.type())).append(' ');
        EidKey.appendTo(sb, word0, change.eidHi(), change.eidLo()).append(' ');
        locators(sb, change.newLocators());
        vmEidEvents.add(sb.toString());
    }

    static StringBuilder locators(final StringBuilder sb, final LocatorSetDecoder set)
    {
        sb.append('[');
        for (int i = 0; i < set.count(); i++)
        {
            sb.append(i > 0 ? " " : "").append(Rloc.of(set, i)).append(" p").append(set.priority(i));
        }
        return sb.append(']');
    }

    /** The exact registration of a prefix, as text, or "absent". */
    String registration(final String prefix) throws Exception
    {
        return onMs(() ->
        {
            final RegistrationView view = new RegistrationView();
            if (db.get(EidPrefix.parse(prefix), view) != MapCacheStatus.FOUND)
            {
                return "absent";
            }
            return locators(new StringBuilder(), view.locators()).toString();
        });
    }

    /** The data centre traffic for an EID goes to now. */
    String mappedDc(final String eid) throws Exception
    {
        final Rloc rloc = relocator.resolve(EidPrefix.parse(eid)).get(5, TimeUnit.SECONDS);
        final DataCentre dc = rloc == null ? null : topology.dataCentreByRloc(rloc);
        return dc == null ? String.valueOf(rloc) : dc.name();
    }

    /** Where the simulated cloud runs a VM, and whether it runs. */
    String runningAt(final String vm)
    {
        for (final String host : List.of("dc1", "dc2", "dc3"))
        {
            final VmInfo info = cloud.control(host).describe(vm);
            if (info != null)
            {
                return host + (info.state() == VmState.RUNNING ? "" : ":" + VmState.name(info.state()));
            }
        }
        return "nowhere";
    }

    /** The in-process prober: the EID's current mapping leads to a DC where the VM is running. */
    boolean probe(final String vmName, final EidPrefix vmEid)
    {
        try
        {
            final Rloc rloc = relocator.resolve(vmEid).get(1, TimeUnit.SECONDS);
            final DataCentre dc = rloc == null ? null : topology.dataCentreByRloc(rloc);
            if (dc == null)
            {
                return false;
            }
            final VmInfo info = cloud.control(dc.host()).describe(vmName);
            return info != null && info.state() == VmState.RUNNING;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    <T> T onMs(final Callable<T> task) throws Exception
    {
        return msThread.submit(task).get(5, TimeUnit.SECONDS);
    }

    void close() throws Exception
    {
        dc1.close();
        onMs(() ->
        {
            db.close();
            return null;
        });
        msThread.shutdownNow();
    }
}
