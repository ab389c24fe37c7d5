/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import io.fmc4j.api.spi.hypervisor.HypervisorConfig;
import io.fmc4j.api.spi.hypervisor.MigrationEvent;
import io.fmc4j.api.spi.hypervisor.MigrationEventType;
import io.fmc4j.api.spi.hypervisor.MigrationHandle;
import io.fmc4j.api.spi.hypervisor.MigrationOutcome;
import io.fmc4j.api.spi.hypervisor.MigrationParameters;
import io.fmc4j.api.spi.hypervisor.MigrationResult;
import io.fmc4j.api.spi.hypervisor.MigrationTarget;
import io.fmc4j.api.spi.hypervisor.VmInfo;
import io.fmc4j.api.spi.hypervisor.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XenHypervisorTest
{
    private static final long MIB = 1024L * 1024L;

    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();

    private static XenHypervisor hypervisor(final FakeXl xl, final int bandwidthPolicy)
    {
        return new XenHypervisor("dc1", xl, "xl", "ssh -p 2222", 1_000, 20, bandwidthPolicy)
            .eid("web", "10.1.0.9/32");
    }

    private static MigrationParameters noLimit()
    {
        return new MigrationParameters().conclude();
    }

    private int[] types()
    {
        return events.stream().mapToInt(MigrationEvent::type).toArray();
    }

    @Test
    void shouldListDomainsButDomainZero() throws Exception
    {
        final XenHypervisor xen = hypervisor(new FakeXl("xl-migrate-success.txt"), 0);
        final List<VmInfo> vms = xen.listVms();
        assertEquals(List.of("clickos-fw", "web", "batch"), vms.stream().map(VmInfo::name).toList());
        final VmInfo web = xen.describe("web");
        assertEquals(512 * MIB, web.memoryBytes());
        assertEquals("10.1.0.9/32", web.eid());
        assertEquals("dc1", web.host());
        assertEquals(VmState.PAUSED, xen.describe("batch").state());
        assertNull(xen.describe("Domain-0"));
        assertNull(xen.describe("nope"));
    }

    @Test
    void shouldMigrateWithEventsInOrderAndObserveTheSuspension() throws Exception
    {
        final FakeXl xl = new FakeXl("xl-migrate-success.txt");
        final MigrationHandle handle = hypervisor(xl, 0)
            .migrate("web", MigrationTarget.host("dc2"), noLimit(), events::add);
        final MigrationResult result = handle.await(10, TimeUnit.SECONDS);
        assertTrue(result.isCompleted(), result.toString());
        assertEquals("dc2", result.runningOn());
        assertEquals(List.of("xl", "migrate", "-s", "ssh -p 2222", "web", "dc2"),
            xl.calls.stream().filter((argv) -> argv.get(1).equals("migrate")).findFirst().orElseThrow());
        final int[] expected = {
            MigrationEventType.STARTED, MigrationEventType.PASS, MigrationEventType.SOURCE_PAUSED,
            MigrationEventType.DESTINATION_RESUMED, MigrationEventType.COMPLETED};
        assertEquals(Arrays.toString(expected), Arrays.toString(types()), events.toString());
        assertEquals("xl list: ---ss-", events.get(2).detail(), "the poll saw the suspension");
        for (int i = 1; i < events.size(); i++)
        {
            assertTrue(events.get(i).timeNanos() >= events.get(i - 1).timeNanos());
        }
        assertEquals(512 * MIB, result.statistics().bytesTransferred());
        assertTrue(result.statistics().downtimeMs() >= 100, "the fake keeps the domain suspended 300 ms: " + result);
        assertTrue(result.statistics().totalTimeMs() >= result.statistics().downtimeMs());
        assertTrue(result.statistics().bandwidthMeanBitsPerSecond() > 0);
        assertTrue(events.get(4).detail().contains("estimated"), events.get(4).toString());
    }

    @Test
    void shouldReportPassesAndBytesFromLibxcProgress() throws Exception
    {
        final MigrationResult result = hypervisor(new FakeXl("xl-migrate-progress.txt"), 0)
            .migrate("web", MigrationTarget.host("dc2"), noLimit(), events::add).await(10, TimeUnit.SECONDS);
        assertTrue(result.isCompleted(), result.toString());
        final List<Integer> passes = events.stream().filter((e) -> e.type() == MigrationEventType.PASS)
            .map(MigrationEvent::pass).toList();
        assertEquals(List.of(1, 2, 3, 6), passes.subList(0, 4), events.toString());
        assertEquals((131072L + 4096 + 300 + 60) * 4096, result.statistics().bytesTransferred());
        assertEquals(6, result.statistics().passes());
        final MigrationEvent paused = events.stream()
            .filter((e) -> e.type() == MigrationEventType.SOURCE_PAUSED).findFirst().orElseThrow();
        final MigrationEvent last = events.stream()
            .filter((e) -> e.type() == MigrationEventType.PASS && e.pass() == 6).findFirst().orElseThrow();
        assertTrue(events.indexOf(paused) < events.indexOf(last));
        assertTrue(result.statistics().bandwidthMinBitsPerSecond() <= result.statistics().bandwidthMeanBitsPerSecond());
        assertTrue(result.statistics().bandwidthMeanBitsPerSecond() <= result.statistics().bandwidthMaxBitsPerSecond());
    }

    @Test
    void shouldFailWhenTheDestinationRefusesAndKeepTheDomainAtTheSource() throws Exception
    {
        final FakeXl xl = new FakeXl("xl-migrate-refused.txt");
        final MigrationResult result = hypervisor(xl, 0)
            .migrate("web", MigrationTarget.host("dc9"), noLimit(), events::add).await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertEquals("dc1", result.runningOn());
        assertTrue(result.reason().startsWith("ssh: connect to host dc9 port 22: Connection refused"), result.reason());
        assertTrue(result.reason().contains("truncated reading banner"), result.reason());
        assertEquals(MigrationEventType.FAILED, types()[types().length - 1]);
        assertEquals(0, xl.unpauses.get());
    }

    @Test
    void shouldReportAFailureAtTheTargetAfterXlResumedTheSource() throws Exception
    {
        final MigrationResult result = hypervisor(new FakeXl("xl-migrate-target-failure.txt"), 0)
            .migrate("web", MigrationTarget.host("dc2"), noLimit(), events::add).await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertEquals("dc1", result.runningOn());
        assertTrue(result.reason().startsWith("migration sender: Resumed OK."), result.reason());
        assertTrue(result.reason().contains("unable to add vif devices"), result.reason());
    }

    @Test
    void shouldSayTheStateIsUndefinedAfterAFailedFinalHandshake() throws Exception
    {
        final MigrationResult result = hypervisor(new FakeXl("xl-migrate-handshake-failure.txt"), 0)
            .migrate("web", MigrationTarget.host("dc2"), noLimit(), events::add).await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertNull(result.runningOn());
        assertTrue(result.reason().contains("undefined"), result.reason());
    }

    @Test
    void shouldCancelByKillingTheTransport() throws Exception
    {
        final FakeXl xl = new FakeXl("xl-migrate-slow.txt");
        final CountDownLatch firstPass = new CountDownLatch(1);
        final MigrationHandle handle = hypervisor(xl, 0).migrate("web", MigrationTarget.host("dc2"), noLimit(),
            (event) ->
            {
                events.add(event);
                if (event.type() == MigrationEventType.PASS)
                {
                    firstPass.countDown();
                }
            });
        assertTrue(firstPass.await(5, TimeUnit.SECONDS));
        assertTrue(handle.cancel());
        final MigrationResult result = handle.await(10, TimeUnit.SECONDS);
        assertEquals(0, xl.killed.getCount(), "the transport was killed");
        assertEquals(MigrationOutcome.CANCELLED, result.outcome(), result.toString());
        assertEquals("dc1", result.runningOn());
        assertTrue(result.reason().startsWith("cancelled on request; Migration failed, resuming at sender."),
            result.reason());
    }

    @Test
    void shouldTimeOutByKillingTheTransport() throws Exception
    {
        final MigrationParameters parameters = new MigrationParameters().timeoutMs(200).conclude();
        final MigrationResult result = hypervisor(new FakeXl("xl-migrate-slow.txt"), 0)
            .migrate("web", MigrationTarget.host("dc2"), parameters, events::add).await(10, TimeUnit.SECONDS);
        assertEquals(MigrationOutcome.FAILED, result.outcome());
        assertTrue(result.reason().startsWith("timed out after 200 ms"), result.reason());
    }

    @Test
    void shouldRejectABandwidthLimitUnlessToldToIgnoreIt() throws Exception
    {
        final MigrationParameters limited =
            new MigrationParameters().bandwidthLimitBitsPerSecond(100_000_000L).conclude();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            hypervisor(new FakeXl("xl-migrate-success.txt"), XenHypervisor.BANDWIDTH_LIMIT_REJECT)
                .migrate("web", MigrationTarget.host("dc2"), limited, null));
        assertTrue(ex.getMessage().contains("cannot limit bandwidth"), ex.getMessage());

        final MigrationResult result =
            hypervisor(new FakeXl("xl-migrate-success.txt"), XenHypervisor.BANDWIDTH_LIMIT_IGNORE)
                .migrate("web", MigrationTarget.host("dc2"), limited, events::add).await(10, TimeUnit.SECONDS);
        assertTrue(result.isCompleted());
        assertTrue(events.get(0).detail().startsWith("bandwidth limit not applied"), events.get(0).toString());
    }

    @Test
    void shouldRejectAnUnknownDomainAndASecondMigration() throws Exception
    {
        final XenHypervisor xen = hypervisor(new FakeXl("xl-migrate-slow.txt"), 0);
        assertThrows(IllegalArgumentException.class,
            () -> xen.migrate("nope", MigrationTarget.host("dc2"), noLimit(), null));
        final MigrationHandle first = xen.migrate("web", MigrationTarget.host("dc2"), noLimit(), null);
        assertThrows(IllegalStateException.class,
            () -> xen.migrate("web", MigrationTarget.host("dc2"), noLimit(), null));
        xen.close();
        assertEquals(MigrationOutcome.CANCELLED, first.await(10, TimeUnit.SECONDS).outcome());
    }

    @Test
    void shouldProbeAvailability(@TempDir final Path directory) throws Exception
    {
        final Path capabilities = directory.resolve("capabilities");
        assertTrue(new XenHypervisorProvider(capabilities, "no-such-xl-binary").unavailabilityCause().getMessage()
            .contains("no-such-xl-binary not found on PATH"));
        assertTrue(new XenHypervisorProvider(capabilities, "sh").unavailabilityCause().getMessage()
            .contains("not a Xen host"));
        Files.writeString(capabilities, "\n");
        assertTrue(new XenHypervisorProvider(capabilities, "sh").unavailabilityCause().getMessage()
            .contains("not running in dom0"));
        Files.writeString(capabilities, "control_d\n");
        assertNull(new XenHypervisorProvider(capabilities, "sh").unavailabilityCause());
        assertTrue(new XenHypervisorProvider().unavailabilityCause() != null || Files.exists(
            Path.of("/proc/xen/capabilities")));
    }

    @Test
    void shouldRejectABadBandwidthPolicy()
    {
        final HypervisorConfig config = new HypervisorConfig().property("xen.bandwidthLimit", "maybe").conclude();
        assertThrows(IllegalArgumentException.class, () -> new XenHypervisorProvider().open(config));
    }
}
