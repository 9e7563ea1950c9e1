#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# `make bench`: boots vrm and Debian's Linux in the same QEMU machines, runs
# one program per benchmark on each, and prints the table of figures and
# their ratios (also written to build/bench.json).
"""vrm against Linux, as ratios.

    python3 tools/bench.py [--build build] [--samples 5] [--side linux|vrm]
                           [--only metric,metric] [--json build/bench.json]

To add a benchmark: one row in ROWS, plus bench/linux/<program>.c and the
vrm program of the same figure. See docs/performance.md.
"""

import argparse
import dataclasses
import datetime
import os
import shlex
import sys
import time

import bench_disk
import bench_linux
import bench_report
import bench_session
import bench_vrm
import vrm_qemu
from bench_report import Cell


@dataclasses.dataclass
class Row:
    metric: str             # unique name, the JSON "metric"
    title: str
    unit: str
    kind: str               # the run kind that yields it (KINDS)
    linux: tuple            # programs in /bench/ on each side
    vrm: tuple
    key: str = ""           # the figure's name in the run, if not metric
    better: str = "lower"   # or "higher"
    target: float | None = None     # the vrm/Linux ratio vrm aims for

    def figure(self):
        return self.key or self.metric


# Run kinds: how the machine is shaped. Boot figures come from plain
# machines (-m 1G -smp 1); everything else from one VOF machine with room
# for hot-added CPUs and memory and the benchmark disk. Each hot-add
# program adds twice and times the second (bench/linux/hotplug.h), hence
# maxcpus=3 and two 256 MiB DIMMs in four slots.
KINDS = {
    "slof-boot": dict(firmware="slof", timeout=120, init_timeout=90),
    "vof-boot": dict(firmware="vof", timeout=60, init_timeout=45),
    "vof": dict(firmware="vof", timeout=300, init_timeout=45, maxcpus=3,
                maxmem="4G", disk=True),
}

INIT = ("init",)
DISK = ("disk",)

# Run order within a boot is table order: hot-add comes last (the machine
# then has two CPUs), memory before the CPU.
ROWS = [
    Row("boot-slof-wall", "boot to /init, SLOF: QEMU start to 1st line",
        "ms", "slof-boot", INIT, INIT, key="boot-wall"),
    Row("boot-slof-guest", "boot to /init, SLOF: guest timebase",
        "ms", "slof-boot", INIT, INIT, key="boot-guest"),
    Row("boot-vof-wall", "boot to /init, VOF: QEMU start to 1st line",
        "ms", "vof-boot", INIT, INIT, key="boot-wall"),
    Row("boot-vof-guest", "boot to /init, VOF: guest timebase",
        "ms", "vof-boot", INIT, INIT, key="boot-guest", target=1 / 50),
    Row("syscall", "null syscall (getppid)", "us", "vof",
        ("syscall",), ("syscall",), target=1 / 4),
    Row("ctxsw", "context switch (sched_yield, 2 tasks, CPU 0)", "us",
        "vof", ("ctxsw",), ("ctxsw",)),
    Row("signal", "signal round trip (kill self)", "us", "vof",
        ("signal",), ("signal",), target=1 / 4),
    Row("ipc", "IPC round trip (Linux: pipe ping-pong)", "us", "vof",
        ("pipe",), ("ipc",), target=1 / 4),
    Row("fault", "zero-fill page fault, per fault", "us", "vof",
        ("fault",), ("fault",), target=1 / 4),
    Row("fault-kib", "zero-fill page fault, per KiB", "us", "vof",
        ("fault",), ("fault",)),
    Row("fork", "fork + exit + wait", "us", "vof",
        ("fork",), ("fork",), target=1 / 4),
    Row("mmap", "mmap + touch + munmap 1 MiB (vrm: vms_*)", "us", "vof",
        ("mmap",), ("vms",)),
    Row("disk-write", "disk write, O_DIRECT 1 MiB blocks", "MB/s", "vof",
        DISK, DISK, better="higher"),
    Row("disk-write-pct", "disk write, % of raw device", "%", "vof",
        DISK, DISK, better="higher"),
    Row("disk-read", "disk read, O_DIRECT 1 MiB blocks", "MB/s", "vof",
        DISK, DISK, better="higher"),
    Row("disk-read-pct", "disk read, % of raw device", "%", "vof",
        DISK, DISK, better="higher"),
    Row("raw-write", "raw device write (host, same file)", "MB/s", "vof",
        DISK, DISK, better="higher"),
    Row("raw-read", "raw device read (host, same file)", "MB/s", "vof",
        DISK, DISK, better="higher"),
    Row("mem-add", "memory hot-add 256 MiB (vrm: to post)", "ms", "vof",
        ("memadd",), ("memadd",), target=1 / 2),
    Row("cpu-add", "CPU hot-add (vrm: to post phase)", "ms", "vof",
        ("cpuadd",), ("cpuadd",), target=1 / 2),
]


