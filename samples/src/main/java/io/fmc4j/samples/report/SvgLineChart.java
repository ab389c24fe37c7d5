/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain SVG line chart: one or more series over a shared x axis, "nice" ticks, axis titles, a legend and
 * labelled vertical markers (e.g. "user moves", "migration starts"). Enough for the paper's Fig. 5-7 without a
 * plotting dependency; the output opens in any browser.
 */
public final class SvgLineChart
{
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean logY;

    private record Series(String name, double[] x, double[] y, boolean points)
    {
    }

    private record Marker(double x, String label)
    {
    }

    /**
     * A chart.
     *
     * @param title shown above the plot.
     * @param xTitle x axis title, with unit.
     * @param yTitle y axis title, with unit.
     */
    public SvgLineChart(final String title, final String xTitle, final String yTitle)
    {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * Adds a series drawn as a line.
     *
     * @param name legend entry.
     * @param x x values, ascending.
     * @param y y values; {@code NaN} leaves a gap (a lost ping).
     * @return this.
     */
    public SvgLineChart line(final String name, final double[] x, final double[] y)
    {
        return add(name, x, y, false);
    }

    /**
     * Adds a series drawn as a line with a dot on each point (averages with few points).
     *
     * @param name legend entry.
     * @param x x values, ascending.
     * @param y y values.
     * @return this.
     */
    public SvgLineChart linePoints(final String name, final double[] x, final double[] y)
    {
        return add(name, x, y, true);
    }

    private SvgLineChart add(final String name, final double[] x, final double[] y, final boolean points)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        series.add(new Series(name, x.clone(), y.clone(), points));
        return this;
    }

    /**
     * Adds a labelled vertical marker.
     *
     * @param x where.
     * @param label what happened there.
     * @return this.
     */
    public SvgLineChart marker(final double x, final String label)
    {
        markers.add(new Marker(x, label));
        return this;
    }

    /**
     * Uses a logarithmic y axis (for RTTs spanning 3 ms to 250 ms).
     *
     * @return this.
     */
    public SvgLineChart logY()
    {
        this.logY = true;
        return this;
    }

