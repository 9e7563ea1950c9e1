# SPDX-License-Identifier: MIT
# One benchmark boot: starts QEMU, reads the console with host timestamps,
# collects @@bench figures, serves @@host requests over QMP, and ends the
# QEMU it started.
"""A benchmark run: one QEMU boot of one side.

Console protocol (guest -> harness, one line each):
    @@init <timebase>            the first thing init prints
    @@bench <metric> <value> <unit>
    @@bench-fail <metric-or-program> <reason>
    @@host <verb> [args]         the harness acts, then answers on the
                                 console input: @@done <verb> <status>
    @@end                        every program has run; QEMU should stop
Verbs: cpu-add (the next free core of query-hotpluggable-cpus), mem-add
<MiB> (a memory-backend-ram and a pc-dimm). The harness adds the figure
"boot-wall": milliseconds from starting QEMU to reading the @@init line.
"""

import dataclasses
import os
import queue
import re
import signal
import subprocess
import threading
import time

import qmp
import vrm_qemu

BENCH = re.compile(r"@@bench (\S+) (\S+) (\S+)")
FAIL = re.compile(r"@@bench-fail (\S+) ?(.*)")
HOST = re.compile(r"@@host (\S+) ?(.*)")
END_GRACE = 30.0        # seconds for QEMU to power off after @@end
KILL_GRACE = 2.0


@dataclasses.dataclass
class Result:
    figures: dict           # metric -> (value, unit)
    failures: dict          # metric or program -> reason
    error: str | None       # why the run as a whole went wrong
    seconds: float


class Run:
    def __init__(self, argv, log_path, qmp_path, timeout, init_timeout):
        self.argv = argv
        self.log_path = log_path
        self.qmp_path = qmp_path
        self.timeout = timeout              # for the whole run
        self.init_timeout = init_timeout    # for the @@init line
        self.proc = None
        self.qmp_link = qmp.LazyQMP(qmp_path)
        self.lines = queue.Queue()
        self.figures = {}
        self.failures = {}
        self.ended = False
        self.added = 0          # devices and objects added, for unique ids
        self.free_cores = None  # hot-pluggable CPU slots not yet used
        self.backends = {}      # MiB -> memory backends not yet plugged

    def execute(self):
        """Boot, read until QEMU exits or the time is up; never raises for
        what the guest or QEMU do."""
        if os.path.exists(self.qmp_path):
            os.remove(self.qmp_path)
        with open(self.log_path, "w", encoding="ascii",
                  errors="backslashreplace") as self.log:
            self.log.write("$ " + " ".join(self.argv) + "\n")
            self.log.flush()
            start = time.monotonic()
            try:
                error = self._run(start)
            finally:
                self._stop()
            seconds = time.monotonic() - start
            if error:
                self.log.write(f"[bench] {error}\n")
        return Result(self.figures, self.failures, error, seconds)

    def _run(self, start):
        try:
            self.proc = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=self.log, start_new_session=True)
        except OSError as e:
            return f"cannot start QEMU: {e}"
        threading.Thread(target=self._pump, daemon=True).start()
        deadline = start + self.timeout
        while True:
            limit = deadline
            if "boot-wall" not in self.figures:
                limit = min(limit, start + self.init_timeout)
            if self.ended:
                limit = min(limit, self.ended + END_GRACE)
            try:
                when, line = self.lines.get(
                    timeout=max(limit - time.monotonic(), 0))
            except queue.Empty:
                if self.ended:
                    return "QEMU did not power off after @@end"
                if "boot-wall" not in self.figures:
                    return f"no @@init line within {self.init_timeout:g} s"
                return f"timeout: still running after {self.timeout:g} s"
            if line is None:
                status = self.proc.wait()
                if not self.ended:
                    return (f"QEMU exited with status {status} before "
                            "every program had run")
                if status != 0:
                    return f"QEMU exited with status {status}"
                return None
            self.log.write(f"{when - start:8.3f} {line}\n")
            self.log.flush()
            self._line(when - start, line)

    def _pump(self):
        try:
            for raw in iter(self.proc.stdout.readline, b""):
                text = raw.decode("utf-8", "replace").rstrip("\r\n")
                self.lines.put((time.monotonic(), text))
        except (OSError, ValueError):
            pass        # _stop closed the pipe of a QEMU it killed
        self.lines.put((time.monotonic(), None))

    def _line(self, since_start, line):
        if "@@init" in line and "boot-wall" not in self.figures:
            self.figures["boot-wall"] = (since_start * 1000.0, "ms")
        elif m := FAIL.search(line):
            self.failures[m.group(1)] = m.group(2) or "failed"
        elif m := BENCH.search(line):
            try:
                self.figures[m.group(1)] = (float(m.group(2)), m.group(3))
            except ValueError:
                self.failures[m.group(1)] = f"unreadable value {m.group(2)}"
        elif m := HOST.search(line):
            self._serve(m.group(1), m.group(2).split())
        elif "@@end" in line:
            self.ended = time.monotonic()

    def _serve(self, verb, args):
        t0 = time.monotonic()
        try:
            status = VERBS[verb](self, args) if verb in VERBS else 2
        except (qmp.QMPError, OSError, ValueError, TimeoutError,
                ConnectionError) as e:
            self.log.write(f"[bench] @@host {verb}: {e}\n")
            status = 1
        self.log.write(f"[bench] @@host {verb}: status {status} after "
                       f"{(time.monotonic() - t0) * 1000:.2f} ms\n")
        self._answer(f"@@done {verb} {status}\n")

    def _answer(self, text):
        vrm_qemu.console_input(self.proc, text)

    def qmp(self):
        return self.qmp_link.get()

    def _stop(self):
        """End the QEMU this run started (its process group) and only it."""
        self.qmp_link.close()
        if self.proc is not None and self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=KILL_GRACE)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self.proc is not None:
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        if os.path.exists(self.qmp_path):
            os.remove(self.qmp_path)


def cpu_add(run, args):
    """device_add the next free core. The free cores and their type (a
    power9_v2.0-spapr-cpu-core) are read once, at the first request, so
    that a later request costs one QMP command."""
    q = run.qmp()
    if run.free_cores is None:
        run.free_cores = [slot for slot in q.execute("query-hotpluggable-cpus")
                          if "qom-path" not in slot]
        run.free_cores.sort(key=lambda slot: slot["props"].get("core-id", 0))
    if not run.free_cores:
        raise ValueError("no free CPU slot (is maxcpus set?)")
    slot = run.free_cores.pop(0)
    run.added += 1
    q.execute("device_add", driver=slot["type"], id=f"benchcpu{run.added}",
              **slot["props"])
    return 0


def mem_add(run, args):
    """device_add a pc-dimm of <MiB>. Its memory-backend-ram is made ahead:
    a request that finds none ready makes two, so that the next request of
    the same size costs one QMP command."""
    mib = int(args[0]) if args else 256
    q = run.qmp()
    ready = run.backends.setdefault(mib, [])
    if not ready:
        for _ in range(2):
            run.added += 1
            mem = f"benchmem{run.added}"
            q.execute("object-add", **{"qom-type": "memory-backend-ram",
                                       "id": mem, "size": mib << 20})
            ready.append(mem)
    mem = ready.pop(0)
    q.execute("device_add", driver="pc-dimm", id=f"{mem}-dimm", memdev=mem)
    return 0


VERBS = {"cpu-add": cpu_add, "mem-add": mem_add}
