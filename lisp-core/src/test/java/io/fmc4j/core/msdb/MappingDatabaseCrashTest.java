/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.LocatorSetDecoder;
import io.fmc4j.api.mapcache.MapCacheStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM registers into a persisted database and is killed with SIGKILL in the middle of writing; the
 * reopened database must hold every registration the child reported complete, each one whole.
 */
class MappingDatabaseCrashTest
{
    private static final int CAPACITY = 400_000;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryCompletedRegistrationAfterKill9() throws Exception
    {
        final File file = dir.resolve("msdb.dat").toFile();
        final int reported = runAndKill(file, 20_000);
        verify(file, reported, 0);
        // Kill it again on the recovered file, this time while it re-registers prefixes that already exist.
        // Chronicle Map's recovery drops an entry whose update was in flight at the kill (never a torn one). The
        // child has one writer thread, so at most one completed registration may be missing; every other must be
        // there, whole. (An xTR re-registers within 60 s, 3 s without a Map-Notify, which restores it.)
        final int reportedAgain = runAndKill(file, 5_000);
        verify(file, Math.max(reported, reportedAgain), 1);
    }

    private int runAndKill(final File file, final int atLeast) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        command.add("-Xmx256m");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle."))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RegisteringProcess.class.getName());
        command.add(file.getPath());
        command.add(Integer.toString(CAPACITY));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.US_ASCII)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while ((line = in.readLine()) != null && System.nanoTime() < deadline)
            {
                assertTrue(!line.startsWith("refused"), line);
                last = Integer.parseInt(line.trim());
                if (last >= atLeast)
                {
                    break;
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "child should die of SIGKILL");
        assertTrue(last >= atLeast, "child reported only " + last);
        return last;
    }

    private static void verify(final File file, final int reported, final int mayBeLost) throws Exception
    {
        final Site site = RegisteringProcess.site();
        try (MappingDatabase db = new MappingDatabase(new MappingDatabase.Context()
            .file(file).capacity(CAPACITY).site(site)))
        {
            assertTrue(db.size() >= reported + 1 - mayBeLost, "size " + db.size() + " < reported " + (reported + 1));
            final RegistrationView view = new RegistrationView();
            int missing = 0;
            for (int i = 0; i < db.size() + db.loadDropped() + 10; i++)
            {
                final int status = db.lookup(0, Afi.IPV4, EidKey.ipv4Hi(RegisteringProcess.address(i)), 0, view);
                if (i <= reported && status != MapCacheStatus.FOUND)
                {
                    missing++;
                    assertTrue(missing <= mayBeLost, "registration " + i + " missing (status " + status + "), "
                        + missing + " missing in all, at most " + mayBeLost + " allowed");
                }
                if (status == MapCacheStatus.FOUND)
                {
                    assertWhole(i, view);
                }
            }
            System.out.println("reported=" + reported + " size=" + db.size() + " dropped=" + db.loadDropped());
        }
    }

    private static void assertWhole(final int i, final RegistrationView view)
    {
        assertEquals(32, view.maskLength());
        assertEquals(1, view.registrantCount());
        assertEquals(i, view.siteId(0));
        assertEquals(i, view.xtrIdHi(0));
        assertEquals(~i, view.xtrIdLo(0));
        assertEquals(i & 0xFFF, view.mapVersion(0));
        assertEquals(EidKey.ipv4Hi(RegisteringProcess.rloc(i, 9)), view.xtrRlocHi(0));
        final LocatorSetDecoder locators = view.locators();
        assertEquals(1 + (i & 3), locators.count(), "locators of " + i);
        for (int l = 0; l < locators.count(); l++)
        {
            assertEquals(RegisteringProcess.rloc(i, l), locators.ipv4Address(l));
            assertEquals(l, locators.priority(l));
            assertEquals(100 - l, locators.weight(l));
        }
    }
}
