/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.pcap;

import io.fmc4j.core.codec.ip.IpUdp;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.Ipv6Header;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpDatagramExtractorTest
{
    private final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
    private final LinkLayerDecoder link = new LinkLayerDecoder();

    @Test
    void shouldSkipVlanAndQinQTags()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[22 + 28 + 4]);
        frame.putShort(12, (short)LinkLayerDecoder.ETHERTYPE_QINQ, BIG_ENDIAN);
        frame.putShort(14, (short)0x0064, BIG_ENDIAN);  // S-tag VLAN 100
        frame.putShort(16, (short)LinkLayerDecoder.ETHERTYPE_VLAN, BIG_ENDIAN);
        frame.putShort(18, (short)0x2005, BIG_ENDIAN);  // C-tag PCP 1, VLAN 5
        frame.putShort(20, (short)LinkLayerDecoder.ETHERTYPE_IPV4, BIG_ENDIAN);
        IpUdp.writeIpv4Udp(frame, 22, 1, 2, 4342, 4342, 4, 64, true);
        assertEquals(UdpDatagramExtractor.OK, extractor.extract(LinkType.ETHERNET, frame, 0, frame.capacity()));
        assertEquals(22, extractor.ipOffset());
        assertEquals(100, extractor.outerVlanId());
        assertEquals(4, extractor.payloadLength());
        assertEquals(LinkLayerDecoder.IPV4, link.decode(LinkType.ETHERNET, frame, 0, frame.capacity()));
        assertEquals(2, link.vlanCount());

        assertEquals(LinkLayerDecoder.TRUNCATED, link.decode(LinkType.ETHERNET, frame, 0, 19));
        assertEquals(UdpDatagramExtractor.NO_LINK_LAYER, extractor.extract(LinkType.ETHERNET, frame, 0, 13));
        assertEquals(UdpDatagramExtractor.TRUNCATED, extractor.extract(LinkType.ETHERNET, frame, 0, 22));
    }

    @Test
    void shouldReportOtherNetworkProtocols()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[60]);
        frame.putShort(12, (short)0x0806, BIG_ENDIAN);  // ARP
        assertEquals(LinkLayerDecoder.OTHER_NETWORK, link.decode(LinkType.ETHERNET, frame, 0, 60));
        assertEquals(0x0806, link.networkProtocol());
        assertEquals(UdpDatagramExtractor.NOT_IP, extractor.extract(LinkType.ETHERNET, frame, 0, 60));
        assertEquals(UdpDatagramExtractor.NOT_IP, extractor.extract(LinkType.RAW, frame, 0, 60));
        assertEquals(UdpDatagramExtractor.NO_LINK_LAYER, extractor.extract(147, frame, 0, 60));
        assertEquals(LinkLayerDecoder.UNSUPPORTED_LINK_TYPE, link.decode(147, frame, 0, 60));
    }

    @Test
    void shouldReadLoopbackFamiliesInEitherHostOrder()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4]);
        frame.putInt(0, 2, LITTLE_ENDIAN);
        assertEquals(LinkLayerDecoder.IPV4, link.decode(LinkType.NULL, frame, 0, 4));
        frame.putInt(0, 2, BIG_ENDIAN);
        assertEquals(LinkLayerDecoder.IPV4, link.decode(LinkType.NULL, frame, 0, 4));
        for (final int family : new int[] {10, 24, 28, 30})
        {
            frame.putInt(0, family, BIG_ENDIAN);
            assertEquals(LinkLayerDecoder.IPV6, link.decode(LinkType.NULL, frame, 0, 4));
            assertEquals(LinkLayerDecoder.IPV6, link.decode(LinkType.LOOP, frame, 0, 4));
        }
        frame.putInt(0, 7, LITTLE_ENDIAN);
        assertEquals(LinkLayerDecoder.OTHER_NETWORK, link.decode(LinkType.NULL, frame, 0, 4));
        assertEquals(LinkLayerDecoder.TRUNCATED, link.decode(LinkType.NULL, frame, 0, 3));
    }

    @Test
    void shouldReportFragmentsInsteadOfDecodingThem()
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[28 + 8]);
        IpUdp.writeIpv4Udp(packet, 0, 1, 2, 4342, 4342, 8, 64, true);
        packet.putShort(Ipv4Header.FLAGS_FRAGMENT_OFFSET, (short)Ipv4Header.FLAG_MF, BIG_ENDIAN);
        assertEquals(UdpDatagramExtractor.FRAGMENT, extractor.extract(LinkType.RAW, packet, 0, 36));
        packet.putShort(Ipv4Header.FLAGS_FRAGMENT_OFFSET, (short)185, BIG_ENDIAN);  // a later fragment
        assertEquals(UdpDatagramExtractor.FRAGMENT, extractor.extract(LinkType.RAW, packet, 0, 36));

        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[48 + 8]);
        IpUdp.writeIpv6Udp(v6, 0, 1, 2, 3, 4, 4342, 4342, 8, 64, true);
        v6.putByte(Ipv6Header.NEXT_HEADER_OFFSET, (byte)Ipv6Header.NEXT_HEADER_FRAGMENT);
        assertEquals(UdpDatagramExtractor.FRAGMENT, extractor.extract(LinkType.RAW, v6, 0, 56));
        v6.putByte(Ipv6Header.NEXT_HEADER_OFFSET, (byte)Ipv6Header.NEXT_HEADER_HOP_BY_HOP);
        assertEquals(UdpDatagramExtractor.IPV6_EXTENSION_HEADER, extractor.extract(LinkType.RAW, v6, 0, 56));
        v6.putByte(Ipv6Header.NEXT_HEADER_OFFSET, (byte)Ipv4Header.PROTOCOL_ICMPV6);
        assertEquals(UdpDatagramExtractor.NOT_UDP, extractor.extract(LinkType.RAW, v6, 0, 56));
    }

    @Test
    void shouldReportMalformedHeaders()
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[28 + 8]);
        IpUdp.writeIpv4Udp(packet, 0, 1, 2, 4342, 4342, 8, 64, true);
        assertEquals(UdpDatagramExtractor.OK, extractor.extract(LinkType.RAW, packet, 0, 36));
        assertEquals(UdpDatagramExtractor.BAD_IP_HEADER, extractor.extract(LinkType.IPV6, packet, 0, 36));
        assertEquals(UdpDatagramExtractor.TRUNCATED, extractor.extract(LinkType.RAW, packet, 0, 27));

        packet.putShort(24, (short)37, BIG_ENDIAN);
        assertEquals(UdpDatagramExtractor.BAD_UDP_LENGTH, extractor.extract(LinkType.RAW, packet, 0, 36));
        packet.putShort(24, (short)7, BIG_ENDIAN);
        assertEquals(UdpDatagramExtractor.BAD_UDP_LENGTH, extractor.extract(LinkType.RAW, packet, 0, 36));
        packet.putShort(24, (short)16, BIG_ENDIAN);

        packet.putByte(Ipv4Header.PROTOCOL_OFFSET, (byte)Ipv4Header.PROTOCOL_TCP);
        assertEquals(UdpDatagramExtractor.NOT_UDP, extractor.extract(LinkType.RAW, packet, 0, 36));
        packet.putByte(0, (byte)0x44);
        assertEquals(UdpDatagramExtractor.BAD_IP_HEADER, extractor.extract(LinkType.RAW, packet, 0, 36));
        packet.putByte(0, (byte)0x46);
        assertEquals(UdpDatagramExtractor.TRUNCATED, extractor.extract(LinkType.RAW, packet, 0, 23));
        packet.putByte(0, (byte)0x45);
        packet.putShort(2, (short)19, BIG_ENDIAN);
        assertEquals(UdpDatagramExtractor.BAD_IP_HEADER, extractor.extract(LinkType.RAW, packet, 0, 36));
    }

    @Test
    void shouldAcceptSnapLengthCutPayloads()
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[28 + 100]);
        IpUdp.writeIpv4Udp(packet, 0, 1, 2, 4342, 4342, 100, 64, true);
        assertEquals(UdpDatagramExtractor.OK, extractor.extract(LinkType.RAW, packet, 0, 60));
        assertEquals(100, extractor.payloadLength());
        assertEquals(32, extractor.capturedPayloadLength());
        assertEquals(false, extractor.isPayloadComplete());
        assertEquals(UdpDatagramExtractor.CHECKSUM_UNVERIFIABLE, extractor.udpChecksumStatus());
        assertEquals(UdpDatagramExtractor.CHECKSUM_GOOD, extractor.ipv4ChecksumStatus());
    }
}
