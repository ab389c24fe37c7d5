/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec.ip;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Known packets, cut from the public captures in {@code samples/src/test/resources/vectors/} (checksums
 * confirmed good by {@code tshark -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE}).
 */
final class Packets
{
    /**
     * tcpdump_lisp_eid_register.pcap frame 1 without Ethernet: IPv4 192.168.0.105 to 127.0.0.1, id 1, TTL 64,
     * header checksum 0x3a4a; UDP 4342 to 4342, length 124, checksum 0xed51; a Map-Register.
     */
    static final String MAP_REGISTER_IPV4 =
        "450000900001000040113a4ac0a800697f00000110f610f6007ced5132001102" +
        "c4218228892d20a4000100144bbb9614a67a86040407799545371906836cd1d6" +
        "000005a001201000000000010a1e01640164016400000001141408fd000005a0" +
        "01201000000000010a1e01600164016400000001141408fc9787ad753caf58a7" +
        "13fa6920e6d27a8f0000000000000000";

    /**
     * odl_southbound_handler_test_frames.pcap frame 12, the inner packet of the ECM: IPv6 2610:d0:ffff:192::1 to
     * 2610:d0:ffff:192::2, hop limit 255; UDP 4342 to 4342, length 104, checksum 0x948b; a Map-Request.
     */
    static final String MAP_REQUEST_IPV6 =
        "60000000006811ff261000d0ffff01920000000000000001261000d0ffff0192" +
        "000000000000000210f610f60068948b14000001fff5bf5d7b7593e600022610" +
        "00d0ffff0192000000000000000100010a003a9c00800002261000d0ffff0192" +
        "00000000000000020000000a0180100000000002261000d0ffff019200000000" +
        "000000010164ff00000500010a003a9c";

    private Packets()
    {
    }

    static UnsafeBuffer buffer(final String hex, final int headroom)
    {
        final String clean = hex.replace(" ", "");
        final byte[] bytes = new byte[headroom + clean.length() / 2];
        for (int i = 0; i < clean.length(); i += 2)
        {
            bytes[headroom + i / 2] = (byte)Integer.parseInt(clean.substring(i, i + 2), 16);
        }
        return new UnsafeBuffer(bytes);
    }

    static int length(final String hex)
    {
        return hex.replace(" ", "").length() / 2;
    }
}
