# SPDX-License-Identifier: MIT
# Console scripts (console=PATH in test/suites): the file format and its
# parser, which checks a script before anything boots.
r"""Console scripts: lines typed at the shell and the lines expected back.

One instruction per line; blank lines and lines starting with # are skipped.

    prompt TEXT      what the shell prints when it waits for a line (blanks
                     at its end do not count); needed before the first send
    timeout SECONDS  how long each step from here on may take (default 60):
                     it catches a hang, it does not measure anything
    reject REGEX     from here on, a console line that REGEX matches is a
                     failure (of the expect that reads past it, or of the
                     script's end) unless an expect matches that very line:
                     an error message is allowed only where the script
                     asks for it
    send TEXT        a step: wait for a prompt printed since the last typing,
                     type TEXT and Enter, wait for the console to echo the
                     line; the expects after it read the lines after the echo
    type TEXT        the same, but the expects after it read on from where
                     they were (the echo itself excepted): for output whose
                     place is not fixed, like the end of a background job,
                     reported before the next prompt or by wait
    keys TEXT        a step: wait for a prompt like send, type TEXT without
                     Enter and go on at once (no echo is waited for): a
                     half-typed line ended by a control key; the expects
                     after it read on from where they were
    press TEXT       a step: type TEXT at once, whatever the console shows:
                     keys for a program that runs, like Ctrl-C or Ctrl-Z
    expect REGEX     a step: wait for a console line, after the last one an
                     expect matched or a send echoed, that REGEX matches
                     (Python re.search on the line without its line end and
                     outer blanks); the lines up to it are done with
    repeat N         the steps up to the matching `end` form a block that is
    ...              played up to N times (2..100), until one attempt passes
    end              whole. A step that fails ends the attempt: an expect
                     whose time is up, or that sees a new prompt with no
                     matching line before it. The next attempt starts again
                     at the block's first step, its expects reading on from
                     where the block began. Each step is one result, from
                     the attempt that passed or else the last one. It is for
                     a state that comes in its own time (a shell asleep in
                     ps, a background job stopped at its read); the expects
                     inside are as strict as anywhere else.

In TEXT, \xHH is the ASCII byte HH (\x03 Ctrl-C, \x1a Ctrl-Z, \x7f
Backspace, \x15 Ctrl-U) and \\ a backslash; any other backslash is an
error. The echo a send or type waits for is the line as the terminal shows
it once its erase (\x7f, \x08) and kill (\x15) characters have done their
work, so those are the only control characters they may type.

${name} in TEXT or REGEX stands for a value: firmware, cpus and mem (MiB) of
the suite's machine, or what a named group (?P<name>...) of an earlier
expect matched; in a REGEX the value is matched literally.
"""

import re
from dataclasses import dataclass

VARIABLE = re.compile(r"\$\{([A-Za-z_]\w*)\}")
ESCAPE = re.compile(r"\\(x[0-7][0-9A-Fa-f]|\\)")     # console input is ASCII
MACHINE_VALUES = ("firmware", "cpus", "mem")
DEFAULT_TIMEOUT = 60.0
STEPS = ("send", "type", "keys", "press", "expect")
TYPING = ("send", "type", "keys", "press")
REPEAT_MAX = 100
ERASE = "\x7f\x08"
KILL = "\x15"


@dataclass
class Block:
    """The steps of a repeat block: steps[first:last + 1] of the script."""
    first: int
    last: int
    attempts: int
    where: str


@dataclass
class Step:
    """One step of a script: a line typed (send, type), keys typed (keys,
    press) or a line expected."""
    verb: str
    text: str           # what is typed (escapes decoded) or the REGEX,
                        # ${name} unexpanded
    where: str          # "file:line", for messages
    timeout: float
    prompt: str | None
    after: str          # the last line typed before this step ("" at boot)
    block: Block | None = None
    rejects: tuple = ()  # compiled REGEXes of the reject lines before it


def expand(text, values, literal):
    """`text` with each ${name} replaced by its value (re.escape'd when
    `literal`); raises KeyError for a name without one."""
    return VARIABLE.sub(lambda m: re.escape(values[m.group(1)]) if literal
                        else values[m.group(1)], text)


