/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the outputs of the {@code xl} toolstack: {@code xl list}, {@code xl list -l} (JSON) and the progress
 * lines {@code xl migrate} writes to standard error.
 */
public final class XlParser
{
    /** A line of {@code xl migrate} this parser does not know. */
    public static final int OTHER = 0;
    /** Target: {@code migration target: Ready to receive domain.} (the transport is up). */
    public static final int TARGET_READY = 1;
    /** Sender: {@code Saving to migration stream new xl format ...} (the memory stream starts). */
    public static final int SAVING = 2;
    /** libxc: {@code xc: ...: Frames iteration N of M: done/total  P%} (pre-copy progress, when shown). */
    public static final int PROGRESS = 3;
    /** Target: {@code migration target: Transfer complete, requesting permission to start domain.} */
    public static final int TRANSFER_COMPLETE = 4;
    /** Sender: {@code migration sender: Target has acknowledged transfer.} */
    public static final int ACKNOWLEDGED = 5;
    /** Sender: {@code migration sender: Giving target permission to start.} (point of no return). */
    public static final int PERMISSION_GIVEN = 6;
    /** Target: {@code migration target: Domain started successsfully.} (sic, as xl prints it). */
    public static final int TARGET_STARTED = 7;
    /** Sender: {@code migration sender: Target reports successful startup.} */
    public static final int STARTUP_REPORTED = 8;
    /** Sender: {@code Migration successful.} */
    public static final int SUCCESS = 9;
    /** Sender: {@code Migration failed, resuming at sender.} and similar failures after which the source runs. */
    public static final int FAILED_SOURCE_RESUMED = 10;
    /** Sender: {@code ** Migration failed during final handshake **}: the domain state is undefined. */
    public static final int FAILED_UNDEFINED = 11;
    /** An error line ({@code libxl: error: ...}, {@code xc: error: ...}, {@code ssh: ...}). */
    public static final int ERROR = 12;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LIST_ROW = Pattern.compile(
        "^(\\S.*?)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([-a-zA-Z]{6})\\s+([0-9.]+)\\b.*$");
    private static final Pattern PROGRESS_LINE = Pattern.compile(
        "(?:^|\\s)xc: \\w+: Frames iteration (\\d+) of (\\d+): (\\d+)/(\\d+)\\s+(\\d+)%");

    private XlParser()
    {
    }

    /**
     * Parse {@code xl list}. The header and lines that do not have the row format are skipped.
     *
     * @param text the standard output.
     * @return the domains, Domain-0 included.
     */
    public static List<XlDomain> parseList(final String text)
    {
        final List<XlDomain> domains = new ArrayList<>();
        for (final String line : text.split("\\R"))
        {
            final Matcher matcher = LIST_ROW.matcher(line);
            if (matcher.matches() && !line.startsWith("Name "))
            {
                try
                {
                    domains.add(new XlDomain(matcher.group(1).trim(), Integer.parseInt(matcher.group(2)),
                        Long.parseLong(matcher.group(3)), Integer.parseInt(matcher.group(4)), matcher.group(5),
                        Double.parseDouble(matcher.group(6))));
                }
                catch (final NumberFormatException ignore)
                {
                    // Not a row after all (numbers out of range): skipped.
                }
            }
        }
        return domains;
    }

    /**
     * What {@code xl list -l} says about one domain.
     *
     * @param domid       domain id, -1 when absent.
     * @param name        {@code config.c_info.name}.
     * @param type        {@code config.c_info.type} ({@code pv}, {@code pvh}, {@code hvm}).
     * @param uuid        {@code config.c_info.uuid}, or null.
     * @param maxMemoryKb {@code config.b_info.max_memkb}, -1 when absent.
     * @param targetMemoryKb {@code config.b_info.target_memkb}, -1 when absent.
     */
    public record DomainConfig(int domid, String name, String type, String uuid, long maxMemoryKb,
        long targetMemoryKb)
    {
    }

    /**
     * Parse {@code xl list -l}: a JSON array of {@code {"domid": N, "config": libxl_domain_config}}.
     *
     * @param json the standard output.
     * @return one entry per domain that has a name.
     * @throws IOException when the text is not such an array.
     */
    public static List<DomainConfig> parseListLong(final String json) throws IOException
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new IOException("xl list -l: not JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isArray())
        {
            throw new IOException("xl list -l: expected a JSON array");
        }
        final List<DomainConfig> result = new ArrayList<>();
        for (final JsonNode entry : root)
        {
            final JsonNode config = entry.path("config");
            final String name = config.path("c_info").path("name").asText(null);
            if (name == null)
            {
                continue;
            }
            result.add(new DomainConfig(entry.path("domid").asInt(-1), name,
                config.path("c_info").path("type").asText("unknown"), config.path("c_info").path("uuid").asText(null),
                config.path("b_info").path("max_memkb").asLong(-1),
                config.path("b_info").path("target_memkb").asLong(-1)));
        }
        return result;
    }

    /**
     * Classify one line of {@code xl migrate} output.
     *
     * @param line the line, without its end of line.
     * @return one of the constants of this class.
     */
    public static int classify(final String line)
    {
        final String text = line.strip();
        if (text.startsWith("migration target: Ready to receive domain"))
        {
            return TARGET_READY;
        }
        if (text.startsWith("Saving to migration stream"))
        {
            return SAVING;
        }
        if (PROGRESS_LINE.matcher(text).find())
        {
            return PROGRESS;
        }
        if (text.startsWith("migration target: Transfer complete"))
        {
            return TRANSFER_COMPLETE;
        }
        if (text.startsWith("migration sender: Target has acknowledged transfer"))
        {
            return ACKNOWLEDGED;
        }
        if (text.startsWith("migration sender: Giving target permission to start"))
        {
            return PERMISSION_GIVEN;
        }
        if (text.startsWith("migration target: Domain started succ"))
        {
            return TARGET_STARTED;
        }
        if (text.startsWith("migration sender: Target reports successful startup"))
        {
            return STARTUP_REPORTED;
        }
        if (text.equals("Migration successful."))
        {
            return SUCCESS;
        }
        if (text.startsWith("** Migration failed during final handshake"))
        {
            return FAILED_UNDEFINED;
        }
        if (text.startsWith("Migration failed") || text.startsWith("migration sender: Resumed OK"))
        {
            return FAILED_SOURCE_RESUMED;
        }
        if (text.contains(": error: ") || text.startsWith("ssh: ") || text.startsWith("xl: error") ||
            text.contains("contained unexpected data"))
        {
            return ERROR;
        }
        return OTHER;
    }

    /**
     * The numbers of a {@link #PROGRESS} line.
     *
     * @param line the line.
     * @return {@code {iteration, maxIterations, done, total, percent}}, or null when the line is not progress.
     */
    public static long[] progress(final String line)
    {
        final Matcher matcher = PROGRESS_LINE.matcher(line);
        if (!matcher.find())
        {
            return null;
        }
        try
        {
            return new long[] {
                Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5))};
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
