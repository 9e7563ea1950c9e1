# SPDX-License-Identifier: MIT
# The benchmark table: samples reduced to median and best, the vrm/Linux
# ratio, the plain-text table on the terminal and build/bench.json.
"""Benchmark results and their presentation."""

import fractions
import json
import math
import statistics


class Unavailable(Exception):
    """A side cannot run at all: `why` is shown in each of its cells, as
    "n/a" (not there yet) or as a failure (something is broken)."""

    def __init__(self, why, state="failed"):
        super().__init__(why)
        self.why = why
        self.state = state


class Cell:
    """One side of one row: its samples, or why it has none.

    state is "ok", "failed" or "n/a"; `why` says what failed or why the
    side is not available."""

    def __init__(self, state, samples=(), why=""):
        self.state = state
        self.samples = list(samples)
        self.why = why

    def best(self, better):
        return (max if better == "higher" else min)(self.samples)

    def median(self):
        return statistics.median(self.samples)

    def to_json(self):
        if self.state == "n/a":
            return None
        out = {"samples": self.samples}
        if self.samples:
            out.update(median=self.median(), min=min(self.samples),
                       max=max(self.samples))
        if self.state == "failed":
            out["failed"] = self.why
        return out


def ratio(row, vrm, linux):
    """vrm / Linux of the best samples (the min for times, the max for
    rates), or None when either side has no figure."""
    if vrm.state != "ok" or linux.state != "ok":
        return None
    b = linux.best(row.better)
    return vrm.best(row.better) / b if b else None


def number(x):
    """About three significant digits, never in exponent form."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    digits = max(0, 2 - int(math.floor(math.log10(abs(x)))))
    return f"{x:.{digits}f}"


def show(cell, row):
    if cell.state == "n/a":
        return f"n/a ({cell.why})"
    if cell.state == "failed":
        got = f"{len(cell.samples)} samples" if cell.samples else "no sample"
        return f"FAILED ({got}): {cell.why}"
    return f"{number(cell.median())} ({number(cell.best(row.better))})"


def target_text(row):
    if row.target is None:
        return ""
    op = "<=" if row.better == "lower" else ">="
    return f"{op} {fractions.Fraction(row.target).limit_denominator(1000)}"


def table(rows, cells, samples):
    """The plain-text table: one line per row, cells "median (best)"."""
    head = ["metric", "unit", "vrm", "Linux", "vrm/Linux", "target"]
    lines = []
    for row in rows:
        vrm, linux = cells[row.metric]["vrm"], cells[row.metric]["linux"]
        r = ratio(row, vrm, linux)
        lines.append([row.title, row.unit, show(vrm, row), show(linux, row),
                      "-" if r is None else number(r), target_text(row)])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    # A failure reason may be long: it ends its line rather than widening
    # every other one.
    widths = [min(w, 44) for w in widths]
    out = [f"figures: median (best) of {samples} samples; best is the "
           "minimum for times, the maximum for rates and percentages; "
           "the ratio compares the best."]
    for line in [head] + lines:
        out.append("  ".join(str(c).ljust(w)
                             for c, w in zip(line, widths)).rstrip())
    return "\n".join(out)


def to_json(rows, cells):
    out = []
    for row in rows:
        vrm, linux = cells[row.metric]["vrm"], cells[row.metric]["linux"]
        out.append({"metric": row.metric, "unit": row.unit,
                    "vrm": vrm.to_json(),
                    "linux": linux.to_json(),
                    "ratio": ratio(row, vrm, linux),
                    "title": row.title, "better": row.better,
                    "target": row.target})
    return out


def write_json(path, rows, cells):
    with open(path, "w", encoding="ascii") as f:
        json.dump(to_json(rows, cells), f, indent=1)
        f.write("\n")