def programs_of(rows, side):
    """Programs to run, in table order, each once; init runs them."""
    out = []
    for row in rows:
        for p in getattr(row, side):
            if p not in out and p not in INIT:
                out.append(p)
    return out


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = args.build
        self.logdir = os.path.join(self.build, "bench", "logs")
        self.disk = os.path.join(self.build, "bench", "disk.raw")
        self.direct = True
        self.qemu = shlex.split(args.qemu)

    def side_cells(self, side, rows):
        """Run every kind this side needs, `samples` times; the cells of
        each row."""
        cells = {}
        try:
            side.prepare(sorted({p for r in rows
                                 for p in getattr(r, side.name)}))
        except bench_report.Unavailable as e:
            return {r.metric: Cell(e.state, why=e.why) for r in rows}
        todo = [r for r in rows if side.has(getattr(r, side.name))]
        for r in rows:
            if r not in todo:
                cells[r.metric] = Cell("n/a", why=bench_vrm.NOT_YET)
        got = {r.metric: [] for r in todo}
        why = {r.metric: [] for r in todo}
        kinds = [k for k in KINDS if any(r.kind == k for r in todo)]
        broken = {}     # kind -> why its first boot yielded nothing
        for i in range(self.args.samples):
            for kind in kinds:
                kind_rows = [r for r in todo if r.kind == kind]
                if kind in broken:
                    figures, failures = {}, {"*": broken[kind]}
                else:
                    figures, failures = self.run(side, kind, kind_rows, i)
                # A boot that printed nothing will not do better the next
                # time: the other samples are not waited for.
                if not figures and "*" in failures:
                    broken[kind] = failures["*"]
                for r in kind_rows:
                    value, reason = pick(side.name, r, figures, failures)
                    if value is not None:
                        got[r.metric].append(value)
                    else:
                        why[r.metric].append(reason)
        for r in todo:
            if why[r.metric]:
                cells[r.metric] = Cell("failed", got[r.metric],
                                       why[r.metric][0])
            else:
                cells[r.metric] = Cell("ok", got[r.metric])
        return cells

    def run(self, side, kind, rows, i):
        """One boot: (figures, failures) as bench_session reads them, plus
        the host's raw disk figures when the disk program runs."""
        spec = KINDS[kind]
        programs = programs_of(rows, side.name)
        m = side.machine(programs, self.qemu)
        m.firmware = spec["firmware"]
        m.maxcpus = spec.get("maxcpus")
        m.maxmem = spec.get("maxmem")
        name = f"{side.name}-{kind}-{i + 1}"
        m.qmp = os.path.join(self.logdir, name + ".qmp")
        host, host_failed = {}, {}
        if spec.get("disk"):
            m.extra += bench_disk.qemu_args(self.disk, self.direct)
            if "disk" in programs:
                try:
                    w, r = bench_disk.raw_speed(self.disk, self.direct)
                    host = {"raw-write": (w, "MB/s"),
                            "raw-read": (r, "MB/s")}
                except OSError as e:
                    host_failed = {"raw-write": str(e), "raw-read": str(e)}
        run = bench_session.Run(vrm_qemu.command(m),
                                os.path.join(self.logdir, name + ".log"),
                                m.qmp, spec["timeout"],
                                spec["init_timeout"])
        result = run.execute()
        figures = dict(result.figures, **host)
        for op in ("read", "write"):
            guest, raw = figures.get(f"disk-{op}"), figures.get(f"raw-{op}")
            if guest and raw:
                figures[f"disk-{op}-pct"] = (100.0 * guest[0] / raw[0], "%")
        failures = dict(result.failures, **host_failed)
        if result.error:
            failures["*"] = result.error
        say(f"{name}: {result.seconds:.1f} s"
            + (f", {result.error}" if result.error else "")
            + (f", failed: {', '.join(sorted(result.failures))}"
               if result.failures else ""))
        return figures, failures

    def prepare_disk(self):
        bench_disk.create(self.disk)
        self.direct = bench_disk.direct_supported(self.disk)
        if not self.direct:
            say("the file system of build/ takes no O_DIRECT: disk figures "
                "go through the host's page cache")


def pick(side, row, figures, failures):
    """(value, None) or (None, why) for one row from one run."""
    key = row.figure()
    if key in figures:
        value, unit = figures[key]
        if unit != row.unit:
            return None, f"unit {unit}, expected {row.unit}"
        return value, None
    for name in (key,) + tuple(getattr(row, side)):
        if name in failures:
            return None, failures[name]
    return None, failures.get("*", "no figure printed")


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default="build")
    p.add_argument("--samples", type=int, default=5)
    p.add_argument("--side", choices=["linux", "vrm"], action="append",
                   help="run one side only (default: both)")
    p.add_argument("--only", default="",
                   help="comma list of metrics (default: every row)")
    p.add_argument("--json", help="default: <build>/bench.json")
    p.add_argument("--qemu", default=os.environ.get(
        "QEMU", vrm_qemu.QEMU_BINARY))
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    rows = ROWS
    if args.only:
        wanted = args.only.split(",")
        rows = [r for r in ROWS if r.metric in wanted]
        unknown = set(wanted) - {r.metric for r in rows}
        if unknown:
            say(f"no such metric: {', '.join(sorted(unknown))}")
            return 2
    sides = args.side or ["vrm", "linux"]
    b = Bench(args)
    os.makedirs(b.logdir, exist_ok=True)
    b.prepare_disk()
    started, load = time.monotonic(), os.getloadavg()[0]
    cells = {r.metric: {} for r in rows}
    linux = bench_linux.Side(args.build)
    for side in (bench_vrm.Side(args.build), linux):
        if side.name in sides:
            got = b.side_cells(side, rows)
        else:
            got = {r.metric: Cell("n/a", why="not run") for r in rows}
        for metric, cell in got.items():
            cells[metric][side.name] = cell
    path = args.json or os.path.join(args.build, "bench.json")
    bench_report.write_json(path, rows, cells)
    print(f"{datetime.date.today()}: Linux {linux.describe()}, QEMU "
          f"pseries -m 1G -smp 1, TCG on {os.cpu_count()} host CPUs, load "
          f"{load:.2f} at the start and {os.getloadavg()[0]:.2f} at the end; "
          f"{time.monotonic() - started:.0f} s")
    print(bench_report.table(rows, cells, args.samples))
    print(f"(also in {path}; logs in {b.logdir})")
    failed = any(c.state == "failed" for side in cells.values()
                 for c in side.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
