#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of tools/deps.sh against fake apt-get, dpkg and id on a PATH of
# their own: what it says, what it runs, and what it leaves in build/.
"""deps.sh self-test; TAP on stdout.

    python3 test/deps_selftest.py

Each case runs tools/deps.sh with PATH set to a directory that holds the
few utilities it uses and fakes of apt-get, apt's download, dpkg, dpkg-deb
and id. The fakes log their calls; a fake install creates the commands
deps.sh looks for, a fake download and unpack create libfdt's two files.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from selftap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
DEPS = os.path.join(os.path.dirname(HERE), "tools", "deps.sh")

UTILITIES = ("sh", "dirname", "cut", "sort", "tr", "date", "mktemp", "rm",
             "mkdir", "mv", "grep", "cat", "chmod", "touch", "env")
# What deps.sh looks for on PATH, as a fake install provides it.
COMMANDS = ("make", "gcc", "powerpc64le-linux-gnu-gcc", "qemu-system-ppc64",
            "dtc", "mke2fs", "e2fsck", "cpio", "python3", "gdb-multiarch")

FAKES = {
    "id": """#!/bin/sh
[ "$1" = -u ] && echo "$FAKE_UID"
""",
    "apt-get": """#!/bin/sh
echo "apt-get $*" >> "$LOG"
echo "fake apt-get $1"
if [ "$FAKE_MIRROR" != 1 ]; then
	echo "E: cannot reach a package mirror" >&2
	exit 100
fi
case $1 in
install)
	for c in $FAKE_INSTALLS; do
		printf '#!/bin/sh\\n' > "$FAKEBIN/$c"; chmod +x "$FAKEBIN/$c"
	done;;
download)
	touch libfdt-dev_1.6.1-4_ppc64el.deb;;
esac
""",
    "dpkg": """#!/bin/sh
echo "dpkg $*" >> "$LOG"
case $1 in
--audit) [ -z "$FAKE_AUDIT" ] || echo "$FAKE_AUDIT";;
--print-foreign-architectures) echo ppc64el;;
esac
""",
    "dpkg-deb": """#!/bin/sh
