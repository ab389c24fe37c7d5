/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.controller;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.api.mapcache.LocatorSet;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.msdb.MappingChange;
import io.fmc4j.api.msdb.MappingChangeType;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationListener;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.fmc.controller.EidRelocator;
import io.fmc4j.fmc.controller.FmcController;
import io.fmc4j.fmc.controller.Rloc;
import io.fmc4j.fmc.controller.Topology;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The FMC controller's cost on the Map-Server thread: {@link FmcController#onMappingChange} runs inside the
 * mapping database's write path for every registration change. {@code otherEid}: a change of an EID that is not
 * a registered user (the common case); {@code unknownLocator}: a registered user's EID whose new locator is no
 * access xTR of the topology. Both must be allocation-free. A real move also hands one task to the controller
 * thread (not measured here: that is an executor hand-off).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ControllerListenerBenchmark
{
    private static final int MASK = 1023;

    /** Registered users. */
    @Param({"10", "10000"})
    public int users;

    private final Change[] others = new Change[MASK + 1];
    private final Change[] unknown = new Change[MASK + 1];
    private FmcController controller;
    private int index;

    /**
     * Builds a topology of 16 access xTRs and 4 DCs, registers the users and prepares the changes.
     *
     * @throws IOException never (no hypervisor is opened).
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Topology.Context topology = new Topology.Context();
        for (int a = 0; a < 16; a++)
        {
            topology.accessXtr("a" + a, "192.0.2." + (a + 1));
        }
        final FmcController.Context context = new FmcController.Context().relocator(new NoRelocator());
        for (int d = 0; d < 4; d++)
        {
            topology.dataCentre("d" + d, "198.51.100." + (d + 1), null, "none", "h" + d);
            for (int a = 0; a < 16; a++)
            {
                topology.distance("a" + a, "d" + d, (a + d) % 4);
            }
            context.hypervisor("d" + d, new NoHypervisor("h" + d));
        }
        controller = new FmcController(context.topology(new Topology(topology)));
        for (int u = 0; u < users; u++)
        {
            controller.registerUser("u" + u, EidPrefix.ipv4(0, 0x0A01_0000 + u, 32), "a" + (u % 16));
        }
        for (int i = 0; i <= MASK; i++)
        {
            others[i] = new Change(0x0A02_0000 + i, 0xC000_0201);
            unknown[i] = new Change(0x0A01_0000 + (i % users), 0xCB00_7101);
        }
    }

    /**
     * Stops the controller.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        controller.close();
    }

    /**
     * A change of an EID that is not a user's.
     *
     * @return a counter, so the call is not dead code.
     */
    @Benchmark
    public long otherEid()
    {
        controller.onMappingChange(others[index++ & MASK]);
        return index;
    }

    /**
     * A user's EID moved to a locator outside the topology.
     *
     * @return a counter, so the call is not dead code.
     */
    @Benchmark
    public long unknownLocator()
    {
        controller.onMappingChange(unknown[index++ & MASK]);
        return index;
    }

    /** A reusable change: an IPv4 /32 updated to one IPv4 locator. */
    static final class Change implements MappingChange
    {
        private final long hi;
        private final LocatorSetDecoder oldLocators = new LocatorSetDecoder();
        private final LocatorSetDecoder newLocators = new LocatorSetDecoder();

        Change(final int eid, final int rloc)
        {
            hi = EidKey.ipv4Hi(eid);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LocatorSet.LOCATOR_LENGTH]);
            LocatorSet.putIpv4(buffer, 0, rloc, LocatorSet.FLAG_REACHABLE, 1, 100, 255, 0);
            oldLocators.wrap(buffer, 0, 0);
            newLocators.wrap(buffer, 0, 1);
        }

        @Override
        public int type()
        {
            return MappingChangeType.UPDATED;
        }

        @Override
        public long eidWord0()
        {
            return EidKey.word0(0, Afi.IPV4, 32);
        }

        @Override
        public long eidHi()
        {
            return hi;
        }

        @Override
        public long eidLo()
        {
            return 0;
        }

        @Override
        public String siteName()
        {
            return "fmc";
        }

        @Override
        public LocatorSetDecoder oldLocators()
        {
            return oldLocators;
        }

        @Override
        public LocatorSetDecoder newLocators()
        {
            return newLocators;
        }

        @Override
        public int xtrRlocAfi()
        {
            return Afi.IPV4;
        }

        @Override
        public long xtrRlocHi()
        {
            return 0;
        }

        @Override
        public long xtrRlocLo()
        {
            return 0;
        }

        @Override
        public long xtrIdHi()
        {
            return 0;
        }

        @Override
        public long xtrIdLo()
        {
            return 0;
        }

        @Override
        public long siteId()
        {
            return 0;
        }

        @Override
        public long timestampMs()
        {
            return 0;
        }
    }

    /** Not called by these benchmarks. */
    static final class NoRelocator implements EidRelocator
    {
        @Override
        public CompletableFuture<Void> preRegister(final EidPrefix vmEid, final Rloc source, final Rloc destination)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> promote(final EidPrefix vmEid)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> commit(final EidPrefix vmEid)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> rollback(final EidPrefix vmEid)
        {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Not called by these benchmarks. */
    static final class NoHypervisor implements HypervisorControl
    {
        private final String host;

        NoHypervisor(final String host)
        {
            this.host = host;
        }

        @Override
        public String providerName()
        {
            return "none";
        }

        @Override
        public String host()
        {
            return host;
        }

        @Override
        public List<VmInfo> listVms()
        {
            return List.of();
        }

        @Override
        public VmInfo describe(final String vmName)
        {
            return null;
        }

        @Override
        public MigrationHandle migrate(final String vmName, final MigrationTarget target,
            final MigrationParameters parameters, final MigrationListener listener)
        {
            throw new IllegalStateException("no hypervisor in this benchmark");
        }

        @Override
        public void close()
        {
        }
    }
}
