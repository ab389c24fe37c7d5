/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.HypervisorControl;
import io.fmc4j.api.spi.hypervisor.HypervisorProvider;
import io.fmc4j.api.spi.hypervisor.HypervisorProviders;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypervisorProvidersTest
{
    @Test
    void shouldDiscoverEveryBackend()
    {
        final Set<String> names = HypervisorProviders.discover(getClass().getClassLoader()).stream()
            .map(HypervisorProvider::name).collect(Collectors.toSet());
        assertEquals(Set.of("sim", "qmp", "xen"), names);
    }

    @Test
    void shouldSelectTheSimulatorByName()
    {
        assertEquals("sim", HypervisorProviders.select("sim").name());
    }

    @Test
    void shouldFailWithEveryProviderAndItsCauseWhenTheNameIsMissing()
    {
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> HypervisorProviders.select("vmware"));
        final String message = ex.getMessage();
        assertTrue(message.contains("'vmware' is not found"), message);
        assertTrue(message.contains("sim (priority 0): available"), message);
        assertTrue(message.contains("qmp (priority"), message);
        assertTrue(message.contains("xen (priority"), message);
    }

    @Test
    void shouldFailWithTheCauseWhenTheNamedProviderIsUnavailable()
    {
        final HypervisorProvider broken = new HypervisorProvider()
        {
            public String name()
            {
                return "xen";
            }

            public int priority()
            {
                return 10;
            }

            public Throwable unavailabilityCause()
            {
                return new IllegalStateException("not dom0");
            }

            public HypervisorControl open(final HypervisorConfig config)
            {
                throw new UnsupportedOperationException();
            }
        };
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> HypervisorProviders.select("xen", List.of(broken)));
        assertTrue(ex.getMessage().contains("'xen' is unavailable"), ex.getMessage());
        assertTrue(ex.getMessage().contains("not dom0"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> HypervisorProviders.select("auto", List.of(broken)));
    }

    @Test
    void shouldOpenTheSimulatorFromProperties() throws Exception
    {
        final HypervisorConfig config = new HypervisorConfig().host("dc1")
            .property("sim.hosts", "dc1,dc2")
            .property("sim.vm.web", "memoryMiB=256,dirtyMiBps=4,workingSetMiB=32")
            .property("sim.link.dc1.dc2", "rttMs=30,mbps=1000")
            .eid("web", "10.1.0.5/32")
            .conclude();
        try (HypervisorControl control = HypervisorProviders.select("sim").open(config))
        {
            final List<VmInfo> vms = control.listVms();
            assertEquals(1, vms.size());
            assertEquals("10.1.0.5/32", vms.get(0).eid());
            assertEquals(256L << 20, vms.get(0).memoryBytes());
            final MigrationResult result = control.migrate("web", MigrationTarget.host("dc2"),
                new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).conclude(), null)
                .await(10, TimeUnit.SECONDS);
            assertTrue(result.isCompleted(), result.toString());
            assertTrue(result.statistics().setupTimeMs() >= 30, result.toString());
        }
    }

    @Test
    void shouldRejectABadSimulatorProperty()
    {
        final HypervisorConfig config = new HypervisorConfig().property("sim.vm.web", "memoryMiB=lots").conclude();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> HypervisorProviders.select("sim").open(config));
        assertTrue(ex.getMessage().contains("sim.vm.web"), ex.getMessage());
    }
}
