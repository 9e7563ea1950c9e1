# SPDX-License-Identifier: MIT
# The vrm side of `make bench`: vrm user programs built with the SDK, one
# per benchmark, in the initramfs under /bench/, run by vrm's bench init.
"""vrm side of the benchmarks.

The contract the harness expects of vrm (the same console lines as the
Linux side, see tools/bench_session.py):
  - build/initramfs.cpio holds /bench/init and one /bench/<name> per
    benchmark program named in tools/bench.py's table;
  - the kernel is booted with the command line APPEND followed by the
    program names; it starts /bench/init with those names as its argv;
  - /bench/init reads the timebase first and prints "@@init <timebase>",
    then "@@bench boot-guest <ms> ms", runs /bench/<name> for each name
    (printing "@@bench-fail <name> <reason>" for one that fails), prints
    "@@end" and powers off.
Until the initramfs holds /bench/init, the side reports "not yet
available".
"""

import os

import newc
import vrm_qemu
from bench_report import Unavailable

APPEND = "loglevel=3 init=/bench/init --"
NOT_YET = "not yet available"


class Side:
    name = "vrm"

    def __init__(self, build):
        self.kernel = os.path.join(build, "vrm.elf")
        self.initrd = os.path.join(build, "initramfs.cpio")
        self.have = set()

    def prepare(self, programs):
        """Learn which bench programs the initramfs holds; raise Unavailable
        when vrm cannot run benchmarks at all."""
        if not os.path.exists(self.kernel) or \
                not os.path.exists(self.initrd):
            raise Unavailable(NOT_YET, "n/a")
        try:
            names = newc.names(self.initrd)
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise Unavailable(f"{self.initrd}: {e}") from e
        for name in names:
            name = name.lstrip("./")
            if name.startswith("bench/"):
                self.have.add(name[len("bench/"):])
        if "init" not in self.have:
            raise Unavailable(NOT_YET, "n/a")

    def has(self, programs):
        """Whether every program of a row is in the initramfs."""
        return all(p in self.have for p in programs)

    def machine(self, programs, qemu):
        return vrm_qemu.Machine(kernel=self.kernel, initrd=self.initrd,
                                append=" ".join([APPEND] + list(programs)),
                                qemu=list(qemu))
