/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.fmc4j.api.Afi;
import io.fmc4j.api.DecodeStatus;
import io.fmc4j.api.LispPorts;
import io.fmc4j.api.MessageType;
import io.fmc4j.api.mapcache.EidPrefix;
import io.fmc4j.core.codec.AddressText;
import io.fmc4j.core.codec.EcmEncoder;
import io.fmc4j.core.codec.LocatorDecoder;
import io.fmc4j.core.codec.MapRecord;
import io.fmc4j.core.codec.MapRecordDecoder;
import io.fmc4j.core.codec.MapReply;
import io.fmc4j.core.codec.MapReplyDecoder;
import io.fmc4j.core.codec.MapRequestEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fmc4j lig EID --resolver ADDR[:PORT]}: sends an ECM Map-Request to a Map-Resolver and prints the
 * mapping as the classic {@code lig} does (EID prefix, TTL, locators with priority/weight and state, RTT).
 */
@Command(
    name = "lig",
    mixinStandardHelpOptions = true,
    description = {
        "Ask a Map-Resolver for the mapping of an EID (ECM Map-Request) and print the reply.",
        "Example: fmc4j lig 10.1.0.5 --resolver 192.0.2.10",
        "         fmc4j lig [5]2001:5::1 --resolver [2001:db8::a]:4342 --timeout 1000 --retries 3"})
