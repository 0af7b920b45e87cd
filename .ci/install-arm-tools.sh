#!/bin/sh
# Installs the Cortex-M toolchain and emulator Smelt's SmeltTargets tests and `smelt run/bench` need:
# arm-none-eabi-gcc (+ newlib for memcpy/memset/libgcc) and qemu-system-arm (QEMU 7.2 on Debian 12).
# Does nothing when both tools are already on PATH. Needs root (or sudo) for apt-get.
set -eu

if command -v arm-none-eabi-gcc >/dev/null 2>&1 && command -v qemu-system-arm >/dev/null 2>&1; then
    echo "install-arm-tools: arm-none-eabi-gcc and qemu-system-arm already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-arm-tools: need root or sudo to run apt-get" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm

arm-none-eabi-gcc --version | head -n 1
qemu-system-arm --version | head -n 1
