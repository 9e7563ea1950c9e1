#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what building, running and testing vrm needs on Debian 12, and
# unpacks Debian's ppc64el libfdt under build/. Idempotent: when everything
# is present it only checks and exits.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
fdt_root=$build/libfdt

# command -> Debian package that provides it
need_cmds="make:make
gcc:gcc
powerpc64le-linux-gnu-gcc:gcc-powerpc64le-linux-gnu
qemu-system-ppc64:qemu-system-ppc
dtc:device-tree-compiler
mke2fs:e2fsprogs
e2fsck:e2fsprogs
cpio:cpio
python3:python3
gdb-multiarch:gdb-multiarch"

say() { printf 'deps: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_pkgs() {
	printf '%s\n' "$need_cmds" | while IFS=: read -r cmd pkg; do
		command -v "$cmd" >/dev/null 2>&1 || printf '%s\n' "$pkg"
	done | sort -u
}

have_fdt() {
	[ -f "$fdt_root/usr/lib/powerpc64le-linux-gnu/libfdt.a" ] &&
		[ -f "$fdt_root/usr/include/libfdt.h" ]
}

# firmware blobs ship in qemu-system-data; a broken install may lack them
have_firmware() {
	[ -f /usr/share/qemu/slof.bin ] && [ -f /usr/share/qemu/vof.bin ]
}

pkgs=$(missing_pkgs)
have_firmware || pkgs="$pkgs qemu-system-data"
# Host unit tests build against glibc with AddressSanitizer and UBSan.
[ -f /usr/include/stdio.h ] || pkgs="$pkgs libc6-dev"
if [ -z "$(echo $pkgs)" ] && have_fdt; then
	exit 0
fi

updated=0
apt_update() {
	[ "$updated" = 1 ] && return 0
	# With ppc64el added, one security-suite index for it is known to fail
	# its size check; what matters is whether the packages can be had, which
	# is checked below, so the status of the update itself is not.
	as_root apt-get update -q >&2 || say "apt-get update reported errors; continuing"
	updated=1
}

if [ -n "$(echo $pkgs)" ]; then
	say "installing: $(echo $pkgs)"
	apt_update
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $pkgs >&2 ||
		die "apt-get install failed for: $(echo $pkgs)"
	left=$(missing_pkgs)
	[ -z "$left" ] || die "still missing after install: $left"
	have_firmware || die "qemu-system-data did not provide slof.bin and vof.bin"
fi

if ! have_fdt; then
	say "fetching libfdt-dev:ppc64el"
	if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
		as_root dpkg --add-architecture ppc64el
		updated=0
	fi
	apt_update
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -q libfdt-dev:ppc64el >&2) ||
		die "could not download libfdt-dev:ppc64el (is the ppc64el index reachable?)"
	rm -rf "$fdt_root"
	mkdir -p "$fdt_root"
	dpkg-deb -x "$tmp"/libfdt-dev_*_ppc64el.deb "$fdt_root"
	have_fdt || die "libfdt-dev:ppc64el did not contain libfdt.a and libfdt.h"
fi
say "all present"
