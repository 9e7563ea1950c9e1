# SPDX-License-Identifier: MIT
# Writes and lists cpio archives in the "newc" format that Linux and vrm
# unpack as an initramfs; device nodes need no root to be written.
"""cpio newc archives.

    write("build/x.cpio", [Entry("init", mode=0o100755, data=b"..."),
                           Entry("dev", mode=0o040755),
                           Entry("dev/console", mode=0o020600, rdev=(5, 1))])
    names("build/x.cpio")  ->  ["init", "dev", "dev/console"]

Each member: a 110-byte ASCII header ("070701" and thirteen 8-digit hex
fields), the name with its NUL padded to a multiple of four bytes, the data
padded likewise; the archive ends with the member "TRAILER!!!".
"""

import dataclasses
import os
import stat

MAGIC = b"070701"
TRAILER = "TRAILER!!!"
HEADER_LEN = 110


@dataclasses.dataclass
class Entry:
    name: str                   # without a leading "/"
    mode: int                   # file type and permission bits
    data: bytes = b""
    rdev: tuple[int, int] = (0, 0)


def _pad(n):
    return (4 - n % 4) % 4


def _member(ino, e):
    name = e.name.lstrip("/").encode() + b"\0"
    nlink = 2 if stat.S_ISDIR(e.mode) else 1
    fields = (ino, e.mode, 0, 0, nlink, 0, len(e.data), 0, 0,
              e.rdev[0], e.rdev[1], len(name), 0)
    head = MAGIC + b"".join(b"%08x" % f for f in fields)
    return (head + name + b"\0" * _pad(HEADER_LEN + len(name)) +
            e.data + b"\0" * _pad(len(e.data)))


def pack(entries):
    """The archive of `entries` as bytes; directories must come before
    what they hold."""
    out = [_member(i + 1, e) for i, e in enumerate(entries)]
    out.append(_member(0, Entry(TRAILER, 0)))
    return b"".join(out)


def write(path, entries):
    """Write the archive whole: `path` never holds half of one."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(pack(entries))
    os.replace(tmp, path)


def members(blob):
    """(name, mode, data) of each member of a newc archive, in order."""
    pos = 0
    while pos + HEADER_LEN <= len(blob):
        head = blob[pos:pos + HEADER_LEN]
        if head[:6] != MAGIC:
            raise ValueError(f"no newc header at offset {pos}")
        field = [int(head[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = field[1], field[6], field[11]
        name_at = pos + HEADER_LEN
        name = blob[name_at:name_at + namesize - 1].decode()
        data_at = name_at + namesize + _pad(HEADER_LEN + namesize)
        if name == TRAILER:
            return
        yield name, mode, blob[data_at:data_at + size]
        pos = data_at + size + _pad(size)


def names(path):
    """The member names of the archive at `path`; regular files and others
    alike."""
    with open(path, "rb") as f:
        return [name for name, _mode, _data in members(f.read())]
