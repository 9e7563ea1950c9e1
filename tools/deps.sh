#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what building, running and testing vrm needs on Debian 12, and
# unpacks Debian's ppc64el libfdt under build/. Idempotent: when everything
# is present it only checks, silently, in well under a second.
#
# It says what it will install and why before apt starts, and ends with a
# one-line summary. Without root or sudo, or when the packages cannot be
# had, it names the commands to run by hand and exits non-zero, and leaves
# build/ as it was. An install cut short earlier (dpkg interrupted, libfdt
# half unpacked) is finished or redone.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
case $build in /*) ;; *) build=$top/$build ;; esac
fdt_root=$build/libfdt
fdt_stage=$build/libfdt.partial

# command : Debian package : what vrm needs it for
need_cmds="make:make:the build
gcc:gcc:host unit tests
powerpc64le-linux-gnu-gcc:gcc-powerpc64le-linux-gnu:compiling the kernel and user programs
qemu-system-ppc64:qemu-system-ppc:the pseries machine that runs vrm
dtc:device-tree-compiler:reading device trees dumped from QEMU
mke2fs:e2fsprogs:making and checking disk images
e2fsck:e2fsprogs:making and checking disk images
cpio:cpio:inspecting the initramfs
python3:python3:the test runner and host tools
gdb-multiarch:gdb-multiarch:make debug"

say() { printf 'deps: %s\n' "$*" >&2; }

# What is missing, one "package:reason" a line.
missing() {
	printf '%s\n' "$need_cmds" | while IFS=: read -r cmd pkg why; do
		command -v "$cmd" >/dev/null 2>&1 || printf '%s:%s\n' "$pkg" "$why"
	done
	# QEMU's firmware blobs ship apart; a broken install may lack them.
	[ -f /usr/share/qemu/slof.bin ] && [ -f /usr/share/qemu/vof.bin ] ||
		printf 'qemu-system-data:the SLOF and VOF firmware\n'
	# Host unit tests build against glibc.
	[ -f /usr/include/stdio.h ] || printf 'libc6-dev:host unit tests\n'
}

have_fdt() {
	[ -f "$fdt_root/usr/lib/powerpc64le-linux-gnu/libfdt.a" ] &&
		[ -f "$fdt_root/usr/include/libfdt.h" ]
}

need=$(missing | sort -u)
pkgs=$(printf '%s\n' "$need" | cut -d: -f1 | sort -u | tr '\n' ' ')
pkgs=${pkgs% }
pkgs=${pkgs# }
if [ -z "$pkgs" ] && have_fdt; then
	exit 0
fi

# The plan, before any of apt's output.
start=$(date +%s)
if [ -n "$pkgs" ]; then
	say "vrm needs Debian packages that this machine lacks:"
	printf '%s\n' "$need" | while IFS=: read -r pkg why; do
		[ -n "$pkg" ] && printf 'deps:   %-28s %s\n' "$pkg" "$why" >&2
	done
fi
have_fdt || say "and Debian's libfdt-dev:ppc64el (libfdt.a for the kernel), unpacked under build/libfdt, not installed"
say "a first install takes a few minutes"

by_hand() {
	say "$*"
	say "install by hand, as root, then run make again:"
	[ -z "$pkgs" ] || say "  apt-get update && apt-get install --no-install-recommends $pkgs"
	have_fdt || say "  dpkg --add-architecture ppc64el && apt-get update"
	exit 1
}

# Root is needed only for what changes the system (apt-get install, a new
# architecture); downloading libfdt needs none.
as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		by_hand "cannot run $1 as root: not root, and there is no sudo"
	fi
}

apt_update() {
	# One index of the added ppc64el architecture is known to fail its
	# size check now and then; whether the packages can be had is what
	# counts, and apt-get install or download says so below.
	as_root apt-get update -q >&2 || say "apt-get update reported errors; going on"
}

installed=
if [ -n "$pkgs" ]; then
	# A dpkg run cut short (Ctrl-C during an earlier install) must be
	# finished before apt will do anything else.
	if [ -n "$(dpkg --audit 2>/dev/null)" ]; then
		say "finishing an interrupted install (dpkg --configure -a)"
		as_root env DEBIAN_FRONTEND=noninteractive dpkg --configure -a >&2 ||
			by_hand "dpkg --configure -a failed"
	fi
	apt_update
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $pkgs >&2 ||
		by_hand "apt-get install failed (no package mirror reachable?)"
	left=$(missing | cut -d: -f1 | sort -u | tr '\n' ' ')
	[ -z "${left% }" ] || by_hand "still missing after apt-get install: $left"
	installed=$pkgs
fi

if ! have_fdt; then
	say "fetching libfdt-dev:ppc64el"
	if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
		as_root dpkg --add-architecture ppc64el ||
			by_hand "dpkg --add-architecture ppc64el failed"
		apt_update
	fi
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if ! (cd "$tmp" && apt-get download -q libfdt-dev:ppc64el >&2); then
		apt_update
		(cd "$tmp" && apt-get download -q libfdt-dev:ppc64el >&2) ||
			by_hand "could not download libfdt-dev:ppc64el"
	fi
	# Unpacked beside its place and renamed into it when whole, so an
	# interrupted unpack is never taken for libfdt.
	mkdir -p "$build"
	rm -rf "$fdt_stage"
	dpkg-deb -x "$tmp"/libfdt-dev_*_ppc64el.deb "$fdt_stage"
	rm -rf "$fdt_root"
	mv "$fdt_stage" "$fdt_root"
	have_fdt || by_hand "libfdt-dev:ppc64el did not contain libfdt.a and libfdt.h"
	installed="${installed:+$installed and }libfdt-dev:ppc64el"
fi
say "installed ${installed} in $(( $(date +%s) - start )) s; everything vrm needs is present"
