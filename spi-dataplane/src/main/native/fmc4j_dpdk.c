/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * JNI side of io.fmc4j.spi.dataplane.dpdk.DpdkNative: EAL start-up, virtual-device attach/detach, one rx and one
 * tx queue per port on an rte_mempool, and burst rx/tx through descriptor arrays the Java side owns off-heap.
 *
 * Descriptor slot (DESC_SIZE bytes): [0] struct rte_mbuf *, [8] data address, [16] int32 length, [20] int32 room
 * (tx: data room behind the data address; rx: headroom in front of it).
 * Receive is zero-copy: rx_burst fills slots with the mbufs' data addresses, Java reads the packets in place
 * (their headroom is the mbuf's headroom), and the next rx call frees them. Send is one copy: Java copies each
 * offered packet into a pre-allocated mbuf's data room, then tx_burst sends the filled slots; unsent mbufs move
 * to the front and stay queued, free slots get fresh mbufs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jni.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define DESC_SIZE 32
#define MAX_BURST 1024

static struct rte_mempool *pools[RTE_MAX_ETHPORTS];
static unsigned pool_sequence;

static inline uint8_t *slot(jlong desc, int i)
{
    return (uint8_t *)(uintptr_t)desc + (size_t)i * DESC_SIZE;
}

static inline void write_slot(jlong desc, int i, struct rte_mbuf *m, int32_t length)
{
    uint8_t *s = slot(desc, i);
    *(struct rte_mbuf **)s = m;
    *(uint64_t *)(s + 8) = m == NULL ? 0 : (uint64_t)(uintptr_t)rte_pktmbuf_mtod(m, void *);
    *(int32_t *)(s + 16) = length;
    *(int32_t *)(s + 20) = m == NULL ? 0 : (int32_t)(m->buf_len - m->data_off);
}

static inline struct rte_mbuf *slot_mbuf(jlong desc, int i)
{
    return *(struct rte_mbuf **)slot(desc, i);
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_ealInit(
    JNIEnv *env, jclass clazz, jobjectArray jargs)
{
    (void)clazz;
    int argc = (*env)->GetArrayLength(env, jargs);
    /* EAL may keep pointers into argv: it is allocated once per process and never freed. */
    char **argv = calloc((size_t)argc + 1, sizeof(char *));
    if (argv == NULL)
    {
        return -ENOMEM;
    }
    for (int i = 0; i < argc; i++)
    {
        jstring js = (jstring)(*env)->GetObjectArrayElement(env, jargs, i);
        const char *s = (*env)->GetStringUTFChars(env, js, NULL);
        argv[i] = strdup(s);
        (*env)->ReleaseStringUTFChars(env, js, s);
        (*env)->DeleteLocalRef(env, js);
    }
    /* rte_eal_init pins the calling thread to the main lcore; a JVM thread keeps its own affinity. */
    cpu_set_t saved;
    int have_saved = pthread_getaffinity_np(pthread_self(), sizeof(saved), &saved) == 0;
    int ret = rte_eal_init(argc, argv);
    int err = rte_errno;
    if (have_saved)
    {
        pthread_setaffinity_np(pthread_self(), sizeof(saved), &saved);
    }
    return ret < 0 ? -(err != 0 ? err : EINVAL) : ret;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_portByName(
    JNIEnv *env, jclass clazz, jstring jname)
{
    (void)clazz;
    uint16_t port;
    const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
    int ret = rte_eth_dev_get_port_by_name(name, &port) == 0 ? (int)port : -ENODEV;
    (*env)->ReleaseStringUTFChars(env, jname, name);
    return ret;
}

/* Creates a virtual device with rte_eal_hotplug_add and returns its port id, or -errno. */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_attach(
    JNIEnv *env, jclass clazz, jstring jname, jstring jargs)
{
    (void)clazz;
    uint16_t port;
    const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
    const char *args = (*env)->GetStringUTFChars(env, jargs, NULL);
    int ret = rte_eal_hotplug_add("vdev", name, args);
    if (ret == 0)
    {
        ret = rte_eth_dev_get_port_by_name(name, &port) == 0 ? (int)port : -ENODEV;
    }
    else
    {
        ret = ret < 0 ? ret : -ret;
    }
    (*env)->ReleaseStringUTFChars(env, jargs, args);
    (*env)->ReleaseStringUTFChars(env, jname, name);
    return ret;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_detach(JNIEnv *env, jclass clazz, jstring jname)
{
    (void)clazz;
    const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
    int ret = rte_eal_hotplug_remove("vdev", name);
    (*env)->ReleaseStringUTFChars(env, jname, name);
    return ret < 0 ? ret : -ret;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_portStart(
    JNIEnv *env, jclass clazz, jint port, jint rx_desc, jint tx_desc, jint mbufs, jint data_room)
{
    (void)env;
    (void)clazz;
    struct rte_eth_conf conf;
    char pool_name[RTE_MEMPOOL_NAMESIZE];
    int ret;
    if (!rte_eth_dev_is_valid_port((uint16_t)port))
    {
        return -ENODEV;
    }
    if (pools[port] != NULL)
    {
        return -EBUSY;
    }
    snprintf(pool_name, sizeof(pool_name), "fmc4j_%d_%u", port, pool_sequence++);
    struct rte_mempool *pool = rte_pktmbuf_pool_create(
        pool_name, (unsigned)mbufs, 0, 0, (uint16_t)(data_room + RTE_PKTMBUF_HEADROOM), rte_socket_id());
    if (pool == NULL)
    {
        return -(rte_errno != 0 ? rte_errno : ENOMEM);
    }
    memset(&conf, 0, sizeof(conf));
    ret = rte_eth_dev_configure((uint16_t)port, 1, 1, &conf);
    if (ret == 0)
    {
        ret = rte_eth_rx_queue_setup((uint16_t)port, 0, (uint16_t)rx_desc, rte_eth_dev_socket_id(port), NULL, pool);
    }
    if (ret == 0)
    {
        ret = rte_eth_tx_queue_setup((uint16_t)port, 0, (uint16_t)tx_desc, rte_eth_dev_socket_id(port), NULL);
    }
    if (ret == 0)
    {
        ret = rte_eth_dev_start((uint16_t)port);
    }
    if (ret != 0)
    {
        rte_mempool_free(pool);
        return ret < 0 ? ret : -ret;
    }
    rte_eth_promiscuous_enable((uint16_t)port);
    pools[port] = pool;
    return 0;
}

/*
 * Drains and stops the port when this library started it, removes the virtual device when jname is not null,
 * then frees the port's mempool (last, so that no queue still holds its mbufs). Safe on a port that is gone.
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_portStop(
    JNIEnv *env, jclass clazz, jint port, jstring jname)
{
    (void)clazz;
    struct rte_mbuf *burst[64];
    if (pools[port] != NULL && rte_eth_dev_is_valid_port((uint16_t)port))
    {
        for (int i = 0; i < 1024; i++)
        {
            uint16_t n = rte_eth_rx_burst((uint16_t)port, 0, burst, 64);
            if (n == 0)
            {
                break;
            }
            rte_pktmbuf_free_bulk(burst, n);
        }
        rte_eth_dev_stop((uint16_t)port);
    }
    if (jname != NULL)
    {
        const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
        uint16_t found;
        if (rte_eth_dev_get_port_by_name(name, &found) == 0)
        {
            rte_eal_hotplug_remove("vdev", name);
        }
        (*env)->ReleaseStringUTFChars(env, jname, name);
    }
    if (pools[port] != NULL)
    {
        rte_mempool_free(pools[port]);
        pools[port] = NULL;
    }
    return 0;
}

/* Frees the mbufs of slots [from, to) and clears them. */
JNIEXPORT void JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_freeSlots(
    JNIEnv *env, jclass clazz, jlong desc, jint from, jint to)
{
    (void)env;
    (void)clazz;
    for (int i = from; i < to; i++)
    {
        struct rte_mbuf *m = slot_mbuf(desc, i);
        if (m != NULL)
        {
            rte_pktmbuf_free(m);
            write_slot(desc, i, NULL, 0);
        }
    }
}

/*
 * Frees the previous burst's held mbufs (slots [0, held)), then receives up to max packets into the slots.
 * A packet of more than one segment gets length -1 (the Java side drops it as malformed).
 * Returns the count, or -ENODEV when the port has gone away.
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_rxBurst(
    JNIEnv *env, jclass clazz, jint port, jlong desc, jint held, jint max)
{
    (void)env;
    (void)clazz;
    struct rte_mbuf *burst[MAX_BURST];
    for (int i = 0; i < held; i++)
    {
        burst[i] = slot_mbuf(desc, i);
    }
    if (held > 0)
    {
        rte_pktmbuf_free_bulk(burst, (unsigned)held);
    }
    if (!rte_eth_dev_is_valid_port((uint16_t)port) || pools[port] == NULL)
    {
        return -ENODEV;
    }
    uint16_t n = rte_eth_rx_burst((uint16_t)port, 0, burst, (uint16_t)(max > MAX_BURST ? MAX_BURST : max));
    for (uint16_t i = 0; i < n; i++)
    {
        struct rte_mbuf *m = burst[i];
        write_slot(desc, i, m, m->nb_segs == 1 ? (int32_t)m->pkt_len : -1);
        *(int32_t *)(slot(desc, i) + 20) = (int32_t)m->data_off;
    }
    return n;
}

/*
 * Gives the empty slots among [from, to) fresh mbufs (slots that still hold one are left alone). Returns 0, or
 * -ENOBUFS when the pool cannot supply them all (the empty slots stay empty).
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_txFill(
    JNIEnv *env, jclass clazz, jint port, jlong desc, jint from, jint to)
{
    (void)env;
    (void)clazz;
    struct rte_mbuf *fresh[MAX_BURST];
    unsigned empty = 0;
    if (pools[port] == NULL)
    {
        return -ENODEV;
    }
    for (int i = from; i < to; i++)
    {
        empty += slot_mbuf(desc, i) == NULL;
    }
    if (empty == 0)
    {
        return 0;
    }
    if (rte_pktmbuf_alloc_bulk(pools[port], fresh, empty) != 0)
    {
        return -ENOBUFS;
    }
    unsigned next = 0;
    for (int i = from; i < to; i++)
    {
        if (slot_mbuf(desc, i) == NULL)
        {
            write_slot(desc, i, fresh[next++], 0);
        }
    }
    return 0;
}

/*
 * Sends the filled slots [0, count) (lengths set by Java), moves unsent ones to the front, refills the slots
 * from the first free one up to capacity. Returns the number sent, or -ENODEV when the port has gone away.
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_txBurst(
    JNIEnv *env, jclass clazz, jint port, jlong desc, jint count, jint capacity)
{
    (void)clazz;
    struct rte_mbuf *burst[MAX_BURST];
    if (!rte_eth_dev_is_valid_port((uint16_t)port) || pools[port] == NULL)
    {
        return -ENODEV;
    }
    for (int i = 0; i < count; i++)
    {
        struct rte_mbuf *m = slot_mbuf(desc, i);
        uint32_t length = (uint32_t)*(int32_t *)(slot(desc, i) + 16);
        m->data_len = (uint16_t)length;
        m->pkt_len = length;
        burst[i] = m;
    }
    uint16_t sent = count > 0 ? rte_eth_tx_burst((uint16_t)port, 0, burst, (uint16_t)count) : 0;
    int left = count - sent;
    if (left > 0)
    {
        memmove(slot(desc, 0), slot(desc, sent), (size_t)left * DESC_SIZE);
    }
    if (sent > 0)
    {
        for (int i = left; i < count; i++)
        {
            write_slot(desc, i, NULL, 0);
        }
        Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_txFill(env, clazz, port, desc, left, left + sent);
    }
    (void)capacity;
    return sent;
}

/* Port statistics: ipackets, opackets, ibytes, obytes, imissed, ierrors, oerrors, rx_nombuf. */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_stats(
    JNIEnv *env, jclass clazz, jint port, jlong out)
{
    (void)env;
    (void)clazz;
    struct rte_eth_stats stats;
    uint64_t *values = (uint64_t *)(uintptr_t)out;
    int ret = rte_eth_stats_get((uint16_t)port, &stats);
    if (ret != 0)
    {
        return ret < 0 ? ret : -ret;
    }
    values[0] = stats.ipackets;
    values[1] = stats.opackets;
    values[2] = stats.ibytes;
    values[3] = stats.obytes;
    values[4] = stats.imissed;
    values[5] = stats.ierrors;
    values[6] = stats.oerrors;
    values[7] = stats.rx_nombuf;
    return 0;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_mbufHeadroom(JNIEnv *env, jclass clazz)
{
    (void)env;
    (void)clazz;
    return RTE_PKTMBUF_HEADROOM;
}

JNIEXPORT jstring JNICALL Java_io_fmc4j_spi_dataplane_dpdk_DpdkNative_strerror(JNIEnv *env, jclass clazz, jint err)
{
    (void)clazz;
    return (*env)->NewStringUTF(env, rte_strerror(err));
}
