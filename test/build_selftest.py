#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of the build as a newcomer meets it: make reads the Makefile
# before the cross compiler exists, and builds killed half-way recover.
"""Build self-test; TAP on stdout.

    python3 test/build_selftest.py

The tree is copied to a temporary directory whose tools/deps.sh is
replaced by this test's own deps step: the cross tools (wrappers around the
installed ones, under a prefix given as CROSS_COMPILE) come into being only
when that step runs, as on a fresh machine where deps.sh installs them. The
wrappers can also stop in the middle of a chosen step, so that the test
can kill the build there, as Ctrl-C or a lost terminal would, and check
that the next make needs no `make clean`.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from selftap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CROSS = "powerpc64le-linux-gnu-"
CROSS_TOOLS = ("gcc", "ld", "objcopy", "nm", "readelf", "ar")
HANG_LIMIT = 120.0      # seconds to wait for a build to reach its kill point

# The deps step of the copy: it makes the cross tools appear. With the
# file $SHIM/hang-deps present it stops half-way, a half-done install that
# has not yet brought the compiler.
FAKE_DEPS = """#!/bin/sh
# The build self-test's deps step: the cross tools appear only now.
set -eu
BUILD=${{BUILD:-build}}
mkdir -p "$SHIM"
write_tool() {{
	printf '#!/bin/sh\\nexec sh "$SHIM/tool" %s "$@"\\n' "$1" > "$SHIM/{cross}$1.tmp"
	chmod +x "$SHIM/{cross}$1.tmp"
	mv "$SHIM/{cross}$1.tmp" "$SHIM/{cross}$1"
}}
for t in {others}; do write_tool $t; done
if [ -e "$SHIM/hang-deps" ]; then
	touch "$SHIM/stopped"
	exec sleep 600
fi
write_tool gcc
if [ ! -d "$BUILD/libfdt" ]; then
	mkdir -p "$BUILD"
	rm -rf "$BUILD/libfdt.tmp"
	cp -R "{libfdt}" "$BUILD/libfdt.tmp"
	mv "$BUILD/libfdt.tmp" "$BUILD/libfdt"
fi
echo "deps: the test's deps step ran" >&2
"""

# Every cross tool goes through here. With $SHIM/hang-asm-offsets present,
# compiling asm-offsets.c writes a truncated output and stops, as if the
# build were killed while the file was being written.
TOOL = """#!/bin/sh
tool=$1; shift
real=/usr/bin/{cross}$tool
case " $* " in
*" arch/ppc64/asm-offsets.c "*)
	if [ -e "$SHIM/hang-asm-offsets" ]; then
		out=; prev=
		for a in "$@"; do [ "$prev" = -o ] && out=$a; prev=$a; done
		"$real" "$@" || exit
		head -c 64 "$out" > "$out.cut" && mv "$out.cut" "$out"
		touch "$SHIM/stopped"
		exec sleep 600
	fi;;
