#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of test/run (and its test/runner/ package), tools/qmp.py and
# tools/vrm_qemu.py without a kernel:
# a fake QEMU (this file with --fake-qemu) plays scripted consoles; TAP out.
"""Runner self-test.

    python3 test/runner_selftest.py

The fake QEMU reads the scenario from its -append (the suite's `tests`
column), prints a banner built from its -M/-smp/-m arguments and the
devices plugged since, talks the @@host/@@done protocol on stdio and serves
a minimal QMP on its -qmp socket (qmp_capabilities, system_reset with a
RESET event, quit, and the hot-plug commands of test/fake_hotplug.py). The
self-test writes a manifest of scenarios into a temporary build directory,
runs test/run on it and checks what the runner printed, returned and kept.
"""

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run")
sys.path.insert(0, HERE)

# The runner package puts tools/ on the path for qmp and vrm_qemu.
from runner import console, manifest, panic, script, tap  # noqa: E402
import fake_hotplug  # noqa: E402
import qmp  # noqa: E402
import vrm_qemu  # noqa: E402


# ---- the fake QEMU ---------------------------------------------------------

class FakeQMP:
    """A QMP server on a unix socket, enough for qmp.py and the runner;
    given QEMU's options, it serves a hot-plug model of that machine."""

    def __init__(self, path, opts=None):
        self.reset = threading.Event()
        self.lock = threading.Lock()        # one message at a time
        self.send = None                    # to the client connected now
        self.hotplug = None if opts is None else \
            fake_hotplug.FakeHotplug(opts, self.event)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(1)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            conn, _ = self.sock.accept()
            self.session(conn)

    def event(self, msg):
        """An event goes to the client connected now, as QEMU's do."""
        try:
            if self.send:
                self.send(msg)
        except OSError:
            pass

    def session(self, conn):
        def send(msg):
            with self.lock:
                conn.sendall(json.dumps(msg).encode() + b"\r\n")
        self.send = send
        send({"QMP": {"version": {"qemu": {"major": 7}}, "capabilities": []}})
        for line in conn.makefile("rb"):
            cmd = json.loads(line)
            name, reply = cmd["execute"], {"return": {}}
            if "id" in cmd:
                reply["id"] = cmd["id"]
            if name == "system_reset":
                if self.hotplug:
                    self.hotplug.execute(name, {})
                send({"event": "RESET", "data": {"guest": False}})
                send(reply)
                self.reset.set()
            elif name == "quit":
                send(reply)
                sys.stdout.flush()
                os._exit(0)
            elif name in ("qmp_capabilities", "query-status"):
                send(reply)
            elif self.hotplug and name in fake_hotplug.COMMANDS:
                try:
                    reply["return"] = self.hotplug.execute(
                        name, cmd.get("arguments", {}))
                    send(reply)
                except fake_hotplug.FakeError as e:
                    send({"error": {"class": e.error_class, "desc": e.desc},
                          "id": cmd.get("id")})
            else:
                err = {"class": "CommandNotFound",
                       "desc": f"The command {name} has not been found"}
                send({"error": err, "id": cmd.get("id")})
        self.send = None
        conn.close()


def fake_options(argv):
    """The QEMU options the fake understands, as a dict of lists."""
    opts = {}
    for i, arg in enumerate(argv):
        if arg.startswith("-") and i + 1 < len(argv):
            opts.setdefault(arg, []).append(argv[i + 1])
    return opts


def out(line):
    print(line, flush=True)


def ask(request):
    """Print a @@host request and return the answer line."""
    out("@@host " + request)
    return sys.stdin.readline().strip()


def handshake():
    answer = ask("boot")
    m = re.match(r"^@@done boot (\d+)$", answer)
    return int(m.group(1)) if m else 0


def hang():
    while True:
        time.sleep(60)


def scenario_pass(fake):
    log(fake.banner)        # the ring's copy (dmesg) is not a second boot
    log(fake.sized)         # nor is a second sizing line checked
    out("1..3")
    out("ok 1 - first")
    out("ok 2 - second")
    out("# a note after the second")
    out("ok 3 - third # SKIP not on this machine")


def scenario_fail(fake):
    out("1..2")
    out("ok 1 - fine")
    out("not ok 2 - broken")
    out("# test/kernel/x.c:12")
    out("# expected: 1")
    out("# actual: 2")


def scenario_short(fake):
    out("1..3")
    out("ok 1 - one")
    out("ok 2 - two")


def scenario_unsized(fake):
    out("1..1")
    out("ok 1 - booted without saying what it sized")


def scenario_wrongsized(fake):
    out("1..1")
    out("ok 1 - booted with room for other CPUs")


def scenario_noplan(fake):
    out("ok 1 - lonely")


def scenario_extra(fake):
    out("1..1")
    out("ok 1 - one")
    out("ok 2 - too many")


def scenario_skips(fake):
    out("1..3")
    out("ok 1 - skipped with a reason # SKIP needs 4 CPUs")
    out("not ok 2 - failed # skip not a skip")
    out("ok 3 - no reason # skip")


def scenario_twoplans(fake):
    out("1..1")
    out("ok 1 - first block")
    out("1..1")
    out("ok 1 - a second plan in the same block")


def scenario_programs(fake):
    """init -t on run=/t/a,...,/t/f: a clean program, one that exits 1 with
    every test passed, one killed before its plan, one that cannot be
    executed, one cut short; init never reports the last two."""
    out("1..1")
    out("ok 1 - a works")
    out("@@exit /t/a status 0")
    out("1..1")
    out("ok 1 - b works")
    out("@@exit /t/b status 1")
    out("@@exit /t/c signal 11")
    out("init: /t/d: No such file or directory")
    out("@@exit /t/d status 127")
    out("1..2")
    out("ok 1 - e starts")


def scenario_hang(fake):
    out("1..1")
    hang()


def os_term(message):
    print(f"qemu: OS terminated: {message}", file=sys.stderr, flush=True)


def scenario_panic(fake):
    out("1..2")
    out("ok 1 - before")
    # QEMU's stderr line may overtake the console: the runner reads on.
    os_term("it broke")
    time.sleep(0.1)
    out("panic: kernel/x.c:7: it broke")
    hang()


def scenario_osterm(fake):
    out("1..1")
    out("ok 1 - before")
    os_term("no panic line")


def log(text):
    """A kernel log line, as the real console ends it."""
    print(f"[     1.914076 0] {text}", end="\r\n", flush=True)


def panic_dump(frames):
    """The kernel's dump of an unexpected exception, then its panic line."""
    log("exception 0x380 (data segment) on cpu 0")
    log("  SRR0 c000000000401c84  SRR1 8000000000008013")
    log("  DAR  7fedcba987654320  DSISR 00000000")
    log("  LR   c00000000040bc3c  CTR  c00000000040bc60")
    log("  CR   20000808  XER  0000000020040000")
    for row in range(0, 32, 4):
        log(f"  r{row:<2} " + " ".join([f"{row:016x}"] * 4))
    log("backtrace:")
    for frame in frames:
        log("  " + frame)
    out("vrm: panic: unexpected data segment exception at 0xc000000000401c84 "
        "(cpu 0)")
    os_term("unexpected data segment exception at 0xc000000000401c84")


