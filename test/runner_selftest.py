#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Self-test of test/run, tools/qmp.py and tools/vrm_qemu.py without a kernel:
# a fake QEMU (this file with --fake-qemu) plays scripted consoles; TAP out.
"""Runner self-test.

    python3 test/runner_selftest.py

The fake QEMU reads the scenario from its -append (the suite's `tests`
column), prints a banner built from its -M/-smp/-m arguments, talks the
@@host/@@done protocol on stdio and serves a minimal QMP on its -qmp socket
(qmp_capabilities, system_reset with a RESET event, quit). The self-test
writes a manifest of scenarios into a temporary build directory, runs
test/run on it and checks what the runner printed, returned and kept.
"""

import importlib.machinery
import importlib.util
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
REPO = os.path.dirname(HERE)
RUN = os.path.join(HERE, "run")
sys.path.insert(0, os.path.join(REPO, "tools"))

import qmp  # noqa: E402
import vrm_qemu  # noqa: E402


# ---- the fake QEMU ---------------------------------------------------------

class FakeQMP:
    """A QMP server on a unix socket, enough for qmp.py and the runner."""

    def __init__(self, path):
        self.reset = threading.Event()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(1)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            conn, _ = self.sock.accept()
            self.session(conn)

    def session(self, conn):
        send = lambda msg: conn.sendall(json.dumps(msg).encode() + b"\r\n")
        send({"QMP": {"version": {"qemu": {"major": 7}}, "capabilities": []}})
        for line in conn.makefile("rb"):
            cmd = json.loads(line)
            name, reply = cmd["execute"], {"return": {}}
            if "id" in cmd:
                reply["id"] = cmd["id"]
            if name == "system_reset":
                send({"event": "RESET", "data": {"guest": False}})
                send(reply)
                self.reset.set()
            elif name == "quit":
                send(reply)
                sys.stdout.flush()
                os._exit(0)
            elif name in ("qmp_capabilities", "query-status"):
                send(reply)
            else:
                err = {"class": "CommandNotFound",
                       "desc": f"The command {name} has not been found"}
                send({"error": err, "id": cmd.get("id")})
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


def scenario_noplan(fake):
    out("ok 1 - lonely")


def scenario_extra(fake):
    out("1..1")
    out("ok 1 - one")
    out("ok 2 - too many")


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


def scenario_crash(fake):
    out("1..1")
    out("ok 1 - before the crash")
    os.kill(os.getpid(), signal.SIGSEGV)


def scenario_status(fake):
    out("1..1")
    out("ok 1 - fine")
    sys.exit(3)


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
    out(fake.banner)
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


FAKE_DTB = b"\xd0\x0d\xfe\xed fake tree"


