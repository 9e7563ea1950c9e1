# SPDX-License-Identifier: MIT
# The @@host verbs: what the kernel may ask the runner to do to its machine.
"""@@host verbs.

VERBS maps a verb's name to a function(suite, args) that returns the status
to answer with `@@done <verb> <status>`, or None when the answer comes
another way (a new boot). A verb raises qmp.QMPError, OSError, ValueError or
RuntimeError to have 1 answered and its failure noted.
"""

import json
import time

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
