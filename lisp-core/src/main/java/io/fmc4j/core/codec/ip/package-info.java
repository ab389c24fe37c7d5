/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Zero-allocation flyweights for the IPv4, IPv6 and UDP headers around LISP messages, the Internet checksum, and
 * one-call IP+UDP framing ({@link io.fmc4j.core.codec.ip.IpUdp}).
 */
package io.fmc4j.core.codec.ip;
