#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks a linked kernel image: no relocations left to apply, only
# base/dt.c and boot/ include libfdt's header, and what it loads fits
# 1 MiB. Who calls whom, libfdt included, is tools/layercheck.py's check.
set -eu
elf=$1
cross=$2	# then the kernel's objects, for the header check
build=$(dirname "$elf")

# A static image at its link address needs no relocation at run time.
if "${cross}readelf" -r "$elf" | grep -q 'Relocation section'; then
	echo "check-image: $elf has relocations to apply" >&2
	exit 1
fi

# In the kernel proper, base/dt.c is the one includer of libfdt's header
# (docs/devicetree.md); boot/ writes the tree before the kernel runs.
shift 2
bad=$(for o in "$@"; do
	case "$o" in "$build"/boot/*|"$build"/base/dt.o) continue ;; esac
	if grep -q 'libfdt\.h' "${o%.o}.d" 2>/dev/null; then
		echo "$o"
	fi
done)
if [ -n "$bad" ]; then
	echo "check-image: only base/dt.c may include <libfdt.h>:" $bad >&2
	exit 1
fi

# The budget is what firmware loads: the file part of the PT_LOAD segments.
size=$(( $("${cross}readelf" -lW "$elf" | awk '$1 == "LOAD" { printf "%s + ", $5 }') 0 ))
if [ "$size" -gt 1048576 ]; then
	echo "check-image: $elf loads $size bytes, over the 1 MiB budget" >&2
	exit 1
fi
