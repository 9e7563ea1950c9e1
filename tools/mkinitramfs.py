#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the initramfs: a cpio newc archive of the named files of a tree.

Usage: mkinitramfs.py -o OUT -C ROOT PATH...

Each PATH (relative to ROOT) is stored under that name, after entries for
its parent directories; names carry no leading "/" or "./". Everything is
owned by root, dated 0 and numbered in order, so the same tree always gives
the same archive. Files with an execute bit are stored 0755, others 0644.

Every ELF file must be a program the kernel can start (user/user.lds): a
static little-endian ELFv2 ET_EXEC for ppc64 with exactly two PT_LOAD
segments, text (R X) at 0x10000000 and data (R W) at 0x20000000, each
inside its own 256 MB segment, the entry in the text, and no interpreter,
dynamic section or TLS. A file that is not is refused, naming the rule.
"""

import argparse
import os
import struct
import sys

import newc

TEXT_BASE = 0x10000000
DATA_BASE = 0x20000000
SEGMENT = 0x10000000

PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_TLS = 1, 2, 3, 7
PF_X, PF_W, PF_R = 1, 2, 4
ET_EXEC, EM_PPC64 = 2, 21


def check_elf(data):
    """Raises ValueError if the ELF image is not a program vrm can start."""
    if data[4] != 2 or data[5] != 1:
        raise ValueError("not ELF64 little-endian")
    (e_type, e_machine, _, e_entry, e_phoff, _, e_flags, _, e_phentsize,
     e_phnum) = struct.unpack_from("<HHIQQQIHHH", data, 16)
    if e_type != ET_EXEC or e_machine != EM_PPC64:
        raise ValueError("not a ppc64 ET_EXEC")
    if e_flags & 3 != 2:
        raise ValueError("not ELFv2")
    loads = []
    for i in range(e_phnum):
        p_type, p_flags, _, p_vaddr, _, _, p_memsz, _ = struct.unpack_from(
            "<IIQQQQQQ", data, e_phoff + i * e_phentsize)
        if p_type in (PT_DYNAMIC, PT_INTERP, PT_TLS):
            raise ValueError(f"has program header type {p_type}")
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_memsz, p_flags))
    want = [(TEXT_BASE, PF_R | PF_X), (DATA_BASE, PF_R | PF_W)]
    if [(v, f) for v, _, f in loads] != want:
        raise ValueError("PT_LOAD segments are "
                         + ", ".join(f"{v:#x} flags {f}" for v, _, f in loads)
                         + f"; want text {TEXT_BASE:#x} (R X), data "
                         f"{DATA_BASE:#x} (R W)")
    for vaddr, memsz, _ in loads:
        if (vaddr + max(memsz, 1) - 1) // SEGMENT != vaddr // SEGMENT:
            raise ValueError(f"segment at {vaddr:#x} leaves its 256 MB")
    if not TEXT_BASE <= e_entry < TEXT_BASE + loads[0][1]:
        raise ValueError(f"entry {e_entry:#x} is outside the text")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", dest="out", required=True)
    ap.add_argument("-C", dest="root", required=True)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()

    entries, dirs = [], set()
    for path in sorted(p.strip("/") for p in a.paths):
        parts = path.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in dirs:
                dirs.add(d)
                entries.append(newc.Entry(d, 0o040755))
        src = os.path.join(a.root, path)
        with open(src, "rb") as f:
            data = f.read()
        if data[:4] == b"\x7fELF":
            try:
                check_elf(data)
            except (ValueError, struct.error) as e:
                sys.exit(f"mkinitramfs: {src}: {e}")
        perm = 0o755 if os.stat(src).st_mode & 0o111 else 0o644
        entries.append(newc.Entry(path, 0o100000 | perm, data))
    newc.write(a.out, entries)


if __name__ == "__main__":
    main()