    /**
     * Writes the chart.
     *
     * @param file where.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    /**
     * The chart as an SVG document.
     *
     * @return the document.
     */
    public String toSvg()
    {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (final Series s : series)
        {
            for (int i = 0; i < s.x.length; i++)
            {
                if (Double.isFinite(s.y[i]) && (!logY || s.y[i] > 0))
                {
                    minX = Math.min(minX, s.x[i]);
                    maxX = Math.max(maxX, s.x[i]);
                    minY = Math.min(minY, s.y[i]);
                    maxY = Math.max(maxY, s.y[i]);
                }
            }
        }
        for (final Marker m : markers)
        {
            minX = Math.min(minX, m.x);
            maxX = Math.max(maxX, m.x);
        }
        if (!(minX <= maxX))
        {
            minX = 0;
            maxX = 1;
        }
        if (!(minY <= maxY))
        {
            minY = logY ? 1 : 0;
            maxY = logY ? 10 : 1;
        }
        final double[] xTicks = ticks(minX, maxX);
        final Axis xAxis = new Axis(xTicks[0], xTicks[xTicks.length - 1], false, LEFT, WIDTH - RIGHT);
        final double[] yTicks = logY ? logTicks(minY, maxY) : ticks(Math.min(0, minY), maxY);
        final Axis yAxis = new Axis(yTicks[0], yTicks[yTicks.length - 1], logY, HEIGHT - BOTTOM, TOP);

        final StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0, 24, "middle", 16, title);
        text(svg, (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 20, "middle", 13, xTitle);
        svg.append("<text transform=\"translate(20,").append(fmt((TOP + HEIGHT - BOTTOM) / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">").append(escape(yTitle))
            .append("</text>\n");
        for (final double t : xTicks)
        {
            final double px = xAxis.map(t);
            line(svg, px, TOP, px, HEIGHT - BOTTOM, "#e5e5e5", 1);
            text(svg, px, HEIGHT - BOTTOM + 18, "middle", 12, label(t));
        }
        for (final double t : yTicks)
        {
            final double py = yAxis.map(t);
            line(svg, LEFT, py, WIDTH - RIGHT, py, "#e5e5e5", 1);
            text(svg, LEFT - 8, py + 4, "end", 12, label(t));
        }
        line(svg, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "black", 1);
        line(svg, LEFT, TOP, LEFT, HEIGHT - BOTTOM, "black", 1);
        for (final Marker m : markers)
        {
            final double px = xAxis.map(m.x);
            svg.append("<line x1=\"").append(fmt(px)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(fmt(px)).append("\" y2=\"").append(HEIGHT - BOTTOM)
                .append("\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
            text(svg, px + 3, TOP + 12 + 14 * markers.indexOf(m), "start", 11, m.label);
        }
        for (int k = 0; k < series.size(); k++)
        {
            final Series s = series.get(k);
            final String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x.length; i++)
            {
                final boolean drawable = Double.isFinite(s.y[i]) && (!logY || s.y[i] > 0);
                if (drawable)
                {
                    points.append(fmt(xAxis.map(s.x[i]))).append(',').append(fmt(yAxis.map(s.y[i]))).append(' ');
                    if (s.points)
                    {
                        svg.append("<circle cx=\"").append(fmt(xAxis.map(s.x[i]))).append("\" cy=\"")
                            .append(fmt(yAxis.map(s.y[i]))).append("\" r=\"3\" fill=\"").append(colour)
                            .append("\"/>\n");
                    }
                }
                if ((!drawable || i == s.x.length - 1) && points.length() > 0)
                {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" ")
                        .append("points=\"").append(points.toString().trim()).append("\"/>\n");
                    points = new StringBuilder();
                }
            }
            final double ly = HEIGHT - BOTTOM - 14 - 16 * (series.size() - 1 - k);
            line(svg, WIDTH - RIGHT - 170, ly, WIDTH - RIGHT - 150, ly, colour, 2);
            text(svg, WIDTH - RIGHT - 145, ly + 4, "start", 12, s.name);
        }
        return svg.append("</svg>\n").toString();
    }

    private static final class Axis
    {
        private final double min;
        private final double max;
        private final boolean log;
        private final double from;
        private final double to;

        Axis(final double min, final double max, final boolean log, final double from, final double to)
        {
            this.min = log ? Math.log10(min) : min;
            this.max = log ? Math.log10(max) : max;
            this.log = log;
            this.from = from;
            this.to = to;
        }

        double map(final double value)
        {
            final double v = log ? Math.log10(value) : value;
            final double span = max - min == 0 ? 1 : max - min;
            return from + (v - min) / span * (to - from);
        }
    }

    static double[] ticks(final double min, final double max)
    {
        final double span = max - min <= 0 ? Math.max(1, Math.abs(max)) : max - min;
        final double raw = span / 6;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double fraction = raw / magnitude;
        final double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        final double start = Math.floor(min / step) * step;
        final double end = Math.ceil(max / step) * step;
        final int count = (int)Math.round((end - start) / step) + 1;
        final double[] ticks = new double[Math.max(2, count)];
        for (int i = 0; i < ticks.length; i++)
        {
            ticks[i] = start + i * step;
        }
        return ticks;
    }

    static double[] logTicks(final double min, final double max)
    {
        final int low = (int)Math.floor(Math.log10(min));
        final int high = Math.max(low + 1, (int)Math.ceil(Math.log10(max)));
        final double[] ticks = new double[high - low + 1];
        for (int i = 0; i < ticks.length; i++)
        {
            ticks[i] = Math.pow(10, low + i);
        }
        return ticks;
    }

    private static String label(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e9)
        {
            return Long.toString((long)value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static void line(
        final StringBuilder svg,
        final double x1,
        final double y1,
        final double x2,
        final double y2,
        final String colour,
        final double width)
    {
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"")
            .append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(colour)
            .append("\" stroke-width=\"").append(width).append("\"/>\n");
    }

    private static void text(
        final StringBuilder svg, final double x, final double y, final String anchor, final int size, final String s)
    {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"")
            .append(anchor).append("\" font-size=\"").append(size).append("\">").append(escape(s)).append("</text>\n");
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
