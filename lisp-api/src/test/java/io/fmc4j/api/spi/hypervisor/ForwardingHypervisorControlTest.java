/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.api.spi.hypervisor;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForwardingHypervisorControlTest
{
    @Test
    void shouldForwardEveryCallToTheDelegate() throws Exception
    {
        final List<String> calls = new ArrayList<>();
        final VmInfo vm = new VmInfo("svc", "10.100.0.5/32", 1 << 20, 1, "dc1");
        final HypervisorControl delegate = new HypervisorControl()
        {
            @Override
            public String providerName()
            {
                calls.add("providerName");
                return "recording";
            }

            @Override
            public String host()
            {
                calls.add("host");
                return "dc1";
            }

            @Override
            public List<VmInfo> listVms()
            {
                calls.add("listVms");
                return List.of(vm);
            }

            @Override
            public VmInfo describe(final String vmName)
            {
                calls.add("describe " + vmName);
                return vm;
            }

            @Override
            public MigrationHandle migrate(
                final String vmName,
                final MigrationTarget target,
                final MigrationParameters parameters,
                final MigrationListener listener)
            {
                calls.add("migrate " + vmName + " " + target.host());
                return null;
            }

            @Override
            public void close()
            {
                calls.add("close");
            }
        };
        final HypervisorControl forwarding = new ForwardingHypervisorControl(delegate)
        {
        };
        assertEquals("recording", forwarding.providerName());
        assertEquals("dc1", forwarding.host());
        assertEquals(List.of(vm), forwarding.listVms());
        assertSame(vm, forwarding.describe("svc"));
        forwarding.migrate("svc", MigrationTarget.host("dc2"), new MigrationParameters().conclude(),
            MigrationListener.NO_OP);
        forwarding.close();
        assertEquals(List.of("providerName", "host", "listVms", "describe svc", "migrate svc dc2", "close"), calls);
        assertThrows(IllegalArgumentException.class, () -> new ForwardingHypervisorControl(null)
        {
        });
    }
}