def scenario_expectpanic(fake):
    out("1..2")
    out("ok 1 - before")
    panic_dump(["nip c000000000401c84 arch_bad_access+0x10",
                "lr  c00000000040bc3c panic_trigger+0x2c",
                "    c00000000040bc80 ktest_fn_0+0x20"])


def scenario_panicnosym(fake):
    out("1..1")
    panic_dump(["nip c000000000401c84 arch_bad_access+0x10",
                "lr  c00000000040bc3c my_panic_trigger+0x2c"])


def scenario_nopanic(fake):
    out("1..1")
    out("not ok 1 - the bad access did not fault")
    out("# test/kernel/panic_tests.c:17")


def scenario_crash(fake):
    out("1..1")
    out("ok 1 - before the crash")
    os.kill(os.getpid(), signal.SIGSEGV)


def scenario_status(fake):
    out("1..1")
    out("ok 1 - fine")
    sys.exit(3)


def scenario_wrapped(fake):
    """QEMU run by a shell that reports its abort: every test passed, and
    the crash still fails the suite."""
    out("1..1")
    out("ok 1 - fine")
    print("qemu-system-ppc64: ../hw/ppc/spapr.c:1: f: Assertion `x' failed.",
          file=sys.stderr)
    print("Aborted (core dumped)", file=sys.stderr, flush=True)
    sys.exit(134)


def scenario_sleep(fake):
    out("1..2")
    answer = ask("sleep 0")
    out(f"{'ok' if answer == '@@done sleep 0' else 'not ok'} 1 - sleep")
    out(f"# got {answer}")
    time.sleep(0.5)
    answer = ask("frobnicate now")
    out(f"{'ok' if answer == '@@done frobnicate 1' else 'not ok'} 2 - unknown")
    out(f"# got {answer}")


def scenario_reboot(fake):
    n = handshake()
    out("1..1")
    out(f"{'ok' if n == 1 else 'not ok'} 1 - first boot is number 1")
    out("@@host reboot")
    if not fake.qmp.reset.wait(10):
        sys.exit(4)
    fake.boot()
    n = handshake()
    out("1..1")
    out(f"{'ok' if n == 2 else 'not ok'} 1 - second boot is number 2")


def scenario_powercycle(fake):
    n = handshake()
    out("1..1")
    if n == 1:
        out("ok 1 - first boot before the power cycle")
        out("@@host powercycle")
        hang()
    out(f"{'ok' if n == 2 else 'not ok'} 1 - boot {n} after the power cycle")


def scenario_fdt(fake):
    initrd = fake.opts.get("-initrd", [""])[0]
    with open(initrd, "rb") as f:
        good = f.read() == FAKE_DTB
    out("1..1")
    out(f"{'ok' if good else 'not ok'} 1 - initrd is the dumped tree")


class FakeTap:
    """A fake kernel test's TAP: numbered results after the plan."""

    def __init__(self, plan):
        out(f"1..{plan}")
        self.n = 0

    def check(self, ok, desc, got=""):
        self.n += 1
        out(f"{'ok' if ok else 'not ok'} {self.n} - {desc}")
        if not ok:
            out(f"# got {got}")

    def answer(self, request, status, desc):
        """Ask the host; the answer must carry `status`."""
        got = ask(request)
        self.check(got == f"@@done {request.split()[0]} {status}", desc, got)


def scenario_idle(fake):
    """A machine that just runs: test/dlpar_selftest.py acts on it."""
    hang()


def scenario_dlpar(fake):
    """Every DLPAR verb on a machine with room (maxcpus=4, maxmem=2G):
    memory first, as QEMU 7.2 needs (test/fake_hotplug.py, pitfall 22)."""
    hp = fake.hotplug
    t = FakeTap(18)
    t.answer("mem-add 256", 0, "mem-add 256 answered 0")
    t.answer("mem-add 512", 0, "mem-add 512 answered 0")
    sizes = [hp.dimms[d]["size"] >> 20 for d in hp.added]
    t.check(sizes == [256, 512] and len(hp.backends) == 2,
            "each mem-add is one DIMM of its size on a backend of its own",
            sizes)
    t.answer("mem-add 100", 1, "mem-add of part of an LMB answered 1")
    t.answer("mem-remove 256", 1, "mem-remove 256 answered 1: the most "
             "recent DIMM is 512 MiB")
    t.answer("mem-remove 768", 0, "mem-remove 768 answered 0")
    t.check(hp.deleted == hp.added[::-1] and not hp.backends,
            "mem-remove took the most recent DIMM first, and the backends",
            (hp.added, hp.deleted, hp.backends))
    t.answer("mem-add 4096", 1, "mem-add beyond maxmem answered 1")
    t.check(not hp.dimms and not hp.backends,
            "a refused mem-add leaves no backend behind", hp.backends)
    t.answer("cpu-add 2", 0, "cpu-add 2 answered 0")
    t.check(sorted(hp.cores) == [0, 1, 2], "cores at the lowest free ids",
            hp.cores)
    t.answer("cpu-add 2", 1, "cpu-add of more cores than slots answered 1")
    t.answer("cpu-add 1", 0, "cpu-add 1 answered 0")
    t.answer("cpu-remove 2", 0, "cpu-remove 2 answered 0")
    t.check(hp.deleted[2:] == hp.added[-1:-3:-1] and sorted(hp.cores)
            == [0, 1], "cpu-remove took the most recent cores first",
            (hp.added, hp.deleted))
    t.answer("cpu-remove 2", 1, "cpu-remove of more cores than were added "
             "answered 1; the boot core stays")
    for request in ("cpu-add", "cpu-remove x"):
        t.answer(request, 1, f"{request} without a count answered 1")


def scenario_dlpardecline(fake):
    """The guest declines each removal once; the same removal then goes."""
    hp = fake.hotplug
    t = FakeTap(8)
    t.answer("mem-add 256", 0, "mem-add 256 answered 0")
    hp.guest = "decline"
    t.answer("mem-remove 256", 2, "a declined mem-remove answered 2")
    t.check(len(hp.dimms) == 1 and not hp.pending, "the DIMM stays, "
            "no unplug pending", hp.dimms)
    hp.guest = "release"
    t.answer("mem-remove 256", 0, "the same mem-remove then answered 0")
    t.answer("cpu-add 1", 0, "cpu-add 1 answered 0")
    hp.guest = "decline"
    t.answer("cpu-remove 1", 2, "a declined cpu-remove answered 2")
    t.check(sorted(hp.cores) == [0, 1], "the core stays", hp.cores)
    hp.guest = "release"
    t.answer("cpu-remove 1", 0, "the same cpu-remove then answered 0")


def scenario_dlparnever(fake):
    """A removal the guest never finishes: the timeout's answer, QEMU's
    refusal of a second request, and the reset that completes it."""
    hp = fake.hotplug
    handshake()
    t = FakeTap(4)
    t.answer("mem-add 256", 0, "mem-add 256 answered 0")
    t.answer("mem-add 256", 0, "a second mem-add 256 answered 0")
    hp.guest = "ignore"
    t.answer("mem-remove 256", 3, "a removal without DEVICE_DELETED "
             "answered 3 after the timeout")
    t.answer("mem-remove 256", 1, "the same removal, still pending in "
             "QEMU, answered 1")
    out("@@host reboot")
    if not fake.qmp.reset.wait(10):
        sys.exit(4)
    fake.boot()             # one DIMM less: the reset ended the removal
    handshake()
    t = FakeTap(2)
    t.answer("mem-add 256", 0, "after the reset that ended the removal, "
             "mem-add 256 answered 0")
    t.check(sorted(hp.backends) == sorted(d["memdev"] for d in
                                          hp.dimms.values()),
            "the removed DIMM's backend is gone", hp.backends)


