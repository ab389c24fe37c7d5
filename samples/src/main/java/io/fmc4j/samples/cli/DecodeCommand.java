/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.api.LispPorts;
import io.fmc4j.samples.pcap.PcapFormatException;
import io.fmc4j.samples.pcap.PcapReader;
import io.fmc4j.samples.pcap.UdpDatagramExtractor;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code fmc4j decode FILE.pcap}: one JSON object per line for every UDP datagram on a LISP port.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
        "Decode the LISP messages in a classic pcap file: one JSON object per line for every UDP datagram",
        "on port 4341 (data) or 4342 (control). Malformed packets get an \"error\" key; the run goes on.",
    })
final class DecodeCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "a classic pcap file (not pcapng)")
    private Path file;

    @Option(names = "--key", paramLabel = "SECRET",
        description = "shared secret: adds \"valid\" to the \"auth\" of Map-Register, Map-Notify and Info messages")
    private String key;

    private final PrintStream out;
    private final PrintStream err;

    DecodeCommand()
    {
        this(System.out, System.err);
    }

    DecodeCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final LispJson json = new LispJson(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        final UdpDatagramExtractor extractor = new UdpDatagramExtractor();
        final StringBuilder sb = new StringBuilder(4096);
        int frames = 0;
        try (PcapReader reader = PcapReader.open(file))
        {
            while (reader.next())
            {
                frames++;
                final DirectBuffer frame = reader.frame();
                if (extractor.extract(reader.linkType(), frame, 0, reader.capturedLength()) != UdpDatagramExtractor.OK)
                {
                    continue;
                }
                final int port = lispPort(extractor.sourcePort(), extractor.destinationPort());
                if (port < 0)
                {
                    continue;
                }
                sb.setLength(0);
                sb.append("{\"frame\":").append(reader.frameIndex()).append(",\"port\":").append(port).append(',');
                try
                {
                    json.appendPayload(sb, port, frame, extractor.payloadOffset(), extractor.capturedPayloadLength());
                }
                catch (final RuntimeException ex)
                {
                    sb.setLength(0);
                    sb.append("{\"frame\":").append(reader.frameIndex()).append(",\"port\":").append(port)
                        .append(",\"type\":\"unknown\",\"error\":\"internal: ");
                    LispJson.escape(sb, String.valueOf(ex)).append('"');
                }
                out.println(sb.append('}'));
            }
            return 0;
        }
        catch (final PcapFormatException ex)
        {
            out.flush();
            err.println("fmc4j decode: " + file + ": " + ex.getMessage() + " (after " + frames + " frames)");
            return 1;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("fmc4j decode: no such file: " + file);
            return 2;
        }
        catch (final IOException ex)
        {
            err.println("fmc4j decode: cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
    }

    static int lispPort(final int sourcePort, final int destinationPort)
    {
        if (destinationPort == LispPorts.DATA || destinationPort == LispPorts.CONTROL)
        {
            return destinationPort;
        }
        if (sourcePort == LispPorts.DATA || sourcePort == LispPorts.CONTROL)
        {
            return sourcePort;
        }
        return -1;
    }
}
