#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Tests the benchmark harness (tools/bench*.py, tools/newc.py) without
# QEMU: a fake machine plays the guest's side of the console protocol.
"""Self-test of the benchmark harness: python3 test/bench_selftest.py

Prints TAP, one line per test method, like the host unit tests that
make test runs it with."""

import os
import sys
import tempfile
import textwrap
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools"))

import bench            # noqa: E402
import bench_report     # noqa: E402
import bench_session    # noqa: E402
import bench_vrm        # noqa: E402
import newc             # noqa: E402

# A guest that speaks the protocol: the answer to an unknown verb is 2.
FAKE_GUEST = textwrap.dedent("""\
    import sys
    print("firmware noise")
    print("@@init 12345")
    print("@@bench boot-guest 1.5 ms")
    print("[ 0.1] kernel: @@bench syscall 0.75 us")
    print("@@bench-fail fork exit status 1")
    print("@@host no-such-verb x", flush=True)
    answer = sys.stdin.readline().strip()
    print("# got " + answer)
    print("@@bench answer " + answer.split()[-1] + " status")
    print("@@end", flush=True)
    """)


class NewcTest(unittest.TestCase):
    def test_round_trip(self):
        entries = [newc.Entry("bench", 0o040755),
                   newc.Entry("bench/init", 0o100755, b"\x7fELF..."),
                   newc.Entry("dev/console", 0o020600, rdev=(5, 1))]
        got = list(newc.members(newc.pack(entries)))
        self.assertEqual([n for n, _m, _d in got],
                         ["bench", "bench/init", "dev/console"])
        self.assertEqual(got[1][2], b"\x7fELF...")
        self.assertEqual(len(newc.pack(entries)) % 4, 0)


class SessionTest(unittest.TestCase):
    def test_fake_guest(self):
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "guest.py")
            with open(script, "w") as f:
                f.write(FAKE_GUEST)
            run = bench_session.Run([sys.executable, script],
                                    os.path.join(tmp, "log"),
                                    os.path.join(tmp, "qmp"), 30, 10)
            result = run.execute()
        self.assertIsNone(result.error)
        self.assertEqual(result.figures["boot-guest"], (1.5, "ms"))
        self.assertEqual(result.figures["syscall"], (0.75, "us"))
        self.assertEqual(result.figures["answer"], (2.0, "status"))
        self.assertIn("boot-wall", result.figures)
        self.assertEqual(result.failures, {"fork": "exit status 1"})

    def test_no_init_fails_fast(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = bench_session.Run(
                [sys.executable, "-c", "import time; time.sleep(30)"],
                os.path.join(tmp, "log"), os.path.join(tmp, "qmp"), 30, 0.5)
            result = run.execute()
        self.assertIn("no @@init", result.error)
        self.assertLess(result.seconds, 10)


class TableTest(unittest.TestCase):
    def rows(self):
        return [r for r in bench.ROWS if r.metric in
                ("syscall", "disk-read", "fork")]

    def test_cells_and_ratio(self):
        rows = self.rows()
        cells = {
            "syscall": {"vrm": bench_report.Cell("ok", [0.3, 0.2, 0.4]),
                        "linux": bench_report.Cell("ok", [1.0, 0.8, 1.2])},
            "disk-read": {"vrm": bench_report.Cell("ok", [100, 300]),
                          "linux": bench_report.Cell("ok", [500, 600])},
            "fork": {"vrm": bench_report.Cell("n/a", why=bench_vrm.NOT_YET),
                     "linux": bench_report.Cell("failed", [5.0], "boom")},
        }
        data = {d["metric"]: d for d in bench_report.to_json(rows, cells)}
        self.assertAlmostEqual(data["syscall"]["ratio"], 0.25)    # min/min
        self.assertAlmostEqual(data["disk-read"]["ratio"], 0.5)   # max/max
        self.assertIsNone(data["fork"]["ratio"])
        self.assertIsNone(data["fork"]["vrm"])
        self.assertEqual(data["fork"]["linux"]["failed"], "boom")
        self.assertEqual(data["syscall"]["linux"]["median"], 1.0)
        text = bench_report.table(rows, cells, 3)
        self.assertIn("n/a (not yet available)", text)
        self.assertIn("FAILED (1 samples): boom", text)
        self.assertIn("1.00 (0.800)", text)

    def test_pick(self):
        row = next(r for r in bench.ROWS if r.metric == "ipc")
        self.assertEqual(bench.pick("linux", row, {"ipc": (5.0, "us")}, {}),
                         (5.0, None))
        self.assertEqual(bench.pick("linux", row, {"ipc": (5.0, "ms")},
                                    {})[1], "unit ms, expected us")
        self.assertEqual(bench.pick("linux", row, {}, {"pipe": "crashed"}),
                         (None, "crashed"))
        self.assertEqual(bench.pick("vrm", row, {}, {"*": "timeout"}),
                         (None, "timeout"))
        boot = next(r for r in bench.ROWS if r.metric == "boot-vof-guest")
        self.assertEqual(bench.pick("vrm", boot, {"boot-guest": (9.0, "ms")},
                                    {}), (9.0, None))

    def test_every_row_is_sound(self):
        metrics = [r.metric for r in bench.ROWS]
        self.assertEqual(len(metrics), len(set(metrics)))
        for r in bench.ROWS:
            self.assertIn(r.kind, bench.KINDS)
            self.assertIn(r.better, ("lower", "higher"))
            self.assertTrue(r.linux and r.vrm, r.metric)
            for p in r.linux:
                self.assertTrue(os.path.exists(os.path.join(
                    TOP, "bench", "linux", p + ".c")), p)


class VrmSideTest(unittest.TestCase):
    def test_not_yet_available(self):
        with tempfile.TemporaryDirectory() as tmp:
            side = bench_vrm.Side(tmp)
            with self.assertRaises(Exception) as e:
                side.prepare(["syscall"])
            self.assertEqual(str(e.exception), bench_vrm.NOT_YET)
            open(side.kernel, "wb").close()
            newc.write(side.initrd, [newc.Entry("bench", 0o040755),
                                     newc.Entry("bench/init", 0o100755),
                                     newc.Entry("bench/syscall", 0o100755)])
            side.prepare(["syscall", "fork"])
            self.assertTrue(side.has(["syscall"]))
            self.assertFalse(side.has(["fork"]))


class TapResult(unittest.TestResult):
    """Each test's outcome as a TAP line, with the failure's trace as # lines."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def _line(self, test, ok, trace=""):
        self.count += 1
        print(f"{'ok' if ok else 'not ok'} {self.count} - {test.id()}")
        for line in trace.splitlines():
            print(f"# {line}")

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(test, False, self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._line(test, False, self._exc_info_to_string(err, test))


def main():
    tests = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = TapResult()
    planned = tests.countTestCases()
    print(f"1..{planned}", flush=True)
    tests.run(result)
    return 0 if result.wasSuccessful() and result.count == planned > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
