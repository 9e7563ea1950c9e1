#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of tools/layercheck.py on tiny objects laid out like the tree.
"""layercheck self-test; TAP on stdout.

    python3 test/layercheck_selftest.py

Compiles one-function C files with the host compiler into a temporary
build directory laid out like the kernel's (boot/, lib/, arch/ppc64/,
base/dt.o, mm/, drivers/, the kernel's top and two rooms, test/kernel/,
a libfdt archive), then runs tools/layercheck.py with the host nm and the
tool's own rules on chosen sets of them, each time with an allowlist of
the test's, and checks its exit status and what it says.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from selftap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(os.path.dirname(HERE), "tools", "layercheck.py")
HOSTCC = os.environ.get("HOSTCC", "gcc")

# object -> (the function it defines, the symbols it calls). Every
# reference here is one the rules allow, but boot/head.o's call of kmain,
# which only the allowlist lets through.
GOOD = {
    "lib/string.o":        ("lib_copy", ("__stack_chk_fail", "_image_end")),
    "base/panic.o":        ("__stack_chk_fail", ("base_log",)),
    "base/log.o":          ("base_log", ("arch_idle", "lib_copy")),
    "base/dt.o":           ("dt_get", ("fdt_getprop", "base_log")),
    "arch/ppc64/smp.o":    ("arch_idle", ("base_log", "lib_copy")),
    "mm/heap.o":           ("kmalloc", ("base_log", "arch_idle", "dt_get")),
    "drivers/vty.o":       ("vty_init", ("kmalloc", "base_log")),
    "kernel/fs/file.o":    ("vfs_open", ("kmalloc", "lib_copy")),
    "kernel/proc/exec.o":  ("exec", ("vfs_open", "kmalloc")),
    "kernel/task.o":       ("kernel_foo", ("exec", "vty_init", "vfs_open")),
    "kernel/main.o":       ("kmain", ("kernel_foo",)),
    "boot/flatten.o":      ("boot_flatten", ("fdt_create", "lib_copy")),
    "boot/head.o":         ("_start", ("boot_flatten", "kmain")),
    "test/kernel/t.o":     ("ktest_one", ("kernel_foo", "exec", "kmalloc", "dt_get")),
}
# libfdt's members; fdt_unused.o is not linked (nothing needs it), so what
# it calls does not count.
LIBFDT = {
    "fdt_ro.o":     ("fdt_getprop", ("lib_copy", "__stack_chk_fail")),
    "fdt_sw.o":     ("fdt_create", ("lib_copy",)),
    "fdt_unused.o": ("fdt_unused", ("kernel_foo", "nowhere_at_all")),
}
# One forbidden (or odd) reference each.
BAD = {
    "mm/fault.o":         ("mm_fault", ("kernel_foo",)),
    "kernel/fs/back.o":   ("fs_back", ("exec",)),
    "kernel/ipc/port.o":  ("port_send", ("exec",)),
    "kernel/fs/ipc.o":    ("fs_ipc", ("port_send",)),
    "kernel/ipc/up.o":    ("ipc_up", ("kernel_foo",)),
    "base/of.o":          ("base_of", ("fdt_getprop",)),
    "mm/fdt.o":           ("mm_fdt", ("fdt_getprop",)),
    "mm/lost.o":          ("mm_lost", ("no_such_symbol",)),
    "misc/odd.o":         ("odd", ()),
}
LDS = """SECTIONS
{
\t.bss : { *(.bss) }
\t_image_end = .;
}
"""
ALLOW = "boot/head.o kmain the entry into the kernel\n"


def compile_object(build, name, function, calls):
    path = os.path.join(build, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    decls = "".join(f"void {c}(void);\n" for c in calls)
    body = "".join(f"\t{c}();\n" for c in calls)
    source = path[:-2] + ".c"
    with open(source, "w") as f:
        f.write(f"{decls}void {function}(void)\n{{\n{body}}}\n")
    subprocess.run([HOSTCC, "-O2", "-fno-pic", "-fno-stack-protector", "-c",
                    source, "-o", path], check=True)
    return path


class Tree:
    """The compiled objects, and layercheck run on some of them."""

    def __init__(self, top):
        self.build = os.path.join(top, "build")
        self.top = top
        for name, (function, calls) in {**GOOD, **BAD}.items():
            compile_object(self.build, name, function, calls)
        fdt = os.path.join(self.build, "libfdt")
        members = [compile_object(fdt, name, *spec) for name, spec in LIBFDT.items()]
        self.libfdt = os.path.join(fdt, "libfdt.a")
        subprocess.run(["ar", "rcs", self.libfdt, *members], check=True)
        self.lds = os.path.join(top, "kernel.lds")
        with open(self.lds, "w") as f:
            f.write(LDS)

    def check(self, names, allow=ALLOW):
        """layercheck's exit status and output for these objects."""
        allowlist = os.path.join(self.top, "upcalls.allow")
        with open(allowlist, "w") as f:
            f.write(allow)
        p = subprocess.run(
            [sys.executable, TOOL, "--nm", "nm", "--build", self.build,
             "--lds", self.lds, "--libfdt", self.libfdt,
             "--allowlist", allowlist,
             *(os.path.join(self.build, n) for n in names)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return p.returncode, p.stdout


def main():
    t = Tap()
    print("1..9", flush=True)
    top = tempfile.mkdtemp(prefix="vrm-layercheck-test.")
    try:
        tree = Tree(top)
        good = list(GOOD)

        rc, out = tree.check(good)
        t.ok(rc == 0 and out == "", "references the rules allow pass, and so "
             "does an upcall the allowlist names", out)

        rc, out = tree.check(good + ["mm/fault.o"])
        t.ok(rc == 1 and "layercheck: mm/fault.o references kernel_foo "
             "(kernel/task.o): mm/ may use base/, arch/, lib/\n" in out,
             "mm/ calling kernel/ fails, naming object, symbol, definer and "
             "rule", out)

        rc, out = tree.check(good, allow="")
        t.ok(rc == 1 and "boot/head.o references kmain (kernel/main.o): "
             "boot/ may use lib/, libfdt" in out,
             "the same upcall without its allowlist entry fails", out)

        rc, out = tree.check(good, allow=ALLOW +
                             "arch/ppc64/smp.o ipi_handle an IPI's handling\n"
                             "mm/heap.o base_log the rules allow this one\n")
        t.ok(rc == 1 and ":2: stale entry arch/ppc64/smp.o ipi_handle" in out
             and ":3: stale entry mm/heap.o base_log" in out and
             "kmain" not in out,
             "allowlist entries that no refused reference needs are stale", out)

        rc, out = tree.check(good + ["kernel/fs/back.o"])
        t.ok(rc == 1 and "rooms kernel/fs/ and kernel/proc/ reference each "
             "other" in out and
             "kernel/fs/back.o references exec (kernel/proc/exec.o)" in out and
             "kernel/proc/exec.o references vfs_open (kernel/fs/file.o)" in out,
             "two rooms that reference each other fail, with the symbols of "
             "both sides", out)

        rc, out = tree.check(good + ["kernel/ipc/port.o", "kernel/fs/ipc.o"])
        t.ok(rc == 1 and "rooms kernel/fs/, kernel/ipc/ and kernel/proc/ "
             "reference each other" in out and
             "kernel/fs/ipc.o references port_send" in out and
             "kernel/ipc/port.o references exec" in out and
             "kernel/proc/exec.o references vfs_open" in out,
             "a cycle through three rooms fails", out)

        rc, out = tree.check(good + ["kernel/ipc/up.o"])
        t.ok(rc == 1 and "kernel/ipc/up.o references kernel_foo "
             "(kernel/task.o): kernel/ipc/ is a room" in out,
             "a room referencing the kernel's top fails", out)

        rc, out = tree.check(good + ["base/of.o", "mm/fdt.o"])
        t.ok(rc == 1 and "base/of.o references fdt_getprop "
             "(libfdt(fdt_ro.o)): base/ may use arch/, lib/; only boot/ and "
             "base/dt.o call libfdt" in out and
             "mm/fdt.o references fdt_getprop" in out,
             "libfdt called outside base/dt.o and boot/ fails", out)

        rc, out = tree.check(good + ["mm/lost.o", "misc/odd.o"])
        t.ok(rc == 1 and "mm/lost.o references no_such_symbol, which no "
             "object" in out and "misc/odd.o: no layer" in out and
             "_image_end" not in out and "__stack_chk_fail" not in out,
             "a symbol nothing defines and an object outside the layers "
             "fail; the linker script's and the toolchain's symbols do not",
             out)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
