# SPDX-License-Identifier: MIT
# The benchmark disk: a raw file given to the guest as a modern virtio-blk
# device, and the host's own sequential speed on the same file, the "raw
# device" the guest's figures are compared with.
"""Benchmark disk image and raw device speed."""

import mmap
import os
import time

SIZE = 64 << 20         # the guest writes and reads all of it
BLOCK = 1 << 20


def create(path):
    """A raw image of SIZE bytes, written out (not sparse)."""
    zero = bytes(BLOCK)
    with open(path, "wb") as f:
        for _ in range(SIZE // BLOCK):
            f.write(zero)
        f.flush()
        os.fsync(f.fileno())


def direct_supported(path):
    """Whether the file system under `path` takes O_DIRECT (tmpfs does not);
    without it QEMU cannot use cache=none and the host's figure would be
    the page cache's."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECT)
    except OSError:
        return False
    os.close(fd)
    return True


def qemu_args(path, direct):
    """virtio-blk as vrm drives it: modern only, DMA through the IOMMU
    (TCEs). cache=none keeps the host's page cache out of the guest's
    figures."""
    cache = "none" if direct else "writethrough"
    return ["-drive", f"file={path},format=raw,if=none,id=benchdisk,"
                      f"cache={cache},aio=threads",
            "-device", "virtio-blk-pci,drive=benchdisk,disable-legacy=on,"
                       "iommu_platform=on"]


def raw_speed(path, direct, passes=3):
    """(write, read) MB/s of the host on `path`: the guest's pattern (all of
    the file, 1 MiB blocks, write then read) with O_DIRECT when possible,
    the best of `passes` (the device under the host is shared too). MB is
    10^6 bytes."""
    flags = os.O_RDWR | (os.O_DIRECT if direct else 0)
    buf = mmap.mmap(-1, BLOCK)          # page-aligned, as O_DIRECT needs
    buf.write(b"\x5a" * BLOCK)
    fd = os.open(path, flags)
    write = read = 0.0
    try:
        for _ in range(passes):
            t0 = time.monotonic()
            for off in range(0, SIZE, BLOCK):
                if os.pwritev(fd, [buf], off) != BLOCK:
                    raise OSError(f"{path}: short write at {off}")
            if not direct:
                os.fsync(fd)
            t1 = time.monotonic()
            for off in range(0, SIZE, BLOCK):
                if os.preadv(fd, [buf], off) != BLOCK:
                    raise OSError(f"{path}: short read at {off}")
            t2 = time.monotonic()
            write = max(write, SIZE / (t1 - t0) / 1e6)
            read = max(read, SIZE / (t2 - t1) / 1e6)
    finally:
        os.close(fd)
        buf.close()
    return write, read
