# SPDX-License-Identifier: MIT
# A host unit test binary run as a session: its TAP, then its exit status.
"""Host test binaries (built under ASan and UBSan by the Makefile)."""

import os

from .session import STOP, Session, describe_exit


class HostTest(Session):
    """A host unit test binary: TAP on stdout, non-zero exit is a failure."""

    def __init__(self, path, ctx):
        super().__init__(os.path.basename(path), ctx.host_timeout, ctx)
        self.path = path
        self.tap.plan_first = True

    def run(self):
        try:
            self.start([self.path])
        except OSError as e:
            self.fail(f"cannot run {self.path}", [f"# {e}"])
            return
        self.run_until_exit()
        if not STOP.is_set():
            self.tap.close()
        if self.killed:
            self.fail(self.killed)
        elif self.status != 0:
            self.fail(describe_exit(self.status), self.recent_stderr())
