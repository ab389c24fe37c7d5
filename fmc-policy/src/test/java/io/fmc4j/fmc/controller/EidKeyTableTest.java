/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.fmc.controller;

import io.fmc4j.api.mapcache.EidPrefix;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EidKeyTableTest
{
    @Test
    void shouldFindEveryKeyAddedAndNothingElse()
    {
        EidKeyTable<String> table = EidKeyTable.empty();
        final Map<EidPrefix, String> reference = new HashMap<>();
        for (int i = 0; i < 1000; i++)
        {
            final EidPrefix prefix = i % 3 == 0 ? EidPrefix.parse("2001:db8::" + Integer.toHexString(i) + "/128") :
                EidPrefix.ipv4(i % 7, 0x0A00_0000 + i * 3, 32);
            table = table.with(prefix, "v" + i);
            reference.put(prefix, "v" + i);
        }
        assertEquals(reference.size(), table.size());
        for (final Map.Entry<EidPrefix, String> entry : reference.entrySet())
        {
            assertEquals(entry.getValue(), table.get(entry.getKey()));
        }
        assertNull(table.get(EidPrefix.ipv4(0, 0x0A00_0001, 32)));
        assertNull(table.get(EidPrefix.ipv4(0, 0x0A00_0000, 31)));
        assertNull(EidKeyTable.<String>empty().get(EidPrefix.ipv4(0, 0x0A00_0000, 32)));
    }

    @Test
    void shouldReplaceAValueWithoutGrowing()
    {
        final EidPrefix prefix = EidPrefix.parse("10.1.0.7/32");
        final EidKeyTable<String> one = EidKeyTable.<String>empty().with(prefix, "a");
        final EidKeyTable<String> replaced = one.with(prefix, "b");
        assertEquals(1, replaced.size());
        assertEquals("b", replaced.get(prefix));
        assertEquals("a", one.get(prefix));
    }
}