class Fake:
    def __init__(self, argv):
        self.opts = fake_options(argv)
        machine = self.opts["-M"][0]
        cpus = self.opts["-smp"][0].split(",")[0]
        mem = self.opts["-m"][0].split(",")[0]
        mib = int(mem[:-1]) * (1024 if mem.endswith("G") else 1)
        firmware = "vof" if "x-vof=on" in machine else "slof"
        self.dumpdtb = re.search(r"dumpdtb=([^,]+)", machine)
        self.banner = (f"vrm: 0.0-fake firmware={firmware} cpus={cpus} "
                       f"mem={mib}")
        self.qmp = None
        bootargs = self.opts.get("-append", [""])[0]
        self.scenario = re.search(r"test=(\S+)", bootargs).group(1)

    def run(self):
        if self.dumpdtb:
            with open(self.dumpdtb.group(1), "wb") as f:
                f.write(FAKE_DTB)
            print("fake: dtb dumped. Exiting.", file=sys.stderr)
            return 0
        if "-qmp" in self.opts:
            path = self.opts["-qmp"][0].split(",")[0][len("unix:"):]
            self.qmp = FakeQMP(path)
        out("SLOF\r fake firmware chatter")
        if self.scenario == "wrongbanner":
            out(self.banner.replace("cpus=", "cpus=9"))
        elif self.scenario != "nobanner":
            out(self.banner)
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
sleep        vof  1 512M 20  sleep
reboot       vof  4 4G   20  reboot
powercycle   slof 1 512M 20  powercycle
nobanner     vof  1 512M 20  nobanner
wrongbanner  vof  1 512M 20  wrongbanner
fdt          vof  1 512M 20  fdt fdtref maxcpus=4 maxmem=2G
"""


def run_runner(build, suites, extra=()):
    fake = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)} --fake-qemu"
    argv = [sys.executable, RUN, "--build", build,
            "--kernel", os.path.join(build, "vrm.elf"),
            "--manifest", os.path.join(build, "suites"), "--qemu", fake,
            "--jobs", "8", "--panic-grace", "0.3"]
    argv += [a for s in suites for a in ("--suite", s)] + list(extra)
    r = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def check_scenarios(c, build):
    """All scenarios in one run: each suite's lines, the summary, the logs."""
    rc, output, err = run_runner(build, [])
    c.check(rc == 1, "a run with failures exits 1", f"rc={rc}", err)
    last = output.rstrip("\n").splitlines()[-1:]
    c.check(last == ["47 passed, 15 failed, 1 skipped"],
            "summary line is last and counts every check", output[-300:])
    c.has(output, r"^ok      pass: banner matches machine$", "banner check")
    c.has(output, r"^ok      pass: 2 - second\nskip",
          "comment lines after a passing test stay in the log")
    c.has(output, r"^skip    pass: 3 - third # SKIP", "SKIP is counted apart")
    c.has(output, r"^ok      pass: QEMU exited with status 0$", "exit check")
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
    c.has(output, r"^not ok  panic: still running 0.3 s after the panic",
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
    c.has(output, r"^ok      fdt: 1 - initrd is the dumped tree",
          "fdtref passes QEMU's dumped tree as the initrd")
    logs = set(os.listdir(os.path.join(build, "test-logs")))
    c.check("fail.log" in logs and "pass.log" not in logs,
            "logs kept for failing suites only", sorted(logs))
    with open(os.path.join(build, "test-logs", "crash.log")) as f:
        log = f.read()
    c.check("--fake-qemu" in log and "ok 1 - before the crash" in log,
            "a kept log has the command line and the console", log[:500])
    c.check(output.isascii(), "output is plain ASCII")


def check_clean_run(c, build):
    """A passing run exits 0 and removes the stale log of a suite."""
    with open(os.path.join(build, "test-logs", "pass.log"), "w") as f:
        f.write("stale\n")
    rc, output, err = run_runner(build, ["pass,sleep", "reboot"])
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
    rc, output, _ = run_runner(build, [], ["--manifest", os.devnull])
    c.check(rc == 1 and output.endswith("0 passed, 0 failed\n"),
            "nothing run is not success", output)


def load_runner():
    loader = importlib.machinery.SourceFileLoader("vrm_test_run", RUN)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def check_units(c):
    """Pure functions of the runner and the launcher."""
    run = load_runner()
    c.check(run.size_mib("4G") == 4096 and run.size_mib("512M") == 512
            and run.size_mib("256") == 256, "sizes in MiB")
    c.check(run.console_line("junk\rok 1 - x\r\n") == "ok 1 - x",
            "carriage returns overwrite, as on a terminal")
    s = run.parse_row("a slof 2 1G 30 boot,smp disk append=x=1 "
                      "qemu=-no-reboot maxcpus=4".split())
    c.check(s.disk and s.append == ["x=1"] and s.qemu_args == ["-no-reboot"]
            and s.maxcpus == 4 and s.tests == "boot,smp", "manifest row")
    for row, why in (("a vof 1 1G 30 boot disk", "disk needs SLOF"),
                     ("a slof 1 1G 30 boot disk fdtref", "disk and fdtref"),
                     ("a slof 1 1G 30 boot frob", "unknown option"),
                     ("a slof 1 1G", "short row")):
        try:
            run.parse_row(row.split())
            c.check(False, f"manifest rejects: {why}")
        except ValueError:
            c.check(True, f"manifest rejects: {why}")

    m = vrm_qemu.Machine(firmware="vof", smp=2, mem="1G", maxcpus=8,
                         maxmem="4G", kernel="k.elf", append="test=boot",
                         initrd="t.dtb", qmp="q.sock")
    argv = vrm_qemu.command(m)
    c.check(argv[:3] == ["qemu-system-ppc64", "-M",
                         "pseries,x-vof=on,kernel-addr=0,cap-cfpc=broken,"
                         "cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off"]
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
    client.close()


def selftest():
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="vrm-selftest-") as build:
        with open(os.path.join(build, "suites"), "w") as f:
            f.write(ROWS)
        open(os.path.join(build, "vrm.elf"), "wb").close()
        check_units(c)
        check_qmp(c, build)
        check_scenarios(c, build)
        check_clean_run(c, build)
        check_host_tests(c, build)
    return 0 if c.print_tap() else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fake-qemu"]:
        sys.exit(Fake(sys.argv[2:]).run())
    sys.exit(selftest())
