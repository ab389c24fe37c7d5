/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.tshark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame of tshark's JSON ({@code _source.layers}), with helpers that hide how repeated keys appear: a layer
 * or field seen once is a value, seen several times an array (under {@code --no-duplicate-keys}).
 */
public final class TsharkFrame
{
    private final JsonNode layers;

    /**
     * Wraps the {@code layers} object of one packet.
     *
     * @param layers the packet's {@code _source.layers}.
     */
    public TsharkFrame(final JsonNode layers)
    {
        this.layers = layers;
    }

    /**
     * The raw layers object.
     *
     * @return JSON tree.
     */
    public JsonNode layers()
    {
        return layers;
    }

    /**
     * Frame number.
     *
     * @return {@code frame.number}, from 1.
     */
    public int number()
    {
        return Integer.parseInt(field(layers.path("frame"), "frame.number"));
    }

    /**
     * Whether a layer is present, e.g. {@code "_ws.malformed"}.
     *
     * @param name layer name.
     * @return true if tshark printed it.
     */
    public boolean has(final String name)
    {
        return layers.has(name);
    }

    /**
     * Every occurrence of a layer, outermost first: an ECM gives two {@code lisp} and two {@code udp} layers.
     *
     * @param name layer name, e.g. {@code "lisp"}.
     * @return possibly empty.
     */
    public List<JsonNode> layers(final String name)
    {
        final List<JsonNode> result = new ArrayList<>();
        flatten(layers.get(name), result);
        return result;
    }

    /**
     * The outermost occurrence of a layer.
     *
     * @param name layer name.
     * @return the layer, or null when absent.
     */
    public JsonNode firstLayer(final String name)
    {
        final List<JsonNode> all = layers(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * The innermost occurrence of a layer, e.g. the message inside an ECM.
     *
     * @param name layer name.
     * @return the layer, or null when absent.
     */
    public JsonNode lastLayer(final String name)
    {
        final List<JsonNode> all = layers(name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * First value of a field anywhere under a node (depth first, in tshark's order).
     *
     * @param node a layer or sub-tree.
     * @param name field name, e.g. {@code "lisp.nonce"}.
     * @return its text, or null when absent.
     */
    public static String field(final JsonNode node, final String name)
    {
        final List<String> all = fields(node, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Every value of a field under a node, in tshark's order, e.g. the EID of each mapping record.
     *
     * @param node a layer or sub-tree.
     * @param name field name, e.g. {@code "lisp.mapping.eid.ipv4"}.
     * @return the values as text, possibly empty.
     */
    public static List<String> fields(final JsonNode node, final String name)
    {
        final List<String> result = new ArrayList<>();
        collect(node, name, result);
        return result;
    }

    /**
     * A numeric field, decimal or {@code 0x} hex, as tshark prints them.
     *
     * @param node a layer or sub-tree.
     * @param name field name.
     * @return the value.
     * @throws IllegalArgumentException if the field is absent.
     */
    public static long number(final JsonNode node, final String name)
    {
        final String text = field(node, name);
        if (text == null)
        {
            throw new IllegalArgumentException("no field " + name);
        }
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }

    private static void flatten(final JsonNode node, final List<JsonNode> result)
    {
        if (node == null)
        {
            return;
        }
        if (node.isArray())
        {
            node.forEach(result::add);
        }
        else
        {
            result.add(node);
        }
    }

    private static void collect(final JsonNode node, final String name, final List<String> result)
    {
        if (node == null)
        {
            return;
        }
        if (node.isArray())
        {
            for (final JsonNode element : node)
            {
                collect(element, name, result);
            }
            return;
        }
        if (!node.isObject())
        {
            return;
        }
        for (final Map.Entry<String, JsonNode> entry : node.properties())
        {
            final JsonNode value = entry.getValue();
            if (entry.getKey().equals(name) && !value.isContainerNode())
            {
                result.add(value.asText());
            }
            else if (entry.getKey().equals(name) && value.isArray())
            {
                for (final JsonNode element : value)
                {
                    if (element.isValueNode())
                    {
                        result.add(element.asText());
                    }
                }
            }
            else
            {
                collect(value, name, result);
            }
        }
    }
}
