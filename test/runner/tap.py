# SPDX-License-Identifier: MIT
# Console lines and TAP: each block's results reported as they come, then
# counted against the block's plan.
"""TAP read from a program's output, one block per boot."""

import re

PLAN = re.compile(r"^1\.\.(\d+)\s*(?:#.*)?$")
RESULT = re.compile(r"^(ok|not ok)\b\s*(.*)$")
# A skip counts as one only on an "ok" line and with a reason after the
# directive ("ok 3 - x # SKIP needs 4 CPUs"); "not ok ... # skip" and a skip
# without a reason are failures, so no test can hide behind the word.
SKIP = re.compile(r"#\s*skip\b\s*(.*)$", re.IGNORECASE)


def console_line(raw):
    """The visible part of a console line: without its line end, with
    anything before a carriage return overwritten and a backspace moving
    back over the character before it, as a terminal shows them (the
    console's echo erases a character with "\\b \\b"); other control
    characters show nothing."""
    shown, col = [], 0
    for c in raw.rstrip("\r\n").split("\r")[-1]:
        if c == "\b":
            col = max(col - 1, 0)
        elif (" " <= c and c != "\x7f") or c == "\t":
            shown[col:col + 1] = c
            col += 1
    return "".join(shown).strip()


class TapStream:
    """TAP from one program, a block per boot: results as they complete
    (a failure with the "#" lines after it), then the plan checked when the
    block ends. Results go to the session's report() and fail()."""

    def __init__(self, session, plan_first=False):
        self.session = session
        self.prefix = ""        # "boot 2: " from a suite's second boot on
        # Host tests must say how many results to expect before the first.
        self.plan_first = plan_first
        self.reset()

    def reset(self):
        self.plan = None
        self.count = 0
        self.pending = None     # a result waiting for its "#" lines

    def line(self, text):
        plan = PLAN.match(text)
        result = RESULT.match(text)
        if plan:
            self.flush()
            if self.plan is not None:
                self.session.fail(f"{self.prefix}second TAP plan", [text])
            self.plan = int(plan.group(1))
        elif result:
            self.flush()
            if self.plan_first and self.plan is None and self.count == 0:
                self.session.fail(f"{self.prefix}a result before the TAP plan",
                                  [text])
            self.count += 1
            self.pending = (result.group(1), result.group(2), [])
            # Only a failure's "#" lines are its diagnostics; other comment
            # lines are notes that stay in the log.
            if result.group(1) == "ok":
                self.flush()
        elif text.startswith("#") and self.pending:
            self.pending[2].append(text)

    def flush(self):
        if self.pending:
            verdict, desc, diags = self.pending
            self.pending = None
            skip = SKIP.search(desc)
            if skip and verdict == "not ok":
                diags = diags + ["# a failed test cannot be a skip"]
            elif skip and not skip.group(1).strip():
                verdict = "not ok"
                diags = diags + ["# a skip must give its reason"]
            elif skip:
                verdict = "skip"
            self.session.report(verdict, self.prefix + desc, diags)

    def empty(self):
        """Nothing of a block has come since the last one ended."""
        return self.plan is None and self.count == 0 and not self.pending

    def cut(self, why):
        """End a block that `why` cut short: the results so far stand, and
        what never came is noted, not failed."""
        self.flush()
        if self.plan is None and self.count:
            self.session.note(f"{self.prefix}{self.count} results and no "
                              f"TAP plan before {why}")
        elif self.plan is not None and self.count < self.plan:
            self.session.note(f"{self.prefix}{self.count} of {self.plan} "
                              f"planned tests reported before {why}")
        self.reset()

    def close(self, cut_short=False):
        """End of a block: the plan must be there and match the results.
        With `cut_short` (an expected panic ended the block) fewer results
        than planned are noted, not failed."""
        self.flush()
        where = self.prefix
        if self.plan is None:
            self.session.fail(f"{where}TAP plan missing",
                              [f"# {self.count} results and no 1..N line"])
        elif self.plan == 0:
            self.session.fail(f"{where}TAP plan 1..0: no test ran")
        elif self.count < self.plan and cut_short:
            self.session.note(f"{where}{self.count} of {self.plan} planned "
                              "tests reported before the expected panic")
        elif self.count < self.plan:
            self.session.fail(f"{where}only {self.count} of {self.plan} "
                              "planned tests reported")
        elif self.count > self.plan:
            self.session.fail(f"{where}{self.count} tests reported, "
                              f"but the plan says {self.plan}")
        self.reset()
