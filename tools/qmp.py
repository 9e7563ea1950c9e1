# SPDX-License-Identifier: MIT
# A small QMP (QEMU Machine Protocol) client over a unix socket, for the
# test runner and the tools: commands, their errors, and asynchronous events.
"""Minimal QMP client.

    with QMPClient("build/test-logs/boot-vof-1.qmp") as qmp:
        qmp.execute("system_reset")
        qmp.execute("device_add", driver="power9_v2.0-spapr-cpu-core",
                    id="core1", **{"core-id": 1})
        event = qmp.wait_event("DEVICE_DELETED", timeout=10)

QMP argument names often contain dashes, which keyword arguments cannot
spell: pass those through a dict as above. Names are sent exactly as given.
"""

import json
import os
import select
import socket
import time


class QMPError(Exception):
    """A command answered with an error: QMP's error class and description."""

    def __init__(self, command, error_class, desc):
        super().__init__(f"{command}: {error_class}: {desc}")
        self.command = command
        self.error_class = error_class
        self.desc = desc


class QMPClient:
    """One connection to a QEMU QMP server socket.

    Events that arrive while waiting for a command's answer are kept, in
    order, until events(), wait_event() or wait_for() hands them out.
    """

    def __init__(self, path, timeout=30.0):
        self.path = path
        self.timeout = timeout      # for one command's answer
        self.sock = None
        self.greeting = None
        self._buf = b""
        self._events = []
        self._next_id = 1

    def __enter__(self):
        if self.sock is None:
            self.connect()
        return self

    def __exit__(self, *exc):
        self.close()

    def connect(self, timeout=10.0):
        """Connect, retrying while QEMU has not yet created the socket, then
        negotiate capabilities. Raises TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(self.path)
                break
            except (FileNotFoundError, ConnectionRefusedError) as e:
                sock.close()
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"QMP socket {self.path}: {e}") from e
                time.sleep(0.05)
        self.sock = sock
        self.greeting = self._read_message(deadline)
        if "QMP" not in self.greeting:
            raise ConnectionError(f"QMP socket {self.path}: no greeting")
        self.execute("qmp_capabilities")

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def execute(self, command, **args):
        """Run one command; return its "return" value or raise QMPError.

        Raises ConnectionError when QEMU closes the socket first (which
        `quit` may do) and TimeoutError when no answer comes in time.
        """
        msg = {"execute": command, "id": self._next_id}
        self._next_id += 1
        if args:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if "event" in reply:
                self._events.append(reply)
            elif reply.get("id") == msg["id"]:
                break
        if "error" in reply:
            err = reply["error"]
            raise QMPError(command, err.get("class", "?"), err.get("desc", ""))
        return reply.get("return")

    def events(self):
        """Return every event received so far (without waiting) and forget
        them; after QEMU has closed the socket, those it sent before."""
        try:
            while self._readable(0):
                self._events.append(self._read_message(time.monotonic() + 1))
        except ConnectionError:
            pass
        events, self._events = self._events, []
        return events

    def wait_event(self, name, timeout):
        """Return the first event called `name`, waiting up to `timeout`
        seconds; other events stay queued. Raises TimeoutError."""
        return self.wait_for(lambda event: event.get("event") == name,
                             timeout, name)

    def wait_for(self, match, timeout, what="event"):
        """Return the first event for which match(event) is true, waiting up
        to `timeout` seconds; other events stay queued. Raises TimeoutError,
        or ConnectionError when QEMU closes the socket first."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self._events):
                if match(event):
                    return self._events.pop(i)
            left = deadline - time.monotonic()
            if left <= 0 or not self._readable(left):
                raise TimeoutError(f"no QMP {what} in {timeout:g} s")
            self._events.append(self._read_message(deadline))

    def discard(self, match):
        """Forget the events received so far for which match(event) is
        true (without waiting for more)."""
        self._events = [e for e in self.events() if not match(e)]

    def _readable(self, timeout):
        """True when a whole message is buffered or the socket has data."""
        if b"\n" in self._buf:
            return True
        ready, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        return bool(ready)

    def _read_message(self, deadline):
        """Read one JSON message; QEMU ends each with CRLF."""
        while True:
            while b"\n" not in self._buf:
                self._receive(deadline)
            line, self._buf = self._buf.split(b"\n", 1)
            if line.strip():
                return json.loads(line)

    def _receive(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"QMP socket {self.path}: no answer")
        ready, _, _ = select.select([self.sock], [], [], left)
        if ready:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError(f"QMP socket {self.path}: closed")
            self._buf += data


class LazyQMP:
    """The QMP connection of one running QEMU, opened on first use (QEMU
    may not have made its socket yet when the caller starts it)."""

    def __init__(self, path):
        self.path = path
        self.client = None

    def get(self):
        if self.client is None:
            client = QMPClient(self.path)
            client.connect(timeout=10.0)
            self.client = client
        return self.client

    def close(self):
        if self.client is not None:
            self.client.close()
            self.client = None


def socket_path(path):
    """A unix socket path within the kernel's 107-byte limit: the shorter of
    `path` and its form relative to the current directory."""
    rel = os.path.relpath(path)
    return rel if len(rel) < len(path) else path
