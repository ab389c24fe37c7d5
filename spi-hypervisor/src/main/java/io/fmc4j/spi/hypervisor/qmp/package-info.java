/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * QEMU/KVM backend: a QMP client and live migration between QEMU processes.
 */
package io.fmc4j.spi.hypervisor.qmp;
