# SPDX-License-Identifier: MIT
# test/run's command line: pick the suites, run them on a pool of workers,
# print the kept logs and the summary line last.
"""The runner's main()."""

import argparse
import concurrent.futures
import os
import shlex
import sys
import traceback

import dlpar_ops
import vrm_qemu

from . import REPO
from .hosttest import HostTest
from .manifest import ManifestError, parse_manifest
from .qemu import QemuSuite
from .report import Reporter
from .session import STOP, Context

HOST_TIMEOUT = 120.0    # seconds per host test binary
PANIC_GRACE = 5.0       # seconds QEMU may take to exit after a panic line


def run_session(make):
    session = make()
    try:
        session.run()
    except Exception:       # a runner bug: report it, keep the other suites
        session.log_write(traceback.format_exc())
        session.fail("runner error", ["# " + l for l in
                     traceback.format_exc().splitlines()[-3:]])
    finally:
        session.cleanup()
        session.finish()


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run vrm's test suites.")
    p.add_argument("--build", default="build")
    p.add_argument("--kernel", default=None,
                   help="kernel ELF (default: BUILD/vrm.elf)")
    p.add_argument("--suite", action="append", default=[],
                   help="run only this suite or host test (repeatable, "
                        "or comma-separated)")
    p.add_argument("--host-tests", action="append", default=[],
                   help="space-separated host test binaries")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                   help="suites run at once (default: one per core)")
    p.add_argument("--keep-logs", action="store_true",
                   help="keep every suite's console log, not only failing ones")
    p.add_argument("--manifest", default=os.path.join(REPO, "test", "suites"))
    p.add_argument("--qemu", default=os.environ.get("QEMU",
                                                    vrm_qemu.QEMU_BINARY),
                   help="QEMU program, possibly with arguments "
                        "(default: $QEMU or qemu-system-ppc64)")
    p.add_argument("--host-timeout", type=float, default=HOST_TIMEOUT)
    p.add_argument("--panic-grace", type=float, default=PANIC_GRACE)
    p.add_argument("--unplug-timeout", type=float,
                   default=dlpar_ops.UNPLUG_TIMEOUT,
                   help="seconds the guest may take to release a CPU core "
                        "or a DIMM (cpu-remove, mem-remove)")
    a = p.parse_args(argv)
    a.kernel = a.kernel or os.path.join(a.build, "vrm.elf")
    a.host_tests = [t for group in a.host_tests for t in group.split()]
    a.suite = [n for group in a.suite for n in group.split(",") if n]
    return a


def select(a, suites):
    """The suites and host tests named by --suite (all when none is)."""
    hosts = {os.path.basename(t): t for t in a.host_tests}
    if not a.suite:
        return list(hosts.values()), list(suites.values())
    unknown = [n for n in a.suite if n not in suites and n not in hosts]
    if unknown:
        raise ManifestError(f"no suite named {', '.join(unknown)}; known: "
                            f"{' '.join(list(suites) + list(hosts))}")
    return ([hosts[n] for n in a.suite if n in hosts],
            [suites[n] for n in a.suite if n in suites])


def main(argv):
    a = parse_args(argv)
    try:
        host_tests, suites = select(a, parse_manifest(a.manifest))
    except (OSError, ManifestError) as e:
        print(f"test/run: {e}", file=sys.stderr)
        return 2
    if suites and not os.path.exists(a.kernel):
        print(f"test/run: kernel {a.kernel} not found", file=sys.stderr)
        return 2
    reporter = Reporter()
    ctx = Context(kernel=a.kernel, logdir=os.path.join(a.build, "test-logs"),
                  qemu=shlex.split(a.qemu), host_timeout=a.host_timeout,
                  panic_grace=a.panic_grace, reporter=reporter,
                  keep_logs=a.keep_logs,
                  initramfs=os.path.join(a.build, "initramfs.cpio"),
                  unplug_timeout=a.unplug_timeout)
    os.makedirs(ctx.logdir, exist_ok=True)
    sessions = [lambda t=t: HostTest(t, ctx) for t in host_tests]
    sessions += [lambda s=s: QemuSuite(s, ctx) for s in suites]
    # Each session is created in its worker so its deadline starts with it.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(a.jobs, 1))
    futures = [pool.submit(run_session, make) for make in sessions]
    try:
        for f in futures:
            f.result()
    except KeyboardInterrupt:
        STOP.set()
        pool.shutdown(wait=True, cancel_futures=True)
        print("# interrupted")
        print(reporter.summary(), flush=True)
        return 130
    pool.shutdown()
    for path in sorted(reporter.kept_logs):
        print(f"# log: {path}")
    print(reporter.summary(), flush=True)
    return 0 if reporter.failed == 0 and reporter.passed > 0 else 1