echo "dpkg-deb $*" >> "$LOG"
mkdir -p "$3/usr/lib/powerpc64le-linux-gnu" "$3/usr/include"
touch "$3/usr/lib/powerpc64le-linux-gnu/libfdt.a" "$3/usr/include/libfdt.h"
""",
}


class Machine:
    """A fake machine: a PATH of its own, a log, a build directory."""

    def __init__(self, top, uid=0, mirror=True, present=(), audit=""):
        self.top = tempfile.mkdtemp(dir=top)
        self.bin = os.path.join(self.top, "bin")
        self.build = os.path.join(self.top, "build")
        self.log = os.path.join(self.top, "log")
        os.makedirs(self.bin)
        open(self.log, "w").close()
        for u in UTILITIES:
            os.symlink(shutil.which(u), os.path.join(self.bin, u))
        for name, text in FAKES.items():
            self.write_tool(name, text)
        for c in present:
            self.write_tool(c, "#!/bin/sh\n")
        self.env = {"PATH": self.bin, "LOG": self.log, "FAKEBIN": self.bin,
                    "BUILD": self.build, "FAKE_UID": str(uid),
                    "FAKE_MIRROR": "1" if mirror else "0",
                    "FAKE_INSTALLS": " ".join(COMMANDS), "FAKE_AUDIT": audit}

    def write_tool(self, name, text):
        path = os.path.join(self.bin, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)

    def add_fdt(self, where="libfdt"):
        root = os.path.join(self.build, where, "usr")
        os.makedirs(os.path.join(root, "lib", "powerpc64le-linux-gnu"))
        os.makedirs(os.path.join(root, "include"))
        for f in ("lib/powerpc64le-linux-gnu/libfdt.a", "include/libfdt.h"):
            open(os.path.join(root, f), "w").close()

    def run(self):
        p = subprocess.run(["sh", DEPS], env=self.env, capture_output=True,
                           text=True, timeout=60)
        with open(self.log) as f:
            calls = f.read().splitlines()
        # stdout and stderr in one text, apt's lines included (deps.sh
        # sends them to stderr, the fakes print to stdout).
        return p.returncode, p.stdout + p.stderr, p.stderr, calls

    def has_fdt(self):
        return os.path.isfile(os.path.join(
            self.build, "libfdt", "usr", "lib", "powerpc64le-linux-gnu",
            "libfdt.a"))


def main():
    t = Tap()
    print("1..16", flush=True)
    top = tempfile.mkdtemp(prefix="vrm-deps-test.")
    try:
        # Nothing installed, not root, no sudo.
        m = Machine(top, uid=1000)
        rc, out, err, calls = m.run()
        t.ok(rc != 0, "without root or sudo it exits non-zero", out)
        t.ok("gcc-powerpc64le-linux-gnu" in err and "qemu-system-ppc" in err
             and "the pseries machine that runs vrm" in err,
             "it says which packages are missing, and why", err)
        t.ok("install by hand" in err and
             "apt-get install --no-install-recommends" in err and
             "gcc-powerpc64le-linux-gnu" in err.split("by hand")[1],
             "it names the install command to run by hand", err)
        t.ok(not any(c.startswith("apt-get install") for c in calls) and
             not os.path.exists(m.build),
             "it installs nothing and leaves no build/", "\n".join(calls))

        # Root, but no package mirror.
        m = Machine(top, mirror=False)
        rc, out, err, calls = m.run()
        t.ok(rc != 0 and "install by hand" in err and
             "gcc-powerpc64le-linux-gnu" in err.split("by hand")[1],
             "without a package mirror it exits non-zero and names the "
             "packages", out)
        t.ok(not os.path.exists(m.build), "and leaves no build/")

        # Root, a working mirror: the whole install.
        m = Machine(top)
        rc, out, err, calls = m.run()
        plan = out.find("vrm needs Debian packages")
        apt = out.find("fake apt-get")
        t.ok(rc == 0, "with a mirror it installs and exits 0", out)
        t.ok(0 <= plan < apt, "the plan comes before apt's output", out)
        last = err.strip().splitlines()[-1] if err.strip() else ""
        t.ok(last.startswith("deps: installed ") and "libfdt-dev:ppc64el"
             in last and "gcc-powerpc64le-linux-gnu" in last,
             "it ends with a one-line summary", err)
        t.ok(m.has_fdt() and
             not os.path.exists(os.path.join(m.build, "libfdt.partial")),
             "libfdt is unpacked in build/libfdt, nothing half-done beside it")

        # Run again on that machine: nothing to do, nothing said.
        rc, out, err, calls2 = m.run()
        t.ok(rc == 0 and out == "" and calls2 == calls,
             "when everything is present it is silent and calls nothing",
             out)

        # An earlier install was cut short inside dpkg.
        m = Machine(top, audit="The following packages are only half "
                    "configured: qemu-system-ppc")
        rc, out, err, calls = m.run()
        configure = [i for i, c in enumerate(calls)
                     if c.startswith("dpkg --configure -a")]
        install = [i for i, c in enumerate(calls)
                   if c.startswith("apt-get install")]
        t.ok(rc == 0 and configure and install and configure[0] < install[0],
             "an interrupted dpkg is finished before apt-get install",
             out + "\n".join(calls))

        # An unpack of libfdt cut short: a partial tree, no libfdt yet.
        m = Machine(top, present=COMMANDS)
        m.add_fdt("libfdt.partial")
        os.unlink(os.path.join(m.build, "libfdt.partial", "usr", "include",
                               "libfdt.h"))
        rc, out, err, calls = m.run()
        t.ok(rc == 0 and m.has_fdt() and
             not os.path.exists(os.path.join(m.build, "libfdt.partial")),
             "a half-unpacked libfdt is unpacked again", out)
        t.ok(not any(c.startswith("apt-get install") for c in calls),
             "with every package present only libfdt is fetched",
             "\n".join(calls))

        # Only libfdt missing, not root: downloading needs no root.
        m = Machine(top, uid=1000, present=COMMANDS)
        rc, out, err, calls = m.run()
        t.ok(rc == 0 and m.has_fdt(),
             "libfdt is fetched without root when its architecture is known",
             out)

        # Everything present: fast and silent.
        m = Machine(top, present=COMMANDS)
        m.add_fdt()
        rc, out, err, calls = m.run()
        t.ok(rc == 0 and out == "" and calls == [],
             "on a complete machine it says and runs nothing", out)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