esac
exec "$real" "$@"
"""


def copy_tree(dst):
    """The source tree as a clone would have it (build/ left out)."""
    try:
        files = subprocess.run(
            ["git", "-C", REPO, "ls-files", "-z", "-c", "-o",
             "--exclude-standard"], check=True, capture_output=True
        ).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(REPO, dst, ignore=shutil.ignore_patterns("build"))
        return
    for f in filter(None, files):
        src = os.path.join(REPO, f)
        if not os.path.isfile(src):
            continue            # deleted in the work tree, not yet committed
        os.makedirs(os.path.join(dst, os.path.dirname(f)), exist_ok=True)
        shutil.copy2(src, os.path.join(dst, f))


class Build:
    """A copy of the tree and the shim its deps step fills."""

    def __init__(self, top):
        self.tree = os.path.join(top, "tree")
        self.shim = os.path.join(top, "shim")
        copy_tree(self.tree)
        libfdt = os.path.join(REPO, "build", "libfdt")
        others = " ".join(t for t in CROSS_TOOLS if t != "gcc")
        deps = os.path.join(self.tree, "tools", "deps.sh")
        with open(deps, "w") as f:
            f.write(FAKE_DEPS.format(cross=CROSS, others=others, libfdt=libfdt))
        os.makedirs(self.shim)
        with open(os.path.join(self.shim, "tool"), "w") as f:
            f.write(TOOL.format(cross=CROSS))
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL",
                                 "MAKEOVERRIDES", "BUILD")}
        self.env["SHIM"] = self.shim

    def path(self, *p):
        return os.path.join(self.tree, *p)

    def argv(self, *goals):
        return ["make", "-C", self.tree, "-j2",
                f"CROSS_COMPILE={self.shim}/{CROSS}", *goals]

    def make(self, *goals):
        p = subprocess.run(self.argv(*goals), env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return p.returncode, p.stdout.decode(errors="replace")

    def make_killed_at(self, flag, *goals):
        """Run make until a tool stops at FLAG, then kill the whole build."""
        open(os.path.join(self.shim, flag), "w").close()
        stopped = os.path.join(self.shim, "stopped")
        p = subprocess.Popen(self.argv(*goals), env=self.env,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + HANG_LIMIT
        while not os.path.exists(stopped) and p.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        reached = os.path.exists(stopped)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass                # it ended before reaching the flag
        p.wait()
        os.unlink(os.path.join(self.shim, flag))
        if reached:
            os.unlink(stopped)
        return reached

    def read(self, *p):
        try:
            with open(self.path(*p)) as f:
                return f.read()
        except OSError:
            return None


def main():
    t = Tap()
    print("1..9", flush=True)
    top = tempfile.mkdtemp(prefix="vrm-build-test.")
    try:
        b = Build(top)
        gcc = os.path.join(b.shim, CROSS + "gcc")

        # A first make interrupted in its deps step (a package install cut
        # short), then one interrupted while it writes asm-offsets.h for the
        # first time: the third must simply go on, without make clean.
        reached = b.make_killed_at("hang-deps", "all")
        t.ok(reached and not os.path.exists(gcc),
             "a first make is killed in its deps step, before the compiler "
             "is there")
        reached = b.make_killed_at("hang-asm-offsets", "all")
        t.ok(reached, "the next make, which reads the Makefile before the "
             "compiler exists, is killed while writing asm-offsets.h")
        rc, out = b.make("all")
        t.ok(rc == 0 and os.path.exists(b.path("build", "vrm.elf")) and
             os.path.exists(b.path("build", "initramfs.cpio")),
             "the third make builds the kernel and the initramfs", out)
        offsets = b.read("build", "gen", "asm-offsets.h") or ""
        t.ok("#define CTX_GPR14 " in offsets,
             "asm-offsets.h defines the context offsets")

        # The same kill when asm-offsets.h is regenerated.
        os.utime(b.path("arch", "ppc64", "asm-offsets.c"))
        reached = b.make_killed_at("hang-asm-offsets", "all")
        rc, out = b.make("all")
        t.ok(reached and rc == 0, "a build killed while regenerating "
             "asm-offsets.h is followed by one that succeeds", out)
        t.ok(b.read("build", "gen", "asm-offsets.h") == offsets,
             "asm-offsets.h is whole again")
        rc, out = b.make("-q", "all")
        t.ok(rc == 0, "after it, make finds everything up to date", out)

        # The compilation database, from the Makefile's own rules.
        rc, out = b.make("compile_commands.json")
        try:
            with open(b.path("compile_commands.json")) as f:
                db = json.load(f)
        except (OSError, ValueError) as e:
            db = []
            out += f"\n{e}"
        files = {e["file"]: e for e in db}
        t.ok(rc == 0 and all(f in files for f in (
                 "kernel/main.c", "arch/ppc64/vectors.S", "user/bin/sh.c",
                 "user/lib/crt0.S", "test/host/test_fmt.c")) and
             files["kernel/main.c"]["arguments"][0] == gcc and
             "-ffreestanding" in files["kernel/main.c"]["arguments"],
             "compile_commands.json covers kernel, user and host objects "
             "with their compilers and flags", out)
        # Its command for a kernel file compiles that file.
        e = files.get("kernel/main.c", {"arguments": ["false"]})
        args = [a if a != "build/kernel/main.o" else
                os.path.join(top, "main.o") for a in e["arguments"]]
        p = subprocess.run(args, cwd=e.get("directory", b.tree), env=b.env,
                           capture_output=True)
        t.ok(p.returncode == 0 and os.path.exists(os.path.join(top, "main.o")),
             "an entry's command compiles its file",
             p.stderr.decode(errors="replace"))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
