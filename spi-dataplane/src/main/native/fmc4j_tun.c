/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * JNI side of io.fmc4j.spi.dataplane.tun.TunNative: open a Linux TUN device (IFF_TUN | IFF_NO_PI, non-blocking),
 * read bursts of packets into a Java-owned off-heap arena, write single packets. Errors come back as -errno;
 * nothing here allocates Java objects on the read/write paths.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int set_link(const char *name, int mtu, int up)
{
    struct ifreq ifr;
    int result = 0;
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0)
    {
        return -errno;
    }
    memset(&ifr, 0, sizeof(ifr));
    memcpy(ifr.ifr_name, name, strnlen(name, IFNAMSIZ - 1));
    if (mtu > 0)
    {
        ifr.ifr_mtu = mtu;
        if (ioctl(sock, SIOCSIFMTU, &ifr) < 0)
        {
            result = -errno;
        }
    }
    if (result == 0 && up)
    {
        memset(&ifr, 0, sizeof(ifr));
        memcpy(ifr.ifr_name, name, strnlen(name, IFNAMSIZ - 1));
        if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0)
        {
            result = -errno;
        }
        else
        {
            ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
            if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0)
            {
                result = -errno;
            }
        }
    }
    close(sock);
    return result;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_open(
    JNIEnv *env, jclass clazz, jstring jname, jint mtu, jboolean up)
{
    (void)clazz;
    struct ifreq ifr;
    const char *name = NULL;
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
    {
        return -errno;
    }
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    if (jname != NULL)
    {
        name = (*env)->GetStringUTFChars(env, jname, NULL);
        if (name == NULL)
        {
            close(fd);
            return -ENOMEM;
        }
        if (strlen(name) >= IFNAMSIZ)
        {
            (*env)->ReleaseStringUTFChars(env, jname, name);
            close(fd);
            return -ENAMETOOLONG;
        }
        memcpy(ifr.ifr_name, name, strnlen(name, IFNAMSIZ - 1));
        (*env)->ReleaseStringUTFChars(env, jname, name);
    }
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        int err = errno;
        close(fd);
        return -err;
    }
    int link = set_link(ifr.ifr_name, mtu, up);
    if (link < 0)
    {
        close(fd);
        return link;
    }
    return fd;
}

JNIEXPORT jstring JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_name(JNIEnv *env, jclass clazz, jint fd)
{
    (void)clazz;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    if (ioctl(fd, TUNGETIFF, &ifr) < 0)
    {
        return NULL;
    }
    return (*env)->NewStringUTF(env, ifr.ifr_name);
}

/*
 * Reads up to max packets without blocking. Packet i goes to arena + i * stride + offset (at most capacity
 * bytes); its length to lengths[i]. Returns the count, or -errno when the first read fails with anything but
 * EAGAIN (a later failure ends the burst and shows up on the next call).
 */
JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_readBurst(
    JNIEnv *env, jclass clazz, jint fd, jlong arena, jint stride, jint offset, jint capacity, jlong lengths,
    jint max)
{
    (void)env;
    (void)clazz;
    uint8_t *base = (uint8_t *)(uintptr_t)arena;
    int32_t *lens = (int32_t *)(uintptr_t)lengths;
    int count = 0;
    while (count < max)
    {
        ssize_t n = read(fd, base + (size_t)count * (size_t)stride + offset, (size_t)capacity);
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK || count > 0)
            {
                break;
            }
            return -errno;
        }
        lens[count++] = (int32_t)n;
    }
    return count;
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_write(
    JNIEnv *env, jclass clazz, jint fd, jlong address, jint length)
{
    (void)env;
    (void)clazz;
    for (;;)
    {
        ssize_t n = write(fd, (const void *)(uintptr_t)address, (size_t)length);
        if (n >= 0)
        {
            return (jint)n;
        }
        if (errno != EINTR)
        {
            return -errno;
        }
    }
}

JNIEXPORT jint JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_close(JNIEnv *env, jclass clazz, jint fd)
{
    (void)env;
    (void)clazz;
    return close(fd) < 0 ? -errno : 0;
}

JNIEXPORT jstring JNICALL Java_io_fmc4j_spi_dataplane_tun_TunNative_strerror(JNIEnv *env, jclass clazz, jint err)
{
    (void)clazz;
    char buf[256];
    const char *text = strerror_r(err, buf, sizeof(buf));
    return (*env)->NewStringUTF(env, text);
}