def scenario_dlparcrash(fake):
    """QEMU 7.2 segfaults on a DIMM after a core was removed (pitfall 22)."""
    t = FakeTap(4)
    t.answer("cpu-add 1", 0, "cpu-add 1 answered 0")
    t.answer("cpu-remove 1", 0, "cpu-remove 1 answered 0")
    t.answer("mem-add 256", 0, "never answered: QEMU crashes")
    t.check(True, "never reached")


def scenario_dlparabort(fake):
    """QEMU 7.2 aborts when unplugs pile up unacknowledged (pitfall 21)."""
    fake.hotplug.guest = "ignore"
    t = FakeTap(5)
    t.answer("mem-add 256", 0, "mem-add 256 answered 0")
    t.answer("mem-remove 256", 3, "mem-remove 256 answered 3")
    t.answer("cpu-add 1", 0, "cpu-add 1 answered 0")
    t.answer("cpu-remove 1", 3, "cpu-remove 1 answered 3")
    t.answer("cpu-add 1", 0, "never answered: QEMU aborts")


def typed_line():
    """A line typed at the fake shell, read a byte at a time as a terminal
    in canonical mode would: echoed, Backspace (DEL or BS) erases with
    "\\b \\b", Ctrl-U erases the line, Ctrl-C ends it with "^C" (None
    is returned); "" at the end of input."""
    line = ""
    while True:
        c = os.read(0, 1).decode()
        if not c:
            return ""
        if c == "\n":
            print("\r")
            return line + c
        if c in "\x7f\b":
            if line:
                line = line[:-1]
                print("\b \b", end="", flush=True)
        elif c == "\x15":
            print("\b \b" * len(line), end="", flush=True)
            line = ""
        elif c == "\x03":
            out("^C")
            return None
        else:
            line += c
            print(c, end="", flush=True)


def busy():
    """A program that runs until its second Ctrl-C, as if the first came
    before it had the terminal: that one only shows "^C"."""
    print("^C" if os.read(0, 1) == b"\x03" else "", end="", flush=True)
    while os.read(0, 1) not in (b"\x03", b""):
        pass
    out("^C")


def scenario_shell(fake):
    """A shell on the console: the prompt without a line end, typed lines
    echoed a character at a time with line editing, a background job
    whose end comes before the next prompt, a command whose output changes
    each time (count), one that takes two Ctrl-C (busy), one that reads a
    key and prints nothing (readkey), a re-IPL, a power off and a hang."""
    out("init: starting /bin/sh")
    done = None
    counted = 0
    while True:
        if done:
            out(done)
            done = None
        print("vrm# ", end="", flush=True)
        line = typed_line()
        if line is None:
            continue
        if not line:
            return
        words = line.split()
        if words == ["job"]:
            out("[1] 42")
            done = "[1] Done  job"
        elif words == ["count"]:
            counted += 1
            out(f"n={counted}")
        elif words == ["busy"]:
            busy()
        elif words == ["readkey"]:
            os.read(0, 1)
        elif words == ["reboot"]:
            fake.boot()
        elif words == ["poweroff"]:
            out("init: SIGTERM, power off")
            return
        elif words == ["hang"]:
            hang()
        elif words[:1] == ["echo"]:
            out(" ".join(words[1:]))
        elif words:
            out(f"sh: {words[0]}: not found")


FAKE_DTB = b"\xd0\x0d\xfe\xed fake tree"


class Fake:
    def __init__(self, argv):
        self.opts = fake_options(argv)
        machine = self.opts["-M"][0]
        smp = self.opts["-smp"][0].split(",")
        cpus = smp[0]
        maxcpus = next((w[len("maxcpus="):] for w in smp[1:]
                        if w.startswith("maxcpus=")), cpus)
        self.firmware = "vof" if "x-vof=on" in machine else "slof"
        self.dumpdtb = re.search(r"dumpdtb=([^,]+)", machine)
        self.qmp = None
        bootargs = self.opts.get("-append", [""])[0]
        # Suites without in-kernel tests name their scenario fake=NAME.
        self.scenario = re.search(r"(?:test|fake)=(\S+)", bootargs).group(1)
        if self.scenario == "wrongsized":
            maxcpus = int(maxcpus) * 2
        self.sized = (f"cpus: {cpus} present, {maxcpus} possible; 1048 bytes "
                      "each, and a 32 KiB stack once started")

    def boot(self):
        """A boot's banner, and its per-CPU sizing line among the log."""
        out(self.banner)
        log("phys: 1 zones, 508 MiB free of 512 MiB")
        if self.scenario != "unsized":
            log(self.sized)

    @property
    def banner(self):
        """The banner of a boot now: the CPUs and memory the machine has."""
        hp = self.qmp.hotplug
        mib = sum(hp.query_memory_size_summary({}).values()) >> 20
        return (f"vrm: 0.0-fake firmware={self.firmware} cpus={len(hp.cores)}"
                f" mem={mib}")

    @property
    def hotplug(self):
        return self.qmp.hotplug

    def run(self):
        if self.dumpdtb:
            with open(self.dumpdtb.group(1), "wb") as f:
                f.write(FAKE_DTB)
            print("fake: dtb dumped. Exiting.", file=sys.stderr)
            return 0
        if "-qmp" in self.opts:
            path = self.opts["-qmp"][0].split(",")[0][len("unix:"):]
            self.qmp = FakeQMP(path, self.opts)
        out("SLOF\r fake firmware chatter")
        if self.scenario == "wrongbanner":
            out(self.banner.replace("cpus=", "cpus=9"))
            log(self.sized)
        elif self.scenario != "nobanner":
            self.boot()
        if self.scenario not in ("nobanner", "wrongbanner"):
            SCENARIOS[self.scenario](self)
        return 0


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items()
             if name.startswith("scenario_")}


# ---- the checks ------------------------------------------------------------

