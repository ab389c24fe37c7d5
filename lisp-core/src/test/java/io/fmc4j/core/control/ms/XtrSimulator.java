/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.control.ms;

import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LispAuthenticator;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordEncoder;
import io.fmc4j.core.codec.MapRegister;
import io.fmc4j.core.codec.MapRegisterDecoder;
import io.fmc4j.core.codec.MapRegisterEncoder;
import io.fmc4j.core.codec.MapRequest;
import io.fmc4j.core.codec.MapRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes what an xTR sends to a Map-Server (Map-Register, ECM Map-Request, Map-Notify-Ack), for tests.
 */
final class XtrSimulator
{
    final LispAuthenticator auth;
    final long xtrIdHi;
    final long xtrIdLo;
    final int rloc;
    private final MapRegisterEncoder register = new MapRegisterEncoder();
    private final MapRegisterDecoder decoder = new MapRegisterDecoder();
    private final MapRequestEncoder request = new MapRequestEncoder();
    private final EcmEncoder ecm = new EcmEncoder();

    XtrSimulator(final int algorithm, final byte[] secret, final long xtrIdHi, final long xtrIdLo, final int rloc)
    {
        this.auth = new LispAuthenticator(algorithm, 0, secret);
        this.xtrIdHi = xtrIdHi;
        this.xtrIdLo = xtrIdLo;
        this.rloc = rloc;
    }

    /**
     * One-record Map-Register for an IPv4 prefix with this xTR's RLOC as locator.
     */
    int mapRegister(
        final MutableDirectBuffer buffer, final long nonce, final int flags, final int eid, final int mask,
        final int ttl, final int priority)
    {
        final MapRegisterEncoder r = register.wrap(buffer, 0, MessageType.MAP_REGISTER).flags(flags).nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        final MapRecordEncoder rec = r.addRecord().ttl(ttl).authoritative(true).eidIpv4(0, mask, eid);
        rec.locatorIpv4(priority, 100, 255, 0, MapRecord.LOCATOR_FLAG_R, rloc);
        if (xtrIdHi != 0 || xtrIdLo != 0)
        {
            r.xtrId(xtrIdHi, xtrIdLo, 7);
        }
        final int length = r.encodedLength();
        auth.sign(buffer, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    /**
     * One-record Map-Register for an IPv6 prefix with an IPv6 locator.
     */
    int mapRegisterIpv6(
        final MutableDirectBuffer buffer, final long nonce, final int flags, final long eidHi, final long eidLo,
        final int mask, final long rlocHi, final long rlocLo)
    {
        final MapRegisterEncoder r = register.wrap(buffer, 0, MessageType.MAP_REGISTER).flags(flags).nonce(nonce)
            .authentication(auth.keyIdField(), auth.macLength());
        r.addRecord().ttl(60).authoritative(true).eidIpv6(0, mask, eidHi, eidLo)
            .locatorIpv6(1, 50, 255, 0, MapRecord.LOCATOR_FLAG_R, rlocHi, rlocLo);
        final int length = r.encodedLength();
        auth.sign(buffer, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    /**
     * ECM-encapsulated Map-Request for an IPv6 EID with an IPv4 ITR-RLOC.
     */
    int ecmMapRequestIpv6(final MutableDirectBuffer buffer, final long nonce, final long eidHi, final long eidLo)
    {
        final EcmEncoder e = ecm.wrap(buffer, 0).innerIpv6(0x2001_0db8_0000_0000L, 1, eidHi, eidLo,
            LispPorts.CONTROL, LispPorts.CONTROL);
        final int at = e.messageOffset();
        final MapRequestEncoder r = request.wrap(buffer, at).nonce(nonce).sourceEidNone().itrRlocIpv4(rloc)
            .eidRecordIpv6(false, 0, 128, eidHi, eidLo);
        return e.finish(r.encodedLength());
    }

    /**
     * ECM-encapsulated Map-Request for an IPv4 EID from this xTR's RLOC.
     */
    int ecmMapRequest(
        final MutableDirectBuffer buffer, final long nonce, final int eid, final boolean subscribe)
    {
        return ecmMapRequest(buffer, nonce, eid, subscribe, LispPorts.CONTROL);
    }

    /**
     * ECM-encapsulated Map-Request whose inner UDP source port (where the Map-Reply goes) is given.
     */
    int ecmMapRequest(
        final MutableDirectBuffer buffer, final long nonce, final int eid, final boolean subscribe,
        final int replyPort)
    {
        final int flags = subscribe ? MapRequest.FLAG_I : 0;
        final EcmEncoder e = ecm.wrap(buffer, 0).innerIpv4(rloc, eid, replyPort, LispPorts.CONTROL);
        final int at = e.messageOffset();
        final MapRequestEncoder r = request.wrap(buffer, at).flags(flags).nonce(nonce).sourceEidNone()
            .itrRlocIpv4(rloc).eidRecordIpv4(subscribe, 0, 32, eid);
        if (subscribe)
        {
            r.xtrId(xtrIdHi, xtrIdLo, 7);
        }
        return e.finish(r.encodedLength());
    }

    /**
     * Map-Notify-Ack for a received Map-Notify: same body, type 5, signed with this xTR's key.
     */
    int ack(final MutableDirectBuffer buffer, final DirectBuffer notify, final int offset, final int length)
    {
        buffer.putBytes(0, notify, offset, length);
        buffer.putByte(0, (byte)((MessageType.MAP_NOTIFY_ACK << 4) | (buffer.getByte(0) & 0x0F)));
        decoder.wrap(buffer, 0);
        buffer.setMemory(MapRegister.AUTH_OFFSET, decoder.authLength(), (byte)0);
        auth.sign(buffer, 0, length, MapRegister.AUTH_OFFSET);
        return length;
    }

    boolean verify(final DirectBuffer buffer, final int offset, final int length)
    {
        decoder.wrap(buffer, offset);
        return auth.verify(buffer, offset, length, MapRegister.AUTH_OFFSET, decoder.authLength());
    }
}
