/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * JNI side of io.fmc4j.spi.dataplane.udp.UdpNative: a non-blocking UDP socket driven in batches with
 * recvmmsg(2) and sendmmsg(2). Packets live in Java-owned off-heap arenas; the socket, its next-hop table and the
 * mmsghdr arrays live in a context allocated at open. Errors come back as -errno.
 *
 * Receive metadata slot (META_SIZE bytes): [0] int32 length, [4] int32 family (4 or 6), [8] int32 port,
 * [12] pad, [16] 16 address bytes (IPv4 in the first 4).
 * Send metadata slot: [0] int32 length, [4] int32 next-hop index.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jni.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define META_SIZE 32

struct udp_ctx
{
    int fd;
    int family;
    int batch;
    int max_hops;
    int hops;
    struct sockaddr_storage *next_hops;
    socklen_t *next_hop_lengths;
    struct mmsghdr *msgs;
    struct iovec *iovs;
    struct sockaddr_storage *addrs;
};

static void free_ctx(struct udp_ctx *ctx)
{
    free(ctx->next_hops);
    free(ctx->next_hop_lengths);
    free(ctx->msgs);
    free(ctx->iovs);
    free(ctx->addrs);
    free(ctx);
}

/* Returns a context pointer (> 0) or -errno. */
JNIEXPORT jlong JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_open(
    JNIEnv *env, jclass clazz, jbyteArray jaddr, jint port, jint rcvbuf, jint sndbuf, jint batch, jint max_hops)
{
    (void)clazz;
    struct sockaddr_storage local;
    socklen_t local_len;
    jsize addr_len = (*env)->GetArrayLength(env, jaddr);
    memset(&local, 0, sizeof(local));
    if (addr_len == 4)
    {
        struct sockaddr_in *in4 = (struct sockaddr_in *)&local;
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        (*env)->GetByteArrayRegion(env, jaddr, 0, 4, (jbyte *)&in4->sin_addr);
        local_len = sizeof(*in4);
    }
    else if (addr_len == 16)
    {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&local;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        (*env)->GetByteArrayRegion(env, jaddr, 0, 16, (jbyte *)&in6->sin6_addr);
        local_len = sizeof(*in6);
    }
    else
    {
        return -EAFNOSUPPORT;
    }
    struct udp_ctx *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
    {
        return -ENOMEM;
    }
    ctx->family = local.ss_family;
    ctx->batch = batch;
    ctx->max_hops = max_hops;
    ctx->next_hops = calloc((size_t)max_hops, sizeof(struct sockaddr_storage));
    ctx->next_hop_lengths = calloc((size_t)max_hops, sizeof(socklen_t));
    ctx->msgs = calloc((size_t)batch, sizeof(struct mmsghdr));
    ctx->iovs = calloc((size_t)batch, sizeof(struct iovec));
    ctx->addrs = calloc((size_t)batch, sizeof(struct sockaddr_storage));
    if (ctx->next_hops == NULL || ctx->next_hop_lengths == NULL || ctx->msgs == NULL || ctx->iovs == NULL ||
        ctx->addrs == NULL)
    {
        free_ctx(ctx);
        return -ENOMEM;
    }
    ctx->fd = socket(local.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (ctx->fd < 0)
    {
        int err = errno;
        free_ctx(ctx);
        return -err;
    }
    int zero = 0;
    if (local.ss_family == AF_INET6)
    {
        setsockopt(ctx->fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
    }
    if (rcvbuf > 0)
    {
        setsockopt(ctx->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    }
    if (sndbuf > 0)
    {
        setsockopt(ctx->fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
    }
    if (bind(ctx->fd, (struct sockaddr *)&local, local_len) < 0)
    {
        int err = errno;
        close(ctx->fd);
        free_ctx(ctx);
        return -err;
    }
    return (jlong)(uintptr_t)ctx;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_localPort(JNIEnv *env, jclass clazz, jlong handle)
{
    (void)env;
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    struct sockaddr_storage local;
    socklen_t len = sizeof(local);
    if (getsockname(ctx->fd, (struct sockaddr *)&local, &len) < 0)
    {
        return -errno;
    }
    return local.ss_family == AF_INET6 ?
        ntohs(((struct sockaddr_in6 *)&local)->sin6_port) : ntohs(((struct sockaddr_in *)&local)->sin_port);
}

/* Adds a destination (4 or 16 address bytes); IPv4 on an IPv6 socket becomes IPv4-mapped. Index or -errno. */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_addNextHop(
    JNIEnv *env, jclass clazz, jlong handle, jbyteArray jaddr, jint port)
{
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    jsize addr_len = (*env)->GetArrayLength(env, jaddr);
    uint8_t bytes[16];
    if (ctx->hops == ctx->max_hops)
    {
        return -ENOSPC;
    }
    if (addr_len != 4 && addr_len != 16)
    {
        return -EAFNOSUPPORT;
    }
    (*env)->GetByteArrayRegion(env, jaddr, 0, addr_len, (jbyte *)bytes);
    struct sockaddr_storage *dst = &ctx->next_hops[ctx->hops];
    memset(dst, 0, sizeof(*dst));
    if (ctx->family == AF_INET)
    {
        if (addr_len != 4)
        {
            return -EAFNOSUPPORT;
        }
        struct sockaddr_in *in4 = (struct sockaddr_in *)dst;
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        memcpy(&in4->sin_addr, bytes, 4);
        ctx->next_hop_lengths[ctx->hops] = sizeof(*in4);
    }
    else
    {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)dst;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        if (addr_len == 4)
        {
            in6->sin6_addr.s6_addr[10] = 0xFF;
            in6->sin6_addr.s6_addr[11] = 0xFF;
            memcpy(&in6->sin6_addr.s6_addr[12], bytes, 4);
        }
        else
        {
            memcpy(&in6->sin6_addr, bytes, 16);
        }
        ctx->next_hop_lengths[ctx->hops] = sizeof(*in6);
    }
    return ctx->hops++;
}

/*
 * Receives up to max datagrams with one recvmmsg: datagram i goes to arena + i * stride + offset (capacity bytes
 * at most; MSG_TRUNC reports the real length so Java can drop over-long ones), its metadata to meta + i * 32.
 * Returns the count (0 when nothing is waiting) or -errno.
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_receive(
    JNIEnv *env, jclass clazz, jlong handle, jlong arena, jint stride, jint offset, jint capacity, jlong meta,
    jint max)
{
    (void)env;
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    uint8_t *base = (uint8_t *)(uintptr_t)arena;
    int n = max < ctx->batch ? max : ctx->batch;
    for (int i = 0; i < n; i++)
    {
        ctx->iovs[i].iov_base = base + (size_t)i * (size_t)stride + offset;
        ctx->iovs[i].iov_len = (size_t)capacity;
        memset(&ctx->msgs[i].msg_hdr, 0, sizeof(struct msghdr));
        ctx->msgs[i].msg_hdr.msg_iov = &ctx->iovs[i];
        ctx->msgs[i].msg_hdr.msg_iovlen = 1;
        ctx->msgs[i].msg_hdr.msg_name = &ctx->addrs[i];
        ctx->msgs[i].msg_hdr.msg_namelen = sizeof(struct sockaddr_storage);
    }
    int count;
    do
    {
        count = recvmmsg(ctx->fd, ctx->msgs, (unsigned)n, MSG_DONTWAIT | MSG_TRUNC, NULL);
    }
    while (count < 0 && errno == EINTR);
    if (count < 0)
    {
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -errno;
    }
    for (int i = 0; i < count; i++)
    {
        uint8_t *m = (uint8_t *)(uintptr_t)meta + (size_t)i * META_SIZE;
        const struct sockaddr_storage *from = &ctx->addrs[i];
        *(int32_t *)m = (int32_t)ctx->msgs[i].msg_len;
        if (from->ss_family == AF_INET6)
        {
            const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)from;
            const uint8_t *a = in6->sin6_addr.s6_addr;
            int mapped = a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0 && a[4] == 0 && a[5] == 0 &&
                a[6] == 0 && a[7] == 0 && a[8] == 0 && a[9] == 0 && a[10] == 0xFF && a[11] == 0xFF;
            *(int32_t *)(m + 4) = mapped ? 4 : 6;
            *(int32_t *)(m + 8) = ntohs(in6->sin6_port);
            memcpy(m + 16, mapped ? a + 12 : a, mapped ? 4 : 16);
        }
        else
        {
            const struct sockaddr_in *in4 = (const struct sockaddr_in *)from;
            *(int32_t *)(m + 4) = 4;
            *(int32_t *)(m + 8) = ntohs(in4->sin_port);
            memcpy(m + 16, &in4->sin_addr, 4);
        }
    }
    return count;
}

/*
 * Sends slots [from, to) with sendmmsg: slot i's packet is at arena + i * stride, its length and next-hop index in
 * meta + i * 32. Returns how many were sent (0 when the socket buffer is full), or -errno when the first one
 * failed (Java drops that one and carries on).
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_send(
    JNIEnv *env, jclass clazz, jlong handle, jlong arena, jint stride, jlong meta, jint from, jint to)
{
    (void)env;
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    uint8_t *base = (uint8_t *)(uintptr_t)arena;
    int n = to - from;
    if (n > ctx->batch)
    {
        n = ctx->batch;
    }
    for (int i = 0; i < n; i++)
    {
        const uint8_t *m = (const uint8_t *)(uintptr_t)meta + (size_t)(from + i) * META_SIZE;
        int32_t hop = *(const int32_t *)(m + 4);
        ctx->iovs[i].iov_base = base + (size_t)(from + i) * (size_t)stride;
        ctx->iovs[i].iov_len = (size_t)*(const int32_t *)m;
        memset(&ctx->msgs[i].msg_hdr, 0, sizeof(struct msghdr));
        ctx->msgs[i].msg_hdr.msg_iov = &ctx->iovs[i];
        ctx->msgs[i].msg_hdr.msg_iovlen = 1;
        ctx->msgs[i].msg_hdr.msg_name = &ctx->next_hops[hop];
        ctx->msgs[i].msg_hdr.msg_namelen = ctx->next_hop_lengths[hop];
    }
    int sent;
    do
    {
        sent = sendmmsg(ctx->fd, ctx->msgs, (unsigned)n, MSG_DONTWAIT);
    }
    while (sent < 0 && errno == EINTR);
    if (sent < 0)
    {
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) ? 0 : -errno;
    }
    return sent;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_shutdown(JNIEnv *env, jclass clazz, jlong handle)
{
    (void)env;
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    return shutdown(ctx->fd, SHUT_RDWR) < 0 ? -errno : 0;
}

JNIEXPORT void JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_close(JNIEnv *env, jclass clazz, jlong handle)
{
    (void)env;
    (void)clazz;
    struct udp_ctx *ctx = (struct udp_ctx *)(uintptr_t)handle;
    close(ctx->fd);
    free_ctx(ctx);
}

JNIEXPORT jstring JNICALL Java_io_fmc4j_spi_dataplane_udp_UdpNative_strerror(JNIEnv *env, jclass clazz, jint err)
{
    (void)clazz;
    char buf[256];
    const char *text = strerror_r(err, buf, sizeof(buf));
    return (*env)->NewStringUTF(env, text);
}