class Checks:
    """Collects results and prints them as TAP at the end."""

    def __init__(self):
        self.results = []

    def check(self, ok, desc, *diags):
        self.results.append((bool(ok), desc, diags))

    def has(self, output, pattern, desc):
        found = re.search(pattern, output, re.MULTILINE)
        self.check(found, desc, f"no line matching {pattern!r}")

    def print_tap(self):
        print(f"1..{len(self.results)}")
        for i, (ok, desc, diags) in enumerate(self.results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {desc}")
            if not ok:
                for d in diags:
                    for line in str(d).splitlines():
                        print(f"# {line}")
        return all(ok for ok, _, _ in self.results)


ROWS = """\
pass         vof  1 512M 20  pass
fail         vof  1 512M 20  fail
short        slof 2 1G   20  short
noplan       vof  1 512M 20  noplan
extra        vof  1 512M 20  extra
hang         vof  1 512M 1.5 hang
panic        vof  1 512M 20  panic
osterm       vof  1 512M 20  osterm
crash        vof  1 512M 20  crash
status       vof  1 512M 20  status
wrapped      vof  1 512M 20  wrapped
sleep        vof  1 512M 20  sleep
reboot       vof  4 4G   20  reboot boots=2
restartless  vof  1 512M 20  pass boots=2
skips        vof  1 512M 20  skips
twoplans     vof  1 512M 20  twoplans
programs     vof  1 512M 20  - run=/t/a,/t/b,/t/c,/t/d,/t/e,/t/f append=fake=programs
powercycle   slof 1 512M 20  powercycle
nobanner     vof  1 512M 20  nobanner
wrongbanner  vof  1 512M 20  wrongbanner
unsized      vof  1 512M 20  unsized
wrongsized   vof  2 512M 20  wrongsized maxcpus=8
fdt          vof  1 512M 20  fdt fdtref maxcpus=4 maxmem=2G
expectpanic  vof  1 512M 20  expectpanic panic=panic_trigger
panicnosym   vof  1 512M 20  panicnosym  panic=panic_trigger
nopanic      vof  1 512M 20  nopanic     panic=panic_trigger
console      vof  2 512M 20  -  console={build}/good.txt append=fake=shell
consolefail  vof  1 512M 20  -  console={build}/bad.txt append=fake=shell
consolehang  vof  1 512M 20  -  console={build}/hang.txt append=fake=shell
consoleend   vof  1 512M 20  -  console={build}/end.txt append=fake=shell
consolereject vof 1 512M 20 - console={build}/reject.txt append=fake=shell
consolekeys  vof  1 512M 20  -  console={build}/keys.txt append=fake=shell
dlpar        vof  1 512M 20  dlpar        maxcpus=4 maxmem=2G
dlpardecline vof  1 512M 20  dlpardecline maxcpus=2 maxmem=1G
dlparnever   vof  1 512M 20  dlparnever   maxcpus=2 maxmem=2G boots=2
dlparcrash   vof  1 512M 20  dlparcrash   maxcpus=2 maxmem=1G
dlparabort   vof  1 512M 20  dlparabort   maxcpus=4 maxmem=1G
"""

# Console scripts for the fake shell, by file name.
SCRIPTS = {
    "good.txt": r"""# a script that passes
timeout 5
expect vrm: (?P<version>\S+) firmware=${firmware} cpus=${cpus} mem=${mem}$
expect ^init: starting /bin/sh$
prompt vrm#
send echo a   b
expect ^a b$
send job
expect ^\[1\] (?P<pid>\d+)$
type wait
expect ^\[1\] Done  job$
send echo ${pid} ${version} on ${firmware}
expect ^42 0\.0-fake on vof$
send reboot
expect vrm: ${version} firmware=
send poweroff
expect power off$
""",
    "bad.txt": r"""timeout 10
prompt vrm#
send echo one
timeout 1
expect ^two$
timeout 10
send echo three
expect ^three$
send job
expect ^\[1\] \d+$
send wait
timeout 1
expect ^\[1\] Done  job$
timeout 10
send poweroff
expect power off$
""",
    "hang.txt": r"""timeout 10
prompt vrm#
send echo one
expect ^one$
send hang
timeout 1
send echo never
expect ^never$
send poweroff
""",
    "reject.txt": r"""timeout 5
prompt vrm#
reject oops
send echo fine
expect ^fine$
send echo oops here
send echo after
expect ^after$
send echo oops expected
expect ^oops expected$
send echo oops tail
send poweroff
""",
    "end.txt": r"""prompt vrm#
send poweroff
expect ^never printed$
send echo too late
""",
    "keys.txt": r"""timeout 5
prompt vrm#
send echo a\x7fb\\c
expect ^b\\c$
keys echo half\x03
expect ^vrm# echo half\^C$
send echo discarded\x15echo kept
expect ^kept$
send busy
timeout 3
repeat 3
press \x03
expect ^(\^C)+$
end
timeout 5
repeat 5
send count
expect ^n=(?P<n>[3-9])$
end
send echo ${n}
expect ^3$
send readkey
press q
send echo after a key
expect ^after a key$
repeat 2
send count
expect ^n=99$
end
send poweroff
expect power off$
""",
}


def run_runner(build, suites, extra=()):
    fake = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)} --fake-qemu"
    argv = [sys.executable, RUN, "--build", build,
            "--kernel", os.path.join(build, "vrm.elf"),
            "--manifest", os.path.join(build, "suites"), "--qemu", fake,
            "--jobs", "8", "--panic-grace", "1", "--unplug-timeout", "2"]
    argv += [a for s in suites for a in ("--suite", s)] + list(extra)
    r = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def check_scenarios(c, build):
    """All scenarios in one run: each suite's lines, the summary, the logs."""
    rc, output, err = run_runner(build, [])
    c.check(rc == 1, "a run with failures exits 1", f"rc={rc}", err)
    last = output.rstrip("\n").splitlines()[-1:]
    c.check(last == ["243 passed, 46 failed, 3 skipped"],
            "summary line is last and counts every check", output[-300:])
    c.has(output, r"^ok      pass: banner matches machine$", "banner check")
    c.has(output, r"^ok      pass: 2 - second$", "a passing result")
    c.check("a note after the second" not in output,
            "comment lines after a passing test stay in the log")
    c.has(output, r"^skip    pass: 3 - third # SKIP", "SKIP is counted apart")
    c.has(output, r"^ok      pass: QEMU exited with status 0$", "exit check")
    c.check(not re.search(r"^\S+ +pass: boot 2", output, re.MULTILINE),
            "a log record of the banner is not a new boot")
    c.has(output, r"^not ok  fail: 2 - broken\n        # test/kernel/x.c:12"
          r"\n        # expected: 1\n        # actual: 2$",
          "failure diagnostics")
    c.has(output, r"^not ok  short: only 2 of 3 planned", "short plan")
    c.has(output, r"^not ok  noplan: TAP plan missing", "missing plan")
    c.has(output, r"^not ok  extra: 2 tests reported, but the plan says 1",
          "results beyond the plan")
    c.has(output, r"^not ok  hang: timeout: still running after 1.5 s; "
          r"QEMU killed", "timeout kills QEMU")
    c.has(output, r"^not ok  panic: kernel panic\n"
          r"        # panic: kernel/x.c:7", "panic line")
    c.has(output, r"^not ok  panic: still running 1 s after the panic",
          "QEMU killed when it outlives a panic")
    c.has(output, r"^not ok  osterm: kernel called ibm,os-term\n"
          r"        # qemu: OS terminated: no panic line", "os-term alone")
    c.has(output, r"^not ok  crash: QEMU crashed: died with SIGSEGV",
          "QEMU death by signal is a crash")
    c.has(output, r"^not ok  status: QEMU crashed: exited with status 3",
          "non-zero exit is a crash")
    c.has(output, r"^ok      sleep: 1 - sleep$", "@@host sleep answered")
    c.has(output, r"^ok      sleep: 2 - unknown$", "unknown verb answered 1")
    c.has(output, r"^# sleep: @@host frobnicate now failed: unknown verb",
          "unknown verb explained")
    c.has(output, r"^ok      reboot: 1 - first boot is number 1", "boot 1")
    c.has(output, r"^ok      reboot: boot 2: banner matches machine",
          "banner checked after a reboot (QMP system_reset)")
    c.has(output, r"^ok      reboot: boot 2: 1 - second boot is number 2",
          "boot number counts banners")
    c.has(output, r"^ok      powercycle: boot 2: 1 - boot 2 after the power",
          "power cycle restarts QEMU and counts on")
    c.has(output, r"^ok      powercycle: QEMU exited with status 0$",
          "the restarted QEMU's exit is checked")
    c.has(output, r"^not ok  nobanner: no banner on the console", "no banner")
    c.has(output, r"^not ok  wrongbanner: banner matches machine\n"
          r"        # cpus: expected 1, got 91", "banner mismatch")
    check_sizing(c, output)
    c.has(output, r"^ok      fdt: 1 - initrd is the dumped tree",
          "fdtref passes QEMU's dumped tree as the initrd")
    c.check(not re.search(r"^not ok  reboot:", output, re.MULTILINE),
            "a restart suite that sees its boots= passes")
    c.has(output, r"^not ok  restartless: 1 boots seen, 2 expected",
          "a restart suite without its second boot fails")
    c.has(output, r"^skip    skips: 1 - skipped with a reason # SKIP needs",
          "an ok with SKIP and a reason is a skip")
    c.has(output, r"^not ok  skips: 2 - failed # skip not a skip\n"
          r"        # a failed test cannot be a skip",
          "a not ok with SKIP is a failure")
    c.has(output, r"^not ok  skips: 3 - no reason # skip\n"
          r"        # a skip must give its reason", "a skip needs a reason")
    c.has(output, r"^not ok  twoplans: second TAP plan",
          "a second plan in one block fails")
    check_programs(c, output)
    check_expected_panics(c, output)
    check_consoles(c, output)
    check_dlpar(c, output)
    logs = set(os.listdir(os.path.join(build, "test-logs")))
    c.check("fail.log" in logs and "pass.log" not in logs,
            "logs kept for failing suites only", sorted(logs))
    with open(os.path.join(build, "test-logs", "crash.log")) as f:
        log = f.read()
    c.check("--fake-qemu" in log and "ok 1 - before the crash" in log,
            "a kept log has the command line and the console", log[:500])
    c.check(output.isascii(), "output is plain ASCII")


