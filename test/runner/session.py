# SPDX-License-Identifier: MIT
# One program the runner reads line by line: its process group, the threads
# pumping its pipes, its deadlines, its kill and its per-suite log.
"""Sessions: what a QEMU suite and a host test binary have in common."""

import os
import queue
import shlex
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

import vrm_qemu

from .report import Reporter
from .tap import TapStream, console_line

KILL_GRACE = 2.0        # seconds between SIGTERM and SIGKILL

# Set on Ctrl-C: every session kills its program and stops.
STOP = threading.Event()


@dataclass
class Context:
    """What every session shares."""
    kernel: str
    logdir: str
    qemu: list[str]
    host_timeout: float
    panic_grace: float
    reporter: Reporter
    keep_logs: bool = False
    initramfs: str | None = None    # for suites that run user programs
    unplug_timeout: float = 30.0    # seconds a guest may take to release


def decode(raw):
    return raw.decode("utf-8", "replace")


def describe_exit(status):
    if status < 0:
        try:
            return f"died with {signal.Signals(-status).name}"
        except ValueError:
            return f"died with signal {-status}"
    return f"exited with status {status}"


class Session:
    """One program whose output the runner reads line by line: a QEMU (and
    its successors after a power cycle) or a host test binary."""

    def __init__(self, name, timeout, ctx):
        self.name = name
        self.ctx = ctx
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.grace_deadline = None      # set when the program should end
        self.grace_why = None           # why it is killed if it does not
        self.events = queue.Queue()
        self.proc = None
        self.gen = 0                    # which program the events came from
        self.open_streams = 0
        self.status = None
        self.killed = None              # why the runner killed the program
        self.failures = 0
        self.tap = TapStream(self)
        self.log_path = os.path.join(ctx.logdir, f"{name}.log")
        self.log = open(self.log_path, "w", encoding="ascii",
                        errors="backslashreplace")

    def report(self, status, desc, diags=()):
        if status == "not ok":
            self.failures += 1
        for line in self.ctx.reporter.result(self.name, status, desc, diags):
            self.log_write("[runner] " + line)

    def fail(self, desc, diags=()):
        self.report("not ok", desc, diags)

    def note(self, text):
        self.log_write("[runner] " + self.ctx.reporter.note(self.name, text))

    def log_write(self, text):
        self.log.write(text + "\n")
        self.log.flush()

    def start(self, argv):
        """Start `argv` in a process group of its own, pumping its stdout
        and stderr into the event queue from two threads."""
        self.log_write("$ " + shlex.join(argv))
        self.gen += 1
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE,
                                     start_new_session=True)
        self.open_streams = 2
        self.status = None
        for kind, stream in (("out", self.proc.stdout),
                             ("err", self.proc.stderr)):
            threading.Thread(target=self.pump, args=(self.gen, kind, stream),
                             daemon=True).start()

    def pump(self, gen, kind, stream):
        """Queue each line as it ends and, from stdout, the unfinished last
        line each time it grows (kind "part"): a prompt waits there without
        a line end."""
        unfinished = b""
        while chunk := stream.read1(4096):
            *lines, unfinished = (unfinished + chunk).split(b"\n")
            for raw in lines:
                self.events.put((gen, kind, decode(raw + b"\n")))
            if unfinished and kind == "out":
                self.events.put((gen, "part", decode(unfinished)))
        if unfinished:
            self.events.put((gen, kind, decode(unfinished)))
        self.events.put((gen, kind, None))

    def write(self, text):
        """Send console input; a program that has gone cannot take it."""
        self.log_write("[runner] >> " + text.rstrip("\n").encode(
            "unicode_escape").decode("ascii"))
        vrm_qemu.console_input(self.proc, text)

    def next_event(self):
        """The next output line, or None once a deadline has passed or the
        run was interrupted. Wakes often enough to notice Ctrl-C, and prints
        a result held for its "#" lines once the output pauses."""
        while True:
            limit = self.deadline
            if self.grace_deadline is not None:
                limit = min(limit, self.grace_deadline)
            left = limit - time.monotonic()
            if left <= 0 or STOP.is_set():
                return None
            try:
                return self.events.get(timeout=min(left, 0.25))
            except queue.Empty:
                self.on_idle()

    def run_until_exit(self):
        """Handle output until the program exits or is killed."""
        while self.proc is not None:
            event = self.next_event()
            if event is None:
                self.kill(self.why_stopped())
                break
            gen, kind, text = event
            if kind == "part":
                if gen == self.gen:
                    self.on_partial(text)
            elif gen != self.gen:
                self.log_write(f"[old {kind}] {text or ''}".rstrip())
            elif text is None:
                self.open_streams -= 1
                if self.open_streams == 0:
                    self.reap()
            elif kind == "out":
                self.log_write(text.rstrip("\r\n"))
                self.on_output(text)
            else:
                self.log_write("[stderr] " + text.rstrip("\r\n"))
                self.on_stderr(text)
        self.drain_log()

    def why_stopped(self):
        if STOP.is_set():
            return "the run was interrupted"
        if self.grace_deadline is not None and \
                time.monotonic() >= self.grace_deadline:
            return self.grace_why
        return f"timeout: still running after {self.timeout:g} s"

    def start_grace(self, seconds, why):
        """The program should end by itself within `seconds`; if it does
        not, it is killed with `why`. The first call counts."""
        if self.grace_deadline is None:
            self.grace_deadline = time.monotonic() + seconds
            self.grace_why = why

    def on_output(self, text):
        self.tap.line(console_line(text))

    def on_partial(self, text):
        """The unfinished last line of the output so far."""

    def on_stderr(self, text):
        pass

    def on_idle(self):
        """No output for a moment: print a result held for its "#" lines."""
        self.tap.flush()

    def reap(self):
        """Both pipes closed: collect the exit status (within the deadline)."""
        try:
            self.status = self.proc.wait(
                timeout=max(self.deadline - time.monotonic(), 0.1))
            self.proc = None
        except subprocess.TimeoutExpired:
            self.kill(f"timeout: still running after {self.timeout:g} s")

    def kill(self, why):
        """End this session's program (its process group) and nothing else."""
        if self.proc is None:
            return
        self.killed = why
        self.log_write(f"[runner] killing pid {self.proc.pid}: {why}")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.status = self.proc.wait(timeout=KILL_GRACE)
                break
            except subprocess.TimeoutExpired:
                continue
        self.proc = None

    def drain_log(self):
        """Log what the pump threads queued after the end (briefly)."""
        time.sleep(0.05)
        while True:
            try:
                _gen, kind, text = self.events.get_nowait()
            except queue.Empty:
                return
            if text is not None:
                self.log_write(f"[{kind}] " + text.rstrip("\r\n"))

    def recent_stderr(self, n=5):
        with open(self.log_path, encoding="ascii",
                  errors="replace") as f:
            lines = [l.rstrip("\n") for l in f if l.startswith("[stderr] ")]
        return ["# " + l[len("[stderr] "):] for l in lines[-n:]]

    def finish(self):
        """Close the log; keep it when something failed (or when asked)."""
        self.log.close()
        if self.failures or self.ctx.keep_logs:
            self.ctx.reporter.kept_logs.append(self.log_path)
        else:
            os.remove(self.log_path)

    def cleanup(self):
        self.kill("the runner stopped")
