/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;

/**
 * Writes a CSV file (RFC 4180 quoting, '.' decimal separator whatever the locale), one row at a time.
 */
public final class CsvWriter implements AutoCloseable
{
    private final Writer out;
    private final int columns;

    /**
     * Opens a file and writes the header row.
     *
     * @param file where.
     * @param header column names.
     * @throws IOException if the file cannot be written.
     */
    public CsvWriter(final Path file, final String... header) throws IOException
    {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = header.length;
        row((Object[])header);
    }

    /**
     * Writes a row; numbers are written with '.' as decimal separator, {@code NaN} as an empty cell.
     *
     * @param cells one per column.
     * @throws IOException if the file cannot be written.
     */
    public void row(final Object... cells) throws IOException
    {
        if (cells.length != columns)
        {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        for (int i = 0; i < cells.length; i++)
        {
            if (i > 0)
            {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write('\n');
    }

    static String cell(final Object value)
    {
        if (value == null)
        {
            return "";
        }
        if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            if (!Double.isFinite(d))
            {
                return Double.isNaN(d) ? "" : Double.toString(d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        final String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0)
        {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
