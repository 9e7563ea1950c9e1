#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Builds every QEMU command line that boots vrm (for `make run`, `make debug`
# and test/run), and as a program execs QEMU with the console on the terminal.
"""Launch vrm on QEMU's pseries machine.

    python3 tools/vrm_qemu.py --firmware slof|vof --smp N --mem SIZE
        --boot kernel|disk --kernel build/vrm.elf --build build
        [--gdb [--gdb-port PORT]] [--append ARGS] [--initrd FILE]
        [--maxcpus M] [--maxmem SIZE [--slots N]]

Room for hotplug. --maxcpus M gives M core slots (-smp N,maxcpus=M), of
which N are there at boot; --maxmem SIZE lets DIMMs of up to SIZE minus
the boot memory be plugged into N slots (-m MEM,slots=N,maxmem=SIZE; 4
slots unless told, QEMU's pseries takes up to 32). The QMP socket
<build>/qmp.sock is for host tools: tools/dlpar adds and removes CPUs and
memory through it (docs/dlpar.md). A socket file left by a QEMU that has
gone is removed first; one that a running QEMU still serves is not taken.

The console. On a terminal the serial port is a multiplexed stdio chardev
with signal=off: `-chardev stdio,id=console,mux=on,signal=off -serial
chardev:console`. The multiplexer gives QEMU's escape keys (Ctrl-A X quits,
Ctrl-A H lists the others) and signal=off passes Ctrl-C to the guest instead
of killing QEMU, so a shell on the console can use it. `-serial mon:stdio`
behaves the same for both keys but also puts a human monitor behind
Ctrl-A C; with `-monitor none` the QMP socket (<build>/qmp.sock) is the one
way in, which keeps the machine the same as the one the tests drive. Plain
`-serial stdio` would let Ctrl-C kill QEMU and has no Ctrl-A keys: the test
runner uses it, since its console is a pipe.

Booting from disk. QEMU accepts -append and -initrd only with -kernel, so a
disk boot passes the boot arguments as SLOF's `boot-file` NVRAM variable
(`-prom-env boot-file=...`), which SLOF copies to /chosen/bootargs when it
loads the boot image; an initrd cannot be given. VOF cannot boot from disk.
"""

import argparse
import dataclasses
import os
import re
import shlex
import socket
import sys

QEMU_BINARY = "qemu-system-ppc64"

FIRMWARES = {"slof": "x-vof=off", "vof": "x-vof=on"}

# kernel-addr=0 loads the ELF at its physical link address (0x400000); QEMU
# then warns "kernel_addr changed from 0x0 to 0x400000", which only reports
# where the image landed. Without it QEMU loads the image at 0x800000 and
# the kernel copies itself down (Machine.kernel_addr0 = False tests that).
# The Spectre caps quiet TCG's warnings about mitigations it cannot provide.
# cap-hpt-max-page-size=16M offers 16 MiB pages (QEMU's default since 2.12
# is 64 KiB), so the kernel bolts its linear map with 64 HPTEs per GiB
# instead of 16384 (about 20 ms of boot under TCG).
KERNEL_ADDR_0 = "kernel-addr=0"
MACHINE_OPTIONS = ("cap-cfpc=broken,cap-sbbc=broken,"
                   "cap-ibs=broken,cap-ccf-assist=off,cap-hpt-max-page-size=16M")

DEFAULT_GDB_PORT = 1234
MAX_SLOTS = 32              # DIMM slots QEMU's pseries accepts

SIZE = re.compile(r"^(\d+(?:\.\d+)?)([kmgt]?)(?:i?b)?$", re.IGNORECASE)


