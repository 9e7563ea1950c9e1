# SPDX-License-Identifier: MIT
# The @@host verbs: what the kernel may ask the runner to do to its machine.
"""@@host verbs.

VERBS maps a verb's name to a function(suite, args) that returns the status
to answer with `@@done <verb> <status>`, or None when the answer comes
another way (a new boot). A verb raises qmp.QMPError, OSError, ValueError or
RuntimeError to have 1 answered and its failure noted; a
dlpar_ops.DlparError (a RuntimeError) has its own status answered.

The DLPAR verbs are the operations of tools/dlpar_ops.py, which tools/dlpar
runs too: cpu-add N, cpu-remove N, mem-add MIB, mem-remove MIB
(docs/dlpar.md says what each answers).
"""

import json
import time

import dlpar_ops

from .session import STOP

VERBS = {}


def verb(name):
    def register(fn):
        VERBS[name] = fn
        return fn
    return register


@verb("boot")
def verb_boot(s, args):
    return s.boots


@verb("sleep")
def verb_sleep(s, args):
    seconds = float(args[0]) if args else 0.0
    STOP.wait(max(0.0, min(seconds, s.deadline - time.monotonic())))
    return 0


@verb("reboot")
def verb_reboot(s, args):
    s.qmp().execute("system_reset")
    return None


@verb("powercycle")
def verb_powercycle(s, args):
    s.powercycle()
    return None


@verb("qmp")
def verb_qmp(s, args):
    """One QMP command as JSON: {"execute": NAME, "arguments": {...}}."""
    msg = json.loads(" ".join(args))
    if not isinstance(msg, dict) or not isinstance(msg.get("execute"), str) \
            or not isinstance(msg.get("arguments", {}), dict):
        raise ValueError("not a QMP command")
    s.qmp().execute(msg["execute"], **msg.get("arguments", {}))
    return 0


def dlpar_verb(name):
    """The DLPAR operation `name` as a verb."""
    return lambda s, args: s.dlpar(name, args)


VERBS.update({name: dlpar_verb(name) for name in dlpar_ops.CHANGES})
