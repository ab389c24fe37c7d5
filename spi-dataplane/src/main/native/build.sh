#!/usr/bin/env bash
# Copyright 2026 the fmc4j authors.
# SPDX-License-Identifier: Apache-2.0
#
# Compiles the JNI libraries into <classes>/META-INF/native/<os>-<arch>/ so that they are packed into the jar.
# Never fails the build: a library that cannot be built is replaced by lib<name>.unavailable holding the reason,
# which the provider reports as its unavailability cause.
#   build.sh <classes-dir> <java-home>
set -u
classes="$1"
java_home="$2"
src="$(cd "$(dirname "$0")" && pwd)"

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(uname -m)"
case "$arch" in
  amd64) arch=x86_64 ;;
  arm64) arch=aarch64 ;;
esac
out="$classes/META-INF/native/$os-$arch"
mkdir -p "$out"
rm -f "$out"/libfmc4j-*.so "$out"/libfmc4j-*.unavailable

unavailable()
{
  echo "$2" > "$out/lib$1.unavailable"
  echo "[native] lib$1.so not built: $2"
}

if [ "$os" != linux ]; then
  unavailable fmc4j-tun "not Linux ($os)"
  unavailable fmc4j-udp "not Linux ($os)"
  unavailable fmc4j-dpdk "not Linux ($os)"
  exit 0
fi

cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  unavailable fmc4j-tun "no C compiler ($cc) on the build machine"
  unavailable fmc4j-udp "no C compiler ($cc) on the build machine"
  unavailable fmc4j-dpdk "no C compiler ($cc) on the build machine"
  exit 0
fi

# Maven may run on a JRE-style java.home; look for the JNI headers there and one level up.
jni=""
for dir in "$java_home/include" "$java_home/../include" "${JAVA_HOME:-/nonexistent}/include"; do
  if [ -f "$dir/jni.h" ]; then jni="$dir"; break; fi
done
if [ -z "$jni" ]; then
  unavailable fmc4j-tun "no jni.h under $java_home (a JDK is needed to build)"
  unavailable fmc4j-udp "no jni.h under $java_home (a JDK is needed to build)"
  unavailable fmc4j-dpdk "no jni.h under $java_home (a JDK is needed to build)"
  exit 0
fi
cflags=(-O2 -fPIC -shared -std=gnu11 -Wall -Wextra -I"$jni" -I"$jni/linux")

if [ -f /usr/include/linux/if_tun.h ] || echo '#include <linux/if_tun.h>' | "$cc" -E - >/dev/null 2>&1; then
  if log=$("$cc" "${cflags[@]}" -Werror "$src/fmc4j_tun.c" -o "$out/libfmc4j-tun.so" 2>&1); then
    echo "[native] built $out/libfmc4j-tun.so"
  else
    unavailable fmc4j-tun "gcc failed: $(echo "$log" | head -5 | tr '\n' ' ')"
  fi
else
  unavailable fmc4j-tun "no Linux kernel headers (linux/if_tun.h); install linux-libc-dev"
fi

if log=$("$cc" "${cflags[@]}" -Werror "$src/fmc4j_udp.c" -o "$out/libfmc4j-udp.so" 2>&1); then
  echo "[native] built $out/libfmc4j-udp.so"
else
  unavailable fmc4j-udp "gcc failed: $(echo "$log" | head -5 | tr '\n' ' ')"
fi

if ! command -v pkg-config >/dev/null 2>&1; then
  unavailable fmc4j-dpdk "no pkg-config on the build machine (apt-get install pkg-config dpdk-dev)"
elif ! pkg-config --exists libdpdk; then
  unavailable fmc4j-dpdk "pkg-config finds no libdpdk (apt-get install dpdk-dev)"
else
  # shellcheck disable=SC2046
  if log=$("$cc" "${cflags[@]}" $(pkg-config --cflags libdpdk) "$src/fmc4j_dpdk.c" -o "$out/libfmc4j-dpdk.so" \
      $(pkg-config --libs libdpdk) 2>&1); then
    echo "[native] built $out/libfmc4j-dpdk.so (DPDK $(pkg-config --modversion libdpdk))"
  else
    unavailable fmc4j-dpdk "gcc failed: $(echo "$log" | head -5 | tr '\n' ' ')"
  fi
fi
exit 0
