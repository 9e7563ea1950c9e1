#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes compile_commands.json (the compilation database of clangd and the
# like) from a dry run of the Makefile: one entry per compiler command.
"""Turn `make -Bn` output into a compilation database.

    make -Bn V=1 TARGETS | tools/compdb.py --cc CC [--cc CC2] -o FILE

Every line whose first word is one of the compilers and that names a C or
assembly source becomes an entry with the command's real flags. The
Makefile's rules compile into temporary names and write dependency files
on the way; the entry names the final object and leaves the dependency
flags out, so running it by hand writes nothing but that object.
"""

import argparse
import json
import os
import shlex
import sys

SOURCE_SUFFIXES = (".c", ".S")
# Dependency-file flags, with the number of words each takes.
DEPENDENCY_FLAGS = {"-MMD": 0, "-MP": 0, "-MF": 1, "-MT": 1}


def entry(line, compilers, directory):
    """The database entry for one recipe line, or None if it compiles nothing."""
    command = line.split("&&")[0].strip()
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if not argv or argv[0] not in compilers:
        return None
    args, source, skip = [], None, 0
    for i, word in enumerate(argv):
        if skip:
            skip -= 1
            continue
        if word in DEPENDENCY_FLAGS:
            skip = DEPENDENCY_FLAGS[word]
            continue
        if i > 0 and argv[i - 1] == "-o" and word.endswith(".tmp"):
            word = word[:-len(".tmp")]
        if word.endswith(SOURCE_SUFFIXES) and not word.startswith("-") \
                and argv[i - 1] not in ("-o", "-include", "-isystem"):
            source = word
        args.append(word)
    if source is None:
        return None
    return {"directory": directory, "file": source, "arguments": args}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cc", action="append", required=True,
                   help="a compiler command, as the Makefile runs it")
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args(argv)
    directory = os.getcwd()
    # A source built for several worlds (lib/ for the kernel, the SDK and
    # the host tests) has one entry per object, as the database allows.
    entries = [e for e in (entry(line, set(a.cc), directory)
                           for line in sys.stdin) if e]
    if not entries:
        print("compdb: the dry run compiled nothing", file=sys.stderr)
        return 1
    tmp = a.output + ".tmp"
    with open(tmp, "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")
    os.replace(tmp, a.output)
    print(f"compdb: {len(entries)} entries in {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
