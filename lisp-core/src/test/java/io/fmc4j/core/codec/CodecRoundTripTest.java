/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.codec;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.ip.Ipv4Header;
import io.fmc4j.core.codec.ip.UdpHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecRoundTripTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);

    private String hex(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void shouldEncodeDataHeaderGolden()
    {
        new LispDataHeaderEncoder().wrap(buffer, 0).nonce(0xabcdef).instanceId(0x123, 1);
        assertEquals("c8abcdef00012301", hex(0, 8));
        final LispDataHeaderDecoder decoder = new LispDataHeaderDecoder().wrap(buffer, 0);
        assertEquals(DecodeStatus.OK, LispDataHeader.validate(buffer, 0, 8));
        assertTrue(decoder.noncePresent() && decoder.instanceIdPresent() && decoder.locatorStatusBitsEnabled());
        assertEquals(0xabcdef, decoder.nonce());
        assertEquals(0x123, decoder.instanceId());
        assertEquals(1, decoder.locatorStatusBits());
    }

    @Test
    void shouldEncodeTheItrCaseInOneStoreExactlyAsTheFieldSetters()
    {
        new LispDataHeaderEncoder().wrap(buffer, 8).nonceInstanceId(0xabcdef, 0x123, 1);
        assertEquals("c8abcdef00012301", hex(8, 8));
        new LispDataHeaderEncoder().wrap(buffer, 16).nonceInstanceId(0xFFFFFF, 0xFFFFFF, 0xFF);
        new LispDataHeaderEncoder().wrap(buffer, 24).nonce(0xFFFFFF).instanceId(0xFFFFFF, 0xFF);
        assertEquals(hex(24, 8), hex(16, 8));
        assertThrows(IllegalArgumentException.class,
            () -> new LispDataHeaderEncoder().wrap(buffer, 0).nonceInstanceId(1 << 24, 0, 0));
    }

    @Test
    void shouldEncodeMapVersionsAndGpeNextProtocol()
    {
        new LispDataHeaderEncoder().wrap(buffer, 0).mapVersions(0xabc, 0x123).locatorStatusBits(0x3);
        final LispDataHeaderDecoder decoder = new LispDataHeaderDecoder().wrap(buffer, 0);
        assertEquals("50abc12300000003", hex(0, 8));
        assertEquals(0xabc, decoder.sourceMapVersion());
        assertEquals(0x123, decoder.destinationMapVersion());
        assertFalse(decoder.noncePresent());
        new LispDataHeaderEncoder().wrap(buffer, 0).nextProtocol(LispDataHeader.GPE_IPV6).instanceIdOnly(7);
        assertEquals("0c00000200000700", hex(0, 8));
        assertEquals(LispDataHeader.GPE_IPV6, new LispDataHeaderDecoder().wrap(buffer, 0).nextProtocol());
    }

    @Test
    void shouldRejectDataHeaderWithNonceAndMapVersionOrTooShort()
    {
        buffer.putLong(0, 0x90000000_00000000L, java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(DecodeStatus.NONCE_AND_MAP_VERSION, LispDataHeader.validate(buffer, 0, 8));
        assertEquals(DecodeStatus.TRUNCATED, LispDataHeader.validate(buffer, 0, 7));
    }

    @Test
    void shouldRejectOutOfRangeFieldsWhenChecksAreOn()
    {
        final LispDataHeaderEncoder encoder = new LispDataHeaderEncoder().wrap(buffer, 0);
        assertThrows(IllegalArgumentException.class, () -> encoder.nonce(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> encoder.instanceId(1 << 24, 0));
        encoder.instanceId((1 << 24) - 1, 0);
        assertEquals((1 << 24) - 1, new LispDataHeaderDecoder().wrap(buffer, 0).instanceId());
    }

    @Test
    void shouldRoundTripMapRequestWithEverything()
    {
        final MapRequestEncoder encoder = new MapRequestEncoder().wrap(buffer, 4)
            .flags(MapRequest.FLAG_S | MapRequest.FLAG_SMR_INVOKED).nonce(-2L)
            .sourceEidIpv4(5, 0x0a000001)
            .itrRlocIpv4(0xc0a80001)
            .itrRlocIpv6(0x20010db800000000L, 1L)
            .eidRecordIpv4(true, 5, 24, 0x0a010000)
            .eidRecordIpv6(false, 0, 128, 0x20010db8_00000001L, 2L);
        encoder.mapReplyRecord().ttl(60).eidIpv4(5, 32, 0x0a000001).locatorIpv4(1, 100, 255, 0, 1, 0xc0a80001);
        final int length = encoder.xtrId(11L, 12L, 13L).encodedLength();
        assertEquals(DecodeStatus.OK, MapRequest.validate(buffer, 4, length));

        final MapRequestDecoder decoder = new MapRequestDecoder().wrap(buffer, 4);
        assertEquals(length, decoder.encodedLength());
        assertTrue(decoder.smr() && decoder.smrInvoked() && decoder.mapReplyPresent() && decoder.xtrIdPresent());
        assertFalse(decoder.probe() || decoder.authoritative());
        assertEquals(-2L, decoder.nonce());
        assertEquals(2, decoder.itrRlocCount());
        assertEquals(2, decoder.recordCount());
        assertEquals(5, LispAddress.instanceId(buffer, decoder.sourceEidOffset()));
        assertEquals("[5]10.0.0.1", AddressText.toString(buffer, decoder.sourceEidOffset()));
        final int second = decoder.itrRlocOffset() + LispAddress.encodedLength(buffer, decoder.itrRlocOffset());
        assertEquals("2001:db8::1", AddressText.toString(buffer, second));
        final int record = decoder.recordsOffset();
        assertTrue(decoder.subscribe(record));
        assertEquals(24, decoder.maskLength(record));
        assertEquals("[5]10.1.0.0", AddressText.toString(buffer, record + 2));
        final int next = decoder.nextRecord(record);
        assertFalse(decoder.subscribe(next));
        assertEquals("2001:db8:0:1::2", AddressText.toString(buffer, next + 2));
        final MapRecordDecoder reply = decoder.mapReplyRecord();
        assertEquals(60, reply.ttl());
        assertEquals(1, reply.locators().count());
        assertEquals(11L, decoder.xtrIdHigh());
        assertEquals(12L, decoder.xtrIdLow());
        assertEquals(13L, decoder.siteId());

        for (int cut = 0; cut < length; cut++)
        {
            assertFalse(DecodeStatus.OK == MapRequest.validate(buffer, 4, cut), "prefix of " + cut + " bytes");
        }
        assertEquals(DecodeStatus.TRAILING_BYTES, MapRequest.validate(buffer, 4, length + 1));
    }

    @Test
    void shouldRefuseMapRequestPartsOutOfOrder()
    {
        final MapRequestEncoder encoder = new MapRequestEncoder().wrap(buffer, 0);
        assertThrows(IllegalStateException.class, () -> encoder.itrRlocIpv4(1));
        encoder.sourceEidNone();
        assertThrows(IllegalStateException.class, () -> encoder.eidRecordIpv4(false, 0, 32, 1));
    }

    @Test
    void shouldRoundTripMapReplyNegativeAndPositiveRecords()
    {
        final MapReplyEncoder encoder = new MapReplyEncoder().wrap(buffer, 0).flags(MapReply.FLAG_P).nonce(42L);
        encoder.addRecord().ttl(15).action(MapRecord.ACT_NATIVELY_FORWARD).eidIpv4(0, 8, 0x0b000000);
        encoder.addRecord().ttl(MapRecord.TTL_FOREVER).authoritative(true).mapVersion(0xfff)
            .eidMac(48, 0x0011_2233_4455L)
            .locatorIpv4(1, 50, 255, 0, MapRecord.LOCATOR_FLAG_R | MapRecord.LOCATOR_FLAG_L, 0x01020304)
            .locatorIpv6(2, 50, 255, 0, MapRecord.LOCATOR_FLAG_P, 0x20010db8_00000000L, 9L);
        final int length = encoder.encodedLength();
        assertEquals(DecodeStatus.OK, MapReply.validate(buffer, 0, length));
        final MapReplyDecoder decoder = new MapReplyDecoder().wrap(buffer, 0);
        assertTrue(decoder.probe());
        assertEquals(length, decoder.encodedLength());
        final MapRecordDecoder records = decoder.records();
        records.next();
        assertEquals(MapRecord.ACT_NATIVELY_FORWARD, records.action());
        assertEquals(0, records.locators().count());
        assertEquals("11.0.0.0", AddressText.toString(buffer, records.eidOffset()));
        records.next();
        assertEquals(MapRecord.TTL_FOREVER, records.ttl());
        assertTrue(records.authoritative());
        assertEquals(0xfff, records.mapVersion());
        assertEquals("00:11:22:33:44:55", AddressText.toString(buffer, records.eidOffset()));
        final LocatorDecoder locators = records.locators();
        locators.next();
        assertTrue(locators.reachable() && locators.local() && !locators.probed());
        assertEquals(0x01020304, locators.ipv4());
        locators.next();
        assertEquals(Afi.IPV6, locators.afi());
        assertTrue(locators.probed());
        assertFalse(records.hasNext());
    }

    @Test
    void shouldRejectMaskLongerThanTheAfiAllows()
    {
        final MapReplyEncoder encoder = new MapReplyEncoder().wrap(buffer, 0);
        encoder.addRecord().eidIpv4(0, 33, 0);
        assertEquals(DecodeStatus.BAD_MASK_LENGTH, MapReply.validate(buffer, 0, encoder.encodedLength()));
        new MapReplyEncoder().wrap(buffer, 0).addRecord().eidIpv6(7, 129, 0, 0);
        assertEquals(DecodeStatus.BAD_MASK_LENGTH, MapReply.validate(buffer, 0, 12 + 10 + 30));
    }

    @Test
    void shouldRoundTripMapNotifyAckWithXtrId()
    {
        final MapRegisterEncoder encoder = new MapRegisterEncoder().wrap(buffer, 0, MessageType.MAP_NOTIFY_ACK)
            .nonce(7L).authentication(LispAuthenticator.HMAC_SHA_256, 32);
        encoder.addRecord().ttl(1).eidIpv4(0, 32, 0x0a000001).locatorIpv4(1, 1, 1, 1, 1, 1);
        final int length = encoder.xtrId(-1L, -2L, -3L).encodedLength();
        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, length));
        final MapRegisterDecoder decoder = new MapRegisterDecoder().wrap(buffer, 0);
        assertEquals(MessageType.MAP_NOTIFY_ACK, decoder.type());
        assertTrue(decoder.flag(MapRegister.NOTIFY_FLAG_I));
        assertTrue(decoder.xtrIdPresent());
        assertEquals(-3L, decoder.siteId());
        assertEquals(length, decoder.encodedLength());
        assertFalse(decoder.wantMapNotify());
    }

    @Test
    void shouldReadTheXtrIdWhileIteratingRecordsWithoutDisturbingTheIteration()
    {
        final MapRegisterEncoder encoder = new MapRegisterEncoder().wrap(buffer, 0, MessageType.MAP_REGISTER)
            .nonce(1L).authentication(LispAuthenticator.HMAC_SHA_1, 20);
        for (int i = 0; i < 3; i++)
        {
            encoder.addRecord().ttl(i).eidIpv4(0, 32, i).locatorIpv4(1, 1, 1, 1, 1, i);
        }
        final int length = encoder.xtrId(7L, 8L, 9L).encodedLength();
        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, length));
        final MapRegisterDecoder decoder = new MapRegisterDecoder().wrap(buffer, 0);
        final MapRecordDecoder records = decoder.records();
        int seen = 0;
        while (records.hasNext())
        {
            assertEquals(seen, records.next().ttl());
            assertEquals(7L, decoder.xtrIdHigh());
            assertEquals(9L, decoder.siteId());
            seen++;
        }
        assertEquals(3, seen);
        assertEquals(length, decoder.encodedLength());
    }

    @Test
    void shouldRoundTripMapReferralWithSignatureSection()
    {
        final MapReplyEncoder encoder = new MapReplyEncoder().wrap(buffer, 0, MessageType.MAP_REFERRAL).nonce(9L);
        final MapRecordEncoder record = encoder.addRecord().ttl(1440).action(MapRecord.REFERRAL_MS).incomplete(true)
            .versionField(0x1000).eidIpv4(0, 16, 0x0a000000).locatorIpv4(1, 1, 0, 0, 1, 0x0a0a0a0a);
        final int signature = record.limit();
        buffer.setMemory(signature, 20, (byte)0);
        buffer.putShort(signature + 14, (short)4, java.nio.ByteOrder.BIG_ENDIAN);
        final int length = record.encodedLength() + 12 + 24;
        assertEquals(DecodeStatus.OK, MapReferral.validate(buffer, 0, length));
        assertEquals(DecodeStatus.TRUNCATED, MapReferral.validate(buffer, 0, length - 1));
        final MapRecordDecoder records = new MapReferralDecoder().wrap(buffer, 0).records();
        records.next();
        assertEquals(1, records.signatureCount());
        assertTrue(records.incomplete());
        assertEquals(MapRecord.REFERRAL_MS, records.action());
        assertEquals(length - 12, records.encodedLength());
    }

    @Test
    void shouldRoundTripInfoRequestAndReply()
    {
        final InfoEncoder encoder = new InfoEncoder().wrap(buffer, 0, false, 5L, 1, 20).eidIpv4(1440, 0, 32, 0x0a000001)
            .noNatAddress();
        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, encoder.encodedLength()));
        final int length = new InfoEncoder().wrap(buffer, 0, true, 5L, 1, 20).eidIpv4(1440, 0, 32, 0x0a000001)
            .natTraversalIpv4(4342, 61000, 0x01010101, 0x02020202, 0x0a000001, 0x03030303).encodedLength();
        assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, length));
        final InfoDecoder decoder = new InfoDecoder().wrap(buffer, 0);
        assertTrue(decoder.reply());
        assertEquals(length, decoder.encodedLength());
        assertEquals("nat(ms-port 4342, etr-port 61000, 1.1.1.1, 2.2.2.2, 10.0.0.1, 3.3.3.3)",
            AddressText.toString(buffer, decoder.natOffset()));
    }

    @Test
    void shouldRoundTripEcmWithIpv4AndIpv6InnerHeaders()
    {
        for (final boolean v6 : new boolean[] {false, true})
        {
            final EcmEncoder ecm = new EcmEncoder().wrap(buffer, 0).flags(Ecm.FLAG_M);
            if (v6)
            {
                ecm.innerIpv6(1L, 2L, 3L, 4L, 4342, 4342);
            }
            else
            {
                ecm.innerIpv4(0xc0a80001, 0x0a000001, 61001, 4342);
            }
            final int inner = new MapRequestEncoder().wrap(buffer, ecm.messageOffset()).nonce(1L)
                .sourceEidNone().itrRlocIpv4(0xc0a80001).eidRecordIpv4(false, 0, 32, 0x0a000001).encodedLength();
            final int length = ecm.finish(inner);
            assertEquals(DecodeStatus.OK, ControlHeader.validate(buffer, 0, length));
            final EcmDecoder decoder = new EcmDecoder().wrap(buffer, 0);
            assertEquals(v6 ? 6 : 4, decoder.innerIpVersion());
            assertEquals(inner, decoder.messageLength());
            assertEquals(length, decoder.encodedLength());
            assertEquals(v6 ? 4342 : 61001, decoder.innerSourcePort());
            final int udp = decoder.messageOffset() - Ecm.UDP_HEADER_LENGTH;
            if (v6)
            {
                assertTrue(UdpHeader.isChecksumValidIpv6(buffer, udp, inner + 8, buffer, 4, false));
            }
            else
            {
                assertTrue(Ipv4Header.isChecksumValid(buffer, 4), "IPv4 header checksum");
                assertTrue(UdpHeader.isChecksumValidIpv4(buffer, udp, inner + 8, 0xc0a80001, 0x0a000001, false));
            }
        }
    }

    @Test
    void shouldEncodeAndPrintLcafAddresses()
    {
        int at = AddressEncoder.putLcafHeader(buffer, 0, Lcaf.SOURCE_DEST, 0, 0, 0);
        buffer.putInt(at, 0x0000_1820, java.nio.ByteOrder.BIG_ENDIAN);
        at += 4;
        at += AddressEncoder.putIpv4(buffer, at, 0x0a000000);
        at += AddressEncoder.putIpv4(buffer, at, 0x0b000000);
        final int length = AddressEncoder.finishLcaf(buffer, 0, at);
        assertEquals(length, LispAddress.validate(buffer, 0, length));
        assertEquals("(10.0.0.0/24, 11.0.0.0/32)", AddressText.toString(buffer, 0));
        assertEquals(DecodeStatus.TRUNCATED, LispAddress.validate(buffer, 0, length - 1));
        buffer.putShort(Lcaf.LENGTH_OFFSET, (short)(length - 8 - 1), java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(DecodeStatus.LCAF_LENGTH_MISMATCH, LispAddress.validate(buffer, 0, length));

        final int name = AddressEncoder.putDistinguishedName(buffer, 100, "david");
        assertEquals(name, LispAddress.validate(buffer, 100, 100 + name));
        assertEquals("david", AddressText.toString(buffer, 100));
        assertEquals(DecodeStatus.TRUNCATED, LispAddress.validate(buffer, 100, 100 + name - 1));
    }

    @Test
    void shouldStopAtTheLcafNestingLimit()
    {
        int at = 0;
        for (int i = 0; i < Lcaf.MAX_DEPTH + 1; i++)
        {
            at += AddressEncoder.putInstanceIdHead(buffer, at, i, 32);
        }
        at += AddressEncoder.putIpv4(buffer, at, 1);
        for (int i = Lcaf.MAX_DEPTH; i >= 0; i--)
        {
            AddressEncoder.finishLcaf(buffer, i * AddressEncoder.INSTANCE_ID_PREFIX_LENGTH, at);
        }
        assertEquals(DecodeStatus.LCAF_TOO_DEEP, LispAddress.validate(buffer, 0, at));
    }
}
