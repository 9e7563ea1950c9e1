#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks a linked kernel image: no relocations left to apply, boot/ calls
# nothing but lib/, libfdt and the firmware gate, nothing else but
# base/dt.c uses libfdt, and what it loads fits 1 MiB.
set -eu
elf=$1
cross=$2	# then the kernel's objects, for the libfdt check
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

# In the kernel proper, base/dt.c is the one caller of libfdt and the one
# includer of its header (docs/devicetree.md); boot/ writes the tree before
# the kernel runs and is checked above.
shift 2
bad=$(for o in "$@"; do
	case "$o" in "$build"/boot/*|"$build"/base/dt.o) continue ;; esac
	if "${cross}nm" --undefined-only "$o" | grep -q ' fdt_' ||
	   grep -q 'libfdt\.h' "${o%.o}.d" 2>/dev/null; then
		echo "$o"
	fi
done)
if [ -n "$bad" ]; then
	echo "check-image: only base/dt.c may call libfdt or include <libfdt.h>:" $bad >&2
	exit 1
fi

# The budget is what firmware loads: the file part of the PT_LOAD segments.
size=$(( $("${cross}readelf" -lW "$elf" | awk '$1 == "LOAD" { printf "%s + ", $5 }') 0 ))
if [ "$size" -gt 1048576 ]; then
	echo "check-image: $elf loads $size bytes, over the 1 MiB budget" >&2
	exit 1
fi