@dataclasses.dataclass
class Machine:
    """Everything that shapes one QEMU command line."""
    firmware: str = "slof"
    smp: int = 1
    mem: str = "1G"
    maxcpus: int | None = None      # -smp N,maxcpus=M for CPU hotplug
    maxmem: str | None = None       # -m SIZE,slots=,maxmem= for memory hotplug
    slots: int = 4
    boot: str = "kernel"            # "kernel" (-kernel) or "disk" (SLOF)
    kernel_addr0: bool = True       # load at the link address (see above)
    kernel: str | None = None
    disk: str | None = None         # the image when boot == "disk"
    append: str = ""
    initrd: str | None = None
    qmp: str | None = None          # unix socket path of the QMP server
    dumpdtb: str | None = None      # QEMU writes its tree there and exits
    interactive: bool = False       # console on a terminal (see above)
    gdb_port: int | None = None     # halted, waiting for gdb
    extra: list[str] = dataclasses.field(default_factory=list)
    qemu: list[str] = dataclasses.field(
        default_factory=lambda: [QEMU_BINARY])


def console_input(proc, text):
    """Types text on the console of a QEMU started with -serial stdio; a
    QEMU that has gone cannot take it, and that is not an error here."""
    try:
        proc.stdin.write(text.encode())
        proc.stdin.flush()
    except (OSError, ValueError):
        pass


def size_mib(text):
    """QEMU's size syntax (a bare number means MiB) in MiB; raises
    ValueError."""
    m = SIZE.match(text)
    if not m:
        raise ValueError(f"bad size {text!r}")
    shift = {"k": -10, "": 0, "m": 0, "g": 10, "t": 20}[m.group(2).lower()]
    return int(float(m.group(1)) * 2 ** shift)


def check(m):
    """Raise ValueError for a machine QEMU or the firmware cannot boot."""
    if m.firmware not in FIRMWARES:
        raise ValueError(f"firmware must be slof or vof, not {m.firmware!r}")
    if m.maxcpus is not None and m.maxcpus < m.smp:
        raise ValueError(f"maxcpus {m.maxcpus} is less than the {m.smp} "
                         "CPUs at boot")
    if m.maxmem is not None and size_mib(m.maxmem) < size_mib(m.mem):
        raise ValueError(f"maxmem {m.maxmem} is less than the {m.mem} "
                         "of memory at boot")
    if not 1 <= m.slots <= MAX_SLOTS:
        raise ValueError(f"slots must be 1 to {MAX_SLOTS}, not {m.slots}")
    if m.boot == "kernel":
        if not m.kernel:
            raise ValueError("booting a kernel needs --kernel")
    elif m.boot == "disk":
        if m.firmware != "slof":
            raise ValueError("only SLOF boots from disk; VOF needs -kernel")
        if m.initrd:
            raise ValueError("QEMU takes -initrd only with -kernel, "
                             "not on a disk boot")
        if not m.disk:
            raise ValueError("booting from disk needs a disk image")
    else:
        raise ValueError(f"boot must be kernel or disk, not {m.boot!r}")


def command(m):
    """The QEMU argument vector for machine `m`."""
    check(m)
    machine = f"pseries,{FIRMWARES[m.firmware]}"
    if m.kernel_addr0:
        machine += f",{KERNEL_ADDR_0}"
    machine += f",{MACHINE_OPTIONS}"
    if m.dumpdtb:
        machine += f",dumpdtb={m.dumpdtb}"
    argv = list(m.qemu) + ["-M", machine,
                           "-m", memory_option(m),
                           "-smp", smp_option(m),
                           "-nodefaults", "-display", "none"]
    argv += console_args(m.interactive)
    argv += ["-monitor", "none"]
    if m.qmp:
        argv += ["-qmp", f"unix:{m.qmp},server=on,wait=off"]
    if m.gdb_port is not None:
        argv += ["-S", "-gdb", f"tcp::{m.gdb_port}"]
    argv += boot_args(m)
    return argv + list(m.extra)


def memory_option(m):
    if m.maxmem:
        return f"{m.mem},slots={m.slots},maxmem={m.maxmem}"
    return m.mem


def smp_option(m):
    if m.maxcpus:
        return f"{m.smp},maxcpus={m.maxcpus}"
    return str(m.smp)


def console_args(interactive):
    if interactive:
        return ["-chardev", "stdio,id=console,mux=on,signal=off",
                "-serial", "chardev:console"]
    return ["-serial", "stdio"]


