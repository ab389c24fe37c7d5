/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.tshark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code tshark} (Wireshark 4.x) on a capture and parses its JSON, so tests can compare the project's
 * decoders with Wireshark's dissectors.
 * <pre>
 * Tshark.assumeAvailable();
 * for (TsharkFrame frame : Tshark.decode(path))
 * {
 *     JsonNode lisp = frame.lastLayer("lisp");            // an ECM has two lisp layers: outer ECM, inner message
 *     String type = TsharkFrame.field(lisp, "lisp.type");
 * }
 * </pre>
 * The command line is {@code tshark -r FILE -T json --no-duplicate-keys} plus {@link #DEFAULT_OPTIONS}:
 * checksum validation on, and LISP forced on its ports. {@code --no-duplicate-keys} matters: without it tshark
 * prints repeated keys (two {@code lisp.mapping} objects, or the two {@code lisp} layers of an ECM) in one JSON
 * object, and any JSON parser keeps only the last; with it they become arrays, which {@link TsharkFrame}
 * flattens. tshark runs with an empty {@code WIRESHARK_CONFIG_DIR} so that no personal preference changes the
 * output, and is killed after {@link #TIMEOUT}.
 * <p>
 * Field names tshark 4.0.17 emits for the shared vectors (layer {@code lisp}; values are strings, numbers in
 * decimal or {@code 0x} hex):
 * <ul>
 *     <li>every message: {@code lisp.type}; Map-Request, Map-Reply, Map-Register, Map-Notify: {@code lisp.nonce}
 *     (16 hex digits), {@code lisp.records}.</li>
 *     <li>Map-Request: {@code lisp.mreq.flags} with {@code lisp.mreq.flags_tree} ({@code .auth .mrp .probe .smr
 *     .pitr .smri}), {@code lisp.mreq.res}, {@code lisp.irc}, {@code lisp.mreq.srceid.afi},
 *     {@code lisp.mreq.srceid.ipv4} / {@code lisp.mreq.srceid_ipv6} / {@code lisp.mreq.srceid.string},
 *     {@code lisp.mreq.itr_rloc} objects ({@code lisp.mreq.itr_rloc.afi}, {@code lisp.mreq.itr_rloc_ipv4}),
 *     {@code lisp.mreq.record} objects ({@code .res .prefix.length .prefix.afi .prefix.ipv4 .prefix.ipv6}), and
 *     for a Map-Reply record in the request {@code lisp.mrep.record}.</li>
 *     <li>Map-Reply: {@code lisp.mrep.flags.probe .enlr .sec}, {@code lisp.mrep.res}.</li>
 *     <li>Map-Register: {@code lisp.mreg.flags.pmr .sec .xtrid .rtr .wmn}, {@code lisp.mreg.res}; Map-Notify:
 *     {@code lisp.mnot.flags.xtrid .rtr}, {@code lisp.mnot.res}; both: {@code lisp.keyid} (Key ID and Algorithm
 *     ID read as one 16-bit field), {@code lisp.authlen}, {@code lisp.auth} (colon hex), and with the I bit
 *     {@code lisp.xtrid}, {@code lisp.siteid}.</li>
 *     <li>ECM: {@code lisp.ecm.flags.sec .ddt}, {@code lisp.ecm.res}, then the inner ipv4/ipv6, udp and second
 *     lisp layers.</li>
 *     <li>Mapping records: {@code lisp.mapping} objects with {@code lisp.mapping.ttl .loccnt .eid.masklen .act
 *     .auth .res1 .res2 .ver .eid.afi .eid.ipv4 .eid.ipv6 .eid.dn}, and {@code lisp.loc} objects with
 *     {@code lisp.loc.priority .weight .multicast_priority .multicast_weight .flags .afi .locator} and
 *     {@code lisp.loc.flags_tree} ({@code .res .local .probe .reach}).</li>
 *     <li>LCAF: {@code lisp.lcaf} with {@code lisp.lcaf.header_tree} ({@code lisp.lcaf.res1 .flags .type .res2
 *     .length}); per type {@code lisp.lcaf.iid} (+ {@code .afi .ipv4}), {@code lisp.lcaf.afi_list.item
 *     .afi .ipv4 .ipv6}, {@code lisp.lcaf.srcdst.res .src .src.masklen .src.afi .src.ipv4} (and {@code dst}),
 *     {@code lisp.lcaf.kv_key .afi .ipv4}, {@code lisp.lcaf.kv_value .afi .ipv4}, {@code lisp.lcaf.elp_hop
 *     .afi .ipv4 .flags} with {@code lisp.lcaf_elp_hop.flags.strict} and {@code lisp.lcaf.elp_hop.flags_tree}.
 *     </li>
 *     <li>What it cannot decode: {@code lisp.undecoded}, {@code lisp.unexpected_field}; malformed frames get a
 *     {@code _ws.malformed} layer.</li>
 * </ul>
 * Elsewhere: {@code frame.number}, {@code frame.cap_len}, {@code frame.len}; {@code ip.checksum.status} and
 * {@code udp.checksum.status} (0 bad, 1 good, 2 unverified, 3 not present); {@code udp.srcport},
 * {@code udp.dstport}, {@code udp.length}.
 */
public final class Tshark
{
    /** Options added to every run. */
    public static final List<String> DEFAULT_OPTIONS = List.of(
        "-o", "ip.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE",
        "-d", "udp.port==4342,lisp",
        "-d", "udp.port==4341,lisp-data");

    /** Longest a single tshark run may take before it is killed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Environment variable naming a tshark binary, checked before {@code PATH}. */
    public static final String TSHARK_ENV = "TSHARK";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tshark()
    {
    }

    /**
     * Finds tshark: {@code $TSHARK}, then each directory of {@code PATH}.
     *
     * @return its path, or empty.
     */
    public static Optional<Path> locate()
    {
        final String explicit = System.getenv(TSHARK_ENV);
        if (explicit != null && !explicit.isBlank())
        {
            final Path path = Path.of(explicit);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        final String pathVariable = System.getenv("PATH");
        if (pathVariable == null)
        {
            return Optional.empty();
        }
        for (final String directory : pathVariable.split(File.pathSeparator))
        {
            if (directory.isEmpty())
            {
                continue;
            }
            final Path candidate = Path.of(directory, "tshark");
            if (Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test, with a message saying what to install, when tshark is absent.
     *
     * @return tshark's path.
     */
    public static Path assumeAvailable()
    {
        final Optional<Path> tshark = locate();
        assumeTrue(tshark.isPresent(),
            "tshark not found ($TSHARK or PATH): install the Debian package 'tshark' to run the Wireshark " +
            "cross-checks");
        return tshark.get();
    }

    /**
     * Decodes a capture with tshark.
     *
     * @param capture pcap file.
     * @param extraOptions more tshark options, e.g. {@code "-Y", "lisp"}.
     * @return one entry per frame tshark printed, in order.
     * @throws IOException if tshark cannot run, fails, times out or prints something that is not JSON.
     */
    public static List<TsharkFrame> decode(final Path capture, final String... extraOptions) throws IOException
    {
        final Path tshark = locate().orElseThrow(() -> new IOException("tshark not found ($TSHARK or PATH)"));
        final List<String> command = new ArrayList<>();
        command.add(tshark.toString());
        command.add("-r");
        command.add(capture.toString());
        command.add("-T");
        command.add("json");
        command.add("--no-duplicate-keys");
        command.addAll(DEFAULT_OPTIONS);
        Collections.addAll(command, extraOptions);

        final Path work = Files.createTempDirectory("fmc4j-tshark");
        final Path out = work.resolve("out.json");
        final Path err = work.resolve("err.txt");
        final Path config = Files.createDirectory(work.resolve("config"));
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
            final Process process = builder.start();
            final boolean exited;
            try
            {
                exited = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + String.join(" ", command), ex);
            }
            if (!exited)
            {
                process.destroyForcibly();
                throw new IOException("tshark did not finish within " + TIMEOUT + ": " + String.join(" ", command));
            }
            if (process.exitValue() != 0)
            {
                throw new IOException("tshark exited with " + process.exitValue() + ": " +
                    String.join(" ", command) + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            final JsonNode root = JSON.readTree(out.toFile());
            if (root == null || root.isMissingNode())
            {
                return List.of();
            }
            if (!root.isArray())
            {
                throw new IOException("tshark JSON is not an array of packets: " + capture);
            }
            final List<TsharkFrame> frames = new ArrayList<>(root.size());
            for (final JsonNode packet : root)
            {
                frames.add(new TsharkFrame(packet.path("_source").path("layers")));
            }
            return frames;
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(config);
            Files.deleteIfExists(work);
        }
    }
}
