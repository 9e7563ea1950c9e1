# SPDX-License-Identifier: MIT
# Plays a console script (test/runner/script.py) on a suite's console:
# types at the prompt as a person would, reads the lines that come back.
"""The console player: each step of the script is one result."""

import re
import time

from .script import edited, expand, shown

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
        self.heard = True       # output came since the last typing
        self.block = None       # the repeat block being played
        self.rejected = set()   # lines already reported as rejected
        self.begin()

    @property
    def done(self):
        return self.stopped or self.index == len(self.steps)

    def begin(self):
        """Start the current step: its deadline, where it looks, and the
        state of a repeat block it opens."""
        step = None if self.done else self.steps[self.index]
        self.deadline = time.monotonic() + (step.timeout if step else 0)
        self.typed_at = None    # a typing step's line count when it typed
        self.scan = self.read   # an expect's first line not yet tried
        self.regex = None
        block = step.block if step else None
        if block is not self.block:
            self.block = block
            self.attempt = 1
            self.given_up = False       # the last attempt failed
            self.held = []              # results of the attempt so far
            self.block_read = self.read
            self.attempt_lines = len(self.lines)

    def line(self, text):
        self.lines.append(text)
        self.unfinished = ""
        self.heard = True
        self.advance()

    def partial(self, text):
        self.unfinished = text
        self.heard = True
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
                          "that sets it failed", final=True)
                continue
            except AttemptFailed as e:
                self.fail(step, str(e))
                continue
            if not complete:
                break
            self.passed(step)
        if not self.done and time.monotonic() >= self.deadline:
            step = self.steps[self.index]
            self.fail(step, self.why_late(step))

    def passed(self, step):
        """Report `step` passed; inside a block, once the attempt passes."""
        if not self.block or self.given_up:
            self.suite.report("ok", self.describe(step))
        else:
            self.held.append(self.describe(step))
            if self.index == self.block.last:
                for desc in self.held:
                    self.suite.report("ok", desc)
                if self.attempt > 1:
                    self.suite.note(f"{self.block.where}: passed on attempt "
                                    f"{self.attempt} of "
                                    f"{self.block.attempts}")
        self.next()

    def next(self):
        self.index += 1
        self.begin()

    def prompt_ready(self, prompt):
        """Whether the console ends with a prompt printed since the last
        typing: right after keys that wait for no echo, the prompt still
        shown is the one they were typed at."""
        return self.heard and self.unfinished.rstrip().endswith(prompt)

    def play(self, step):
        """True once `step` is complete."""
        if step.verb == "expect":
            return self.play_expect(step)
        text = expand(step.text, self.values, literal=False)
        if self.typed_at is None:
            if step.verb != "press" and not self.prompt_ready(step.prompt):
                return False
            self.typed_at = len(self.lines)
            self.heard = False
            enter = "\n" if step.verb in ("send", "type") else ""
            self.suite.write(text + enter)
            return not enter
        line = edited(text)
        for i in range(self.typed_at, len(self.lines)):
            if echoes(self.lines[i], step.prompt, line):
                self.echoes.add(i)
                if step.verb == "send":
                    self.check_rejects(step, self.read, i)
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
                self.check_rejects(step, self.read, i)
                self.read = i + 1
                return True
        self.scan = len(self.lines)
        # In a block, a new prompt means the command's output is complete:
        # the line will not come in this attempt.
        if self.block and not self.given_up and step.prompt and \
                len(self.lines) > self.attempt_lines and \
                self.unfinished.rstrip().endswith(step.prompt):
            raise AttemptFailed(f"no line matching /{step.text}/ before the "
                                "next prompt")
        return False

    def check_rejects(self, step, first, end):
        """Lines first..end-1, which `step` passes over, against the
        script's reject lines: each one they match (typed echoes aside) is
        a failure of its own, told once."""
        for i in range(first, end):
            line = self.lines[i]
            hit = next((r for r in step.rejects if r.search(line)), None)
            if hit and i not in self.echoes and i not in self.rejected:
                self.rejected.add(i)
                self.suite.fail(f"console: a rejected line before {step.where}",
                                [f"# {line!r} matches /{hit.pattern}/"])

    def why_late(self, step):
        seconds = f"{step.timeout:g} s"
        if step.verb == "expect":
            return f"no line matching /{step.text}/ within {seconds}"
        if self.typed_at is None:
            return f"no prompt {step.prompt!r} within {seconds}"
        return f"the typed line did not come back within {seconds}"

    def fail(self, step, why, final=False):
        """Report `step` failed, or start the next attempt of its block.
        After an expect the next step is played (the prompt may well come);
        a line that could not be typed stops the script."""
        if self.block and not self.given_up:
            if self.attempt < self.block.attempts and not final:
                self.retry()
                return
            self.given_up = True
            for desc in self.held:
                self.suite.report("ok", desc)
            why += f" (attempt {self.attempt} of {self.block.attempts})"
        shown_lines = self.lines[-SHOWN_LINES:] + (
            [self.unfinished] if self.unfinished else [])
        diags = [f"# {step.where}: {why}", "# the console's last lines:"]
        self.suite.report("not ok", self.describe(step),
                          diags + [f"#   {l}" for l in shown_lines])
        self.stopped = step.verb in ("send", "type", "keys")
        self.next()

    def retry(self):
        """The block's next attempt: from its first step, its expects
        reading on from where the block began."""
        self.attempt += 1
        self.held = []
        self.index = self.block.first
        self.read = self.block_read
        self.attempt_lines = len(self.lines)
        self.begin()

    def describe(self, step):
        if step.verb in ("send", "type"):
            return f"console: typed {shown(step.text)}"
        if step.verb != "expect":
            return f"console: {step.verb} {shown(step.text)}"
        return f"console: {step.after or 'boot'} -> /{step.text}/"

    def finish(self, why):
        """The console ended: the step under way fails with `why`, and the
        steps never played are counted as one failure."""
        if not self.done:
            self.fail(self.steps[self.index], why, final=True)
        self.check_rejects(self.steps[-1], self.read, len(self.lines))
        left = len(self.steps) - self.index
        if left:
            self.suite.fail(f"console: {left} of {len(self.steps)} steps "
                            "not played")


class AttemptFailed(Exception):
    """An expect of a repeat block that cannot pass in this attempt."""


def echoes(line, prompt, text):
    """Whether a console line is the prompt followed by the typed text."""
    return line.endswith(text) and \
        line[:len(line) - len(text)].rstrip().endswith(prompt)
