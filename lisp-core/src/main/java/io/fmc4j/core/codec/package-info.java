/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Zero-allocation flyweight codecs for LISP data and control messages over Agrona buffers. Layout classes hold
 * offsets and a total {@code validate}; decoders wrap a {@link org.agrona.DirectBuffer}; encoders wrap a
 * {@link org.agrona.MutableDirectBuffer}. All multi-byte fields are big-endian on the wire.
 */
package io.fmc4j.core.codec;
