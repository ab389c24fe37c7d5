/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.msdb;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import io.fmc4j.api.mapcache.MapCacheStatus;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Child process of {@link MappingDatabaseCrashTest}: registers host prefixes 10.x.y.z/32 one after another into a
 * persisted database and reports each completed hundred on stdout, until it is killed.
 */
public final class RegisteringProcess
{
    static final String SITE = "crash";

    private RegisteringProcess()
    {
    }

    static Site site()
    {
        return Site.builder(SITE).key(new AuthKey(1, AuthKey.HMAC_SHA_1_96, "k".getBytes(StandardCharsets.UTF_8)))
            .allow("10.0.0.0/8").acceptMoreSpecifics(true).build();
    }

    static int address(final int i)
    {
        return 0x0A00_0000 | i;
    }

    static int rloc(final int i, final int locator)
    {
        return 0xC000_0000 | ((i * 31 + locator) & 0x00FF_FFFF);
    }

    /**
     * Entry point.
     *
     * @param args database file, capacity.
     * @throws Exception on failure to open.
     */
    public static void main(final String[] args) throws Exception
    {
        final Site site = site();
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.US_ASCII);
        try (MappingDatabase db = new MappingDatabase(new MappingDatabase.Context()
            .file(new File(args[0])).capacity(Integer.parseInt(args[1])).site(site)))
        {
            final RegistrationBuilder reg = new RegistrationBuilder();
            for (int i = 0; ; i++)
            {
                reg.reset().eid(0, Afi.IPV4, 32, EidKey.ipv4Hi(address(i)), 0)
                    .xtrRloc(Afi.IPV4, EidKey.ipv4Hi(rloc(i, 9)), 0).xtrId(i, ~i).siteId(i).useRecordTtl(true);
                reg.mapping().ttlMinutes(1440).mapVersion(i & 0xFFF);
                for (int l = 0; l < 1 + (i & 3); l++)
                {
                    reg.mapping().addIpv4Locator(rloc(i, l), 1, l, 100 - l, 255, 0);
                }
                if (db.register(site, reg) != MapCacheStatus.OK)
                {
                    out.println("refused " + i);
                    return;
                }
                if (i % 100 == 99)
                {
                    out.println(i);
                }
            }
        }
    }
}
