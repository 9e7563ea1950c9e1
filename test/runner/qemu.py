# SPDX-License-Identifier: MIT
# One suite of test/suites as a session: its QEMU (started again on power
# cycles), the banner check, @@host requests, QMP, panics and the exit check.
"""QEMU suites."""

import os
import re
import shlex
import subprocess
import time

import dlpar_ops
import qmp
import vrm_qemu

from . import panic
from .console import ConsolePlayer
from .manifest import boot_mem_mib, suite_machine
from .session import STOP, Session, describe_exit
from .tap import RESULT, console_line
from .verbs import VERBS

# A boot's banner; the same text after a log prefix "[seconds cpu] " is the
# ring's copy of it (dmesg), not a new boot.
BANNER = re.compile(r"(?<!\] )vrm: (\S+) firmware=(\S+) cpus=(\d+) mem=(\d+)")
# The kernel's account of the per-CPU memory it allocated (kernel/cpu.c),
# once a boot: the CPUs present, and all that hotplug may add.
CPUS_SIZED = re.compile(r"\bcpus: (\d+) present, (\d+) possible\b")
REQUEST = re.compile(r"^@@host\s+(\S+)\s*(.*)$")
# init -t's line after each program of a run= row (user/sbin/init.c).
EXIT_REPORT = re.compile(r"^@@exit\s+(\S+)\s+(status|signal)\s+(\d+)$")
EXEC_FAILED = 127       # init's child could not exec the program
# QEMU's last words when it aborts (an assertion, glibc's heap checks,
# cpu_abort's "qemu: fatal:"), or a wrapper shell's report of its death.
ABORT = re.compile(r"Assertion .* failed|qemu: fatal:|corrupted|double free|"
                   r"\bAborted\b|Segmentation fault|core dumped")

QUIT_WAIT = 20.0        # seconds QEMU may take to exit after QMP quit
DUMP_TIMEOUT = 60.0     # seconds for QEMU to write its device tree


