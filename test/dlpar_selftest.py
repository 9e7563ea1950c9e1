#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of tools/dlpar: against the runner self-test's fake QEMU (its
# hot-plug model), then against a real QEMU halted before its firmware.
"""tools/dlpar self-test.

    python3 test/dlpar_selftest.py

Each check runs tools/dlpar as a user would, on a machine started like
`make run` starts it, and reads what it printed and its exit status. The
fake QEMU (test/runner_selftest.py --fake-qemu, scenario idle) plays the
guest's part as each check sets it: releasing a device, declining its
removal, or never answering; and QEMU 7.2's segfault on a DIMM after a
core removal. The real QEMU is halted (-S), so no guest acts at all: a
core or a DIMM that the guest never acquired is released by QEMU at once,
which shows the QMP side of every operation on the real thing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
DLPAR = os.path.join(TOP, "tools", "dlpar")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(TOP, "tools"))

import qmp  # noqa: E402
import vrm_qemu  # noqa: E402
from runner_selftest import Checks  # noqa: E402

START_TIMEOUT = 20.0    # seconds for a QEMU to open its QMP socket


class Machine:
    """A QEMU (or the fake) with a QMP socket, ended when done."""

    def __init__(self, qemu, sock, extra):
        m = vrm_qemu.Machine(firmware="vof", smp=1, mem="512M", maxcpus=4,
                             maxmem="2G", kernel=os.devnull, qmp=sock,
                             qemu=qemu, extra=extra)
        argv = vrm_qemu.command(m)
        argv.remove("-kernel")      # nothing to boot: the QMP side alone
        argv.remove(os.devnull)
        self.sock = sock
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.execute("query-status", START_TIMEOUT)     # QMP is up

    def execute(self, command, timeout=1.0, **args):
        """One command on a connection of its own: QEMU serves one QMP
        client at a time, and tools/dlpar needs its turn."""
        client = qmp.QMPClient(self.sock)
        client.connect(timeout=timeout)
        with client:
            return client.execute(command, **args)

    def guest(self, unplug):
        """Set what the fake's guest does with an unplug request."""
        self.execute("x-fake-guest", unplug=unplug)

    def end(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdin.close()
        self.proc.stderr.close()


def dlpar(sock, *words):
    """Run tools/dlpar; (exit status, stdout, stderr)."""
    r = subprocess.run([sys.executable, DLPAR, "--qmp", sock] + list(words),
                       capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def expect(c, sock, words, status, out_pattern, desc, err_pattern=None):
    rc, out, err = dlpar(sock, *words.split())
    ok = rc == status and re.search(out_pattern, out, re.MULTILINE)
    if err_pattern:
        ok = ok and re.search(err_pattern, err, re.MULTILINE)
    c.check(ok, f"tools/dlpar {words}: {desc}", f"status {rc}", out, err)


def check_fake(c, build):
    """Every operation and every answer of the guest, on the fake."""
    sock = os.path.join(build, "fake.sock")
    fake = [sys.executable, os.path.join(HERE, "runner_selftest.py"),
            "--fake-qemu"]
    m = Machine(fake, sock, ["-append", "fake=idle"])
    try:
        expect(c, sock, "status", 0, r"^core 0: boot .*\n(.*\n){3}total: 1 "
               r"vCPUs, 512 MiB$", "core slots and totals")
        expect(c, sock, "mem-add 256", 0,
               r"^added dlpar-dimm1: 256 MiB at 0x40000000$", "a DIMM")
        expect(c, sock, "mem-add 512", 0,
               r"^added dlpar-dimm2: 512 MiB at 0x50000000$", "another")
        expect(c, sock, "mem-remove 256", 1, r"^$", "refused: the last DIMM "
               "is 512 MiB", r"^dlpar: mem-remove 256: .* 512 256 MiB")
        expect(c, sock, "mem-remove 768", 0, r"^removed dlpar-dimm2: .*\n"
               r"removed dlpar-dimm1: ", "the most recent DIMM first")
        expect(c, sock, "cpu-add 2", 0, r"^added core 1 as dlpar-cpu1 .*\n"
               r"added core 2 as dlpar-cpu2 ", "the lowest free core-ids")
        expect(c, sock, "cpu-add 2", 1, r"^$", "refused: one slot is free",
               r"1 of 4 core slots are free")
        m.guest("decline")
        expect(c, sock, "cpu-remove 1", 2, r"^$", "declined by the guest",
               r"dlpar-cpu2: the guest declined the removal")
        m.guest("release")
        expect(c, sock, "cpu-remove 1", 0, r"^removed dlpar-cpu2 \(core 2\)$",
               "the same removal, accepted now")
        m.guest("ignore")
        expect(c, sock, "--timeout 0.5 cpu-remove 1", 3, r"^$", "no answer",
               r"dlpar-cpu1: no DEVICE_DELETED within 0.5 s; the unplug "
               r"stays pending")
        for words in ("cpu-add", "cpu-add 0", "mem-add 300", "frob 1"):
            expect(c, sock, words, 1, r"^$", "a bad request fails with 1")
        m.guest("release")
        expect(c, sock, "mem-add 256", 1, r"^$", "QEMU crashed (a DIMM after "
               "a core removal, pitfall 22)", r"QEMU closed the QMP "
               r"connection \(has it crashed\?\)")
    finally:
        m.end()
    expect(c, sock, "status", 1, r"^$", "no machine behind the socket",
           r"^dlpar: status: QMP socket ")
    expect(c, os.path.join(build, "none.sock"), "status", 1, r"^$",
           "no socket at all", r"^dlpar: no QMP socket .*: is make run")


def check_real(c, build):
    """The QMP side of each operation on the real QEMU, guest halted."""
    if not shutil.which(vrm_qemu.QEMU_BINARY):
        c.check(True, f"real QEMU # SKIP {vrm_qemu.QEMU_BINARY} not installed")
        return
    sock = os.path.join(build, "real.sock")
    m = Machine([vrm_qemu.QEMU_BINARY], sock, ["-S"])
    try:
        expect(c, sock, "status", 0, r"^core 3: free \(power9_v2\.0-spapr-"
               r"cpu-core, 1 thread\(s\)\)$", "real QEMU: the slots QEMU lists")
        expect(c, sock, "mem-add 512", 0,
               r"^added dlpar-dimm1: 512 MiB at 0x40000000$",
               "real QEMU: a DIMM above the boot memory")
        expect(c, sock, "mem-remove 512", 0, r"^removed dlpar-dimm1: ",
               "real QEMU: removed at once (the guest never acquired it)")
        expect(c, sock, "cpu-add 3", 0, r"^added core 3 as dlpar-cpu3 ",
               "real QEMU: three cores")
        expect(c, sock, "cpu-remove 2", 0, r"^removed dlpar-cpu3 \(core 3\)\n"
               r"removed dlpar-cpu2 \(core 2\)$", "real QEMU: newest first")
        expect(c, sock, "status", 0, r"^core 1: dlpar-cpu1 .*\n.*core 2: free"
               r"(.*\n)*total: 2 vCPUs, 512 MiB$", "real QEMU: what is left")
        c.check(m.proc.poll() is None, "real QEMU still runs")
    finally:
        m.end()


def selftest():
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="vrm-dlpar-") as build:
        cwd = os.getcwd()
        os.chdir(build)         # short socket paths, whatever the tree's
        try:
            check_fake(c, ".")
            check_real(c, ".")
        finally:
            os.chdir(cwd)
    return 0 if c.print_tap() else 1


if __name__ == "__main__":
    sys.exit(selftest())
