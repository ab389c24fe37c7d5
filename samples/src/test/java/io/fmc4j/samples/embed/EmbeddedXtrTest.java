/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.embed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedXtrTest
{
    @Test
    void shouldCarryDatagramsBothWaysThroughTheCustomBackendChosenByName() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final EmbeddedXtr.Result result = EmbeddedXtr.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(result.succeeded(), out);
        // The backend was selected by name through ServiceLoader, and the ITR's packets went through it.
        assertTrue(out.contains("chosen: inproc-udp"), out);
        assertEquals(InProcessUdpProvider.NAME, result.rlocProvider(), out);
        assertTrue(result.echoesAtA() >= EmbeddedXtr.ECHOES_WANTED, out);
        assertTrue(result.datagramsAtB() >= result.echoesAtA(), out);
        // The first datagram missed the map-cache, which is what made xTR A resolve host B's EID.
        assertTrue(result.itrMissesA() >= 1, out);
        assertTrue(result.datagramsSent() > result.datagramsAtB(), out);
        assertTrue(result.encapsulatedA() >= result.datagramsAtB(), out);
        assertTrue(result.decapsulatedB() >= result.datagramsAtB(), out);
        assertTrue(result.rlocDatagramsB() >= result.decapsulatedB(), out);
        assertTrue(result.networkDelivered() > result.rlocDatagramsB(), out);   // control messages as well
        assertTrue(result.mappingAtA().startsWith("10.2.0.0/24") && result.mappingAtA().contains("192.0.2.20"),
            result.mappingAtA());
        // Everything was closed: nothing stays bound on the network.
        assertEquals(0, InProcessUdpNetwork.named(EmbeddedXtr.NETWORK).boundAddresses().size(),
            InProcessUdpNetwork.named(EmbeddedXtr.NETWORK).boundAddresses().toString());
    }
}