class QemuSuite(Session):
    """One suite: a QEMU (restarted on power cycles) and the kernel's TAP."""

    def __init__(self, suite, ctx):
        super().__init__(suite.name, suite.timeout, ctx)
        self.suite = suite
        base = os.path.join(ctx.logdir, suite.name)
        self.dtb = base + ".qemu.dtb" if suite.fdtref else None
        self.disk = base + ".img" if suite.disk else None
        self.qmp_path = qmp.socket_path(base + ".qmp")
        self.qmp_link = qmp.LazyQMP(self.qmp_path)
        self.argv = None
        self.boots = 0
        self.panicked = False           # a panic line was on the console
        self.os_term = None             # QEMU's line for ibm,os-term
        self.abort_message = None       # QEMU's line when it aborted
        self.gone_during = None         # the request QEMU vanished in
        self.dlpar_used = False         # a DLPAR verb changed the machine
        self.last_console = ""
        self.watch = panic.PanicWatch(suite.panic) if suite.panic else None
        # What the banner must say; after a DLPAR verb, QEMU says it.
        self.expect = {"firmware": suite.firmware, "cpus": suite.smp,
                       "mem": boot_mem_mib(suite)}
        # What the per-CPU sizing line must say: -smp N,maxcpus=M.
        self.expect_sized = {"present": suite.smp,
                             "possible": suite.maxcpus or suite.smp}
        self.sized = False              # this boot's sizing line was seen
        self.boot_prefix = ""
        # run= rows: the programs init must run, and those it reported.
        self.programs = suite.run.split(",") if suite.run else []
        self.ran = []
        self.block_failures = 0
        self.player = None
        if suite.console:
            self.player = ConsolePlayer(suite.console, {
                k: str(v) for k, v in self.expect.items()}, self)

    def machine(self):
        user = self.suite.run or self.suite.console
        initrd = self.ctx.initramfs if user else self.dtb
        return suite_machine(self.suite, self.ctx.kernel, self.disk, initrd,
                             self.qmp_path, self.ctx.qemu)

    def run(self):
        if not self.prepare():
            return
        self.argv = vrm_qemu.command(self.machine())
        self.launch()
        self.run_until_exit()
        self.close_qmp()
        if STOP.is_set():
            self.check_exit(None)
            return
        crash = self.crash()
        if self.os_term and not self.panicked:
            self.fail("kernel called ibm,os-term", [f"# {self.os_term}"])
        if crash:
            self.after_crash()
        else:
            self.check_end()
        self.check_exit(crash)

    def check_end(self):
        """The checks of how the kernel's part ended: its banners, its TAP,
        its programs or console script, its panic."""
        if self.boots == 0:
            self.fail("no banner on the console",
                      [f"# last line: {self.last_console}"])
        self.check_sized_seen()
        if self.suite.boots and self.boots and self.boots != self.suite.boots:
            self.fail(f"{self.boots} boots seen, {self.suite.boots} expected",
                      [f"# last line: {self.last_console}"])
        if self.player:
            self.player.finish(f"QEMU {describe_exit(self.status)}"
                               if not self.killed else self.killed)
        elif self.programs:
            self.check_programs()
        elif self.boots:
            self.tap.close(cut_short=self.expected_panic())
        if self.watch:
            self.check_panic()

    def crash(self):
        """How QEMU crashed, or None: it ended by itself with a signal, with
        a non-zero status or after an abort message on its stderr. A QEMU
        that the runner killed, or that ended after a kernel panic (or
        ibm,os-term), did not crash."""
        if self.killed or self.panicked or self.os_term or STOP.is_set():
            return None
        if self.status == 0 and not self.abort_message:
            return None
        why = describe_exit(self.status)
        if self.gone_during:
            why += f" during {self.gone_during}"
        return why + (f": {self.abort_message}" if self.abort_message else "")

    def after_crash(self):
        """What the crash cut short is noted, not failed: the kernel could
        not finish, and the suite fails as a QEMU crash alone."""
        if self.boots == 0:
            self.note("no banner before the crash")
        if self.player and not self.player.done:
            total = len(self.player.steps)
            self.note(f"console: {total - self.player.index} of {total} "
                      "steps not played before the crash")
        for path in self.programs[len(self.ran):]:
            self.note(f"{path}: not ended before the crash")
        self.tap.cut("the crash")

    def prepare(self):
        """Make the disk image and the reference tree the suite asks for."""
        try:
            if self.disk:
                vrm_qemu.make_disk(self.ctx.kernel, self.disk)
        except Exception as e:      # mkdisk raises its own error classes
            self.fail("disk image made", [f"# {e}"])
            return False
        return self.dump_tree() if self.dtb else True

    def dump_tree(self):
        """Let QEMU write the device tree of this very machine and exit."""
        m = self.machine()
        m.initrd = None
        m.qmp = None
        m.dumpdtb = self.dtb
        argv = vrm_qemu.command(m)
        self.log_write("$ " + shlex.join(argv))
        if os.path.exists(self.dtb):
            os.remove(self.dtb)
        try:
            r = subprocess.run(argv, stdin=subprocess.DEVNULL,
                               capture_output=True, start_new_session=True,
                               timeout=min(DUMP_TIMEOUT, max(
                                   self.deadline - time.monotonic(), 1)))
            out = (r.stdout + r.stderr).decode("utf-8", "replace")
            self.log_write(out.rstrip("\n"))
            status = describe_exit(r.returncode)
        except (OSError, subprocess.TimeoutExpired) as e:
            status = str(e)
        if not os.path.exists(self.dtb):
            self.fail("QEMU dumped its device tree", [f"# QEMU {status}"])
            return False
        return True

    def launch(self):
        if os.path.exists(self.qmp_path):
            os.remove(self.qmp_path)
        self.start(self.argv)

    def on_output(self, text):
        line = console_line(text)
        if line:
            self.last_console = line
            if self.watch:
                self.watch.line(line)
        if self.player:
            self.player.line(line)
            self.after_console()
        if self.panicked:
            return
        if "panic:" in line and not (line.startswith("#") or
                                     RESULT.match(line)):
            self.panic(line)
            return
        banner = BANNER.search(text)
        if banner:
            self.new_boot(banner)
        elif self.boots > 0:
            sized = None if self.sized else CPUS_SIZED.search(line)
            if sized:
                self.check_sized(sized)
            request = REQUEST.match(line)
            ended = EXIT_REPORT.match(line) if self.programs else None
            if request:
                self.tap.flush()
                self.request(request.group(1), request.group(2).split())
            elif ended:
                self.program_ended(ended.group(1), ended.group(2),
                                   int(ended.group(3)))
            elif not self.player:
                self.tap.line(line)

    def on_partial(self, text):
        if self.player:
            self.player.partial(console_line(text))
            self.after_console()

    def on_idle(self):
        super().on_idle()
        if self.player:
            self.player.advance()
            self.after_console()

    def after_console(self):
        """A script that stopped leaves nothing to wait for; one that ended
        leaves QEMU its last step's time to exit by itself (a script ends
        by powering the machine off)."""
        if self.player.stopped:
            self.kill("the console script stopped")
        elif self.player.done:
            seconds = self.player.steps[-1].timeout
            self.start_grace(seconds, f"still running {seconds:g} s after "
                             "the console script's last step")

    def on_stderr(self, text):
        # QEMU's message for RTAS ibm,os-term: the guest is done, and QEMU
        # should exit. The panic line may still be on its way through the
        # other pipe, so the console is read on.
        if "OS terminated" in text and self.os_term is None:
            self.os_term = console_line(text)
            self.grace_after_panic()
        elif ABORT.search(text) and self.abort_message is None:
            self.abort_message = console_line(text)

    def panic(self, line):
        """Report it once (unless the suite expects it), then give QEMU a
        little time to exit by itself."""
        self.tap.flush()
        self.panicked = True
        if not self.watch:
            self.fail("kernel panic", [f"# {line}"])
        self.grace_after_panic()

    def expected_panic(self):
        return self.panicked and self.watch is not None

    def grace_after_panic(self):
        grace = self.ctx.panic_grace
        self.start_grace(grace, f"still running {grace:g} s after the panic")

    def new_boot(self, banner):
        if self.boots and not self.player:
            self.tap.close()
        self.check_sized_seen()
        self.boots += 1
        self.sized = False
        self.boot_prefix = f"boot {self.boots}: " if self.boots > 1 else ""
        self.tap.prefix = self.boot_prefix
        if self.dlpar_used:
            self.machine_now()
        got = {"firmware": banner.group(2), "cpus": int(banner.group(3)),
               "mem": int(banner.group(4))}
        diffs = [f"# {k}: expected {v}, got {got[k]}"
                 for k, v in self.expect.items() if got[k] != v]
        self.report("not ok" if diffs else "ok",
                    self.tap.prefix + "banner matches machine", diffs)
        if self.programs:
            self.next_program()

    def check_sized(self, m):
        """The boot's per-CPU sizing line against the machine."""
        self.sized = True
        got = {"present": int(m.group(1)), "possible": int(m.group(2))}
        diffs = [f"# {k}: expected {v}, got {got[k]}"
                 for k, v in self.expect_sized.items() if got[k] != v]
        self.report("not ok" if diffs else "ok",
                    self.boot_prefix + "per-CPU memory sized for the machine",
                    diffs)

    def check_sized_seen(self):
        """A boot that ends without its sizing line fails, unless it
        panicked (a panic is reported already)."""
        if self.boots and not self.sized and not self.panicked:
            self.fail(self.boot_prefix + "per-CPU memory sized for the "
                      "machine", ["# no line \"cpus: N present, M possible\""])

    def next_program(self):
        """The program whose TAP comes next, as a prefix for its results."""
        self.block_failures = self.failures
        if len(self.ran) < len(self.programs):
            self.tap.prefix = self.programs[len(self.ran)] + ": "
        else:
            self.tap.prefix = "after the last program: "

    def program_ended(self, path, how, value):
        """init's report that a program of run= ended: its TAP block ends
        here, and its exit must agree with its results."""
        expected = self.programs[len(self.ran)] \
            if len(self.ran) < len(self.programs) else None
        self.tap.close()
        clean = self.failures == self.block_failures
        self.ran.append(path)
        if path != expected:
            self.fail(f"init ran {path}, expected {expected or 'no more'}")
        elif how == "status" and value == 0:
            self.report("ok", f"{path} exited with status 0")
        elif how == "status" and value == EXEC_FAILED:
            self.fail(f"{path} could not be run (exit status {value})")
        elif how == "signal":
            self.fail(f"{path} was killed by signal {value}")
        elif clean:
            self.fail(f"{path} exited with status {value}")
        else:       # a test program's status for its own failed tests
            self.note(f"{path} exited with status {value} after failed tests")
        self.next_program()

    def check_programs(self):
        """At the end of a run= row: every program ran to its reported end."""
        if not self.tap.empty():
            self.tap.close()
        for path in self.programs[len(self.ran):]:
            self.fail(f"{path}: init never reported its end",
                      [f"# last line: {self.last_console}"])

    def request(self, name, args):
        """Serve `@@host name args` and answer `@@done name status`."""
        fn = VERBS.get(name)
        request = " ".join(["@@host", name] + args)
        try:
            if fn is None:
                raise ValueError("unknown verb")
            status = fn(self, args)
        except dlpar_ops.DlparError as e:
            self.note(f"{request} answered {e.status}: {e}")
            status = e.status
        except (qmp.QMPError, OSError, ValueError, RuntimeError) as e:
            self.note(f"{request} failed: {e}")
            status = 1
            if isinstance(e, ConnectionError):
                self.gone_during = request      # QEMU closed QMP: gone?
        if status is not None and self.proc is not None:
            self.write(f"@@done {name} {status}\n")

    def dlpar(self, name, args):
        """A DLPAR verb: the operation of tools/dlpar_ops.py on this QEMU,
        waiting for a removal no longer than the suite has left. What it
        did goes to the log."""
        self.dlpar_used = True
        timeout = min(self.ctx.unplug_timeout,
                      max(self.deadline - time.monotonic(), 0.0))
        done = []
        try:
            done = dlpar_ops.perform(self.qmp(), name, args, timeout,
                                     STOP.is_set)
        except dlpar_ops.DlparError as e:
            done = e.done
            raise
        finally:
            for line in done:
                self.log_write(f"[runner] {name}: {line}")
        return dlpar_ops.OK

    def machine_now(self):
        """After DLPAR verbs the banner must show the machine as QEMU has
        it now (a removal left pending completes at a reset)."""
        try:
            self.expect["cpus"], self.expect["mem"] = \
                dlpar_ops.machine_size(self.qmp())
            self.expect_sized["present"] = self.expect["cpus"]
        except (qmp.QMPError, OSError) as e:
            self.note(f"QMP could not say the machine's size: {e}")

    def qmp(self):
        """The QMP connection to the running QEMU, opened on first use."""
        return self.qmp_link.get()

    def close_qmp(self):
        self.qmp_link.close()

    def powercycle(self):
        """QMP quit, wait for QEMU to exit, and start the same command line
        again (same disk images); the kernel then boots afresh."""
        try:
            self.qmp().execute("quit")
        except ConnectionError:
            pass        # QEMU may close the socket before it answers
        self.close_qmp()
        try:
            status = self.proc.wait(timeout=QUIT_WAIT)
        except subprocess.TimeoutExpired:
            self.kill("QEMU did not exit on QMP quit")
            raise RuntimeError("QEMU did not exit on QMP quit")
        if status != 0:
            self.status = status
            raise RuntimeError(f"QEMU {describe_exit(status)} on QMP quit")
        self.log_write("[runner] power cycle: starting QEMU again")
        self.launch()

    def check_panic(self):
        """A panic=NAME suite: each piece of the panic path, or one failure
        when the kernel did not panic at all."""
        if not self.panicked:
            self.fail(f"expected panic: none came (panic={self.suite.panic})",
                      [f"# last line: {self.last_console}"])
            return
        for ok, desc, diags in self.watch.results():
            self.report("ok" if ok else "not ok", desc, diags)

    def check_exit(self, crash):
        """The last check of every suite: how QEMU ended (`crash` says how
        it crashed, if it did)."""
        if self.killed:
            self.fail(self.killed + "; QEMU killed",
                      [f"# last line: {self.last_console}"])
        elif self.expected_panic():
            ok, desc, diags = panic.exit_result(self.status, self.os_term)
            self.report("ok" if ok else "not ok", desc, diags)
        elif crash:
            self.fail(f"QEMU crashed: {crash}", self.recent_stderr())
        elif self.status == 0:
            self.report("ok", "QEMU exited with status 0")
        else:       # after a panic, or the run was interrupted
            after = " after the panic" if self.panicked or self.os_term else ""
            self.fail(f"QEMU {describe_exit(self.status)}{after}")

    def cleanup(self):
        self.close_qmp()
        super().cleanup()
        # QEMU leaves its socket file behind when it exits.
        if os.path.exists(self.qmp_path):
            os.remove(self.qmp_path)
