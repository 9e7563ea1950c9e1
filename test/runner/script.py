# SPDX-License-Identifier: MIT
# Console scripts (console=PATH in test/suites): the file format and its
# parser, which checks a script before anything boots.
"""Console scripts: lines typed at the shell and the lines expected back.

One instruction per line; blank lines and lines starting with # are skipped.

    prompt TEXT      what the shell prints when it waits for a line (blanks
                     at its end do not count); needed before the first send
    timeout SECONDS  how long each step from here on may take (default 60):
                     it catches a hang, it does not measure anything
    send TEXT        a step: wait for the prompt at the end of the console,
                     type TEXT and Enter, wait for the console to echo the
                     line; the expects after it read the lines after the echo
    type TEXT        the same, but the expects after it read on from where
                     they were (the echo itself excepted): for output whose
                     place is not fixed, like the end of a background job,
                     reported before the next prompt or by wait
    expect REGEX     a step: wait for a console line, after the last one an
                     expect matched or a send echoed, that REGEX matches
                     (Python re.search on the line without its line end and
                     outer blanks); the lines up to it are done with

${name} in TEXT or REGEX stands for a value: firmware, cpus and mem (MiB) of
the suite's machine, or what a named group (?P<name>...) of an earlier
expect matched; in a REGEX the value is matched literally.
"""

import re
from dataclasses import dataclass

VARIABLE = re.compile(r"\$\{([A-Za-z_]\w*)\}")
MACHINE_VALUES = ("firmware", "cpus", "mem")
DEFAULT_TIMEOUT = 60.0
STEPS = ("send", "type", "expect")


@dataclass
class Step:
    """One step of a script: a line typed (send, type) or expected."""
    verb: str
    text: str           # the line typed or the REGEX, ${name} unexpanded
    where: str          # "file:line", for messages
    timeout: float
    prompt: str | None
    after: str          # the last line typed before this step ("" at boot)


def expand(text, values, literal):
    """`text` with each ${name} replaced by its value (re.escape'd when
    `literal`); raises KeyError for a name without one."""
    return VARIABLE.sub(lambda m: re.escape(values[m.group(1)]) if literal
                        else values[m.group(1)], text)


def parse_script(path, label):
    """The steps of the script at `path` (named `label` in messages);
    raises ValueError."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise ValueError(f"console script {label}: {e.strerror}") from e
    steps, state = [], {"prompt": None, "timeout": DEFAULT_TIMEOUT,
                        "after": "", "known": set(MACHINE_VALUES)}
    for number, line in enumerate(lines, 1):
        verb, _, arg = line.strip().partition(" ")
        if not verb or verb.startswith("#"):
            continue
        where = f"{label}:{number}"
        try:
            step = parse_line(verb, arg.strip(), where, state)
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from e
        if step:
            steps.append(step)
    if not steps:
        raise ValueError(f"console script {label} has no step")
    return steps


def parse_line(verb, arg, where, state):
    """A Step for a step line, None for a setting (kept in `state`)."""
    if verb == "prompt":
        if not arg:
            raise ValueError("prompt needs the prompt's text")
        state["prompt"] = arg
        return None
    if verb == "timeout":
        try:
            seconds = float(arg)
        except ValueError:
            seconds = 0.0
        if not 0 < seconds < float("inf"):
            raise ValueError(f"timeout needs positive seconds, not {arg!r}")
        state["timeout"] = seconds
        return None
    if verb not in STEPS:
        raise ValueError(f"unknown instruction {verb!r}")
    unknown = [n for n in VARIABLE.findall(arg) if n not in state["known"]]
    if unknown:
        raise ValueError(f"${{{unknown[0]}}} has no value here")
    if verb == "expect":
        state["known"] |= set(pattern(arg).groupindex)
    elif state["prompt"] is None:
        raise ValueError(f"{verb} before any prompt line")
    step = Step(verb, arg, where, state["timeout"], state["prompt"],
                state["after"])
    if verb != "expect":
        state["after"] = arg
    return step


def pattern(regex):
    """The REGEX of an expect, compiled with stand-ins for its values."""
    if not regex:
        raise ValueError("expect needs a regular expression")
    try:
        return re.compile(VARIABLE.sub("x", regex))
    except re.error as e:
        raise ValueError(f"bad regular expression {regex!r}: {e}") from e
