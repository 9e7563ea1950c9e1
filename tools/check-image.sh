#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks a linked kernel image: no relocations left to apply, boot/ calls
# nothing but lib/, libfdt and the firmware gate, and what it loads fits 1 MiB.
set -eu
elf=$1
cross=$2
build=$(dirname "$elf")

# A static image at its link address needs no relocation at run time.
if "${cross}readelf" -r "$elf" | grep -q 'Relocation section'; then
	echo "check-image: $elf has relocations to apply" >&2
	exit 1
fi

# The firmware phase must not reach into the rest of the kernel (the
# handoff to kmain is in head.S, which is not checked). Besides lib/,
# libfdt and the gate it may name the linker script's image bounds and the
# stack protector's __stack_chk_fail, which the compiler calls.
allowed=$( { "${cross}nm" --defined-only "$build"/lib/*.o "$build"/arch/ppc64/fwgate.o \
	"$build"/boot/*.o; "${cross}nm" --defined-only "$build"/libfdt/usr/lib/*/libfdt.a; } |
	awk 'NF == 3 { print $3 }' | sort -u)
bad=$(for o in "$build"/boot/*.o; do
	[ "$(basename "$o")" = head.o ] && continue
	"${cross}nm" --undefined-only "$o" | awk '{ print $2 }'
done | sort -u | grep -vx -e '.TOC.' -e _image_start -e _image_end -e __stack_chk_fail $(printf -- '-e %s ' $allowed) || true)
if [ -n "$bad" ]; then
	echo "check-image: boot/ calls outside lib/, libfdt and the firmware gate:" $bad >&2
	exit 1
fi

# The budget is what firmware loads: the file part of the PT_LOAD segments.
size=$(( $("${cross}readelf" -lW "$elf" | awk '$1 == "LOAD" { printf "%s + ", $5 }') 0 ))
if [ "$size" -gt 1048576 ]; then
	echo "check-image: $elf loads $size bytes, over the 1 MiB budget" >&2
	exit 1
fi
