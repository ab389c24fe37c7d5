/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.fmc4j.api.spi.dataplane.PacketIoProvider;
import io.fmc4j.api.spi.dataplane.PacketIoProviders;
import io.fmc4j.spi.dataplane.memory.MemoryPacketIoProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PacketIoProvidersServiceLoaderTest
{
    @Test
    void shouldFindTheBackendsAndTheEmulationWithServiceLoader()
    {
        final List<PacketIoProvider> providers = PacketIoProviders.load(null);
        assertEquals(List.of("dpdk", "emulated", "memory", "tun", "udp", "udp-native"),
            providers.stream().map(PacketIoProvider::name).collect(Collectors.toList()));
        for (final PacketIoProvider provider : providers)
        {
            final Throwable first = provider.unavailabilityCause();
            assertEquals(first, provider.unavailabilityCause(), "cached and stable: " + provider.name());
        }
        final String description = PacketIoProviders.describe("here", providers);
        assertTrue(description.contains("memory (priority -100): available"), description);
        assertTrue(description.contains("udp (priority 10): available"), description);
    }

    @Test
    void shouldNeverPickTheInMemoryBackendForAutoWhenARealOneIsAvailable()
    {
        final PacketIoProvider chosen = PacketIoProviders.select(PacketIoProviders.AUTO);
        assertFalse(chosen instanceof MemoryPacketIoProvider, chosen.name());
    }

    @Test
    void shouldReportWhyANativeLibraryIsMissing()
    {
        final Throwable cause = NativeLibrary.load("fmc4j-not-a-library");
        assertNotNull(cause);
        assertTrue(cause.getMessage().contains("libfmc4j-not-a-library.so not in the jar"), cause.getMessage());
    }

    @Test
    void shouldLeaveReasonsInsteadOfFailingWhenTheBuildHasNoCompiler(@TempDir final Path classes)
        throws IOException, InterruptedException
    {
        final Path script = Path.of("src/main/native/build.sh");
        assumeTrue(Files.exists(script), "build.sh not found from " + Path.of("").toAbsolutePath());
        final Process process = new ProcessBuilder("bash", script.toString(), classes.toString(),
            System.getProperty("java.home")).redirectErrorStream(true).start();
        process.getOutputStream().close();
        final ProcessBuilder noCompiler = new ProcessBuilder("bash", script.toString(), classes.toString(),
            System.getProperty("java.home")).redirectErrorStream(true);
        noCompiler.environment().put("CC", "/nonexistent/gcc");
        assertEquals(0, process.waitFor());
        final Process failing = noCompiler.start();
        final String output = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, failing.waitFor(), output);
        final Path folder = classes.resolve(NativeLibrary.platformFolder());
        final String reason = Files.readString(folder.resolve("libfmc4j-tun.unavailable"));
        assertTrue(reason.contains("no C compiler"), reason);
        assertTrue(Files.exists(folder.resolve("libfmc4j-dpdk.unavailable")));
        assertFalse(Files.exists(folder.resolve("libfmc4j-tun.so")), "stale library removed");
    }
}
