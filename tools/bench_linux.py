# SPDX-License-Identifier: MIT
# The Linux side of `make bench`: Debian's ppc64el kernel (unpacked under
# build/bench/linux-image by tools/bench-deps.sh), an initramfs of the
# static programs built from bench/linux/, and the QEMU machines to boot.
"""Linux side of the benchmarks."""

import glob
import os
import struct

import newc
import vrm_qemu
from bench_report import Unavailable

# Kernel command line; the words after "--" reach /init as its argv.
# mitigations=off: the machine options (tools/vrm_qemu.py) declare the
# Spectre caps broken, so Linux would fall back to flushing the L1 cache
# in software on every kernel entry and exit, work vrm does not do
# (getppid: 2.9 us with it, 1.8 us without, measured).
APPEND = "console=hvc0 quiet mitigations=off"
# virtio-blk is a module in Debian's kernel; its dependencies come first.
MODULES = ("virtio_pci", "virtio_blk")


class Side:
    name = "linux"

    def __init__(self, build):
        self.build = build
        self.image = os.path.join(build, "bench", "linux-image")
        self.bin = os.path.join(build, "bench", "linux")
        self.initrd = os.path.join(build, "bench", "linux-initramfs.cpio")
        self.vmlinux = None
        self.package = None

    def prepare(self, programs):
        """Check the kernel and programs and write the initramfs; raise
        Unavailable when something is missing."""
        found = sorted(glob.glob(os.path.join(self.image, "boot",
                                              "vmlinux-*")))
        if not found:
            raise Unavailable(f"no kernel under {self.image}/boot "
                              "(tools/bench-deps.sh fetches it)")
        self.vmlinux = found[-1]
        try:
            with open(os.path.join(self.image, ".package")) as f:
                self.package = f.read().strip()
        except OSError:
            self.package = os.path.basename(self.vmlinux)
        entries = [newc.Entry("dev", 0o040755),
                   newc.Entry("dev/console", 0o020600, rdev=(5, 1)),
                   newc.Entry("proc", 0o040755),
                   newc.Entry("sys", 0o040755),
                   newc.Entry("bench", 0o040755),
                   self._program("init", "init")]
        entries += [self._program(p, f"bench/{p}")
                    for p in sorted(set(programs) - {"init"})]
        entries.append(newc.Entry("modules", 0o040755))
        for i, path in enumerate(self._modules()):
            name = f"modules/{i:02d}-{os.path.basename(path)}"
            entries.append(newc.Entry(name, 0o100644, _read(path)))
        newc.write(self.initrd, entries)

    def has(self, programs):
        """Every program of bench/linux/ is built by `make bench`."""
        return True

    def _program(self, prog, name):
        path = os.path.join(self.bin, prog)
        if not os.path.exists(path):
            raise Unavailable(f"{path} not built (make bench builds it)")
        return newc.Entry(name, 0o100755, _read(path))

    def _modules(self):
        """The .ko files of MODULES and what they depend on, in load order."""
        found = {}
        for path in glob.glob(os.path.join(self.image, "lib", "modules",
                                           "*", "kernel", "**", "*.ko"),
                              recursive=True):
            name = os.path.basename(path)[:-3].replace("-", "_")
            found[name] = path
        order = []

        def visit(name, chain):
            if name in order:
                return
            if name in chain:
                raise Unavailable(f"module dependency loop at {name}")
            if name not in found:
                raise Unavailable(f"module {name} not in the kernel package")
            for dep in module_depends(found[name]):
                visit(dep, chain + (name,))
            order.append(name)

        for name in MODULES:
            visit(name, ())
        return [found[n] for n in order]

    def machine(self, programs, qemu):
        """The QEMU machine for a run of `programs`; bench.py adds what the
        run kind needs (firmware, hotplug room, the disk)."""
        append = APPEND
        if programs:
            append += " -- " + " ".join(programs)
        # Linux is not linked to run at its load address: QEMU's default.
        return vrm_qemu.Machine(kernel=self.vmlinux, kernel_addr0=False,
                                initrd=self.initrd, append=append,
                                qemu=list(qemu))

    def describe(self):
        return self.package or "(not run)"


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def module_depends(path):
    """The `depends=` names of a kernel module, from its .modinfo section
    (64-bit little-endian ELF, as Debian's ppc64el modules are)."""
    blob = _read(path)
    if blob[:4] != b"\x7fELF" or blob[4] != 2 or blob[5] != 1:
        raise Unavailable(f"{path}: not a 64-bit little-endian ELF")
    shoff, = struct.unpack_from("<Q", blob, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", blob, 0x3a)

    def section(i):
        # sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size
        name, _t, _f, _a, off, size = struct.unpack_from(
            "<IIQQQQ", blob, shoff + i * shentsize)
        return name, off, size

    _n, stroff, _s = section(shstrndx)
    for i in range(shnum):
        name, off, size = section(i)
        end = blob.index(b"\0", stroff + name)
        if blob[stroff + name:end] == b".modinfo":
            for item in blob[off:off + size].split(b"\0"):
                if item.startswith(b"depends="):
                    deps = item[len(b"depends="):].decode()
                    return [d for d in deps.split(",") if d]
            return []
    return []