def boot_args(m):
    if m.boot == "disk":
        args = disk_args(m.disk)
        if m.append:
            args += ["-prom-env", f"boot-file={m.append}"]
        return args
    args = ["-kernel", m.kernel]
    if m.append:
        args += ["-append", m.append]
    if m.initrd:
        args += ["-initrd", m.initrd]
    return args


def _mkdisk():
    """tools/mkdisk.py, imported only for disk boots."""
    tools = os.path.dirname(os.path.abspath(__file__))
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import mkdisk
    return mkdisk


def disk_args(image):
    return list(_mkdisk().disk_qemu_args(image))


def make_disk(kernel, image):
    """Write a bootable disk image holding `kernel`; returns `image`."""
    _mkdisk().make_prep_disk(kernel, image)
    return image


def write_gdbinit(build, kernel, port):
    """Write <build>/gdbinit for a little-endian ppc64 remote session."""
    path = os.path.join(build, "gdbinit")
    with open(path, "w", encoding="ascii") as f:
        f.write("set architecture powerpc:common64\n"
                "set endian little\n"
                f"file {kernel}\n"
                f"target remote :{port}\n")
    return path


def clear_socket(path):
    """Remove the socket file a QEMU that has gone left at `path`; raise
    OSError when a running QEMU still serves it."""
    if not os.path.exists(path):
        return
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except ConnectionRefusedError:
        os.remove(path)
        return
    finally:
        probe.close()
    raise OSError(f"{path} is served by a running QEMU: end it first, or "
                  "give this machine another --build")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Boot vrm on QEMU pseries with the console on stdio.")
    p.add_argument("--firmware", choices=sorted(FIRMWARES), default="slof")
    p.add_argument("--smp", type=int, default=1)
    p.add_argument("--mem", default="1G")
    p.add_argument("--maxcpus", type=int)
    p.add_argument("--maxmem")
    p.add_argument("--slots", type=int, default=Machine.slots)
    p.add_argument("--boot", choices=["kernel", "disk"], default="kernel")
    p.add_argument("--kernel", default="build/vrm.elf")
    p.add_argument("--build", default="build")
    p.add_argument("--append", default="")
    p.add_argument("--initrd")
    p.add_argument("--gdb", action="store_true",
                   help="start halted with a gdb stub")
    p.add_argument("--gdb-port", type=int, default=DEFAULT_GDB_PORT)
    p.add_argument("--qemu", default=os.environ.get("QEMU", QEMU_BINARY),
                   help="QEMU program (may include arguments)")
    return p.parse_args(argv)


def main(argv):
    a = parse_args(argv)
    m = Machine(firmware=a.firmware, smp=a.smp, mem=a.mem,
                maxcpus=a.maxcpus, maxmem=a.maxmem, slots=a.slots, boot=a.boot,
                kernel=a.kernel, append=a.append, initrd=a.initrd,
                qmp=os.path.join(a.build, "qmp.sock"), interactive=True,
                qemu=shlex.split(a.qemu))
    if m.boot == "disk":
        m.disk = os.path.join(a.build, "boot-disk.img")
    if a.gdb:
        m.gdb_port = a.gdb_port
    try:
        argv = command(m)
        if m.boot == "disk":
            make_disk(m.kernel, m.disk)
        if a.gdb:
            gdbinit = write_gdbinit(a.build, a.kernel, a.gdb_port)
        clear_socket(m.qmp)
    except Exception as e:      # mkdisk's errors are its own classes
        print(f"vrm_qemu: {e}", file=sys.stderr)
        return 2
    if a.gdb:
        print(f"vrm: QEMU is halted; in another terminal run: "
              f"gdb-multiarch -x {gdbinit}", file=sys.stderr)
    print(f"vrm: QMP socket {m.qmp} (tools/dlpar adds and removes CPUs "
          "and memory through it)", file=sys.stderr)
    print("vrm: console on this terminal; Ctrl-A X quits, Ctrl-A H for help",
          file=sys.stderr)
    sys.stderr.flush()
    try:
        os.execvp(argv[0], argv)
    except OSError as e:
        print(f"vrm_qemu: {argv[0]}: {e}", file=sys.stderr)
        return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
