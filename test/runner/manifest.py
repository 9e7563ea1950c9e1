# SPDX-License-Identifier: MIT
# Reads test/suites: one Suite per row, checked before anything boots.
"""The manifest of QEMU suites (its columns are described in test/suites)."""

import os
import re
from dataclasses import dataclass, field

import vrm_qemu

from . import REPO
from .script import Step, parse_script

NAME = re.compile(r"^[A-Za-z0-9._-]+$")
FUNCTION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ManifestError(Exception):
    pass


@dataclass
class Suite:
    """One row of test/suites."""
    name: str
    firmware: str
    smp: int
    mem: str
    timeout: float
    tests: str
    fdtref: bool = False
    disk: bool = False
    append: list[str] = field(default_factory=list)
    qemu_args: list[str] = field(default_factory=list)
    maxcpus: int | None = None
    maxmem: str | None = None
    slots: int = vrm_qemu.Machine.slots     # DIMM slots with maxmem
    panic: str | None = None    # the function an expected panic starts in
    kernel_addr0: bool = True   # false: QEMU's default load address
    dimms: list[str] = field(default_factory=list)  # cold-plugged, sizes
    run: str | None = None      # user programs init runs, comma-separated
    console: list[Step] | None = None   # the console script's steps
    boots: int | None = None    # banners the suite must see (restarts)


def parse_row(words):
    """A Suite from the columns of one manifest row; raises ValueError."""
    if len(words) < 6:
        raise ValueError("need: name firmware smp mem timeout tests [options]")
    name, firmware, smp, mem, timeout, tests = words[:6]
    if not NAME.match(name):
        raise ValueError(f"suite name {name!r} is not a plain file name")
    vrm_qemu.size_mib(mem)
    s = Suite(name, firmware, int(smp), mem, float(timeout), tests)
    for opt in words[6:]:
        parse_option(s, opt)
    if (s.run or s.console) and (s.disk or s.fdtref):
        raise ValueError("run= and console= need the initramfs as -initrd, "
                         "which disk and fdtref exclude")
    if s.run and s.tests != "-":
        raise ValueError("run= rows read one TAP block per program: "
                         "they take no in-kernel suites (tests -)")
    if s.console and (s.run or s.tests != "-"):
        raise ValueError("console= talks to the shell, which init starts "
                         "only without in-kernel suites (tests -) and run=")
    if s.disk and s.fdtref:
        raise ValueError("fdtref passes the tree with -initrd, which QEMU "
                         "accepts only with -kernel, not on a disk boot")
    if s.smp < 1 or s.timeout <= 0:
        raise ValueError("smp and timeout must be positive")
    if s.dimms and not s.maxmem:
        raise ValueError("dimm= needs maxmem= (room for the DIMMs)")
    vrm_qemu.check(suite_machine(s, "kernel", "disk", None, None, ["qemu"]))
    return s


def parse_option(s, opt):
    """Apply one option word to Suite `s`; raises ValueError."""
    key, eq, value = opt.partition("=")
    if opt == "fdtref":
        s.fdtref = True
    elif opt == "disk":
        s.disk = True
    elif opt == "loadaddr=qemu":
        s.kernel_addr0 = False
    elif eq and key == "append":
        s.append.append(value)
    elif eq and key == "qemu":
        s.qemu_args.append(value)
    elif eq and key == "maxcpus":
        s.maxcpus = int(value)
    elif eq and key == "dimm":
        vrm_qemu.size_mib(value)
        s.dimms.append(value)
    elif eq and key == "maxmem":
        vrm_qemu.size_mib(value)
        s.maxmem = value
    elif eq and key == "slots":
        s.slots = int(value)
    elif eq and key == "run":
        if not all(p.startswith("/") for p in value.split(",")):
            raise ValueError(f"run= needs absolute program paths, not {value!r}")
        s.run = value
    elif eq and key == "boots":
        s.boots = int(value)
        if s.boots < 1:
            raise ValueError("boots= needs a positive count")
    elif eq and key == "console":
        s.console = parse_script(os.path.join(REPO, value), value)
    elif eq and key == "panic":
        if not FUNCTION.match(value):
            raise ValueError(f"panic= needs a C function name, not {value!r}")
        s.panic = value
    else:
        raise ValueError(f"unknown option {opt!r}")


def parse_manifest(path):
    """The suites of the manifest at `path`, by name; raises ManifestError."""
    suites = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            words = line.split()
            for i, w in enumerate(words):
                if w.startswith("#"):
                    del words[i:]
                    break
            if not words:
                continue
            try:
                s = parse_row(words)
            except ValueError as e:
                raise ManifestError(f"{path}:{number}: {e}") from e
            if s.name in suites:
                raise ManifestError(f"{path}:{number}: suite {s.name} twice")
            suites[s.name] = s
    return suites


def suite_machine(s, kernel, disk, initrd, qmp_path, qemu):
    """The vrm_qemu.Machine that runs suite `s`."""
    return vrm_qemu.Machine(
        firmware=s.firmware, smp=s.smp, mem=s.mem, maxcpus=s.maxcpus,
        maxmem=s.maxmem, slots=s.slots, boot="disk" if s.disk else "kernel",
        kernel=kernel, kernel_addr0=s.kernel_addr0,
        disk=disk if s.disk else None,
        append=" ".join(boot_words(s) + s.append),
        initrd=initrd, qmp=qmp_path, extra=dimm_args(s) + list(s.qemu_args),
        qemu=qemu)


def boot_words(s):
    """The kernel's command-line words: in-kernel suites ("-" for none),
    then the user programs init runs."""
    words = [f"test={s.tests}"] if s.tests != "-" else []
    return words + ([f"run={s.run}"] if s.run else [])


def dimm_args(s):
    """QEMU arguments that plug the suite's DIMMs before the machine starts."""
    args = []
    for i, size in enumerate(s.dimms):
        args += ["-object", f"memory-backend-ram,id=coldmem{i},size={size}",
                 "-device", f"pc-dimm,id=colddimm{i},memdev=coldmem{i}"]
    return args


def boot_mem_mib(s):
    """Memory the banner must show: boot RAM plus cold-plugged DIMMs."""
    return vrm_qemu.size_mib(s.mem) + sum(map(vrm_qemu.size_mib, s.dimms))
