# SPDX-License-Identifier: MIT
# TAP lines for the host self-tests written in Python (test/*_selftest.py).
"""One `ok N - name` or `not ok N - name` line a check, and for a failure
the last lines of what explains it as `#` lines, as test/run reads them."""

DETAIL_LINES = 20


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=""):
        """Print the check's line; when COND is false, DETAIL's last lines."""
        self.n += 1
        print(f"{'ok' if cond else 'not ok'} {self.n} - {name}", flush=True)
        if not cond:
            self.failed += 1
            for line in detail.splitlines()[-DETAIL_LINES:]:
                print(f"# {line}")
