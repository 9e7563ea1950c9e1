#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Turns `nm -n` output of the first link into the kernel's symbol table (assembly).
import sys

BOUNDS = {"_image_start", "_image_end", "_vectors_start", "_vectors_end",
          "__bss_start", "__bss_end", "__ktest_start", "__ktest_end",
          "__toc_start"}


def main():
    syms = {}
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in "tTwW":
            continue
        addr, name = int(parts[0], 16), parts[2]
        # Local labels, the table's own symbols and the linker script's
        # bounds say nothing in a backtrace.
        if name.startswith((".L", "ksym_")) or name in BOUNDS:
            continue
        syms.setdefault(addr, name)
    entries = sorted(syms.items())
    out = ['\t.section .ksyms, "a"', "\t.balign 8",
           "\t.globl ksym_count, ksym_addrs, ksym_name_offsets, ksym_names",
           "ksym_count:", "\t.quad %d" % len(entries), "ksym_addrs:"]
    out += ["\t.quad 0x%x" % addr for addr, _ in entries]
    out.append("ksym_name_offsets:")
    offset = 0
    for _, name in entries:
        out.append("\t.long %d" % offset)
        offset += len(name) + 1
    out.append("ksym_names:")
    out += ['\t.asciz "%s"' % name for _, name in entries]
    # ksym_addrs needs at least one slot to be a valid symbol when empty.
    if not entries:
        out.insert(out.index("ksym_name_offsets:"), "\t.quad 0")
    print("\n".join(out))


if __name__ == "__main__":
    main()