def check_sizing(c, output):
    """Each boot's line on the per-CPU memory, against -smp N,maxcpus=M."""
    sized = "per-CPU memory sized for the machine"
    for pattern, desc in (
            (rf"^ok      pass: {sized}$",
             "the sizing line checked, once a boot"),
            (rf"^ok      fdt: {sized}$",
             "maxcpus= is the possible count the sizing line must say"),
            (rf"^ok      reboot: boot 2: {sized}$",
             "the sizing line checked after a reboot"),
            (rf"^not ok  unsized: {sized}\n"
             r"        # no line \"cpus: N present, M possible\"$",
             "a boot without the sizing line fails"),
            (rf"^not ok  wrongsized: {sized}\n"
             r"        # possible: expected 8, got 16$",
             "a sizing line that disagrees with maxcpus fails")):
        c.has(output, pattern, desc)


def check_programs(c, output):
    """A run= row: one TAP block per program, closed by init's @@exit."""
    for pattern, desc in (
            (r"^ok      programs: /t/a: 1 - a works$",
             "a program's results carry its name"),
            (r"^ok      programs: /t/a exited with status 0$",
             "a program that exits 0 after its block passes"),
            (r"^not ok  programs: /t/b exited with status 1$",
             "a non-zero exit after passing tests fails"),
            (r"^not ok  programs: /t/c: TAP plan missing",
             "a program killed before its plan fails its block"),
            (r"^not ok  programs: /t/c was killed by signal 11$",
             "and its death is reported"),
            (r"^not ok  programs: /t/d could not be run \(exit status 127\)",
             "a program that cannot be executed fails"),
            (r"^not ok  programs: /t/e: only 1 of 2 planned tests reported",
             "a block cut short fails"),
            (r"^not ok  programs: /t/e: init never reported its end",
             "a program without init's report fails"),
            (r"^not ok  programs: /t/f: init never reported its end",
             "a program that never ran fails")):
        c.has(output, pattern, desc)


def check_dlpar(c, output):
    """The DLPAR verbs against the fake's hot-plug model: their answers and
    notes, the order of removals, the timeout, a decline, and QEMU's
    crashes reported as such."""
    output = by_suite(output)
    for suite, last in (("dlpar", 18), ("dlpardecline", 8),
                        ("dlparnever", 4)):
        c.has(output, rf"^ok      {suite}: {last} - ",
              f"{suite}: the fake kernel read every answer")
        c.check(not re.search(rf"^not ok  {suite}:", output, re.MULTILINE),
                f"{suite}: every answer as docs/dlpar.md says")
    for pattern, desc in (
            (r"^# dlpar: @@host cpu-add 2 answered 1: cpu-add 2: 1 of 4 "
             r"core slots are free \(maxcpus\)$", "a refusal is explained"),
            (r"^# dlpardecline: @@host mem-remove 256 answered 2: "
             r".*dlpar-dimm1: the guest declined the removal "
             r"\(MEM_UNPLUG_ERROR\)", "a declined DIMM is explained"),
            (r"^# dlpardecline: @@host cpu-remove 1 answered 2: "
             r".*dlpar-cpu1: the guest declined the removal "
             r"\(DEVICE_UNPLUG_GUEST_ERROR\)", "a declined core is explained"),
            (r"^# dlparnever: @@host mem-remove 256 answered 3: .*"
             r"dlpar-dimm2: no DEVICE_DELETED within 2 s; the unplug stays "
             r"pending", "the timeout is explained"),
            (r"^ok      dlparnever: boot 2: banner matches machine$",
             "after DLPAR verbs the banner is checked against QEMU's machine"),
            (r"^not ok  dlparcrash: QEMU crashed: died with SIGSEGV during "
             r"@@host mem-add 256$", "a QEMU crash in a verb is named"),
            (r"^# dlparcrash: 2 of 4 planned tests reported before the "
             r"crash$", "the tests a crash cut short are noted"),
            (r"^not ok  dlparabort: QEMU crashed: died with SIGABRT during "
             r"@@host cpu-add 1: corrupted double-linked list$",
             "a QEMU abort is named with its message"),
            (r"^not ok  wrapped: QEMU crashed: exited with status 134: "
             r"qemu-system-ppc64: .*Assertion `x' failed\.$",
             "an abort reported by a wrapper is a crash")):
        c.has(output, pattern, desc)
    for suite in ("dlparcrash", "dlparabort", "wrapped"):
        failures = re.findall(rf"^not ok  {suite}: .*", output, re.MULTILINE)
        c.check(len(failures) == 1 and "QEMU crashed" in failures[0],
                f"{suite}: the crash is the one failure, not the kernel's",
                failures)


PANIC_PIECES = ("the dump names the exception vector",
                "the dump has SRR0 and SRR1", "the dump has DAR and DSISR",
                "the dump has LR", "the dump has all 32 GPRs",
                "the backtrace names panic_trigger",
                "the vrm: panic: line is on the console")


