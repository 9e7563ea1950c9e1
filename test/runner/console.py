# SPDX-License-Identifier: MIT
# Plays a console script (test/runner/script.py) on a suite's console:
# types at the prompt as a person would, reads the lines that come back.
"""The console player: each step of the script is one result."""

import re
import time

from .script import expand

SHOWN_LINES = 6         # console lines quoted when a step fails


class ConsolePlayer:
    """Steps through a script as console output arrives. The suite feeds it
    every console line and the unfinished last line, and ticks it when the
    console is quiet; the player types through the suite's write() and
    reports each step through its report()."""

    def __init__(self, steps, values, suite):
        self.steps = steps
        self.values = dict(values)
        self.suite = suite
        self.lines = []         # the console's complete lines, as shown
        self.unfinished = ""    # the line still being printed
        self.echoes = set()     # indices of lines that echo typed input
        self.read = 0           # expects read from this line on
        self.index = 0          # the step being played
        self.stopped = False    # a line could not be typed: the rest is off
        self.begin()

    @property
    def done(self):
        return self.stopped or self.index == len(self.steps)

    def begin(self):
        """Start the current step: its deadline, where it looks."""
        self.deadline = time.monotonic() + (self.steps[self.index].timeout
                                            if not self.done else 0)
        self.typed_at = None    # a send's line count when it typed
        self.scan = self.read   # an expect's first line not yet tried
        self.regex = None

    def line(self, text):
        self.lines.append(text)
        self.unfinished = ""
        self.advance()

    def partial(self, text):
        self.unfinished = text
        self.advance()

    def advance(self):
        """Play steps while they complete; fail the current one when its
        time is up."""
        while not self.done:
            step = self.steps[self.index]
            try:
                complete = self.play(step)
            except KeyError as e:
                self.fail(step, f"${{{e.args[0]}}} has no value: the step "
                          "that sets it failed")
                continue
            if not complete:
                break
            self.suite.report("ok", self.describe(step))
            self.next()
        if not self.done and time.monotonic() >= self.deadline:
            step = self.steps[self.index]
            self.fail(step, self.why_late(step))

    def next(self):
        self.index += 1
        self.begin()

    def play(self, step):
        """True once `step` is complete."""
        if step.verb == "expect":
            return self.play_expect(step)
        text = expand(step.text, self.values, literal=False)
        if self.typed_at is None:
            if not self.unfinished.rstrip().endswith(step.prompt):
                return False
            self.typed_at = len(self.lines)
            self.suite.write(text + "\n")
            return False
        for i in range(self.typed_at, len(self.lines)):
            if echoes(self.lines[i], step.prompt, text):
                self.echoes.add(i)
                if step.verb == "send":
                    self.read = i + 1
                return True
        return False

    def play_expect(self, step):
        if self.regex is None:
            self.regex = re.compile(expand(step.text, self.values,
                                           literal=True))
        for i in range(self.scan, len(self.lines)):
            match = self.regex.search(self.lines[i])
            if match and i not in self.echoes:
                self.values.update({k: v for k, v in
                                    match.groupdict().items() if v})
                self.read = i + 1
                return True
        self.scan = len(self.lines)
        return False

    def why_late(self, step):
        seconds = f"{step.timeout:g} s"
        if step.verb == "expect":
            return f"no line matching /{step.text}/ within {seconds}"
        if self.typed_at is None:
            return f"no prompt {step.prompt!r} within {seconds}"
        return f"the typed line did not come back within {seconds}"

    def fail(self, step, why):
        """Report `step` failed. After an expect the next step is played
        (the prompt may well come); a line that could not be typed stops
        the script."""
        shown = self.lines[-SHOWN_LINES:] + (
            [self.unfinished] if self.unfinished else [])
        diags = [f"# {step.where}: {why}", "# the console's last lines:"]
        self.suite.report("not ok", self.describe(step),
                          diags + [f"#   {l}" for l in shown])
        self.stopped = step.verb != "expect"
        self.next()

    def describe(self, step):
        if step.verb != "expect":
            return f"console: typed {step.text}"
        return f"console: {step.after or 'boot'} -> /{step.text}/"

    def finish(self, why):
        """The console ended: the step under way fails with `why`, and the
        steps never played are counted as one failure."""
        if not self.done:
            self.fail(self.steps[self.index], why)
        left = len(self.steps) - self.index
        if left:
            self.suite.fail(f"console: {left} of {len(self.steps)} steps "
                            "not played")


def echoes(line, prompt, text):
    """Whether a console line is the prompt followed by the typed text."""
    return line.endswith(text) and \
        line[:len(line) - len(text)].rstrip().endswith(prompt)
