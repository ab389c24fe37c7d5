/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.core.msdb.AuthKey;
import io.fmc4j.core.msdb.Site;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapServerConfigTest
{
    static final String EXAMPLE = String.join("\n",
        "# two sites",
        "listen 127.0.0.1:14342",
        "rate-limit 50 100",
        "site dc1 {",
        "  key 0 sha1 secret-one",
        "  prefix 10.1.0.0/16",
        "  prefix [5]10.9.0.0/16",
        "  accept-more-specifics true",
        "}",
        "site dc2 {",
        "  key 3 sha256 hex:00112233",
        "  prefix 2001:5:1::/48",
        "  proxy-reply true  # answer for it",
        "}");

    @Test
    void shouldParseTheDocumentedExample()
    {
        final MapServerConfig config = MapServerConfig.parse(EXAMPLE, "ms.conf");
        assertEquals(2, config.sites().size());
        final Site dc1 = config.sites().get(0);
        assertEquals("dc1", dc1.name());
        assertEquals(2, dc1.allowedPrefixes().size());
        assertEquals(5, dc1.allowedPrefixes().get(1).instanceId());
        assertTrue(dc1.acceptMoreSpecifics());
        final Site dc2 = config.sites().get(1);
        assertEquals(AuthKey.HMAC_SHA_256_128, dc2.key(3).algorithm());
        assertEquals(4, dc2.key(3).secret().length);
        assertTrue(dc2.proxyReply());
        assertEquals(14342, config.listen().getPort());
    }

    @Test
    void shouldNameFileAndLineOfAnError()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> MapServerConfig.parse("site a {\n key 0 md5 x\n}\n", "bad.conf"));
        assertTrue(ex.getMessage().startsWith("bad.conf:2: unknown algorithm"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapServerConfig.parse("site a {\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> MapServerConfig.parse("", "x"));
        assertThrows(IllegalArgumentException.class,
            () -> MapServerConfig.parse("site a {\n key 0 sha1 s\n prefix 10.0.0.1/8\n}", "x"));
        assertThrows(IllegalArgumentException.class, () -> MapServerConfig.parse("listen example.com:4342\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> MapServerConfig.parse("site a {\n key 300 sha1 s\n}", "x"));
        assertThrows(IllegalArgumentException.class, () -> MapServerConfig.parse("site a {\n prefix 10.0.0.0/8\n}",
            "no key"));
    }
}
