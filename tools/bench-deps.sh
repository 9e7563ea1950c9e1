#!/bin/sh
# SPDX-License-Identifier: MIT
# What `make bench` needs beyond `make`: the ppc64el C library for static
# Linux benchmark programs, and Debian's ppc64el Linux kernel unpacked under
# build/bench/linux-image/. Idempotent; prints the kernel's version last.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
image_root=$build/bench/linux-image
# The meta package that names the current kernel of the release.
meta=linux-image-powerpc64le:ppc64el

say() { printf 'bench-deps: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

updated=0
apt_update() {
	[ "$updated" = 1 ] && return 0
	# One ppc64el security index is known to fail its size check (see
	# deps.sh); whether the packages can be had is checked afterwards.
	as_root apt-get update -q >&2 || say "apt-get update reported errors; continuing"
	updated=1
}

sh "$top/tools/deps.sh"

if [ ! -f /usr/powerpc64le-linux-gnu/include/stdio.h ]; then
	say "installing libc6-dev-ppc64el-cross"
	apt_update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends libc6-dev-ppc64el-cross >&2 ||
		die "apt-get install libc6-dev-ppc64el-cross failed"
fi

# The exact package, e.g. linux-image-6.1.0-50-powerpc64le, and its version,
# from the index as it is now; a cached unpack of another version is
# replaced.
current() {
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^:]*\).*/\1/p' | head -n 1)
	[ -n "$pkg" ] || return 1
	ver=$(apt-cache policy "$pkg:ppc64el" 2>/dev/null |
		sed -n 's/^ *Candidate: *//p')
	[ -n "$ver" ] && [ "$ver" != "(none)" ]
}
current || { apt_update; current; } ||
	die "apt-cache knows no $meta (is ppc64el added? see tools/deps.sh)"

stamp=$image_root/.package
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pkg $ver" ] ||
		! ls "$image_root"/boot/vmlinux-* >/dev/null 2>&1; then
	say "fetching $pkg:ppc64el $ver"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -q "$pkg:ppc64el=$ver" >&2) ||
		{ apt_update; (cd "$tmp" && apt-get download -q "$pkg:ppc64el=$ver" >&2); } ||
		die "could not download $pkg:ppc64el $ver"
	rm -rf "$image_root"
	mkdir -p "$image_root"
	dpkg-deb -x "$tmp"/*.deb "$image_root"
	ls "$image_root"/boot/vmlinux-* >/dev/null 2>&1 ||
		die "$pkg has no boot/vmlinux-*"
	printf '%s %s\n' "$pkg" "$ver" > "$stamp"
fi
cat "$stamp"
