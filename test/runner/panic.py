# SPDX-License-Identifier: MIT
# The checks of a suite meant to end in a kernel panic (panic=NAME in
# test/suites): the register dump, the backtrace, the panic line, QEMU's exit.
"""Expected panics.

The kernel dumps an unexpected exception through its log, each line after a
"[seconds cpu]" prefix:

    exception 0x380 (data segment) on cpu 0
      SRR0 <16 hex>  SRR1 <16 hex>
      DAR  <16 hex>  DSISR <8 hex>
      LR   <16 hex>  CTR  <16 hex>
      CR   <8 hex>  XER  <16 hex>
      r0  <16 hex> <16 hex> <16 hex> <16 hex>     (rows r0, r4, .. r28)
    backtrace:
      nip <hex> <symbol>+0x..
      lr  <hex> <symbol>+0x..
          <hex> <symbol>+0x..                      (one line per frame)

then prints `vrm: panic: ...` and calls RTAS ibm,os-term. QEMU 7.2 answers
os-term as a guest panic: it prints "OS terminated: ..." on stderr and, with
its default -action panic=shutdown, exits by itself with status 0.
"""

import re

from .session import describe_exit

LOG_PREFIX = re.compile(r"^\[[^\]]*\]")
VECTOR = re.compile(r"exception 0x[0-9a-f]+ \(.+\) on cpu \d+")
PANIC_LINE = re.compile(r"\bvrm: panic: ")
GPR_ROW = re.compile(r"^r(\d+)(?:\s+[0-9a-f]{16}){4}$")
GPR_ROWS = frozenset(range(0, 32, 4))
REGISTERS = (
    ("SRR0 and SRR1",
     re.compile(r"^SRR0\s+[0-9a-f]{16}\s+SRR1\s+[0-9a-f]{16}\b")),
    ("DAR and DSISR",
     re.compile(r"^DAR\s+[0-9a-f]{16}\s+DSISR\s+[0-9a-f]{8}\b")),
    ("LR", re.compile(r"^LR\s+[0-9a-f]{16}\b")),
)
EXIT_STATUS = 0         # QEMU's status after os-term (-action panic=shutdown)
SHOWN_FRAMES = 8        # frames quoted when the function is not among them


class PanicWatch:
    """Reads a panic=NAME suite's console up to the panic line; the last
    dump before it is the one checked."""

    def __init__(self, function):
        self.function = function
        self.frame = re.compile(r"(?<![\w.])" + re.escape(function) +
                                r"\+0x[0-9a-f]+")
        self.panic_line = None
        self.new_dump(None)

    def new_dump(self, vector):
        self.vector = vector
        self.registers = set()          # names from REGISTERS
        self.gpr_rows = set()           # 0, 4, .. 28
        self.backtrace = None           # its frame lines, once it began

    def line(self, text):
        body = LOG_PREFIX.sub("", text).strip()
        if self.panic_line is not None or not body:
            return
        if PANIC_LINE.search(body):
            self.panic_line = body
        elif VECTOR.search(body):
            self.new_dump(body)
        elif self.backtrace is not None:
            self.backtrace.append(body)
        elif body == "backtrace:":
            self.backtrace = []
        else:
            self.register_line(body)

    def register_line(self, body):
        for name, pattern in REGISTERS:
            if pattern.search(body):
                self.registers.add(name)
        row = GPR_ROW.match(body)
        if row:
            self.gpr_rows.add(int(row.group(1)))

    def results(self):
        """(ok, description, diagnostics) for each piece of the panic."""
        missing = sorted(GPR_ROWS - self.gpr_rows)
        results = [(self.vector is not None,
                    "the dump names the exception vector",
                    ["# no line like: exception 0x300 (data storage) "
                     "on cpu 0"])]
        results += [(name in self.registers, f"the dump has {name}",
                     [f"# no {name} line"]) for name, _ in REGISTERS]
        results += [(not missing, "the dump has all 32 GPRs",
                     ["# missing rows: " +
                      " ".join(f"r{n}" for n in missing)]),
                    self.backtrace_result(),
                    (self.panic_line is not None,
                     "the vrm: panic: line is on the console",
                     ["# no line with 'vrm: panic: '"])]
        return [(ok, "expected panic: " + desc, [] if ok else diags)
                for ok, desc, diags in results]

    def backtrace_result(self):
        desc = f"the backtrace names {self.function}"
        if self.backtrace is None:
            return False, desc, ["# no backtrace: line"]
        if any(self.frame.search(f) for f in self.backtrace):
            return True, desc, []
        diags = [f"# no frame in {self.function}+0x..; the backtrace:"]
        diags += [f"#   {f}" for f in self.backtrace[:SHOWN_FRAMES]]
        return False, desc, diags


def exit_result(status, os_term):
    """(ok, description, diagnostics) for how QEMU ended after the panic:
    by itself, after the kernel's ibm,os-term, with EXIT_STATUS."""
    how = describe_exit(status)
    if os_term is None:
        return (False, f"expected panic: QEMU {how}, but no ibm,os-term "
                "came before", [])
    if status == EXIT_STATUS:
        return (True, f"expected panic: QEMU {how} by itself after "
                "ibm,os-term", [])
    return (False, f"expected panic: QEMU {how} after ibm,os-term, not "
            f"with status {EXIT_STATUS}", [f"# {os_term}"])
