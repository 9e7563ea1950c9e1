# SPDX-License-Identifier: MIT
# The host test runner as a package (test/run is its entry point); it finds
# qmp.py and vrm_qemu.py in tools/.
"""vrm's host test runner.

    manifest   test/suites: rows, options, the QEMU machine of a suite
    tap        console lines and TAP blocks, results checked against plans
    report     printing results and counting them for the summary line
    session    one program read line by line: process, pipes, deadlines, log
    script     console scripts (console=): the format and its parser
    console    playing a console script: typing at the prompt, reading back
    hosttest   a host unit test binary
    verbs      the @@host verbs the kernel may ask for
    qemu       one suite's QEMU: banner, requests, QMP, power cycles, exit
    panic      the checks of a suite that is meant to end in a kernel panic
    cli        the command line, the worker pool and the summary
"""

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))
