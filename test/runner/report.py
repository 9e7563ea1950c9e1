# SPDX-License-Identifier: MIT
# The runner's own output: one line per result, counted for the summary.
"""Printing and counting results, whole and one suite's lines at a time."""

import threading


def printable(text):
    """Console text made plain ASCII for the runner's own output."""
    return "".join(c if " " <= c <= "~" else "?" for c in text.expandtabs(1))


class Reporter:
    """Counts results and prints them whole, one suite's lines at a time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.passed = self.failed = self.skipped = 0
        self.kept_logs = []

    def result(self, suite, status, desc, diags=()):
        lines = [f"{status:<8}{suite}: {printable(desc)}"]
        lines += ["        " + printable(d) for d in diags]
        with self.lock:
            if status == "ok":
                self.passed += 1
            elif status == "skip":
                self.skipped += 1
            else:
                self.failed += 1
            print("\n".join(lines), flush=True)
        return lines

    def note(self, suite, text):
        line = f"# {suite}: {printable(text)}"
        with self.lock:
            print(line, flush=True)
        return line

    def summary(self):
        text = f"{self.passed} passed, {self.failed} failed"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text