def check_expected_panics(c, output):
    """panic=NAME suites: every piece passes, a missing symbol or a missing
    panic fails, and the cut-short TAP block is not a failure."""
    for piece in PANIC_PIECES:
        c.has(output, rf"^ok      expectpanic: expected panic: {piece}$",
              f"expected panic: {piece}")
    c.has(output, r"^ok      expectpanic: expected panic: QEMU exited with "
          r"status 0 by itself after ibm,os-term$",
          "expected panic: QEMU's exit after os-term")
    c.has(output, r"^# expectpanic: 1 of 2 planned tests reported before "
          r"the expected panic$", "a TAP block cut short by the panic")
    c.check(not re.search(r"^not ok  expectpanic:", output, re.MULTILINE),
            "an expected panic with every piece passes")
    c.has(output, r"^not ok  panicnosym: expected panic: the backtrace names "
          r"panic_trigger\n        # no frame in panic_trigger\+0x\.\.; "
          r"the backtrace:\n        #   nip c000000000401c84 arch_bad_access",
          "a backtrace without the function fails")
    c.has(output, r"^ok      panicnosym: expected panic: the dump has all 32",
          "the other pieces still pass without the function")
    c.has(output, r"^not ok  nopanic: expected panic: none came "
          r"\(panic=panic_trigger\)", "a panic=NAME suite must panic")


# What the console= suites of ROWS must print, with what each line shows.
CONSOLE_LINES = (
    (r"^ok      console: boot 2: banner matches machine$",
     "the banner after a re-IPL is checked"),
    (r"^not ok  consolefail: console: echo one -> /\^two\$/\n"
     r"        # .*bad.txt:5: no line matching /\^two\$/ within 1 s\n"
     r"        # the console's last lines:\n(        #   .*\n)*"
     r"        #   one\n        #   vrm#$",
     "a failed expect shows the console's last lines"),
    (r"^ok      consolefail: console: echo three -> /\^three\$/",
     "the script goes on after a failed expect"),
    (r"^not ok  consolefail: console: wait -> /\^\\\[1\\\] Done",
     "expects after send read only what follows its echo"),
    (r"^ok      consolefail: QEMU exited with status 0$",
     "the machine powers off at the end of a failing script"),
    (r"^not ok  consolehang: console: typed echo never\n"
     r"        # .*hang.txt:7: no prompt 'vrm#' within 1 s",
     "a prompt that does not come fails the send"),
    (r"^not ok  consolehang: console: 2 of 6 steps not played$",
     "a failed send stops the script"),
    (r"^not ok  consolehang: the console script stopped; QEMU",
     "a stopped script ends QEMU"),
    (r"^not ok  consoleend: console: poweroff -> /\^never "
     r"printed\$/\n        # .*end.txt:3: QEMU exited with status 0$",
     "QEMU's exit fails the step under way"),
    (r"^not ok  consoleend: console: 1 of 3 steps not played$",
     "steps after QEMU's exit are counted"),
    (r"^ok      consolekeys: console: typed echo a\\x7fb\\\\c\n"
     r"ok      consolekeys: console: echo a\\x7fb\\\\c -> /\^b\\\\c\$/$",
     "a typed erase character: the echo and the output as edited"),
    (r"^ok      consolekeys: console: keys echo half\\x03\n"
     r"ok      consolekeys: console: echo half\\x03 -> /\^vrm# echo half",
     "keys: a half-typed line ended by Ctrl-C, no echo waited for"),
    (r"^ok      consolekeys: console: echo discarded\\x15echo kept -> "
     r"/\^kept\$/$", "a typed kill character: the echo as edited"),
    (r"^ok      consolekeys: console: press \\x03\n"
     r"ok      consolekeys: console: \\x03 -> /\^\(\\\^C\)\+\$/\n"
     r"# consolekeys: .*keys.txt:11: passed on attempt 2 of 3$",
     "repeat: an expect whose time is up starts the next attempt"),
    (r"^ok      consolekeys: console: typed count\n"
     r"ok      consolekeys: console: count -> /\^n=\(\?P<n>\[3-9\]\)\$/\n"
     r"# consolekeys: .*keys.txt:16: passed on attempt 3 of 5\n"
     r"ok      consolekeys: console: typed echo \$\{n\}\n"
     r"ok      consolekeys: console: echo \$\{n\} -> /\^3\$/$",
     "repeat: a new prompt without the line starts the next attempt; "
     "results and values come from the attempt that passed"),
    (r"^ok      consolekeys: console: typed count\n"
     r"not ok  consolekeys: console: count -> /\^n=99\$/\n"
     r"        # .*keys.txt:28: no line matching /\^n=99\$/ before the next "
     r"prompt \(attempt 2 of 2\)$",
     "repeat: the last attempt's failure is reported, with the count"),
    (r"^ok      consolekeys: console: typed echo after a key\n"
     r"ok      consolekeys: console: echo after a key -> /\^after a key\$/",
     "a prompt that comes after keys without a line is a new one"),
    (r"^ok      consolekeys: console: poweroff -> /power off\$/$",
     "the script goes on after a block that failed"),
)


def check_keys_once(c, output):
    """A block's steps are reported once, whatever the attempts."""
    typed = re.findall(r"^ok      consolekeys: console: typed count$", output,
                       re.MULTILINE)
    c.check(len(typed) == 2, "repeat: each step of a block is one result",
            typed)


def by_suite(output):
    """The runner's output with each suite's lines together, in the order
    they came: suites run in parallel and print each result as it completes,
    so another suite's lines may fall between two results of one suite. A
    line with its diagnostics ("        #" lines) is printed whole and stays
    whole; the summary and other lines come last."""
    groups, rest, owner = {}, [], None
    for line in output.splitlines():
        m = re.match(r"(?:ok|not ok|skip) +([^ :]+): |# ([^ :]+): ", line)
        if m:
            owner = m.group(1) or m.group(2)
            groups.setdefault(owner, []).append(line)
        elif line.startswith("        ") and owner:
            groups[owner].append(line)
        else:
            owner = None
            rest.append(line)
    return "\n".join([l for lines in groups.values() for l in lines] + rest)


def check_by_suite(c):
    interleaved = ("ok      a: one\nnot ok  b: two\n        # why\n"
                   "ok      a: three\n# a: note\n3 passed, 1 failed")
    c.check(by_suite(interleaved) == "ok      a: one\nok      a: three\n"
            "# a: note\nnot ok  b: two\n        # why\n3 passed, 1 failed",
            "a suite's results are read together, whatever came between",
            by_suite(interleaved))


def check_consoles(c, output):
    """console= suites: each step one result; a failed expect lets the
    script go on, a line that cannot be typed stops it."""
    output = by_suite(output)
    for step in (r"boot -> /vrm: \(\?P<version>", r"typed echo a   b",
                 r"echo a   b -> /\^a b\$/", r"job -> /\^\\\[1\\\] \(\?P<pid>",
                 r"wait -> /\^\\\[1\\\] Done  job\$/",
                 r"echo \$\{pid\} \$\{version\} on \$\{firmware\} -> /\^42",
                 r"reboot -> /vrm: ", r"poweroff -> /power off\$/"):
        c.has(output, rf"^ok      console: console: {step}", f"console: {step}")
    c.check(not re.search(r"^not ok  console:", output, re.MULTILINE),
            "console: a script that passes has no failure")
    for pattern, shows in CONSOLE_LINES:
        c.has(output, pattern, "console: " + shows)
    c.has(output, r"^not ok  consolereject: console: a rejected line before "
          r".*reject\.txt:7\n        # 'oops here' matches /oops/$",
          "console: a rejected line passed over by a send fails")
    c.has(output, r"^not ok  consolereject: console: a rejected line before "
          r".*reject\.txt:12\n        # 'oops tail' matches /oops/$",
          "console: a rejected line before the last step fails")
    c.check(not re.search(r"oops expected'", output),
            "console: a rejected line that an expect asks for is allowed")
    c.has(output, r"^ok      consolereject: console: typed poweroff$",
          "console: a rejected line does not stop the script")
    check_keys_once(c, output)