def unescape(text):
    """TEXT with its \\xHH and \\\\ escapes decoded; raises ValueError for
    any other backslash."""
    out, pos = [], 0
    while (slash := text.find("\\", pos)) >= 0:
        m = ESCAPE.match(text, slash)
        if not m:
            raise ValueError(r"a backslash in TEXT must start \xHH "
                             r"(00..7f) or \\")
        code = m.group(1)
        byte = "\\" if code == "\\" else chr(int(code[1:], 16))
        out += [text[pos:slash], byte]
        pos = m.end()
    return "".join(out) + text[pos:]


def edited(text):
    """What a terminal shows of a typed line: each erase character takes
    back the character before it, the kill character the whole line."""
    shown = []
    for c in text:
        if c in ERASE:
            if shown:
                shown.pop()
        elif c in KILL:
            shown.clear()
        else:
            shown.append(c)
    return "".join(shown)


def shown(text):
    """TEXT as printable as the runner's messages need: escapes again."""
    return "".join(c if " " <= c <= "~" and c != "\\" else
                   "\\\\" if c == "\\" else f"\\x{ord(c):02x}" for c in text)


def parse_script(path, label):
    """The steps of the script at `path` (named `label` in messages);
    raises ValueError."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise ValueError(f"console script {label}: {e.strerror}") from e
    steps, state = [], {"prompt": None, "timeout": DEFAULT_TIMEOUT,
                        "after": "", "known": set(MACHINE_VALUES),
                        "block": None, "rejects": ()}
    for number, line in enumerate(lines, 1):
        verb, _, arg = line.strip().partition(" ")
        if not verb or verb.startswith("#"):
            continue
        where = f"{label}:{number}"
        try:
            if verb in ("repeat", "end"):
                parse_block(verb, arg.strip(), where, state, steps)
                continue
            step = parse_line(verb, arg.strip(), where, state)
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from e
        if step:
            steps.append(step)
    if state["block"]:
        raise ValueError(f"{state['block'].where}: repeat without its end")
    if not steps:
        raise ValueError(f"console script {label} has no step")
    return steps


def parse_block(verb, arg, where, state, steps):
    """repeat N opens a block, end closes it and marks its steps."""
    block = state["block"]
    if verb == "repeat":
        if block:
            raise ValueError(f"repeat inside the block of {block.where}")
        if not re.fullmatch(r"\d+", arg) or not 2 <= int(arg) <= REPEAT_MAX:
            raise ValueError(f"repeat needs a count of 2..{REPEAT_MAX}, "
                             f"not {arg!r}")
        state["block"] = Block(len(steps), -1, int(arg), where)
        return
    if arg:
        raise ValueError("end takes nothing after it")
    if not block:
        raise ValueError("end without a repeat")
    inside = steps[block.first:]
    if not any(s.verb == "expect" for s in inside):
        raise ValueError(f"the block of {block.where} has no expect: "
                         "nothing could make an attempt fail")
    block.last = len(steps) - 1
    for s in inside:
        s.block = block
    state["block"] = None


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
    if verb == "reject":
        if VARIABLE.search(arg):
            raise ValueError("a reject REGEX takes no ${name}")
        state["rejects"] += (pattern(arg),)
        return None
    if verb not in STEPS:
        raise ValueError(f"unknown instruction {verb!r}")
    unknown = [n for n in VARIABLE.findall(arg) if n not in state["known"]]
    if unknown:
        raise ValueError(f"${{{unknown[0]}}} has no value here")
    if verb == "expect":
        state["known"] |= set(pattern(arg).groupindex)
    else:
        arg = typed(verb, arg, state)
    step = Step(verb, arg, where, state["timeout"], state["prompt"],
                state["after"], rejects=state["rejects"])
    if verb != "expect":
        state["after"] = shown(arg)
    return step


def typed(verb, arg, state):
    """The decoded TEXT of a typing step, checked."""
    if verb != "press" and state["prompt"] is None:
        raise ValueError(f"{verb} before any prompt line")
    text = unescape(arg)
    if not text and verb in ("keys", "press"):
        raise ValueError(f"{verb} needs something to type")
    if verb in ("send", "type"):
        bad = [c for c in text if c < " " and c not in ERASE + KILL]
        if bad:
            raise ValueError(f"{verb} cannot type \\x{ord(bad[0]):02x}: its "
                             "line would not come back as an echo (use keys "
                             "or press)")
    return text


def pattern(regex):
    """The REGEX of an expect, compiled with stand-ins for its values."""
    if not regex:
        raise ValueError("expect needs a regular expression")
    try:
        return re.compile(VARIABLE.sub("x", regex))
    except re.error as e:
        raise ValueError(f"bad regular expression {regex!r}: {e}") from e
