/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

/**
 * A minimal JSON writer for the command line's output: objects, arrays, strings, numbers and booleans.
 * Non-finite numbers are written as {@code null}, since JSON has no NaN or infinity.
 */
final class Json
{
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    Json begin()
    {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    String end()
    {
        out.append('}');
        first = false;
        return out.toString();
    }

    Json beginArray()
    {
        out.append('[');
        first = true;
        return this;
    }

    Json endArray()
    {
        out.append(']');
        first = false;
        return this;
    }

    Json key(final String name)
    {
        separate();
        string(name);
        out.append(':');
        first = true;
        return this;
    }

    Json field(final String name, final String value)
    {
        key(name);
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        first = false;
        return this;
    }

    Json field(final String name, final double value)
    {
        key(name);
        number(value);
        first = false;
        return this;
    }

    Json field(final String name, final long value)
    {
        key(name);
        out.append(value);
        first = false;
        return this;
    }

    Json field(final String name, final double[] values)
    {
        key(name);
        out.append('[');
        for (int i = 0; i < values.length; i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            number(values[i]);
        }
        out.append(']');
        first = false;
        return this;
    }

    Json field(final String name, final int[] values)
    {
        key(name);
        out.append('[');
        for (int i = 0; i < values.length; i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append(values[i]);
        }
        out.append(']');
        first = false;
        return this;
    }

    Json field(final String name, final String[] values)
    {
        key(name);
        out.append('[');
        for (int i = 0; i < values.length; i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            string(values[i]);
        }
        out.append(']');
        first = false;
        return this;
    }

    private void separate()
    {
        if (!first)
        {
            out.append(',');
        }
    }

    private void number(final double value)
    {
        if (Double.isFinite(value))
        {
            out.append(value);
        }
        else
        {
            out.append("null");
        }
    }

    private void string(final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }
}