def check_clean_run(c, build):
    """A passing run exits 0 and removes the stale log of a suite."""
    with open(os.path.join(build, "test-logs", "pass.log"), "w") as f:
        f.write("stale\n")
    rc, output, err = run_runner(build, ["pass,sleep", "reboot",
                                         "expectpanic", "console"])
    c.check(rc == 0, "a run without failures exits 0", f"rc={rc}", output, err)
    c.check(not os.path.exists(os.path.join(build, "test-logs", "pass.log")),
            "the stale log of a passing suite is deleted")


def check_host_tests(c, build):
    good = os.path.join(build, "good-test")
    bad = os.path.join(build, "bad-test")
    for path, body in ((good, "echo 1..2; echo ok 1 - a; echo ok 2 - b"),
                       (bad, "echo 1..1; echo 'not ok 1 - c'; exit 2")):
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\n{body}\n")
        os.chmod(path, 0o755)
    rc, output, _ = run_runner(build, [], ["--host-tests", f"{good} {bad}",
                                           "--manifest", os.devnull])
    c.check(rc == 1 and output.endswith("2 passed, 2 failed\n"),
            "host tests: TAP and exit status", output)
    c.has(output, r"^not ok  bad-test: exited with status 2$",
          "a host test's non-zero exit is a failure")
    empty = os.path.join(build, "empty-test")
    silent = os.path.join(build, "silent-test")
    late = os.path.join(build, "late-test")
    for path, body in ((empty, "echo 1..0"), (silent, "exit 0"),
                       (late, "echo ok 1 - a; echo 1..1")):
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\n{body}\n")
        os.chmod(path, 0o755)
    rc, output, _ = run_runner(build, [], ["--host-tests",
                                           f"{empty} {silent} {late}",
                                           "--manifest", os.devnull])
    c.has(output, r"^not ok  empty-test: TAP plan 1\.\.0: no test ran",
          "a host test with zero cases fails")
    c.has(output, r"^not ok  silent-test: TAP plan missing",
          "a host test that prints nothing fails")
    c.has(output, r"^not ok  late-test: a result before the TAP plan",
          "a host test prints its plan first")
    rc, output, _ = run_runner(build, [], ["--manifest", os.devnull])
    c.check(rc == 1 and output.endswith("0 passed, 0 failed\n"),
            "nothing run is not success", output)


def check_units(c):
    """Pure functions of the runner and the launcher."""
    c.check(vrm_qemu.size_mib("4G") == 4096
            and vrm_qemu.size_mib("512M") == 512
            and vrm_qemu.size_mib("256") == 256, "sizes in MiB")
    c.check(tap.console_line("junk\rok 1 - x\r\n") == "ok 1 - x",
            "carriage returns overwrite, as on a terminal")
    s = manifest.parse_row("a slof 2 1G 30 boot,smp disk append=x=1 "
                      "qemu=-no-reboot maxcpus=4".split())
    c.check(s.disk and s.append == ["x=1"] and s.qemu_args == ["-no-reboot"]
            and s.maxcpus == 4 and s.tests == "boot,smp"
            and s.panic is None, "manifest row")
    s = manifest.parse_row("p vof 1 512M 60 panic panic=panic_trigger".split())
    c.check(s.panic == "panic_trigger", "manifest row with panic=")
    s = manifest.parse_row("m vof 1 1G 60 boot maxmem=4G slots=8".split())
    argv = vrm_qemu.command(manifest.suite_machine(s, "k", None, None, None,
                                                   ["qemu"]))
    c.check("1G,slots=8,maxmem=4G" in argv, "manifest row with slots=", argv)
    for row, why in (("a vof 1 1G 30 boot disk", "disk needs SLOF"),
                     ("a vof 1 1G 30 boot dimm=512M", "dimm= without maxmem="),
                     ("a vof 4 1G 30 boot maxcpus=2", "maxcpus below smp"),
                     ("a vof 1 4G 30 boot maxmem=2G", "maxmem below mem"),
                     ("a vof 1 1G 30 boot maxmem=4G slots=33", "33 slots"),
                     ("a slof 1 1G 30 boot disk fdtref", "disk and fdtref"),
                     ("a slof 1 1G 30 boot frob", "unknown option"),
                     ("a slof 1 1G", "short row"),
                     ("a vof 1 1G 30 panic panic=", "panic= without a name"),
                     ("a vof 1 1G 30 panic panic=a+b", "panic= not a name")):
        try:
            manifest.parse_row(row.split())
            c.check(False, f"manifest rejects: {why}")
        except ValueError:
            c.check(True, f"manifest rejects: {why}")
    check_panic_units(c)
    check_script_units(c)

    m = vrm_qemu.Machine(firmware="vof", smp=2, mem="1G", maxcpus=8,
                         maxmem="4G", kernel="k.elf", append="test=boot",
                         initrd="t.dtb", qmp="q.sock")
    argv = vrm_qemu.command(m)
    c.check(argv[:3] == ["qemu-system-ppc64", "-M",
                         "pseries,x-vof=on,kernel-addr=0,cap-cfpc=broken,"
                         "cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off,"
                         "cap-hpt-max-page-size=16M"]
            and " -m 1G,slots=4,maxmem=4G -smp 2,maxcpus=8 " in " ".join(argv)
            and argv[-6:] == ["-kernel", "k.elf", "-append", "test=boot",
                              "-initrd", "t.dtb"]
            and "unix:q.sock,server=on,wait=off" in argv
            and ["-serial", "stdio"] == argv[argv.index("-serial"):][:2],
            "kernel boot command line", argv)
    m = vrm_qemu.Machine(boot="disk", disk="d.img", append="test=boot",
                         interactive=True, gdb_port=1234)
    argv = vrm_qemu.command(m)
    c.check("-kernel" not in argv and "boot-file=test=boot" in argv
            and "-S" in argv and "tcp::1234" in argv
            and "stdio,id=console,mux=on,signal=off" in argv,
            "disk boot, gdb and terminal console", argv)
    check_socket_units(c)


def check_socket_units(c):
    """make run's QMP socket: one left by a QEMU that has gone is removed,
    one that is still served is refused."""
    with tempfile.TemporaryDirectory() as d:
        path = qmp.socket_path(os.path.join(d, "qmp.sock"))
        left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        left.bind(path)
        left.close()
        vrm_qemu.clear_socket(path)
        c.check(not os.path.exists(path), "a stale QMP socket is removed")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as served:
            served.bind(path)
            served.listen(1)
            try:
                vrm_qemu.clear_socket(path)
                c.check(False, "a QMP socket still served is refused")
            except OSError as e:
                c.check(os.path.exists(path) and "running QEMU" in str(e),
                        "a QMP socket still served is refused", e)