public final class LigCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "EID (IPv4 or IPv6, [iid] in front for an instance).")
    String eid;

    @Option(names = "--resolver", required = true, description = "Map-Resolver ADDR[:PORT] (port 4342 default).")
    String resolver;

    @Option(names = "--timeout", defaultValue = "2000", description = "Milliseconds to wait per try (default 2000).")
    int timeoutMs;

    @Option(names = "--retries", defaultValue = "2", description = "Retries after the first try (default 2).")
    int retries;

    @Option(names = "--port", defaultValue = "0", description = "Local UDP port (default: any).")
    int localPort;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final EidPrefix target;
        final InetSocketAddress mr;
        try
        {
            final String text = eid.contains("/") ? eid : eid + (eid.contains(":") ? "/128" : "/32");
            target = EidPrefix.parse(text);
            mr = resolverAddress(resolver);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        if (target.afi() != Afi.IPV4 && target.afi() != Afi.IPV6)
        {
            err.println("lig needs an IPv4 or IPv6 EID: " + eid);
            return 2;
        }
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.bind(new InetSocketAddress(mr.getAddress() instanceof Inet4Address ? "0.0.0.0" : "::", localPort));
            channel.connect(mr);
            final InetSocketAddress local = (InetSocketAddress)channel.getLocalAddress();
            final byte[] itr = local.getAddress().getAddress();
            final long nonce = new SecureRandom().nextLong();
            final UnsafeBuffer tx = new UnsafeBuffer(new byte[512]);
            final int length = encode(tx, nonce, target, itr, local.getPort());
            final ByteBuffer rx = ByteBuffer.allocate(4096);
            final UnsafeBuffer rxView = new UnsafeBuffer(rx);
            channel.configureBlocking(false);
            for (int attempt = 0; attempt <= retries; attempt++)
            {
                out.println("Send map-request to " + mr.getAddress().getHostAddress() + ":" + mr.getPort() +
                    " for " + eid + " ...");
                out.flush();
                final long sent = System.nanoTime();
                channel.write(ByteBuffer.wrap(tx.byteArray(), 0, length));
                final long deadline = sent + timeoutMs * 1_000_000L;
                while (System.nanoTime() < deadline)
                {
                    rx.clear();
                    final int n = channel.read(rx);
                    if (n <= 0)
                    {
                        Thread.sleep(1);
                        continue;
                    }
                    if (MapReply.validate(rxView, 0, n) != DecodeStatus.OK ||
                        MessageType.of(rxView.getByte(0) & 0xFF) != MessageType.MAP_REPLY)
                    {
                        continue;
                    }
                    final MapReplyDecoder reply = new MapReplyDecoder().wrap(rxView, 0);
                    if (reply.nonce() != nonce)
                    {
                        continue;
                    }
                    final double rtt = (System.nanoTime() - sent) / 1e9;
                    out.println("Received map-reply from " + mr.getAddress().getHostAddress() + ":" + mr.getPort() +
                        String.format(Locale.ROOT, " with rtt %.5f secs", rtt));
                    out.println();
                    print(out, reply);
                    out.flush();
                    return 0;
                }
            }
            out.println("*** No map-reply received ***");
            out.flush();
            return 1;
        }
    }

    static int encode(final UnsafeBuffer tx, final long nonce, final EidPrefix target, final byte[] itr, final int port)
    {
        final EcmEncoder ecm = new EcmEncoder().wrap(tx, 0);
        if (itr.length == 4)
        {
            final int itr4 = ByteBuffer.wrap(itr).getInt();
            final int dst = target.afi() == Afi.IPV4 ? (int)(target.hi() >>> 32) : 0;
            ecm.innerIpv4(itr4, dst, port, LispPorts.CONTROL);
        }
        else
        {
            final ByteBuffer b = ByteBuffer.wrap(itr);
            ecm.innerIpv6(b.getLong(), b.getLong(), target.hi(), target.lo(), port, LispPorts.CONTROL);
        }
        final MapRequestEncoder req = new MapRequestEncoder().wrap(tx, ecm.messageOffset()).nonce(nonce)
            .sourceEidNone();
        if (itr.length == 4)
        {
            req.itrRlocIpv4(ByteBuffer.wrap(itr).getInt());
        }
        else
        {
            final ByteBuffer b = ByteBuffer.wrap(itr);
            req.itrRlocIpv6(b.getLong(), b.getLong());
        }
        if (target.afi() == Afi.IPV4)
        {
            req.eidRecordIpv4(false, target.instanceId(), target.maskLength(), (int)(target.hi() >>> 32));
        }
        else
        {
            req.eidRecordIpv6(false, target.instanceId(), target.maskLength(), target.hi(), target.lo());
        }
        return ecm.finish(req.encodedLength());
    }

    static void print(final PrintWriter out, final MapReplyDecoder reply)
    {
        final MapRecordDecoder records = reply.records();
        while (records.hasNext())
        {
            final MapRecordDecoder r = records.next();
            final StringBuilder sb = new StringBuilder(128).append("Mapping entry for EID '");
            AddressText.appendTo(sb, r.buffer(), r.eidOffset()).append('/').append(r.maskLength()).append("':");
            out.println(sb);
            final long ttl = r.ttl();
            out.println("  record ttl: " + (ttl == 0xFFFF_FFFFL ? "forever" : ttl + " min") +
                (r.authoritative() ? ", auth" : ", not auth") +
                (r.locatorCount() == 0 ? ", negative, action: " + MapRecord.actionName(r.action()) : ""));
            if (r.locatorCount() > 0)
            {
                out.println(String.format(Locale.ROOT, "  %-40s %-6s %s", "Locator", "State", "Priority/Weight"));
                final LocatorDecoder l = r.locators();
                while (l.hasNext())
                {
                    l.next();
                    final String address = AddressText.appendTo(new StringBuilder(), l.buffer(), l.addressOffset())
                        .toString();
                    out.println(String.format(Locale.ROOT, "  %-40s %-6s %d/%d", address,
                        l.reachable() ? "up" : "down", l.priority(), l.weight()));
                }
            }
        }
    }

    static InetSocketAddress resolverAddress(final String text)
    {
        String host = text;
        int port = LispPorts.CONTROL;
        if (text.startsWith("["))
        {
            final int close = text.indexOf(']');
            if (close < 0)
            {
                throw new IllegalArgumentException("unclosed '[' in " + text);
            }
            host = text.substring(1, close);
            if (text.length() > close + 1)
            {
                port = Integer.parseInt(text.substring(close + 2));
            }
        }
        else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':'))
        {
            host = text.substring(0, text.indexOf(':'));
            port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown resolver host: " + host, ex);
        }
    }
}