def check_panic_units(c):
    """The expected-panic checks on dumps the fake QEMU does not play."""
    watch = panic.PanicWatch("panic_trigger")
    for line in ("r0  " + " 0000000000000000" * 4, "backtrace:",
                 "lr  c00000000040bc3c panic_trigger+0x2c",
                 "vrm: panic: it broke",
                 "exception 0x700 (program) on cpu 0"):
        watch.line(line)
    results = {desc: (ok, diags) for ok, desc, diags in watch.results()}
    gprs = results["expected panic: the dump has all 32 GPRs"]
    c.check(gprs == (False, ["# missing rows: r4 r8 r12 r16 r20 r24 r28"]),
            "expected panic: missing GPR rows are named", gprs)
    c.check(results["expected panic: the backtrace names panic_trigger"][0]
            and not results["expected panic: the dump has LR"][0],
            "expected panic: lines after the panic line are not read")
    ok, desc, _ = panic.exit_result(1, "qemu: OS terminated: x")
    c.check(not ok and "status 1" in desc,
            "expected panic: a non-zero exit after os-term fails", desc)
    ok, desc, _ = panic.exit_result(0, None)
    c.check(not ok, "expected panic: an exit without os-term fails", desc)


def check_script_units(c):
    """The console script parser, its values and the echo test."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write("# comment\n\nexpect ^(?P<v>\\S+) on ${firmware}$\n"
                "timeout 5\nprompt vrm#\nsend echo ${v}\ntype wait\n"
                "expect ${v}.\n")
        f.flush()
        steps = script.parse_script(f.name, "s.txt")
        check_console_rows(c, f.name)
    c.check([(t.verb, t.where, t.timeout, t.after) for t in steps] ==
            [("expect", "s.txt:3", 60.0, ""), ("send", "s.txt:6", 5.0, ""),
             ("type", "s.txt:7", 5.0, "echo ${v}"),
             ("expect", "s.txt:8", 5.0, "wait")]
            and steps[1].prompt == "vrm#", "console script parsed",
            [vars(t) for t in steps])
    c.check(script.expand("a.${v}", {"v": "1.0"}, literal=True) == r"a.1\.0"
            and script.expand("${v}", {"v": "1.0"}, literal=False) == "1.0",
            "console script values, literal in a regex")
    c.check(console.echoes("vrm# echo a  b", "vrm#", "echo a  b")
            and console.echoes("vrm#", "vrm#", "")
            and not console.echoes("a  b", "vrm#", "a  b"),
            "console echo: the prompt, then the typed line")
    c.check(tap.console_line("vrm# echo helX\b \bo\r\n") == "vrm# echo helo"
            and tap.console_line("ab\x07c\x7f\b\b\bxy") == "xyc",
            "backspaces move back, other control characters show nothing")
    c.check(script.unescape(r"a\x7fb\\c\x03") == "a\x7fb\\c\x03"
            and script.edited("echo helX\x7fo\bx\x15echo kept") == "echo kept"
            and script.edited("ab\x7f\x7f\x7fc") == "c",
            "typed text: escapes, and the line as erase and kill leave it")
    check_block_units(c)
    for text, why in (("send x", "send before any prompt"),
                      ("frob x", "unknown instruction"),
                      ("expect ${nothing}", "a value nothing sets"),
                      ("expect (", "a bad regular expression"),
                      ("timeout -1", "a timeout that is not positive"),
                      ("# only a comment", "a script without a step"),
                      ("prompt $\nsend a\\n", "a backslash that is no escape"),
                      ("prompt $\nsend a\\x80", "a byte that is not ASCII"),
                      ("prompt $\nsend a\\x03", "send of a control key"),
                      ("prompt $\nkeys", "keys without keys"),
                      ("repeat 1\nexpect a\nend", "repeat fewer than twice"),
                      ("repeat 101\nexpect a\nend", "repeat too often"),
                      ("repeat x\nexpect a\nend", "repeat without a count"),
                      ("repeat 2\nrepeat 2\nexpect a\nend\nend",
                       "a block inside a block"),
                      ("expect a\nend", "end without repeat"),
                      ("repeat 2\nexpect a", "repeat without end"),
                      ("prompt $\nrepeat 2\nsend a\nend",
                       "a block without an expect")):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            f.write(text + "\n")
            f.flush()
            try:
                script.parse_script(f.name, "s.txt")
                c.check(False, f"console script rejects {why}")
            except ValueError:
                c.check(True, f"console script rejects {why}")


def check_block_units(c):
    """repeat ... end: the block's steps know it; typed text is decoded."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write("prompt $\nsend a\nrepeat 3\npress \\x03\nexpect b\n"
                "end\nkeys c\\x15\n")
        f.flush()
        steps = script.parse_script(f.name, "s.txt")
    block = steps[1].block
    c.check([(t.verb, t.text, t.block is block) for t in steps] ==
            [("send", "a", False), ("press", "\x03", True),
             ("expect", "b", True), ("keys", "c\x15", False)]
            and (block.first, block.last, block.attempts, block.where)
            == (1, 2, 3, "s.txt:3"), "console script with a repeat block",
            [vars(t) for t in steps])


def check_console_rows(c, path):
    """Manifest rows with console=, a script at `path`."""
    s = manifest.parse_row(f"a vof 1 1G 30 - console={path}".split())
    c.check(len(s.console) == 4, "manifest row with console=")
    for row, why, says in (
            (f"a vof 1 1G 30 boot console={path}", "with tests", "tests -"),
            (f"a vof 1 1G 30 - run=/test/a console={path}", "with run=",
             "run="),
            ("a vof 1 1G 30 - console=/nonexistent", "without its file",
             "/nonexistent")):
        try:
            manifest.parse_row(row.split())
            c.check(False, f"manifest rejects console= {why}")
        except ValueError as e:
            c.check(says in str(e), f"manifest rejects console= {why}", e)


def check_qmp(c, build):
    """qmp.py against the fake server: answers, errors, events."""
    path = os.path.join(build, "unit.qmp")
    client = qmp.QMPClient(path)
    threading.Timer(0.2, FakeQMP, args=(path,)).start()
    client.connect(timeout=5)
    c.check(client.execute("query-status") == {}, "QMP command after a wait "
            "for the socket")
    try:
        client.execute("frob")
        c.check(False, "QMP error raises")
    except qmp.QMPError as e:
        c.check(e.error_class == "CommandNotFound", "QMP error raises", e)
    client.execute("system_reset")
    c.check(client.wait_event("RESET", 1)["event"] == "RESET",
            "QMP event kept while waiting for an answer")
    try:
        client.wait_event("SHUTDOWN", 0.1)
        c.check(False, "wait_event times out")
    except TimeoutError:
        c.check(True, "wait_event times out")
    client.execute("system_reset")
    client.discard(lambda e: e["event"] == "RESET")
    try:
        client.wait_for(lambda e: True, 0.1)
        c.check(False, "discarded events are gone")
    except TimeoutError:
        c.check(True, "discarded events are gone")
    client.close()


def selftest():
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="vrm-selftest-") as build:
        for name, text in SCRIPTS.items():
            with open(os.path.join(build, name), "w") as f:
                f.write(text)
        with open(os.path.join(build, "suites"), "w") as f:
            f.write(ROWS.format(build=build))
        open(os.path.join(build, "vrm.elf"), "wb").close()
        check_units(c)
        check_by_suite(c)
        check_qmp(c, build)
        check_scenarios(c, build)
        check_clean_run(c, build)
        check_host_tests(c, build)
    return 0 if c.print_tap() else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fake-qemu"]:
        sys.exit(Fake(sys.argv[2:]).run())
    sys.exit(selftest())
